import Foundation

/// The independent oracle for call counts: the same script run under a
/// `sys.setprofile` / `threading.setprofile` counter, written here and not
/// sharing anything with pyframe. It counts profile 'call' events per code
/// object (qualname and first line) for frames of the script's own file.
enum Oracle {
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

    /// Entry counts per `qualname:firstline` for frames of `script` run by `python`.
    static func counts(for script: String, python: String = "python3") throws -> [String: Int] {
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
