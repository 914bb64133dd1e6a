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
/// `CodeRegistry.constRepr`'s reprs (made by ``ShortRepr`` when they are
/// ASCII), `CodeRegistry.fingerprint`'s hash.
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
            CodeRegistry.fingerprint(constant, into: &h)
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
                ConstantRepr.decimal(Int64(nested.co_firstlineno)) { r.raw($0) }
                r.byte(UInt8(ascii: ">"))
            }
        } else if !ShortRepr.write(object, to: &out) {
            out.string(CodeRegistry.constRepr(object))
        }
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
