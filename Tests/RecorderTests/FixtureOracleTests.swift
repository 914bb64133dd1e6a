import Foundation
import Testing
import PyFrameTestSupport
import TraceFormat

/// Every fixture recorded with `pyframe record` has, for every function of
/// the fixture, exactly the entry count the sys.setprofile oracle sees, and a
/// well-formed trace.
@Suite("Recorded fixtures match the sys.setprofile oracle", .serialized)
struct FixtureOracleTests {
    static let fixtures = [
        "recursion.py", "generators.py", "async_await.py", "exceptions.py", "threads.py",
        "class_bodies.py", "comprehensions.py", "calls_from_c.py", "deep_recursion.py", "class_init.py",
    ]

    @Test("entry counts equal the oracle's, streams are well nested",
          arguments: fixtures, TestPythons.available)
    func matchesOracle(fixture: String, python: TestPython) throws {
        let script = Tooling.fixture(fixture)
        let (trace, outcome) = try Tooling.record(script, python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(outcome.status == 0, "pyframe record failed: \(outcome.stderr)")
        let untraced = try Tooling.run([python.executable, script])
        #expect(outcome.stdout == untraced.stdout, "recording changed the program's output")

        let facts = try TraceFacts(path: trace, countingFile: script)
        let oracle = try Oracle.counts(for: script, python: python.executable)
        #expect(!oracle.isEmpty)
        #expect(facts.profileCalls == oracle)
        for key in facts.resumesByCode.keys {
            #expect(facts.generatorKeys.contains(key), "\(key) resumed but is not a generator or coroutine")
        }
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        #expect(facts.end != nil, "no end record: the trace was not completed")
        #expect(facts.end?.eventsWritten == UInt64(facts.events))
        #expect(!facts.nestingBroken)
        #expect(!facts.timeWentBack)
        #expect(facts.threadNames[0] == "MainThread")
    }

    @Test("pyframe report's calls and resumes equal the oracle's, per function",
          arguments: fixtures, TestPythons.available)
    func reportMatchesOracle(fixture: String, python: TestPython) throws {
        let script = Tooling.fixture(fixture)
        let (trace, _) = try Tooling.record(script, python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let report = try Tooling.run([Tooling.pyframe, "report", "--format", "json", trace])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let rows = json?["functions"] as? [[String: Any]] ?? []
        var seen: [String: Int] = [:]
        for row in rows where row["path"] as? String == script {
            let key = "\(row["qualname"] as? String ?? ""):\(row["line"] as? Int ?? 0)"
            let calls = row["calls"] as? Int ?? 0
            let resumes = row["resumes"] as? Int ?? 0
            // sys.setprofile sees a generator's resumes as its 'call' events.
            seen[key, default: 0] += resumes > 0 ? resumes : calls
        }
        var oracle = try Oracle.counts(for: script, python: python.executable)
        // Generators created but never resumed show no 'call' to sys.setprofile.
        for (key, value) in seen where oracle[key] == nil && value == 0 { oracle[key] = 0 }
        #expect(seen == oracle)
    }

    @Test("generators resume and yield, exceptions unwind", arguments: TestPythons.available)
    func eventKinds(python: TestPython) throws {
        let generators = Tooling.fixture("generators.py")
        let (genTrace, _) = try Tooling.record(generators, python: python.executable)
        let gen = try TraceFacts(path: genTrace, countingFile: generators)
        #expect(gen.resumes > 50 && gen.yields > 50)
        #expect(gen.unwinds >= 1)  // throw() raises inside fragile() and is not caught there

        let exceptions = Tooling.fixture("exceptions.py")
        let (excTrace, _) = try Tooling.record(exceptions, python: python.executable)
        let exc = try TraceFacts(path: excTrace, countingFile: exceptions)
        // deep(n) for n in 0..<20 unwinds n+1 deep frames, plus cleanup each time.
        #expect(exc.unwinds >= (1...20).reduce(0, +) + 20)
        try? FileManager.default.removeItem(atPath: genTrace)
        try? FileManager.default.removeItem(atPath: excTrace)
    }

    @Test("threads are named and each keeps its own stream", arguments: TestPythons.available)
    func threadNames(python: TestPython) throws {
        let script = Tooling.fixture("threads.py")
        let (trace, _) = try Tooling.record(script, python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let facts = try TraceFacts(path: trace, countingFile: script)
        let names = Set(facts.threadNames.values)
        for i in 0..<4 { #expect(names.contains("worker-\(i)")) }
        #expect(facts.threadNames.count >= 5)
    }
}
