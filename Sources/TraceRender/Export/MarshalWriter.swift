/// Writes values in CPython's `marshal` format, using only the type codes
/// that every CPython 3.x `marshal.load` reads: dict `{` … `0`, tuple `(`
/// with a 32-bit length, str `u` (UTF-8 with a 32-bit length), int `i`
/// (32-bit) or `l` (base 2¹⁵ digits) beyond it, float `g` (binary double,
/// marshal version 2 and later). No references (`FLAG_REF`) are written.
package struct MarshalWriter {
    /// What was written so far.
    package private(set) var bytes: [UInt8] = []

    /// An empty writer.
    package init() {}

    private mutating func int32(_ v: Int32) {
        let u = UInt32(bitPattern: v)
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: u >> UInt32(shift))) }
    }

    /// An int.
    package mutating func int(_ v: Int64) {
        if let small = Int32(exactly: v) {
            bytes.append(UInt8(ascii: "i"))
            int32(small)
            return
        }
        // TYPE_LONG: digit count (negative for negative numbers), then
        // 15-bit digits, least significant first.
        var magnitude = v.magnitude
        var digits: [UInt16] = []
        while magnitude > 0 {
            digits.append(UInt16(magnitude & 0x7FFF))
            magnitude >>= 15
        }
        bytes.append(UInt8(ascii: "l"))
        int32(v < 0 ? -Int32(digits.count) : Int32(digits.count))
        for d in digits {
            bytes.append(UInt8(truncatingIfNeeded: d))
            bytes.append(UInt8(truncatingIfNeeded: d >> 8))
        }
    }

    /// An unsigned int (a count).
    package mutating func int(_ v: UInt64) {
        if let signed = Int64(exactly: v) {
            int(signed)
        } else {
            var magnitude = v
            var digits: [UInt16] = []
            while magnitude > 0 {
                digits.append(UInt16(magnitude & 0x7FFF))
                magnitude >>= 15
            }
            bytes.append(UInt8(ascii: "l"))
            int32(Int32(digits.count))
            for d in digits {
                bytes.append(UInt8(truncatingIfNeeded: d))
                bytes.append(UInt8(truncatingIfNeeded: d >> 8))
            }
        }
    }

    /// A float, as a little-endian IEEE double.
    package mutating func float(_ v: Double) {
        bytes.append(UInt8(ascii: "g"))
        let bits = v.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    /// A str.
    package mutating func string(_ s: String) {
        let utf8 = Array(s.utf8)
        bytes.append(UInt8(ascii: "u"))
        int32(Int32(clamping: utf8.count))
        bytes.append(contentsOf: utf8)
    }

    /// A tuple of `count` items, which the caller writes next.
    package mutating func tuple(_ count: Int) {
        bytes.append(UInt8(ascii: "("))
        int32(Int32(clamping: count))
    }

    /// Starts a dict: write key, value, key, value …, then ``endDict()``.
    package mutating func dict() { bytes.append(UInt8(ascii: "{")) }

    /// Ends a dict.
    package mutating func endDict() { bytes.append(UInt8(ascii: "0")) }
}
