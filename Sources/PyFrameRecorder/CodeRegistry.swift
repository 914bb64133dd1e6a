import PyFrameShim
import Synchronization
import TraceFormat

/// Gives each code object an id on first sighting and describes it once.
///
/// The id is stored in the code object's co_extra slot (the per-code storage
/// PEP 523 added), so every later frame of that code finds it with two loads
/// and no lookup; from 3.14, where co_extra makes a code object unshareable
/// between interpreters, in ``CodeIdTable``. The first sighting, under the GIL, reads the code object
/// through the C API into a ``CodeRecord`` that the writer thread writes
/// before any events chunk that uses the id.
enum CodeRegistry {
    /// The co_extra index of the current session (a fresh one per session, so
    /// ids left by an earlier session are never mistaken for this one's).
    nonisolated(unsafe) static var extraIndex: Py_ssize_t = 0
    nonisolated(unsafe) private static var nextId: UInt32 = 1
    nonisolated(unsafe) private static var busy = false
    /// The session's record-time filters.
    nonisolated(unsafe) static var filter = RecordFilter(RecordingSettings())

    /// Records not yet taken by the writer.
    static let pending = ForkSafeLock<[CodeRecord]>([])

    /// Starts a session's numbering.
    static func reset(extraIndex index: Py_ssize_t, filter: RecordFilter) {
        extraIndex = index
        self.filter = filter
        nextId = 1
        pending.withLock { $0.removeAll() }
        CFunctionRegistry.reset()
    }

    /// A new id, from the one space code objects and C functions share (GIL held).
    static func takeId() -> UInt32 {
        defer { nextId += 1 }
        return nextId
    }

    /// Assigns an id to `code` and queues its record. Called from the hook
    /// with the GIL held; keeps any exception being thrown into the frame.
    @inline(never)
    static func firstSighting(_ code: UnsafeMutablePointer<PyCodeObject>) -> UInt32 {
        guard !busy else { return 0 }  // re-entered from our own API calls: unknown code
        busy = true
        defer { busy = false }
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var traceback: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &traceback)
        defer { PyErr_Restore(type, value, traceback) }

