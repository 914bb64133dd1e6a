import ArgumentParser
import Foundation
import TraceFormat

/// `pyframe dump`: every record and event of a trace as text.
struct DumpCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dump",
        abstract: "Print every record and event of a trace as text.",
        discussion: """
            Event lines are: time in ns since the origin, thread, kind, then the code,
            indented by call depth. Problems (a cut-off tail, damaged chunks) go to stderr.
            Examples:
              pyframe dump trace.lz4 | head -50
              pyframe dump --events-only --thread 0 trace.lz4
            """)

    @Argument(help: "The trace file.")
    var trace: String

    @Flag(help: "Print only event lines.")
    var eventsOnly = false

    @Option(help: "Only this thread's events (its index).")
    var thread: UInt32?

    @Option(parsing: .unconditional, help: "Stop after this many events; 0 for all.")
    var limit: Int?

    func validate() throws {
        try RowLimit.validate(limit)
    }

    func run() throws {
        let file: TraceFile
        do { file = try TraceFile(path: trace) } catch { throw fail("\(error)") }
        var out = BufferedOutput()
        var codes: [UInt32: CodeRecord] = [:]
        var printed = 0
        var problems = file.scan.problems
        do {
            try file.forEachChunk(problem: { problems.append("\($0)") }) { _, chunk in
                try dump(chunk, codes: &codes, printed: &printed, out: &out)
            }
        } catch is StopDump {
        } catch {
            out.flush()
            throw fail("\(error)")
        }
        out.flush()
        for problem in problems { warn(problem) }
    }

    private struct StopDump: Error {}

    private func dump(_ chunk: Chunk, codes: inout [UInt32: CodeRecord], printed: inout Int,
                      out: inout BufferedOutput) throws {
        switch chunk {
        case let .process(p):
            guard !eventsOnly else { return }
            out.line("process pid=\(p.pid) ppid=\(p.parentPid) python=\"\(p.pythonVersion.split(separator: " ").first ?? "")\"")
            out.line("  argv=\(p.argv) cwd=\(p.cwd)")
            out.line("  executable=\(p.executable)")
            out.line("  clock=\(p.clock)")
            for (key, value) in p.properties.sorted(by: { $0.key < $1.key }) { out.line("  \(key)=\(value)") }
        case let .codes(list):
            for c in list {
                codes[c.id] = c
                guard !eventsOnly else { continue }
                out.line("code \(c.id) \(c.qualname) \(c.filename):\(c.firstLine) hash=\(hex(c.hash)) bytecode=\(c.bytecode.count)B")
            }
        case let .functions(list):
            for f in list {
                codes[f.id] = f.codeRecord
                guard !eventsOnly else { continue }
                out.line("function \(f.id) \(f.displayName)")
            }
        case let .threads(list):
            guard !eventsOnly else { return }
            for t in list {
                out.line("thread \(t.index) \(t.name.isEmpty ? "-" : t.name) tid=\(t.nativeId)" +
                         (t.endTime.map { " ended=\($0) (recording paused)" } ?? ""))
            }
        case let .events(c):
            if let thread, c.header.thread != thread { return }
            if !eventsOnly {
                out.line("chunk thread=\(c.header.thread) seq=\(c.header.sequence) events=\(c.header.eventCount) open=\(c.header.openFrames.count)" +
                         (c.header.droppedBefore > 0 ? " dropped-before=\(c.header.droppedBefore)" : ""))
            }
            var depth = c.header.openFrames.count
            var stop = false
            try c.forEach { e in
                guard !stop else { return }
                if let limit, limit > 0, printed >= limit { stop = true; return }
                if !e.kind.isEntry { depth -= 1 }
                let name = codes[e.code].map { $0.filename == CFunctionRecord.fileName ? $0.qualname : "\($0.qualname) (\($0.filename):\($0.firstLine))" } ?? "<code \(e.code)>"
                out.line("\(e.time) t\(c.header.thread) \(String(repeating: " ", count: min(depth, 60)))\(e.kind.name) \(name)")
                if e.kind.isEntry { depth += 1 }
                printed += 1
            }
            if stop { throw StopDump() }
        case let .end(e):
            guard !eventsOnly else { return }
            out.line("end time=\(e.endTime) events=\(e.eventsWritten) dropped=\(e.eventsDropped) unmatched-exits=\(e.unmatchedExits) stalls=\(e.stalls) peak-rss-kib=\(e.peakRSSKiB)" +
                     (e.lossReason.isEmpty ? "" : " loss=\(e.lossReason)"))
        case let .loss(list):
            guard !eventsOnly else { return }
            for l in list {
                out.line("loss thread=\(l.thread) events=\(l.events) chunks=\(l.chunks) (not in this file)")
            }
        case let .marks(list):
            for m in list {
                if let thread, m.thread != thread { continue }
                out.line("\(m.time) t\(m.thread) mark \"\(m.label)\"")
            }
        case let .unknown(kind):
            guard !eventsOnly else { return }
            out.line("unknown chunk kind \(kind) (skipped)")
        }
    }

    private func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
