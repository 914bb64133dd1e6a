import Foundation
import Testing
import TraceAnalysis
import TraceFormat
@testable import TraceRender

/// The Chrome export's fast path: numbers formatted digit by digit equal
/// Swift's own formatting, blocks always end at a line's end, and the byte
/// path writes the same document as the line path.
@Suite struct ExportBufferTests {
    /// Everything `body` writes into a buffer of `capacity` bytes, and the blocks it was handed out in.
    static func written(capacity: Int, _ body: (inout ExportBuffer) -> Void) -> (text: String, blocks: [String]) {
        var blocks: [String] = []
        var buffer = ExportBuffer(capacity: capacity) { blocks.append(String(decoding: $0, as: UTF8.self)) }
        body(&buffer)
        buffer.finish()
        return (blocks.joined(), blocks)
    }

    @Test func numbersAreFormattedExactly() {
        let values: [UInt64] = [0, 7, 9, 10, 999, 1000, 1001, 123_456_789, UInt64(UInt32.max), UInt64.max]
        let found = Self.written(capacity: 1 << 12) { out in
            for v in values {
                out.append(decimal: v)
                out.append(0x20)
                out.append(micros: v)
                out.append(10)
            }
        }
        let expected = values.map { v -> String in
            let fraction = String(v % 1000)
            return "\(v) \(v / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction + "\n"
        }.joined()
        #expect(found.text == expected)
    }

    @Test func blocksEndAtLineEnds() {
        let found = Self.written(capacity: 64) { out in
            for i in 0..<100 {
                out.reserve(40)
                out.append("line ")
                out.append(decimal: UInt64(i) * 1_000_003)
                out.append(10)
            }
        }
        #expect(found.blocks.count > 10)
        #expect(found.blocks.allSatisfy { $0.hasSuffix("\n") && $0.utf8.count <= 64 })
        #expect(found.text == (0..<100).map { "line \($0 * 1_000_003)\n" }.joined())
    }

    @Test func bytePathWritesTheLinePathsDocument() throws {
        var trace = Fixtures.stacks()
        trace.chunkSize = 3
        let profile = try Fixtures.profile(trace)
        var lines = ""
        try ChromeTraceExporter.write([profile]) { lines += $0 + "\n" }
        var bytes: [UInt8] = []
        try ChromeTraceExporter.write([profile], bytes: { bytes.append(contentsOf: $0) })
        #expect(String(decoding: bytes, as: UTF8.self) == lines)
        #expect(lines.contains(#"{"ph":"X","name":"step;odd (app.py:5)","cat":"python","pid":4242,"tid":1,"ts":0.020,"dur":0.010}"#))
    }
}
