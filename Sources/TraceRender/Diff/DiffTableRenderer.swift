import PyBytecode
import TraceAnalysis
import TraceFormat

/// `pyframe diff` as text: the overall change, then each function's.
public enum DiffTableRenderer {
    /// The report's lines; `limit` cuts the function table (nil for all).
    /// With `showBytecode`, each patched function's bytecode before and after
    /// follows, side by side in `width` columns.
    public static func render(_ diff: ProfileDiff, limit: Int?, showBytecode: Bool = false,
                              width: Int = 120) -> [String] {
        var out = header(diff)
        out.append("")
        let rows = limit.map { Array(diff.rows.prefix($0)) } ?? diff.rows
        if rows.isEmpty {
            out.append("  (no functions ran on either side)")
        } else {
            out += table(rows, runs: diff.canJudgeSignificance)
            if rows.count < diff.rows.count {
                out.append("  … \(diff.rows.count - rows.count) more functions (--limit 0 shows all)")
            }
        }
        let patched = diff.rows.filter(\.patched)
        if !patched.isEmpty {
            out.append("")
            out.append("patched: \(patched.count) function(s) run with different bytecode after the change: "
                       + patched.map(\.identity.displayName).joined(separator: ", "))
        }
        if showBytecode {
            for row in patched {
                out.append("")
                out.append("── bytecode of \(row.identity.displayName)")
                guard let before = row.beforeCode, let after = row.afterCode else {
                    out.append("  (the code records are missing from the traces)")
                    continue
                }
                out.append("   before \(DisplayFormat.hash(before.hash)) → after \(DisplayFormat.hash(after.hash))")
                let lines = BytecodeDiff.sideBySide(before, after, width: width,
                                                    beforePython: diff.beforeHeader.processes.first?.process.pythonVersion,
                                                    afterPython: diff.afterHeader.processes.first?.process.pythonVersion)
                out += lines.isEmpty ? ["  (no disassembly available in this build of pyframe)"] : lines
            }
        }
        return out
    }

    static func header(_ diff: ProfileDiff) -> [String] {
        var out: [String] = []
        let program = diff.afterHeader.processes.first.map { DisplayFormat.commandLine($0.process.argv) } ?? "?"
        out.append("program   \(program)")
        out.append("runs      \(diff.beforeRuns) before, \(diff.afterRuns) after")
        out.append("run time  " + change(diff.beforeDuration, diff.afterDuration))
        out.append("          " + SignificanceText.verdict(diff.durationSignificance))
        out.append("python    " + change(diff.beforePythonTime, diff.afterPythonTime) + "  (time in Python frames)")
        let losses = diff.beforeHeader.losses.map { "before: " + $0 } + diff.afterHeader.losses.map { "after: " + $0 }
        for loss in losses { out.append("  ! " + loss) }
        return out
    }

    /// `1.200 s ± 3.0 ms → 1.000 s ± 2.0 ms (-200.000 ms, -16.7%)`.
    static func change(_ before: Sample, _ after: Sample) -> String {
        let delta = after.mean - before.mean
        let relative = before.mean > 0 ? ", " + DisplayFormat.signedPercent(delta / before.mean) : ""
        return "\(spread(before)) → \(spread(after))  (\(DisplayFormat.change(delta))\(relative))"
    }

    static func spread(_ s: Sample) -> String {
        s.count > 1 ? "\(DisplayFormat.duration(s.mean)) ± \(DisplayFormat.duration(s.standardDeviation))"
            : DisplayFormat.duration(s.mean)
    }

    static func table(_ rows: [DiffRow], runs: Bool) -> [String] {
        var columns: [TextTable.Column] = [
            .init("total change"), .init("rel"), .init("total before"), .init("total after"),
            .init("self before"), .init("self after"), .init("calls before"), .init("calls after"),
        ]
        if runs { columns.append(.init("signif.")) }
        columns.append(.init("function", right: false))
        var text = TextTable(columns)
        for row in rows {
            var cells = [
                DisplayFormat.change(row.totalChange),
                row.relativeTotalChange.map(DisplayFormat.signedPercent) ?? "new",
                spread(row.before.totalNs), spread(row.after.totalNs),
                DisplayFormat.duration(row.before.selfNs.mean), DisplayFormat.duration(row.after.selfNs.mean),
                DisplayFormat.count(row.before.calls.mean), DisplayFormat.count(row.after.calls.mean),
            ]
            if runs { cells.append(SignificanceText.mark(row.significance)) }
            var flags: [String] = []
            if row.patched { flags.append("patched") }
            if row.presence == .appeared { flags.append("appeared") }
            if row.presence == .vanished { flags.append("vanished") }
            cells.append(row.identity.displayName + (flags.isEmpty ? "" : "  [" + flags.joined(separator: ", ") + "]"))
            text.add(cells)
        }
        return text.lines()
    }
}
