import Testing
@testable import TraceFormat

@Suite("Varints and primitive fields")
struct VarintTests {
    static let boundaries: [UInt64] = [
        0, 1, 127, 128, 255, 16_383, 16_384, 1 << 21, (1 << 28) - 1, 1 << 35,
        UInt64(UInt32.max), 1 << 56, UInt64.max - 1, UInt64.max,
    ]

    @Test("varints round-trip at every length boundary", arguments: VarintTests.boundaries)
    func roundTrip(value: UInt64) throws {
        var w = ByteWriter()
        w.varint(value)
        #expect(w.count == max(1, (64 - value.leadingZeroBitCount + 6) / 7))
        #expect(try decode(w.bytes) { r throws(TraceError) in try r.varint() } == [value])
    }

    @Test("a record's length prefix is its body's length at every prefix size",
          arguments: [0, 1, 127, 128, 300, 16_383, 16_384, 2_097_151, 2_097_152])
    func recordLength(length: Int) throws {
        var w = ByteWriter()
        w.byte(0xAB)
        w.record { r in
            for i in 0..<length { r.byte(UInt8(truncatingIfNeeded: i)) }
        }
        w.byte(0xCD)
        var expected = ByteWriter()
        expected.byte(0xAB)
        expected.varint(length)
        for i in 0..<length { expected.byte(UInt8(truncatingIfNeeded: i)) }
        expected.byte(0xCD)
        #expect(w.bytes == expected.bytes)
    }

    @Test("signed varints use zigzag")
    func zigzag() throws {
        var w = ByteWriter()
        for v: Int64 in [0, -1, 1, -2, Int64.min, Int64.max] { w.signedVarint(v) }
        #expect(Array(w.bytes.prefix(4)) == [0, 1, 2, 3])
        #expect(try decode(w.bytes) { r throws(TraceError) in try r.signedVarint() } == [0, -1, 1, -2, Int64.min, Int64.max])
    }

    @Test("an over-long or overflowing varint is an error, not a crash")
    func overlong() {
        let eleven = [UInt8](repeating: 0x80, count: 10) + [0]
        let overflow = [UInt8](repeating: 0xFF, count: 9) + [0x02]
        for bytes in [eleven, overflow, [0x80]] {
            bytes.withUnsafeBytes { raw in
                var r = ByteReader(raw, fileOffset: 7)
                #expect(throws: TraceError.self) { try r.varint() }
            }
        }
    }

    @Test("a length past the end is refused before allocating")
    func hugeLength() {
        var w = ByteWriter()
        w.varint(UInt64(1) << 40)
        w.raw([1, 2, 3])
        w.bytes.withUnsafeBytes { raw in
            var r = ByteReader(raw)
            #expect(throws: TraceError.self) { try r.blob() }
        }
    }
}

/// Reads values with `read` until the bytes are used up.
func decode<T>(_ bytes: [UInt8], _ read: (inout ByteReader) throws(TraceError) -> T) throws -> [T] {
    try withBytes(bytes) { (raw: UnsafeRawBufferPointer) throws(TraceError) -> [T] in
        var r = ByteReader(raw)
        var out: [T] = []
        while !r.isAtEnd { out.append(try read(&r)) }
        return out
    }
}
