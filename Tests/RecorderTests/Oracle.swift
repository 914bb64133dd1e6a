import Foundation

/// The independent oracle for call counts: the same script run under a
/// `sys.setprofile` / `threading.setprofile` counter, written here and not
/// sharing anything with pyframe. It counts profile 'call' events per code
/// object (qualname and first line) for frames of the script's own file.
enum Oracle {
    /// Tests/RecorderTests/Fixtures/oracle_counter.py, run with `-c` (the
    /// wheel's end-to-end test, Tools/wheel/test_wheel.py, runs it too).
    static var counter: String {
        (try? String(contentsOfFile: Tooling.fixture("oracle_counter.py"), encoding: .utf8)) ?? ""
    }

    /// Entry counts per `qualname:firstline` for frames of `script` run by `python`.
    static func counts(for script: String, python: String = "python3") throws -> [String: Int] {
        try result(of: counter, [script], python)
    }

    /// C calls per cProfile name made from frames of `script` run by `python`.
    static func cCallCounts(for script: String, python: String = "python3") throws -> [String: Int] {
        try result(of: counter, ["--c-calls", script], python)
    }

    private static func result(of counter: String, _ arguments: [String], _ python: String) throws -> [String: Int] {
        let outcome = try Tooling.run([python, "-c", counter] + arguments)
        guard let line = outcome.stderr.split(separator: "\n").last(where: { $0.hasPrefix("ORACLE") }),
              let data = line.dropFirst("ORACLE".count).data(using: .utf8),
              let json = try JSONSerialization.jsonObject(with: data) as? [String: Int] else {
            throw OracleError.noResult(outcome.stderr)
        }
        return json
    }

    enum OracleError: Error { case noResult(String) }
}
