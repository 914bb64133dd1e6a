import Foundation
import PyFrameTestSupport
import Testing

/// The independent oracle for the diff tests' call counts: the same script
/// run under a `sys.setprofile` counter that shares nothing with pyframe.
/// It counts profile 'call' events per code object of the script's own file
/// and of notebook-style cells (`<cell-…>`), keyed `file|qualname|firstline`
/// (the script by its base name), and snapshots the counts at every
/// `pyframe.mark(label)`, through a stand-in `pyframe` module.
enum CallOracle {
    static let counter = #"""
    import json, os, runpy, sys, types
    script = os.path.realpath(sys.argv[1])
    counts, marks = {}, {}
    stub = types.ModuleType("pyframe")
    stub.mark = lambda label: marks.setdefault(label, dict(counts)) is not None
    sys.modules["pyframe"] = stub
    def profile(frame, event, arg):
        if event == "call":
            code = frame.f_code
            name = code.co_filename
            if name.startswith("<cell"):
                key = name
            elif os.path.realpath(name) == script:
                key = os.path.basename(script)
            else:
                return
            key = "%s|%s|%d" % (key, code.co_qualname, code.co_firstlineno)
            counts[key] = counts.get(key, 0) + 1
    sys.argv = sys.argv[1:]
    sys.setprofile(profile)
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.setprofile(None)
        sys.stderr.write("ORACLE" + json.dumps({"counts": counts, "marks": marks}) + "\n")
    """#

    /// What the counter saw.
    struct Counts {
        /// `file|qualname|line` → calls over the whole run.
        var total: [String: Int]
        /// Mark label → the counts when it was marked.
        var marks: [String: [String: Int]]

        /// Calls after the mark `label`.
        func after(_ label: String) -> [String: Int] {
            let before = marks[label] ?? [:]
            return total.reduce(into: [:]) { $0[$1.key] = $1.value - (before[$1.key] ?? 0) }
        }
    }

    /// Runs `script` (Python source, written as `name` in a fresh directory)
    /// under the counter with `environment`.
    static func counts(_ script: String, name: String, environment: [String: String] = [:]) throws -> Counts {
        let python = try #require(PyFrameTool.python)
        let dir = temporaryPath("oracle")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let result = PyFrameTool.run("/usr/bin/env", [python, "-c", counter, path], environment: environment, directory: dir)
        let line = try #require(result.stderr.split(separator: "\n").last { $0.hasPrefix("ORACLE") }, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.dropFirst(6).utf8)) as? [String: Any])
        return Counts(total: try #require(object["counts"] as? [String: Int]),
                      marks: try #require(object["marks"] as? [String: [String: Int]]))
    }
}
