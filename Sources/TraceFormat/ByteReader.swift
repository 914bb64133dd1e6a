/// A bounds-checked cursor over bytes of a decompressed chunk.
///
/// Every read checks the remaining length and throws a ``TraceError`` naming
/// the absolute byte offset, so that a damaged or hostile trace produces a
/// clear error, never a crash. Lengths read from the data are checked against
/// what is left before anything is allocated for them.
@usableFromInline package struct ByteReader {
    /// The bytes being read.
    @usableFromInline package let base: UnsafeRawBufferPointer
    /// Current position within `base`.
    @usableFromInline package var position: Int
    /// End of the readable region (exclusive).
    @usableFromInline package let end: Int
    /// Offset of `base` within the file, for error messages.
    @usableFromInline package let fileOffset: Int

    /// Reads `buffer[start..<end]`; `fileOffset` is where the chunk begins in the file.
    @inlinable
    package init(_ buffer: UnsafeRawBufferPointer, start: Int = 0, end: Int? = nil, fileOffset: Int = 0) {
        base = buffer
        position = start
        self.end = end ?? buffer.count
        self.fileOffset = fileOffset
    }

    /// True when every byte was consumed.
    @inlinable
    package var isAtEnd: Bool { position >= end }

    /// Bytes not yet read.
    @inlinable
    package var remaining: Int { end - position }

    /// Builds the error for a problem at the current position.
    @usableFromInline package func damage(_ what: String) -> TraceError {
        .damaged(offset: fileOffset, detail: "\(what) at chunk byte \(position)")
    }

    /// Reads one byte.
    @inlinable @inline(__always)
    package mutating func byte() throws(TraceError) -> UInt8 {
        guard position < end else { throw damage("unexpected end of chunk") }
        let value = base.load(fromByteOffset: position, as: UInt8.self)
        position += 1
        return value
    }

    /// Reads an unsigned LEB128 varint of at most 10 bytes.
    @inlinable @inline(__always)
    package mutating func varint() throws(TraceError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < end else { throw damage("varint runs past the end of chunk") }
            let b = base.load(fromByteOffset: position, as: UInt8.self)
            position += 1
            if shift == 63 && b > 1 { throw damage("varint overflows 64 bits") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
            if shift > 63 { throw damage("varint longer than 10 bytes") }
        }
    }

    /// Reads a varint that must fit `limit`, as a count or index.
    package mutating func count(max limit: Int, _ what: String) throws(TraceError) -> Int {
        let value = try varint()
        guard value <= UInt64(limit) else { throw damage("\(what) \(value) exceeds \(limit)") }
        return Int(value)
    }

    /// Reads the length of the bytes that follow it, which must all be in
    /// the chunk. It is checked against what is left after the length itself
    /// is read: checked before (as `count(max: remaining, …)`), a length
    /// could claim up to its own varint's bytes past the end, which the
    /// fuzzer found (a string read past the chunk's buffer).
    package mutating func length(_ what: String) throws(TraceError) -> Int {
        let value = try varint()
        guard value <= UInt64(remaining) else { throw damage("\(what) \(value) exceeds the \(remaining) bytes left") }
        return Int(value)
    }

    /// Reads a varint that must fit in 32 bits.
    @inlinable
    package mutating func varint32(_ what: String) throws(TraceError) -> UInt32 {
        let value = try varint()
        guard value <= UInt64(UInt32.max) else { throw damage("\(what) \(value) does not fit 32 bits") }
        return UInt32(value)
    }

    /// Reads a zigzag-encoded signed varint.
    package mutating func signedVarint() throws(TraceError) -> Int64 {
        let v = try varint()
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    /// Reads a little-endian fixed 64-bit value.
    package mutating func fixed64() throws(TraceError) -> UInt64 {
        guard remaining >= 8 else { throw damage("unexpected end of chunk in a 64-bit field") }
        var value: UInt64 = 0
        for i in 0..<8 {
            value |= UInt64(base.load(fromByteOffset: position + i, as: UInt8.self)) << UInt64(8 * i)
        }
        position += 8
        return value
    }

    /// Reads a length-prefixed byte string; the length is checked against what is left.
    package mutating func blob() throws(TraceError) -> [UInt8] {
        let length = try length("byte string length")
        let value = Array(UnsafeRawBufferPointer(rebasing: base[position..<(position + length)]))
        position += length
        return value
    }

    /// Reads a length-prefixed UTF-8 string (invalid UTF-8 is repaired, not fatal).
    package mutating func string() throws(TraceError) -> String {
        let length = try length("string length")
        let value = String(decoding: UnsafeRawBufferPointer(rebasing: base[position..<(position + length)]), as: UTF8.self)
        position += length
        return value
    }

    /// Reads a count followed by that many strings. Each string takes at least
    /// one byte, so the count is bounded by what is left.
    package mutating func strings() throws(TraceError) -> [String] {
        let n = try count(max: remaining, "string count")
        var values: [String] = []
        values.reserveCapacity(n)
        for _ in 0..<n { values.append(try string()) }
        return values
    }

    /// Reads a length-prefixed record and returns a reader limited to its body;
    /// fields the body has beyond those a reader knows are skipped with it.
    package mutating func record() throws(TraceError) -> ByteReader {
        let length = try length("record length")
        let inner = ByteReader(base, start: position, end: position + length, fileOffset: fileOffset)
        position += length
        return inner
    }
}

/// Runs `body` over the bytes of `array`, keeping the typed error
/// (`Array.withUnsafeBytes` only rethrows untyped errors).
@inlinable @inline(__always)
func withBytes<R>(_ array: [UInt8],
                  _ body: (UnsafeRawBufferPointer) throws(TraceError) -> R) throws(TraceError) -> R {
    let result = array.withUnsafeBytes { raw in
        Result { () throws(TraceError) -> R in try body(raw) }
    }
    return try result.get()
}
