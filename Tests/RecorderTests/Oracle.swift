import Foundation

/// The independent oracle for call counts: the same script run under a
/// `sys.setprofile` / `threading.setprofile` counter, written here and not
/// sharing anything with pyframe. It counts profile 'call' events per code
/// object (qualname and first line) for frames of the script's own file.
enum Oracle {
    /// Runs the script under `profile`, then prints `counts` as JSON.
    static let run = #"""
    sys.argv = sys.argv[1:]
    threading.setprofile(profile)
    sys.setprofile(profile)
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.setprofile(None)
        threading.setprofile(None)
        sys.stderr.write("ORACLE" + json.dumps(counts) + "\n")
    """#

    static let counter = #"""
    import json, os, runpy, sys, threading
    script = os.path.realpath(sys.argv[1])
    counts = {}
    lock = threading.Lock()
    def profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            if os.path.realpath(code.co_filename) == script:
                key = "%s:%d" % (code.co_qualname, code.co_firstlineno)
                with lock:
                    counts[key] = counts.get(key, 0) + 1
    """# + "\n" + run

    /// Entry counts per `qualname:firstline` for frames of `script` run by `python`.
    static func counts(for script: String, python: String = "python3") throws -> [String: Int] {
        try result(of: counter, script, python)
    }

    /// The oracle for C calls: `c_call` profile events made from frames of
    /// the script, per C function, named as cProfile names them (a method
    /// by the method descriptor its type finds, else a builtin of its
    /// module; the repr of any other attribute carries an address, so such
    /// functions are named as builtins too).
    static let cCallCounter = #"""
    import json, os, runpy, sys, threading
    script = os.path.realpath(sys.argv[1])
    counts = {}
    lock = threading.Lock()
    descriptors = (type(list.append), type(dict.__dict__["fromkeys"]))
    def name(f):
        self, module = f.__self__, getattr(f, "__module__", None)
        if self is None:
            return "<%s.%s>" % (module, f.__name__) if module and module != "builtins" else "<%s>" % f.__name__
        for klass in type(self).__mro__:
            found = klass.__dict__.get(f.__name__)
            if found is not None:
                if isinstance(found, descriptors):
                    return repr(found)
                break
        return "<built-in method %s.%s>" % (module, f.__name__) if isinstance(module, str) else "<built-in method %s>" % f.__name__
    def profile(frame, event, arg):
        if event == "c_call" and os.path.realpath(frame.f_code.co_filename) == script:
            key = name(arg)
            with lock:
                counts[key] = counts.get(key, 0) + 1
    """# + "\n" + run

    /// C calls per cProfile name made from frames of `script` run by `python`.
    static func cCallCounts(for script: String, python: String = "python3") throws -> [String: Int] {
        try result(of: cCallCounter, script, python)
    }

    private static func result(of counter: String, _ script: String, _ python: String) throws -> [String: Int] {
        let outcome = try Tooling.run([python, "-c", counter, script])
        guard let line = outcome.stderr.split(separator: "\n").last(where: { $0.hasPrefix("ORACLE") }),
              let data = line.dropFirst("ORACLE".count).data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Int] else {
            throw OracleError.noResult(outcome.stderr)
        }
        return json
    }

    enum OracleError: Error { case noResult(String) }
}
