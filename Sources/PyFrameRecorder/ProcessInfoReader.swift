import PyFrameShim
import TraceFormat
#if canImport(Glibc)
import Glibc
#endif

/// Reads the process record's facts from `sys` and the OS (GIL held).
enum ProcessInfoReader {
    /// The recorder's version, written into every trace.
    static let recorderVersion = "0.1.0"

    static func read(properties: [String: String]) -> ProcessRecord {
        var argv: [String] = []
        if let list = PySys_GetObject("orig_argv") ?? PySys_GetObject("argv") {
            let n = PyList_Size(list)
            if n < 0 { PyErr_Clear() }
            for i in 0..<max(0, n) { argv.append(PythonValues.string(PyList_GetItem(list, i))) }
        }
        var cwd = [CChar](repeating: 0, count: 4096)
        let dir = getcwd(&cwd, cwd.count) != nil ? String(cString: cwd) : ""
        var props = properties
        props["recorder"] = "pyframe \(recorderVersion)"
        return ProcessRecord(
            pid: UInt64(getpid()), parentPid: UInt64(getppid()),
            pythonVersion: PythonValues.string(PySys_GetObject("version")),
            executable: PythonValues.string(PySys_GetObject("executable")),
            argv: argv, cwd: dir, startWallNs: pf_realtime_ns(), originMonotonicNs: 0,
            clock: "", properties: props)
    }
}
