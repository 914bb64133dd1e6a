import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// `--include`, `--exclude` and `--max-depth` leave out exactly what they
/// name, keep the rest intact, and are written into the trace.
@Suite("Record-time filters", .serialized)
struct RecordFilterTests {
    func record(_ options: [String], _ script: String,
                python: String = "python3") throws -> (TraceFacts, Tooling.Outcome) {
        let trace = Tooling.temporaryTrace("filter")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", trace] + options + ["--", python, script])
        return (try TraceFacts(path: trace, countingFile: script), outcome)
    }

    @Test("--include keeps only matching files; their counts still match the oracle")
    func include() throws {
        let script = Tooling.fixture("calls_from_c.py")
        let (facts, outcome) = try record(["--include", "*/Fixtures/*"], script)
        #expect(outcome.status == 0)
        #expect(!facts.codes.isEmpty)
        #expect(facts.codes.values.allSatisfy { $0.filename == script })
        #expect(facts.profileCalls == (try Oracle.counts(for: script)))
        #expect(try facts.settings.include == ["*/Fixtures/*"])
        #expect(!facts.nestingBroken)
    }

    @Test("--exclude leaves out the standard library, and never pyframe's own bootstrap")
    func exclude() throws {
        let script = Tooling.fixture("threads.py")
        let (facts, _) = try record(["--exclude", "*/lib/python3.11/*", "--exclude", "<frozen *"], script)
        let files = Set(facts.codes.values.map(\.filename))
        #expect(files.contains(script))
        #expect(!files.contains { $0.contains("/lib/python3.11/") || $0.hasPrefix("<frozen ") })
        #expect(!files.contains { $0.hasSuffix("sitecustomize.py") })
        #expect(try facts.settings.exclude == ["*/lib/python3.11/*", "<frozen *"])
        // Worker functions called from excluded threading code are still recorded.
        #expect(facts.profileCalls["step:10"] == 10196)
        #expect(!facts.nestingBroken)
    }

    @Test("--max-depth records frames down to that depth only", arguments: TestPythons.available)
    func maxDepth(python: TestPython) throws {
        let script = Tooling.fixture("recursion.py")
        let (facts, outcome) = try record(["--max-depth", "3"], script, python: python.executable)
        #expect(outcome.status == 0)
        #expect(try facts.settings.maxDepth == 3)
        #expect(facts.maxDepth == 3)
        // <module> is depth 1, fib(18) depth 2, its two calls depth 3.
        #expect(facts.calls["fib:4"] == 3)
        #expect(!facts.nestingBroken)
    }
}
