import Foundation
import PyFrameTestSupport
import Testing

/// A few of CPython's own regression-test modules, run untraced and under
/// `pyframe record` by Tools/regrtest.py (`--smoke`): every case has the same
/// outcome, the exit status and stderr are the same apart from pyframe's
/// closing line, and every trace is readable. `Tools/regrtest.py --quick`
/// runs the larger selection.
@Suite("CPython's regression tests pass the same traced")
struct RegressionSuiteTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Tools/regrtest.py").path

    @Test("Tools/regrtest.py --smoke: 0 cases differ", arguments: TestPythons.available)
    func smoke(python: TestPython) throws {
        let outcome = try Tooling.run(["python3", Self.script, "--python", python.executable,
                                       "--pyframe", Tooling.pyframe, "--smoke", "--timeout", "120"])
        let closing = outcome.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let match = closing.firstMatch(of: /^(\d+) cases, (\d+) differ/)
        #expect(match != nil, "no closing line:\n\(outcome.stdout)\(outcome.stderr)")
        guard let match else { return }
        #expect(Int(match.1)! > 50, "\(closing)")
        #expect(Int(match.2)! == 0, "\(outcome.stdout)")
        #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    }
}
