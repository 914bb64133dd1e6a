import PyFrameShim
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

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

    /// The bytes made so far; past the buffer only counted (and not all of
    /// them: once past the limit, nothing more is made).
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
            text.withUTF8Buffer { append(run: $0) }
        }

        /// Appends bytes with one copy (as many as still fit).
        mutating func append(run: UnsafeBufferPointer<UInt8>) {
            let fits = Swift.max(0, Swift.min(run.count, buffer.count - count))
            if fits > 0, let from = run.baseAddress {
                (buffer.baseAddress! + count).update(from: from, count: fits)
            }
            count += run.count
        }
    }

    /// Appends the repr; false when `object` is not one this makes.
    private static func repr(_ object: Object, into text: inout Text, topLevel: Bool) -> Bool {
        if let name = ConstantRepr.singleton(object) {
            text.append(name)
            return true
        }
        if let ascii = PythonValues.ascii(object) {
            let shown = topLevel && ascii.count > longString ? UnsafeBufferPointer(rebasing: ascii[..<longString]) : ascii
            string(shown, into: &text)
            return true
        }
        if pf_is_long(object) != 0 {
            guard let value = ConstantRepr.smallInt(object) else { return false }
            ConstantRepr.decimal(value) { text.append(run: $0) }
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

    /// Whether `s` holds `byte` (libc's vectorised search: every string
    /// constant is searched for both quotes).
    private static func contains(_ s: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        guard let base = s.baseAddress, !s.isEmpty else { return false }
        return memchr(base, Int32(byte), s.count) != nil
    }

    /// An ASCII `str` as `unicode_repr` writes it: in `'`, or in `"` when
    /// it holds a `'` and no `"`; the quote and backslash escaped, `\t`,
    /// `\n`, `\r`, other control characters as `\xHH`.
    private static func string(_ s: UnsafeBufferPointer<UInt8>, into text: inout Text) {
        let single = contains(s, UInt8(ascii: "'"))
        let quote = single && !contains(s, UInt8(ascii: "\"")) ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        text.append(quote)
        // Runs of characters shown as they are are copied whole; each
        // character gives at least one byte, so only those that can reach
        // the cut are read.
        let read = Swift.min(s.count, Swift.max(0, limit + 1 - text.count))
        var run = 0
        for i in 0..<read {
            let c = s[i]
            if c >= 0x20 && c < 0x7F && c != quote && c != UInt8(ascii: "\\") { continue }
            text.append(run: UnsafeBufferPointer(rebasing: s[run..<i]))
            run = i + 1
            if text.isCut { return }
            switch c {
            case quote, UInt8(ascii: "\\"): text.append(UInt8(ascii: "\\")); text.append(c)
            case UInt8(ascii: "\t"): text.append("\\t")
            case UInt8(ascii: "\n"): text.append("\\n")
            case UInt8(ascii: "\r"): text.append("\\r")
            default:
                let hex: StaticString = "0123456789abcdef"
                text.append("\\x")
                text.append(hex.utf8Start[Int(c >> 4)])
                text.append(hex.utf8Start[Int(c & 15)])
            }
        }
        text.append(run: UnsafeBufferPointer(rebasing: s[run..<read]))
        text.append(quote)
    }
}
