/// Base-128 varints written through a pointer, for the encoders that
/// bypass ``ProtobufWriter`` on their per-event path.
enum Varint {
    /// Bytes `value` takes as a varint.
    @inline(__always)
    static func size(_ value: UInt64) -> Int {
        // 1 + one byte per further 7 bits; `| 1` keeps the count defined for 0.
        (63 - (value | 1).leadingZeroBitCount) / 7 + 1
    }

    /// Writes `value` at `p`; returns the bytes written.
    @inline(__always)
    static func put(_ value: UInt64, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var v = value, i = 0
        while v >= 0x80 {
            p[i] = UInt8(truncatingIfNeeded: v) | 0x80
            v >>= 7
            i += 1
        }
        p[i] = UInt8(v)
        return i + 1
    }
}
