import PyFrameShim

/// Conversions from Python objects to Swift values, for the slow paths only
/// (a code object's first sighting, module functions). All require the GIL.
/// None of them leaves a Python exception set: a failure gives a fallback.
enum PythonValues {
    typealias Object = UnsafeMutablePointer<PyObject>

    /// A `str` as a Swift string; another object (never met in a code
    /// object's names) as its repr.
    ///
    /// Encoded into a new bytes object rather than read with
    /// `PyUnicode_AsUTF8AndSize`, which would cache a UTF-8 copy inside the
    /// program's own (non-ASCII) string and change its `sys.getsizeof`.
    /// An ASCII string (most names, file names, constants) is read in
    /// place: it is its own UTF-8.
    static func string(_ object: Object?) -> String {
        guard let object else { return "" }
        if let text = ascii(object) { return String(decoding: text, as: UTF8.self) }
        if pf_is_unicode(object) != 0 {
            guard let encoded = PyUnicode_AsUTF8String(object) else {
                PyErr_Clear()  // e.g. lone surrogates
                return "<undecodable str>"
            }
            defer { Py_DecRef(encoded) }
            return String(decoding: rawBytes(encoded), as: UTF8.self)
        }
        return ConstantRepr.text(object)
    }

    /// A compact ASCII `str`'s bytes, in place (valid while `object` lives);
    /// nil for any other object.
    static func ascii(_ object: Object) -> UnsafeBufferPointer<UInt8>? {
        var length: Py_ssize_t = 0
        guard let data = pf_unicode_ascii(object, &length) else { return nil }
        return UnsafeBufferPointer(start: UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self), count: length)
    }

    /// `repr(object)` of a constant (see ConstantRepr), cut to `limit` characters.
    static func repr(_ object: Object, limit: Int = 120) -> String {
        let text = ConstantRepr.text(object)
        // Counting characters walks the whole string: only when its bytes could exceed the limit.
        return text.utf8.count > limit && text.count > limit ? String(text.prefix(limit)) + "…" : text
    }

    /// A tuple's items (borrowed).
    static func items(ofTuple tuple: Object) -> [Object] {
        (0..<PyTuple_Size(tuple)).map { PyTuple_GetItem(tuple, $0)! }
    }

    /// A set's or frozenset's members (borrowed), in the order its repr
    /// shows them, read in place: an iterator would be a GC-tracked
    /// allocation, which moves the program's next collection.
    static func members(ofSet set: Object) -> [Object] {
        var members: [Object] = []
        var position: Py_ssize_t = 0
        var member: Object?
        while pf_set_next(set, &position, &member) != 0, let member { members.append(member) }
        return members
    }

    /// The bytes of a `bytes` object in place (valid while it lives); empty
    /// for anything else.
    static func rawBytes(_ object: Object?) -> UnsafeBufferPointer<UInt8> {
        guard let object, pf_is_bytes(object) != 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        var pointer: UnsafeMutablePointer<CChar>?
        var size: Py_ssize_t = 0
        guard PyBytes_AsStringAndSize(object, &pointer, &size) == 0, let pointer else {
            PyErr_Clear()
            return UnsafeBufferPointer(start: nil, count: 0)
        }
        return UnsafeBufferPointer(start: UnsafeRawPointer(pointer).assumingMemoryBound(to: UInt8.self), count: size)
    }

    /// Calls `body` with a new reference, then releases it.
    static func with<T>(_ object: Object?, _ body: (Object?) -> T) -> T {
        defer { if let object { Py_DecRef(object) } }
        return body(object)
    }
}
