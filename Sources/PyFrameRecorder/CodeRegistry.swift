import PyFrameShim
import Synchronization
import TraceFormat

/// Gives each code object an id on first sighting and describes it once.
///
/// The id is stored in the code object's co_extra slot (the per-code storage
/// PEP 523 added), so every later frame of that code finds it with two loads
/// and no lookup; from 3.14, where co_extra makes a code object unshareable
/// between interpreters, in ``CodeIdTable``. The first sighting, under the GIL, reads the code object
/// through the C API into its encoded record (``LiveCodeRecord``), which the
/// writer thread writes before any events chunk that uses the id.
enum CodeRegistry {
    /// The co_extra index of the current session (a fresh one per session, so
    /// ids left by an earlier session are never mistaken for this one's).
    nonisolated(unsafe) static var extraIndex: Py_ssize_t = 0
    nonisolated(unsafe) private static var nextId: UInt32 = 1
    nonisolated(unsafe) private static var busy = false
    /// The session's record-time filters.
    nonisolated(unsafe) static var filter = RecordFilter(RecordingSettings())

    /// Records not yet taken by the writer, already encoded.
    static let pending = ForkSafeLock(CodeRecordBatch())
    /// The record of the code object being sighted (GIL held), written
    /// outside the lock and then queued.
    nonisolated(unsafe) private static var sighting = CodeRecordBatch()

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
        sighting.removeAll()
        PythonValues.with(PyCode_GetCode(code)) { bytecode in
            sighting.append(LiveCodeRecord(code, id: id, bytecode: bytecode))
        }
        pending.withLock { $0.append(contentsOf: sighting) }
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

    /// A short repr for display (the constants ``ShortRepr`` leaves, and
    /// only those: a nested code object's is ``LiveCodeRecord``'s). Long
    /// strings are cut before `repr`, which would otherwise copy and escape
    /// all of them.
    static func constRepr(_ object: UnsafeMutablePointer<PyObject>) -> String {
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
    static func fingerprint<Out: FingerprintOutput>(_ object: UnsafeMutablePointer<PyObject>, into out: inout Out) {
        // The common constants are written from the interpreter's memory
        // (ASCII strings and names in place, ints as digits on the stack).
        if let name = ConstantRepr.singleton(object) {
            name.withUTF8Buffer { out.write(bytes: $0) }
        } else if let text = PythonValues.ascii(object) {
            out.write("str:")
            out.write(bytes: text)
        } else if pf_is_code(object) != 0 {
            let code = UnsafeMutableRawPointer(object).assumingMemoryBound(to: PyCodeObject.self).pointee
            out.write("code:")
            if let qualname = code.co_qualname, let text = PythonValues.ascii(qualname) {
                out.write(bytes: text)
            } else {
                out.write(PythonValues.string(code.co_qualname))
            }
            out.write(":")
            ConstantRepr.decimal(Int64(code.co_firstlineno)) { out.write(bytes: $0) }
        } else if let value = ConstantRepr.smallInt(object) {
            ConstantRepr.decimal(value) { out.write(bytes: $0) }
        } else if pf_is_unicode(object) != 0 {
            out.write("str:")
            out.write(PythonValues.string(object))
        } else if pf_is_tuple(object) != 0 {
            out.write("(")
            for i in 0..<PyTuple_Size(object) {
                if i > 0 { out.write(",") }
                fingerprint(PyTuple_GetItem(object, i)!, into: &out)
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
