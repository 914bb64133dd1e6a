import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// The `pyframe` Python module: marks inside `pyframe record`, and recording
/// part of a program on its own once installed into a venv.
@Suite("The pyframe Python module", .serialized)
struct PythonAPITests {
    static let underRecord = """
        import pyframe
        def work():
            return sum(i for i in range(100))
        pyframe.mark("before patch")
        work()
        pyframe.mark("after patch")
        try:
            pyframe.start("/nonexistent/x.lz4")
        except OSError as e:
            print("refused:", e)
        pyframe.stop()
        pyframe.stop()
        def after_stop():
            pass
        after_stop()
        print(pyframe.is_recording())
        """

    @Test("under pyframe record: import pyframe works, marks land in the trace, pyframe's own frames do not", arguments: TestPythons.available)
    func marksUnderRecord(python: TestPython) throws {
        let trace = Tooling.temporaryTrace("api")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--", python.executable, "-c", Self.underRecord])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "refused: pyframe is already recording in this process\nTrue\n")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.marks.map(\.label) == ["before patch", "after patch"])
        #expect(facts.marks.allSatisfy { $0.thread == 0 })
        #expect(facts.marks[0].time < facts.marks[1].time)
        #expect(facts.calls["work:2"] == 1)
        // stop() under pyframe record warns once and the recording goes on.
        #expect(outcome.stderr.components(separatedBy: "pyframe.stop() does nothing under `pyframe record`").count == 2,
                "\(outcome.stderr)")
        #expect(facts.calls["after_stop:13"] == 1)
        #expect(!facts.codes.values.contains { $0.filename.contains("/pyframe-") })  // bootstrap and API hidden
    }

    @Test("installed into a venv: pyframe.record() records only its block, with filters and marks", arguments: TestPythons.available)
    func standalone(python: TestPython) throws {
        let dir = NSTemporaryDirectory() + "pyframe-venv-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let venv = try Tooling.run([python.executable, "-m", "venv", dir + "/venv"])
        try #require(venv.status == 0, "\(venv.stderr)")
        let install = try Tooling.run([Tooling.pyframe, "install-python-api", "--python", dir + "/venv/bin/python"])
        #expect(install.status == 0, "\(install.stderr)")
        let script = """
            import sys, pyframe
            def before(): pass
            def inside(n): return n if n < 2 else inside(n - 1) + inside(n - 2)
            before()
            with pyframe.record(sys.argv[1], exclude=["*/lib/python\(python.version)/*"]):
                pyframe.mark("start")
                inside(10)
            before()
            print(pyframe.is_recording())
            try:
                pyframe.start(sys.argv[1] + ".2", ring="12x")
            except ValueError as e:
                print("refused:", e)
            with pyframe.record(sys.argv[1] + ".3", ring="256K"):
                inside(5)
            """
        let trace = dir + "/part.lz4"
        let run = try Tooling.run([dir + "/venv/bin/python", "-c", script, trace])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "False\nrefused: ring takes a size of at least 64K, such as 64M or 1G (got '12x')\n")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["inside:3"] == 177)
        #expect(facts.calls["before:2"] == nil)
        #expect(facts.marks.map(\.label) == ["start"])
        #expect(try facts.settings.exclude == ["*/lib/python\(python.version)/*"])
        #expect(facts.end != nil && !facts.nestingBroken)
        // ring= takes the sizes --ring takes.
        let ringed = try TraceFacts(path: trace + ".3", countingFile: "<string>")
        #expect(try ringed.settings.ringBytes == 256 << 10)
        #expect(ringed.calls["inside:3"] == 15)
    }

    static let python310 = NSHomeDirectory() + "/.pyenv/versions/3.10.13/bin/python3"

    @Test("installing into a Python that pyframe does not record is refused in one line",
          .enabled(if: FileManager.default.isExecutableFile(atPath: PythonAPITests.python310)))
    func wrongPython() throws {
        let python310 = Self.python310
        let outcome = try Tooling.run([Tooling.pyframe, "install-python-api", "--python", python310])
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "pyframe: \(python310) is Python 3.10; the pyframe module needs CPython 3.11 to 3.15\n")
    }
}
