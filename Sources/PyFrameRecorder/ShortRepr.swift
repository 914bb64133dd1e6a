import PyFrameShim
import TraceFormat

/// The repr a code record keeps of a constant (``CodeRegistry/constRepr(_:)``:
/// cut to 120 characters and "…"), made in a fixed buffer on the stack when
/// it is ASCII: `str`s of ASCII characters (escaped as `unicode_repr`
/// escapes them), ints of 64 bits, None, True, False, Ellipsis, and tuples
/// of these. Those are nearly all of a program's constants (docstrings,
/// names in keyword-argument tuples); any other constant is left to
/// ConstantRepr, which makes a Swift `String` of it.
///
/// Only the first 121 bytes are ever made: a longer repr is cut there.
enum ShortRepr {
    typealias Object = UnsafeMutablePointer<PyObject>
    /// Characters kept of a repr; the cut adds "…".
    static let limit = 120
    /// A `str` longer than this is shown by the repr of its start
    /// (as CodeRegistry.constRepr does: quotes chosen for the start alone).
    static let longString = 160

    /// Writes `object`'s repr as a format string; false (nothing written)
    /// when it is not one of the constants above.
    static func write(_ object: Object, to out: inout ByteWriter) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: limit + 1) { buffer in
            var text = Text(buffer: buffer)
            guard repr(object, into: &text, topLevel: true) else { return false }
            let kept = UnsafeBufferPointer(rebasing: buffer[..<min(text.count, limit)])
            if text.count > limit {
                out.record { r in
                    r.raw(kept)
                    r.raw("…")
                }
            } else {
                out.blob(kept)
            }
            return true
        }
    }

    /// The bytes made so far; past the buffer only counted.
    private struct Text {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        var count = 0
        /// Whether the repr is already longer than the limit (the rest is not needed).
        var isCut: Bool { count > ShortRepr.limit }

        mutating func append(_ byte: UInt8) {
            if count < buffer.count { buffer[count] = byte }
            count += 1
        }

        mutating func append(_ text: StaticString) {
            text.withUTF8Buffer { for byte in $0 { append(byte) } }
        }
    }

    /// Appends the repr; false when `object` is not one this makes.
    private static func repr(_ object: Object, into text: inout Text, topLevel: Bool) -> Bool {
        if let name = LiveCodeRecord.singleton(object) {
            text.append(name)
            return true
        }
        if let ascii = PythonValues.ascii(object) {
            let shown = topLevel && ascii.count > longString ? UnsafeBufferPointer(rebasing: ascii[..<longString]) : ascii
            string(shown, into: &text)
            return true
        }
        if pf_is_long(object) != 0 {
            guard let value = LiveCodeRecord.smallInt(object) else { return false }
            LiveCodeRecord.decimal(value) { for byte in $0 { text.append(byte) } }
            return true
        }
        if pf_is_tuple(object) != 0 {
            let n = PyTuple_Size(object)
            text.append("(")
            for i in 0..<n {
                if i > 0 { text.append(", ") }
                guard repr(PyTuple_GetItem(object, i)!, into: &text, topLevel: false) else { return false }
                if text.isCut { return true }
            }
            text.append(n == 1 ? ",)" : ")")
            return true
        }
        return false
    }

    /// An ASCII `str` as `unicode_repr` writes it: in `'`, or in `"` when
    /// it holds a `'` and no `"`; the quote and backslash escaped, `\t`,
    /// `\n`, `\r`, other control characters as `\xHH`.
    private static func string(_ s: UnsafeBufferPointer<UInt8>, into text: inout Text) {
        let single = s.contains(UInt8(ascii: "'"))
        let quote = single && !s.contains(UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        text.append(quote)
        for c in s {
            if text.isCut { return }
            switch c {
            case quote, UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\")); text.append(c)
            case UInt8(ascii: "\t"): text.append("\\t")
            case UInt8(ascii: "\n"): text.append("\\n")
            case UInt8(ascii: "\r"): text.append("\\r")
            case 0..<0x20, 0x7F:
                let hex: StaticString = "0123456789abcdef"
                text.append("\\x")
                text.append(hex.utf8Start[Int(c >> 4)])
                text.append(hex.utf8Start[Int(c & 15)])
            default: text.append(c)
            }
        }
        text.append(quote)
    }
}
