import PyFrameShim

/// `repr()` of the constants a code object holds (None, Ellipsis, bool, int,
/// float, complex, str, bytes, tuple, frozenset, slice), made without
/// `PyObject_Repr` or `PyObject_Str`. Those first run the program's pending
/// signal handlers and, from 3.12, a garbage collection the program's
/// allocations scheduled — at a moment the program never chose, inside a
/// first sighting (CPython's test_frame saw its gc callback run one frame
/// early, and a KeyboardInterrupt there would be lost). The leaf types' own
/// `tp_repr` run nothing of the program's; tuples, frozensets and slices are
/// joined here the way their `tp_repr` joins them; ints are formatted here
/// because CPython's decimal conversion checks for signals too.
enum ConstantRepr {
    typealias Object = UnsafeMutablePointer<PyObject>

    /// The repr, as `repr(object)` gives it for the types above; for any
    /// other type (a constant put there with `code.replace`), only its type's
    /// name: its `__repr__` would be the program's code.
    static func text(_ object: Object) -> String {
        // The singletons first: the most common constant after strings is None.
        if let name = singleton(object) { return name.description }
        if pf_is_tuple(object) != 0 {
            let items = PythonValues.items(ofTuple: object).map(text)
            return "(" + items.joined(separator: ", ") + (items.count == 1 ? ",)" : ")")
        }
        if pf_is_frozenset(object) != 0 {
            let items = PythonValues.members(ofSet: object).map(text)
            return items.isEmpty ? "frozenset()" : "frozenset({" + items.joined(separator: ", ") + "})"
        }
        if pf_is_slice(object) != 0 {
            let slice = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PySliceObject.self).pointee
            return "slice(\(text(slice.start)), \(text(slice.stop)), \(text(slice.step)))"
        }
        if pf_is_long(object) != 0 {
            return integer(object)
        }
        if let text = PythonValues.ascii(object), let quoted = quoted(text) { return quoted }
        if pf_is_unicode(object) != 0 || pf_is_bytes(object) != 0
            || pf_is_float(object) != 0 || pf_is_complex(object) != 0,
           let tpRepr = object.pointee.ob_type.pointee.tp_repr {
            return PythonValues.with(tpRepr(object)) { r in
                guard let r else { PyErr_Clear(); return "<unrepresentable>" }
                return PythonValues.string(r)
            }
        }
        return "<" + String(cString: object.pointee.ob_type.pointee.tp_name) + " object>"
    }

    /// The repr of an ASCII `str` that needs no escape, as `unicode_repr`
    /// writes it: in single quotes, or double ones when it holds a single
    /// quote and no double quote; nil when it needs anything else.
    static func quoted(_ text: UnsafeBufferPointer<UInt8>) -> String? {
        var single = false
        var double = false
        for c in text {
            guard c >= 0x20 && c < 0x7F && c != UInt8(ascii: "\\") else { return nil }
            if c == UInt8(ascii: "'") { single = true } else if c == UInt8(ascii: "\"") { double = true }
        }
        if single && double { return nil }
        let quote = single ? UInt8(ascii: "\"") : UInt8(ascii: "'")
        return String(unsafeUninitializedCapacity: text.count + 2) { out in
            out[0] = quote
            _ = UnsafeMutableBufferPointer(rebasing: out[1...]).initialize(from: text)
            out[text.count + 1] = quote
            return text.count + 2
        }
    }

    /// An int in decimal: directly when it fits 64 bits, else from its hex
    /// text (CPython's power-of-two formatting checks no signals).
    private static func integer(_ object: Object) -> String {
        if let value = smallInt(object) { return String(value) }
        guard let hex = PyNumber_ToBase(object, 16) else { PyErr_Clear(); return "<int>" }
        return PythonValues.with(hex) { decimal(fromHex: PythonValues.string($0)) }
    }

    /// `-0x1f…` → `-31…`: hex digits into 32-bit limbs, then repeated
    /// division by 10⁹.
    static func decimal(fromHex text: String) -> String {
        let negative = text.hasPrefix("-")
        var limbs: [UInt32] = []   // most significant first
        for c in text.drop(while: { $0 == "-" }).dropFirst(2) {
            guard let nibble = c.hexDigitValue else { continue }
            var carry = UInt64(nibble)
            for i in limbs.indices.reversed() {
                let v = UInt64(limbs[i]) << 4 | carry
                limbs[i] = UInt32(truncatingIfNeeded: v)
                carry = v >> 32
            }
            if carry != 0 { limbs.insert(UInt32(carry), at: 0) }
        }
        var groups: [UInt32] = []  // base 10⁹, least significant first
        while limbs.contains(where: { $0 != 0 }) {
            var remainder: UInt64 = 0
            for i in limbs.indices {
                let v = remainder << 32 | UInt64(limbs[i])
                limbs[i] = UInt32(v / 1_000_000_000)
                remainder = v % 1_000_000_000
            }
            groups.append(UInt32(remainder))
        }
        guard let top = groups.popLast() else { return "0" }
        let digits = String(top) + groups.reversed().map {
            let s = String($0)
            return String(repeating: "0", count: 9 - s.count) + s
        }.joined()
        return (negative ? "-" : "") + digits
    }

    /// None, True, False and Ellipsis: their repr, which is also their fingerprint.
    static func singleton(_ object: Object) -> StaticString? {
        if object == pf_none() { return "None" }
        if object == pf_true() { return "True" }
        if object == pf_false() { return "False" }
        if object == pf_ellipsis() { return "Ellipsis" }
        return nil
    }

    /// An int that fits 64 bits (its repr and fingerprint are its decimal digits).
    static func smallInt(_ object: Object) -> Int64? {
        guard pf_is_long(object) != 0 else { return nil }
        var overflow: Int32 = 0
        let value = PyLong_AsLongLongAndOverflow(object, &overflow)
        if overflow != 0 || (value == -1 && PyErr_Occurred() != nil) {
            PyErr_Clear()
            return nil
        }
        return value
    }

    /// `value` in decimal, as `String(value)` writes it, formatted on the stack.
    static func decimal(_ value: Int64, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var magnitude = value.magnitude
            var start = 20
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            } while magnitude != 0
            if value < 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "-")
            }
            body(UnsafeBufferPointer(rebasing: buffer[start...]))
        }
    }
}
