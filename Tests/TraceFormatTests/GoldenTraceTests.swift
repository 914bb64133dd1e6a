import Foundation
import Testing
import TraceFormat

/// The committed sample traces in Traces/samples decode to exactly the
/// committed text: a change to the decoder that changes what old traces mean
/// fails here.
@Suite("Golden traces")
struct GoldenTraceTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Traces/samples")

    /// A canonical text of everything the decoder reads from a trace.
    static func render(_ path: String) throws -> String {
        let file = try TraceFile(path: path)
        var lines: [String] = file.scan.problems.map { "problem \($0)" }
        try file.forEachChunk(problem: { lines.append("problem \($0)") }) { location, chunk in
            switch chunk {
            case let .process(p):
                lines.append("process @\(location.offset) pid=\(p.pid) ppid=\(p.parentPid) argv=\(p.argv) cwd=\(p.cwd) " +
                             "start=\(p.startWallNs) origin=\(p.originMonotonicNs) python=\(p.pythonVersion) props=\(p.properties.sorted { $0.key < $1.key })")
            case let .codes(list):
                for c in list {
                    lines.append("code \(c.id) \(String(c.hash, radix: 16)) \(c.qualname) \(c.filename):\(c.firstLine) " +
                                 "flags=\(c.flags) args=\(c.argCount)/\(c.posOnlyArgCount)/\(c.kwOnlyArgCount) " +
                                 "varnames=\(c.varnames) names=\(c.names) consts=\(c.consts.count) code=\(c.bytecode.count)B lines=\(c.lineTable.count)B")
                }
            case let .functions(list):
                for f in list { lines.append("function \(f.id) \(f.kind) \(f.qualifier) \(f.name) \(f.profileName)") }
            case let .threads(list):
                for t in list { lines.append("thread \(t.index) \(t.name)") }
            case let .events(e):
                lines.append("events @\(location.offset) thread=\(e.header.thread) seq=\(e.header.sequence) " +
                             "count=\(e.header.eventCount) open=\(e.header.openFrames)")
                try e.forEach { lines.append("  \($0.time) \($0.kind.name) \($0.code)") }
            case let .loss(list):
                for l in list { lines.append("loss \(l.thread) \(l.events) \(l.chunks)") }
            case let .marks(list):
                for m in list { lines.append("mark \(m.thread) \(m.time) \(m.label)") }
            case let .end(e):
                lines.append("end time=\(e.endTime) written=\(e.eventsWritten) dropped=\(e.eventsDropped) unmatched=\(e.unmatchedExits)")
            case let .unknown(kind):
                lines.append("unknown \(kind)")
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("sample traces decode to their committed text", arguments: ["small", "cut", "c_calls"])
    func golden(name: String) throws {
        let trace = Self.samples.appendingPathComponent("\(name).lz4").path
        let expected = Self.samples.appendingPathComponent("\(name).expected.txt")
        let text = try Self.render(trace)
        if ProcessInfo.processInfo.environment["PYFRAME_UPDATE_GOLDEN"] == "1" {
            try text.write(to: expected, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: expected, encoding: .utf8)
        #expect(text == committed)
    }

    @Test("the cut sample keeps every complete chunk of the whole one")
    func cutIsPrefix() throws {
        let whole = try Self.render(Self.samples.appendingPathComponent("small.lz4").path)
        let cut = try Self.render(Self.samples.appendingPathComponent("cut.lz4").path)
        let kept = cut.split(separator: "\n").filter { !$0.hasPrefix("problem") }
        #expect(kept.count > 100)
        #expect(Array(whole.split(separator: "\n").prefix(kept.count)) == kept)
        #expect(cut.contains("problem trace ends inside a chunk"))
        #expect(!cut.contains("\nend "))
    }
}
