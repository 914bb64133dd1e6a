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

    /// Versions whose `test` package has the regression tests (Debian ships
    /// them apart, as libpython3.X-testsuite, which the interpreters
    /// Tools/pythons.sh unpacks do not include).
    static let withTestSuite: [TestPython] = TestPythons.available.filter { python in
        (try? Tooling.run([python.executable, "-c",
                           "import importlib.util, sys; sys.exit(importlib.util.find_spec('test.test_scope') is None)"]))?
            .status == 0
    }

    @Test("Tools/regrtest.py --smoke: 0 cases differ", arguments: withTestSuite)
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

    @Test("a version without the regression tests is refused in one line, exit 3")
    func leftOut() throws {
        let left = TestPythons.available.filter { p in !Self.withTestSuite.contains { $0.version == p.version } }
        // Said, so that a version is never left out silently.
        if !left.isEmpty {
            print("regrtest smoke: no regression tests in " + left.map(\.description).joined(separator: ", "))
        }
        for python in left {
            let outcome = try Tooling.run(["python3", Self.script, "--python", python.executable,
                                           "--pyframe", Tooling.pyframe, "--smoke"])
            #expect(outcome.status == 3, "\(outcome.stdout)\(outcome.stderr)")
            #expect(outcome.stderr.contains("has no regression tests"), "\(outcome.stderr)")
        }
    }
}
