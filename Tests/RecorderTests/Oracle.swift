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