        let object = UnsafeMutableRawPointer(code).assumingMemoryBound(to: PyObject.self)
        if filter.filtersFiles && !filter.records(file: PythonValues.string(code.pointee.co_filename)) {
            store(RecordFilter.excludedMarker, in: object)
            return RecordFilter.excludedMarker
        }
        let id = takeId()
        store(id, in: object)
        let record = describe(code, id: id)
        pending.withLock { $0.append(record) }
        InlineInitFrames.watch(code)
        return id
    }

    private static func store(_ value: UInt32, in code: UnsafeMutablePointer<PyObject>) {
        if PF_CODE_IDS_IN_TABLE != 0 {
            CodeIdTable.insert(UInt(bitPattern: code), id: value)
            return
        }
        // On failure (out of memory) the code stays unnumbered and is
        // described again at its next sighting.
        _ = pf_code_extra_set(UnsafeMutableRawPointer(code).assumingMemoryBound(to: PyCodeObject.self),
                              extraIndex, UInt(value))
    }

    /// Reads everything the trace keeps about a code object.
    static func describe(_ code: UnsafeMutablePointer<PyCodeObject>, id: UInt32) -> CodeRecord {
        let co = code.pointee
        let bytecode = PythonValues.with(PyCode_GetCode(code)) { PythonValues.bytes($0) }
        let names = PythonValues.strings(co.co_names)
        var consts: [String] = []
        var h = CodeHash()
        h.add(bytecode)
        h.add("consts")
        if let tuple = co.co_consts, pf_is_tuple(tuple) != 0 {
            for item in PythonValues.items(ofTuple: tuple) {
                consts.append(constRepr(item))
                fingerprint(item, into: &h)
                h.add("")  // the separator `add` puts after a whole string
            }
        }
        h.add("names")
        for name in names { h.add(name) }
        return CodeRecord(
            id: id, hash: h.value,
            filename: PythonValues.string(co.co_filename),
            qualname: PythonValues.string(co.co_qualname),
            name: PythonValues.string(co.co_name),
            firstLine: UInt32(clamping: co.co_firstlineno),
            flags: UInt32(truncatingIfNeeded: co.co_flags),
            argCount: UInt32(clamping: co.co_argcount),
            posOnlyArgCount: UInt32(clamping: co.co_posonlyargcount),
            kwOnlyArgCount: UInt32(clamping: co.co_kwonlyargcount),
            varnames: localNames(code, kind: Int32(PF_CO_FAST_LOCAL)),
            cellvars: localNames(code, kind: Int32(PF_CO_FAST_CELL)),
            freevars: localNames(code, kind: Int32(PF_CO_FAST_FREE)),
            names: names, consts: consts, bytecode: bytecode,
            lineTable: PythonValues.bytes(co.co_linetable),
            exceptionTable: PythonValues.bytes(co.co_exceptiontable))
    }

    /// The names of `code`'s fast locals of `kind` (what `co_varnames`,
    /// `co_cellvars` and `co_freevars` give), read from co_localsplusnames
    /// in place: the C API builds a new tuple for each, a GC-tracked
    /// allocation that would move the program's next collection.
    static func localNames(_ code: UnsafeMutablePointer<PyCodeObject>, kind: Int32) -> [String] {
        guard let names = code.pointee.co_localsplusnames, pf_is_tuple(names) != 0 else { return [] }
        return (0..<PyTuple_Size(names)).compactMap { i in
            Int32(pf_code_local_kind(code, i)) & kind != 0 ? PythonValues.string(PyTuple_GetItem(names, i)) : nil
        }
    }

    /// A short repr for display; nested code objects by name and line, since
    /// their default repr carries an address. Long strings are cut before
    /// `repr`, which would otherwise copy and escape all of them.
    static func constRepr(_ object: UnsafeMutablePointer<PyObject>) -> String {
        if pf_is_code(object) != 0 {
            let code = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PyCodeObject.self).pointee
            // Appended into one reserved string: an interpolation grows it piece by piece.
            let name = PythonValues.string(code.co_name)
            var text = "<code object "
            text.reserveCapacity(40 + name.utf8.count)
            text += name
            text += ", line "
            text += String(code.co_firstlineno)
            text += ">"
            return text
        }
        if pf_is_unicode(object) != 0 && PyUnicode_GetLength(object) > 160,
           let head = PyUnicode_Substring(object, 0, 160) {
            defer { Py_DecRef(head) }
            return PythonValues.repr(head, limit: 120)
        }
        return PythonValues.repr(object)
    }

    /// A constant's canonical text for the code hash: independent of
    /// addresses and of string hash randomisation (frozenset members are
    /// sorted). A nested code object counts by name and first line only: it
    /// is a function of its own, with its own hash, so patching an inner
    /// function does not mark the outer one as patched. Written piece by
    /// piece into `out` (the hash itself, or a string for a frozenset's
    /// members, which are sorted by their text), never built whole.
    static func fingerprint<Out: TextOutputStream>(_ object: UnsafeMutablePointer<PyObject>, into out: inout Out) {
        if pf_is_code(object) != 0 {
            let code = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PyCodeObject.self).pointee
            out.write("code:")
            out.write(PythonValues.string(code.co_qualname))
            out.write(":")
            out.write(String(code.co_firstlineno))
        } else if pf_is_unicode(object) != 0 {
            out.write("str:")
            out.write(PythonValues.string(object))
        } else if pf_is_tuple(object) != 0 {
            out.write("(")
            for (i, item) in PythonValues.items(ofTuple: object).enumerated() {
                if i > 0 { out.write(",") }
                fingerprint(item, into: &out)
            }
            out.write(")")
        } else if pf_is_frozenset(object) != 0 {
            let items = PythonValues.members(ofSet: object).map { member in
                var text = ""
                fingerprint(member, into: &text)
                return text
            }
            out.write("frozenset{" + items.sorted().joined(separator: ",") + "}")
        } else {
            out.write(PythonValues.repr(object, limit: Int.max))
        }
    }
}
