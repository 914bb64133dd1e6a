import PyFrameShim
import Synchronization
import TraceFormat

/// Gives each C function a `--c-calls` recording sees an id on first
/// sighting, and describes it once.
///
/// A C function is known by its `PyMethodDef`, static data that every object
/// wrapping the function shares (the `list.append` descriptor and each bound
/// `xs.append`), so the lookup on every later call is an ``AddressTable``
/// probe: no allocation, no lock, no Python API. The table grows only at a
/// first sighting. Ids come from the code objects'
/// space (``CodeRegistry/takeId()``); the record is queued for the writer
/// like a code record, before any event that uses the id is published.
enum CFunctionRegistry {
    /// Ids by PyMethodDef address.
    nonisolated(unsafe) private static var table = AddressTable()

    /// Records not yet taken by the writer.
    static let pending = ForkSafeLock<[CFunctionRecord]>([])

    /// Forgets every id (a new session numbers afresh; GIL held).
    static func reset() {
        table.removeAll()
        pending.withLock { $0.removeAll() }
    }

    /// The id of the C function `definition`, which `callable` (bound to
    /// `bound`, or a descriptor) calls: a table probe, or its first sighting.
    /// ``RecordFilter/excludedMarker`` when the filters leave it out.
    @inline(__always)
    static func id(_ definition: UnsafeMutablePointer<PyMethodDef>, callable: UnsafeMutablePointer<PyObject>,
                   bound: UnsafeMutablePointer<PyObject>?) -> UInt32 {
        let id = table.id(UInt(bitPattern: definition))
        return _fastPath(id != 0) ? id : firstSighting(definition, callable: callable, bound: bound)
    }

    @inline(never)
    private static func firstSighting(_ definition: UnsafeMutablePointer<PyMethodDef>,
                                      callable: UnsafeMutablePointer<PyObject>,
                                      bound: UnsafeMutablePointer<PyObject>?) -> UInt32 {
        var type: UnsafeMutablePointer<PyObject>?
        var value: UnsafeMutablePointer<PyObject>?
        var traceback: UnsafeMutablePointer<PyObject>?
        PyErr_Fetch(&type, &value, &traceback)
        defer { PyErr_Restore(type, value, traceback) }
        let (kind, qualifier) = identity(definition, callable: callable, bound: bound)
        let name = definition.pointee.ml_name.map { String(cString: $0) } ?? "?"
        var record = CFunctionRecord(id: 0, kind: kind, qualifier: qualifier, name: name)
        let id: UInt32
        if CodeRegistry.filter.records(cFunction: record.globName) {
            id = CodeRegistry.takeId()
            record.id = id
            pending.withLock { $0.append(record) }
        } else {
            id = RecordFilter.excludedMarker
        }
        table.insert(UInt(bitPattern: definition), id)
        return id
    }

    /// How cProfile would name the function (Modules/_lsprof.c,
    /// normalizeUserObj): a method of the type that defines it, when the
    /// bound object's type finds the name along its MRO as a C method;
    /// otherwise a function of the module the PyCFunction names.
    private static func identity(_ definition: UnsafeMutablePointer<PyMethodDef>,
                                 callable: UnsafeMutablePointer<PyObject>,
                                 bound: UnsafeMutablePointer<PyObject>?) -> (CFunctionRecord.Kind, String) {
        if pf_is_method_descr(callable) != 0 {
            return (.method, String(cString: pf_type_name(pf_descr_type(callable))))
        }
        let module = pf_c_function_module(callable).flatMap { pf_is_unicode($0) != 0 ? PythonValues.string($0) : nil } ?? ""
        guard let bound, pf_is_module(bound) == 0 else {
            return (bound == nil ? .unbound : .function, module)
        }
        if let name = definition.pointee.ml_name, let key = PyUnicode_FromString(name) {
            defer { Py_DecRef(key) }
            if let found = pf_type_lookup(Py_TYPE(bound), key), pf_is_method_descr(found) != 0 {
                return (.method, String(cString: pf_type_name(pf_descr_type(found))))
            }
        }
        return (.function, module)
    }
}
