import PyFrameShim
import TraceFormat

/// A code object's record, written at its first sighting straight from the
/// interpreter's memory into the trace's encoding (``CodeRecordBatch``): ASCII
/// names and strings, the bytecode and the tables are copied in place, ints
/// and nested code objects formatted into the buffer, and the hash is taken
/// from the same bytes. A Swift `String` is made only for what needs one (a
/// non-ASCII name, a constant whose repr needs escapes, a float).
///
/// What it writes is what ``CodeRecord`` would hold for the code object:
/// `ConstantRepr`'s reprs, `CodeRegistry.fingerprint`'s hash; those are the
/// fallbacks here, and the fast paths give the same bytes.
struct LiveCodeRecord: CodeRecordSource {
    typealias Object = UnsafeMutablePointer<PyObject>

    let code: UnsafeMutablePointer<PyCodeObject>
    let id: UInt32
    let hash: UInt64
    /// `co_code` (a new reference the caller holds while the record is written).
    let bytecode: Object?

    /// Reads `code`, whose bytecode object `bytecode` the caller keeps alive
    /// until the record is written; hashes it (Traces/FORMAT.md).
    init(_ code: UnsafeMutablePointer<PyCodeObject>, id: UInt32, bytecode: Object?) {
        self.code = code
        self.id = id
        self.bytecode = bytecode
        var h = CodeHash()
        h.add(UnsafeRawBufferPointer(PythonValues.rawBytes(bytecode)))
        h.add("consts")
        Self.eachItem(code.pointee.co_consts) { constant in
            Self.fingerprint(constant, into: &h)
            h.endString()
        }
        h.add("names")
        Self.eachItem(code.pointee.co_names) { name in
            if let text = PythonValues.ascii(name) {
                h.add(UnsafeRawBufferPointer(text))
                h.endString()
            } else {
                h.add(PythonValues.string(name))
            }
        }
        hash = h.value
    }

    var firstLine: UInt32 { UInt32(clamping: code.pointee.co_firstlineno) }
    var flags: UInt32 { UInt32(truncatingIfNeeded: code.pointee.co_flags) }
    var argCount: UInt32 { UInt32(clamping: code.pointee.co_argcount) }
    var posOnlyArgCount: UInt32 { UInt32(clamping: code.pointee.co_posonlyargcount) }
    var kwOnlyArgCount: UInt32 { UInt32(clamping: code.pointee.co_kwonlyargcount) }

    func write(_ field: CodeRecordField, to out: inout ByteWriter) {
        let co = code.pointee
        switch field {
        case .filename: Self.string(co.co_filename, to: &out)
        case .qualname: Self.string(co.co_qualname, to: &out)
        case .name: Self.string(co.co_name, to: &out)
        case .varnames: localNames(Int32(PF_CO_FAST_LOCAL), to: &out)
        case .cellvars: localNames(Int32(PF_CO_FAST_CELL), to: &out)
        case .freevars: localNames(Int32(PF_CO_FAST_FREE), to: &out)
        case .names:
            out.varint(Self.count(co.co_names))
            Self.eachItem(co.co_names) { Self.string($0, to: &out) }
        case .consts:
            out.varint(Self.count(co.co_consts))
            Self.eachItem(co.co_consts) { Self.constant($0, to: &out) }
        case .bytecode: out.blob(PythonValues.rawBytes(bytecode))
        case .lineTable: out.blob(PythonValues.rawBytes(co.co_linetable))
        case .exceptionTable: out.blob(PythonValues.rawBytes(co.co_exceptiontable))
        }
    }

    /// The names of the fast locals of `kind` (co_varnames, co_cellvars,
    /// co_freevars), read from co_localsplusnames in place: the C API builds
    /// a new tuple for each, a GC-tracked allocation that would move the
    /// program's next collection.
    private func localNames(_ kind: Int32, to out: inout ByteWriter) {
        let names = code.pointee.co_localsplusnames
        let n = Self.count(names)
        let count = (0..<n).reduce(0) { $0 + (Int32(pf_code_local_kind(code, $1)) & kind != 0 ? 1 : 0) }
        out.varint(count)
        for i in 0..<n where Int32(pf_code_local_kind(code, i)) & kind != 0 {
            Self.string(PyTuple_GetItem(names, i), to: &out)
        }
    }

    /// A `str` as a format string: an ASCII one in place.
    private static func string(_ object: Object?, to out: inout ByteWriter) {
        if let object, let text = PythonValues.ascii(object) {
            out.blob(text)
        } else {
            out.string(PythonValues.string(object))
        }
    }

    /// A constant's repr as ``CodeRegistry/constRepr(_:)`` gives it, written
    /// in place for the common constants (``ShortRepr``).
    private static func constant(_ object: Object, to out: inout ByteWriter) {
        if pf_is_code(object) != 0 {
            let nested = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PyCodeObject.self).pointee
            out.record { r in
                r.raw("<code object ")
                piece(nested.co_name, to: &r)
                r.raw(", line ")
                Self.decimal(Int64(nested.co_firstlineno)) { r.raw($0) }
                r.byte(UInt8(ascii: ">"))
            }
        } else if !ShortRepr.write(object, to: &out) {
            out.string(CodeRegistry.constRepr(object))
        }
    }

    /// A constant's fingerprint for the hash, as
    /// ``CodeRegistry/fingerprint(_:into:)`` writes it, in place for the
    /// common constants.
    private static func fingerprint(_ object: Object, into h: inout CodeHash) {
        if let text = singleton(object) {
            text.withUTF8Buffer { h.add(UnsafeRawBufferPointer($0)) }
        } else if let text = PythonValues.ascii(object) {
            h.write("str:")
            h.add(UnsafeRawBufferPointer(text))
        } else if pf_is_code(object) != 0 {
            let nested = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PyCodeObject.self).pointee
            h.write("code:")
            if let qualname = nested.co_qualname, let text = PythonValues.ascii(qualname) {
                h.add(UnsafeRawBufferPointer(text))
            } else {
                h.write(PythonValues.string(nested.co_qualname))
            }
            h.write(":")
            decimal(Int64(nested.co_firstlineno)) { h.add(UnsafeRawBufferPointer($0)) }
        } else if let value = smallInt(object) {
            decimal(value) { h.add(UnsafeRawBufferPointer($0)) }
        } else if pf_is_tuple(object) != 0 {
            h.write("(")
            for i in 0..<PyTuple_Size(object) {
                if i > 0 { h.write(",") }
                fingerprint(PyTuple_GetItem(object, i)!, into: &h)
            }
            h.write(")")
        } else {
            CodeRegistry.fingerprint(object, into: &h)
        }
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

    /// A name inside a longer string: ASCII in place.
    private static func piece(_ object: Object?, to out: inout ByteWriter) {
        if let object, let text = PythonValues.ascii(object) {
            out.raw(text)
        } else {
            var text = PythonValues.string(object)
            text.withUTF8 { out.raw($0) }
        }
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

    /// The length of a tuple (0 for anything else).
    private static func count(_ tuple: Object?) -> Int {
        guard let tuple, pf_is_tuple(tuple) != 0 else { return 0 }
        return PyTuple_Size(tuple)
    }

    /// Calls `body` with each item of a tuple (borrowed), without an array.
    private static func eachItem(_ tuple: Object?, _ body: (Object) -> Void) {
        for i in 0..<count(tuple) { body(PyTuple_GetItem(tuple, i)!) }
    }
}
