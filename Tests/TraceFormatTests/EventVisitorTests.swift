import Testing
@testable import TraceFormat

/// ``EventChunk/decode(into:)``, the loop every analyzer runs inside: a
/// visitor sees exactly the events the encoder was given, exits without a
/// code (the visitor keeps its own stack), and damage stops it after the
/// events before it.
@Suite struct EventVisitorTests {
    /// Records what it is shown.
    struct Recorder: EventVisitor {
        var seen: [String] = []
        mutating func enter(_ kind: EventKind, code: UInt32, time: UInt64) { seen.append("\(kind.name) \(code) @\(time)") }
        mutating func leave(_ kind: EventKind, time: UInt64) { seen.append("\(kind.name) @\(time)") }
    }

    static func chunk(open: [UInt32], _ events: [(EventKind, UInt32, UInt64)]) throws -> EventChunk {
        let encoder = EventEncoder()
        encoder.begin(thread: 3, sequence: 0, openFrames: open)
        for (kind, code, time) in events { encoder.append(kind, code: code, time: time) }
        guard case let .events(chunk) = try ChunkReader.decode(encoder.finish(), fileOffset: 0) else {
            throw TraceError.damaged(offset: 0, detail: "not an events chunk")
        }
        return chunk
    }

    @Test func visitorSeesTheEncodedEventsInOrder() throws {
        let chunk = try Self.chunk(open: [7, 9], [
            (.return, 9, 5), (.call, 7, 6), (.call, 300, 1_000_006), (.resume, 300, 1_000_010),
            (.yield, 300, 1_000_011), (.unwind, 300, UInt64(1) << 40), (.return, 7, (UInt64(1) << 40) + 3),
        ])
        var recorder = Recorder()
        try chunk.decode(into: &recorder)
        #expect(recorder.seen == [
            "return @5", "call 7 @6", "call 300 @1000006", "resume 300 @1000010", "yield @1000011",
            "unwind @1099511627776", "return @1099511627779",
        ])
        // forEach, built on the same loop, names each exit's code from the stack.
        #expect(try chunk.events().map(\.code) == [9, 7, 300, 300, 300, 300, 7])
    }

    @Test func damageStopsAfterTheEventsBeforeIt() throws {
        // The third event leaves a frame when none is open.
        let chunk = try Self.chunk(open: [], [(.call, 1, 1), (.return, 1, 2), (.return, 1, 3)])
        var recorder = Recorder()
        #expect {
            try chunk.decode(into: &recorder)
        } throws: { error in
            "\(error)".contains("exit event with no open frame")
        }
        #expect(recorder.seen == ["call 1 @1", "return @2"])
    }
}
