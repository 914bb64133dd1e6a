import TraceAnalysis

/// The lines above a report's tables: which program, how long, how much was
/// recorded, and every loss said plainly.
package enum ReportHeaderText {
    /// The header's lines.
    package static func lines(_ header: ReportHeader) -> [String] {
        var out: [String] = []
        if header.processes.count == 1, let p = header.processes.first {
            out.append("program   \(DisplayFormat.commandLine(p.process.argv))")
            out.append("process   pid \(p.process.pid), Python \(p.pythonVersion), cwd \(p.process.cwd)")
        } else {
            out.append("processes \(header.processes.count) merged")
            for p in header.processes {
                out.append("  pid \(p.process.pid): \(DisplayFormat.commandLine(p.process.argv))  (\(DisplayFormat.duration(p.durationNs)), \(DisplayFormat.count(p.events)) events, \(p.path))")
            }
            let versions = Set(header.processes.map(\.pythonVersion)).sorted()
            out.append("python    \(versions.joined(separator: ", "))")
        }
        out.append("duration  \(DisplayFormat.duration(header.durationNs))")
        out.append("threads   \(threadList(header))")
        out.append("events    \(DisplayFormat.count(header.events)) in \(DisplayFormat.bytes(header.traceBytes)) of trace")
        for (i, limit) in header.recordingLimits.enumerated() {
            out.append((i == 0 ? "recorded  " : "          ") + limit)
        }
        let losses = ProblemText.losses(header)
        if losses.isEmpty {
            out.append("loss      none: the trace is complete")
        } else {
            out.append("loss      the numbers below miss part of the run:")
            out += losses.map { "  ! " + $0 }
        }
        return out
    }

    private static func threadList(_ header: ReportHeader) -> String {
        let threads = header.processes.flatMap(\.threads)
        let names = threads.map(\.name)
        let shown = names.prefix(6).joined(separator: ", ")
        return "\(threads.count)" + (names.isEmpty ? "" : " (\(shown)\(names.count > 6 ? ", …" : ""))")
    }
}
