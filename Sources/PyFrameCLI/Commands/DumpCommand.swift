import ArgumentParser
import FoundationEssentials
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
        let file = try TraceFile(path: trace)
        var out = BufferedOutput()
        var text = ChunkText()
        var printed = 0
        var problems = file.scan.problems
        do {
            try file.forEachChunk(problem: { problems.append("\($0)") }) { location, chunk in
                try dump(chunk, at: location.offset, text: &text, printed: &printed, out: &out)
            }
        } catch is StopDump {
        } catch {
            out.flush()
            throw error
        }
        out.flush()
        for problem in problems { warn(problem) }
    }

    private struct StopDump: Error {}

    /// Prints `chunk` as ``ChunkText`` spells it, keeping to the thread,
    /// the event limit and `--events-only`.
    private func dump(_ chunk: Chunk, at offset: Int, text: inout ChunkText, printed: inout Int,
                      out: inout BufferedOutput) throws {
        let lines = text.lines(chunk, offset: offset)
        switch chunk {
        case let .events(c):
            if let thread, c.header.thread != thread { return }
            if !eventsOnly { lines.forEach { out.line($0) } }
            var depth = c.header.openFrames.count
            var stop = false
            try c.forEach { e in
                guard !stop else { return }
                if let limit, limit > 0, printed >= limit { stop = true; return }
                if !e.kind.isEntry { depth -= 1 }
                out.line(text.event(e, thread: c.header.thread, depth: depth))
                if e.kind.isEntry { depth += 1 }
                printed += 1
            }
            if stop { throw StopDump() }
        case let .marks(list):
            for m in list where thread == nil || m.thread == thread { out.line(ChunkText.mark(m)) }
        default:
            if !eventsOnly { lines.forEach { out.line($0) } }
        }
    }
}
