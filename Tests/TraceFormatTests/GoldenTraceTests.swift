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

    /// Everything the decoder reads from a trace, as `pyframe dump` spells
    /// it (``ChunkText``), with the problems found on the way.
    static func render(_ path: String) throws -> String {
        let file = try TraceFile(path: path)
        var lines: [String] = file.scan.problems.map { "problem \($0)" }
        var text = ChunkText()
        try file.forEachChunk(problem: { lines.append("problem \($0)") }) { location, chunk in
            lines += text.lines(chunk, offset: location.offset)
            if case let .events(e) = chunk { lines += try text.events(e) }
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
