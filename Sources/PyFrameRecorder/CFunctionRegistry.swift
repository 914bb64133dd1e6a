import PyFrameShim
import Synchronization
import TraceFormat

/// Gives each C function a `--c-calls` recording sees an id on first
/// sighting, and describes it once.
///
/// A C function is known by its `PyMethodDef`, static data that every object
/// wrapping the function shares (the `list.append` descriptor and each bound
/// `xs.append`), so the lookup on every later call is a pointer hashed into
/// an open-addressing table: no allocation, no lock, no Python API. The
/// table grows only at a first sighting. Ids come from the code objects'
/// space (``CodeRegistry/takeId()``); the record is queued for the writer
/// like a code record, before any event that uses the id is published.
enum CFunctionRegistry {
    /// Keys (PyMethodDef addresses; 0 is empty) and ids, `capacity` each.
    nonisolated(unsafe) private static var keys = UnsafeMutablePointer<UInt>.allocate(capacity: 0)
    nonisolated(unsafe) private static var ids = UnsafeMutablePointer<UInt32>.allocate(capacity: 0)
    nonisolated(unsafe) private static var capacity = 0
    nonisolated(unsafe) private static var count = 0

    /// Records not yet taken by the writer.
    static let pending = ForkSafeLock<[CFunctionRecord]>([])

    /// Forgets every id (a new session numbers afresh; GIL held).
    static func reset() {
        if capacity > 0 { keys.update(repeating: 0, count: capacity) }
        count = 0
        pending.withLock { $0.removeAll() }
    }

    /// The id of the C function `definition`, which `callable` (bound to
    /// `bound`, or a descriptor) calls: a table probe, or its first sighting.
    /// ``RecordFilter/excludedMarker`` when the filters leave it out.
    @inline(__always)
    static func id(_ definition: UnsafeMutablePointer<PyMethodDef>, callable: UnsafeMutablePointer<PyObject>,
                   bound: UnsafeMutablePointer<PyObject>?) -> UInt32 {
        let key = UInt(bitPattern: definition)
        if capacity > 0 {
            let mask = capacity - 1
            var slot = hash(key) & mask
            while true {
                let k = keys[slot]
                if k == key { return ids[slot] }
                if k == 0 { break }
                slot = (slot + 1) & mask
            }
        }
        return firstSighting(definition, callable: callable, bound: bound)
    }

    /// Fibonacci hashing of an address (its low bits are alignment).
    @inline(__always)
    private static func hash(_ key: UInt) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20)
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
        insert(UInt(bitPattern: definition), id)
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

    private static func insert(_ key: UInt, _ id: UInt32) {
        if (count + 1) * 2 > capacity { grow() }
        let mask = capacity - 1
        var slot = hash(key) & mask
        while keys[slot] != 0 { slot = (slot + 1) & mask }
        keys[slot] = key
        ids[slot] = id
        count += 1
    }

    private static func grow() {
        let (oldKeys, oldIds, oldCapacity) = (keys, ids, capacity)
        capacity = max(256, oldCapacity * 2)
        keys = .allocate(capacity: capacity)
        keys.initialize(repeating: 0, count: capacity)
        ids = .allocate(capacity: capacity)
        ids.initialize(repeating: 0, count: capacity)
        count = 0
        for i in 0..<oldCapacity where oldKeys[i] != 0 { insert(oldKeys[i], oldIds[i]) }
        oldKeys.deallocate()
        oldIds.deallocate()
    }
}
