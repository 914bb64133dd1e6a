/// An append-only byte buffer with the trace format's primitive encodings.
///
/// Every number in a trace is an unsigned LEB128 varint unless the format
/// document says otherwise, so the common small values (code ids, time deltas
/// of a few hundred nanoseconds) take one or two bytes.
package struct ByteWriter: Sendable {
    /// The bytes written so far.
    package private(set) var bytes: [UInt8]

    /// Creates an empty writer with room for `capacity` bytes before it grows.
    package init(capacity: Int = 256) {
        bytes = []
        bytes.reserveCapacity(capacity)
    }

    /// Number of bytes written.
    package var count: Int { bytes.count }

    /// Drops the contents but keeps the storage, so a recycled writer does not allocate.
    package mutating func removeAll() { bytes.removeAll(keepingCapacity: true) }

    /// Appends one byte.
    @inline(__always)
    package mutating func byte(_ value: UInt8) { bytes.append(value) }

    /// Appends raw bytes.
    package mutating func raw<C: Collection>(_ value: C) where C.Element == UInt8 {
        bytes.append(contentsOf: value)
    }

    /// Appends bytes in place (the recorder's strings and bytecode, read
    /// from the interpreter's memory): one copy, not the generic
    /// element-by-element append another module would get.
    package mutating func raw(_ value: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: value)
    }

    /// Appends the UTF-8 of a literal, unframed (a piece of a longer string).
    package mutating func raw(_ value: StaticString) {
        value.withUTF8Buffer { raw($0) }
    }

    /// Appends an unsigned LEB128 varint (7 bits per byte, low groups first).
    @inline(__always)
    package mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(truncatingIfNeeded: v))
    }

    /// Appends an `Int` as a varint; negative values are a programming error.
    @inline(__always)
    package mutating func varint(_ value: Int) { varint(UInt64(value)) }

    /// Appends a signed value as a zigzag varint (0, -1, 1, -2 … → 0, 1, 2, 3 …).
    package mutating func signedVarint(_ value: Int64) {
        varint(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
    }

    /// Appends a little-endian fixed 64-bit value (used for hashes).
    package mutating func fixed64(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) {
            bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
        }
    }

    /// Appends a length-prefixed byte string.
    package mutating func blob<C: Collection>(_ value: C) where C.Element == UInt8 {
        varint(value.count)
        bytes.append(contentsOf: value)
    }

    /// Appends a length-prefixed byte string held in place.
    package mutating func blob(_ value: UnsafeBufferPointer<UInt8>) {
        varint(value.count)
        raw(value)
    }

    /// Appends a length-prefixed UTF-8 string.
    package mutating func string(_ value: String) {
        var copy = value
        copy.withUTF8 { blob($0) }
    }

    /// Appends a count followed by that many strings.
    package mutating func strings(_ values: [String]) {
        varint(values.count)
        for value in values { string(value) }
    }

    /// Appends a record as a length-prefixed body, so that a reader can skip
    /// fields added by a later minor revision of the format. (A string
    /// assembled from pieces is framed the same way.)
    ///
    /// The body is written in place after one byte kept for its length,
    /// which is enough for a body under 128 bytes (most strings); a longer
    /// one moves once to make room for the rest of its length. Never built
    /// in a writer of its own that grows by doubling and is then copied.
    package mutating func record(_ body: (inout ByteWriter) -> Void) {
        let start = bytes.count
        bytes.append(0)
        body(&self)
        var length = UInt64(bytes.count - start - 1)
        guard length >= 0x80 else {
            bytes[start] = UInt8(truncatingIfNeeded: length)
            return
        }
        bytes[start] = UInt8(truncatingIfNeeded: length) | 0x80
        length >>= 7
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 9) { rest in
            var n = 0
            while length >= 0x80 {
                rest[n] = UInt8(truncatingIfNeeded: length) | 0x80
                length >>= 7
                n += 1
            }
            rest[n] = UInt8(truncatingIfNeeded: length)
            bytes.insert(contentsOf: UnsafeBufferPointer(rebasing: rest[0...n]), at: start + 1)
        }
    }
}
