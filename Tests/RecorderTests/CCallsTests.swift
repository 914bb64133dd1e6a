import Foundation
import Testing
import PyFrameTestSupport
import TraceFormat

/// `pyframe record --c-calls`: every C function call the sys.setprofile
/// oracle sees as `c_call`, per function and named as cProfile names it,
/// nested in the Python stream, on every version.
@Suite("C calls match the sys.setprofile c_call oracle", .serialized)
struct CCallsTests {
    static let fixtures = FixtureOracleTests.fixtures + ["c_calls.py"]

    @Test("per-C-function call counts equal the oracle's; Python counts are unchanged; streams well nested",
          arguments: fixtures, TestPythons.available)
    func matchesOracle(fixture: String, python: TestPython) throws {
        let script = Tooling.fixture(fixture)
        let (trace, outcome) = try Tooling.record(script, python: python.executable, options: ["--c-calls"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(outcome.status == 0, "pyframe record failed: \(outcome.stderr)")
        let untraced = try Tooling.run([python.executable, script])
        #expect(outcome.stdout == untraced.stdout, "recording changed the program's output")

        let facts = try TraceFacts(path: trace, countingFile: script)
        #expect(try facts.settings.cCalls)
        let oracle = try Oracle.cCallCounts(for: script, python: python.executable)
        #expect(!oracle.isEmpty)
        #expect(facts.cCallsFromFile == oracle)
        #expect(facts.profileCalls == (try Oracle.counts(for: script, python: python.executable)))
        #expect(facts.problems.isEmpty, "\(facts.problems)")
        #expect(facts.end?.eventsWritten == UInt64(facts.events))
        #expect(!facts.nestingBroken && !facts.timeWentBack && !facts.cFunctionUsedBeforeRecord)
    }

    @Test("C functions that raise end in an unwind; C calling Python nests it; threads are recorded",
          arguments: TestPythons.available)
    func raisesAndCallbacks(python: TestPython) throws {
        let script = Tooling.fixture("c_calls.py")
        let (trace, outcome) = try Tooling.record(script, python: python.executable, options: ["--c-calls"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let facts = try TraceFacts(path: trace, countingFile: script)
        // {}.pop("missing") raises KeyError once in work(50), once in work(20).
        #expect(facts.cUnwinds["<method 'pop' of 'dict' objects>"] == 2)
        // sorted(xs, key=key) calls key once per item: 150 + 60 items.
        #expect(facts.cCallsFromFile["<built-in method builtins.sorted>"] == 2)
        #expect(facts.calls["key:10"] == 210)
        #expect(facts.cCallsFromFile["<method 'group' of 're.Match' objects>"] == 140)
        // Three a loop iteration (70 in all), and one for a subclass instance in each work().
        #expect(facts.cCallsFromFile["<method 'append' of 'list' objects>"] == 212)
        #expect(facts.threadNames.count == 2)

        // The report names them as cProfile does, with file `~`, and counts
        // every call (the standard library's too).
        let report = try Tooling.run([Tooling.pyframe, "report", "--format", "json", trace])
        let json = try JSONSerialization.jsonObject(with: Data(report.stdout.utf8)) as? [String: Any]
        let rows = json?["functions"] as? [[String: Any]] ?? []
        let sorted = rows.first { $0["qualname"] as? String == "{built-in method builtins.sorted}" }
        #expect(sorted?["calls"] as? Int == facts.cCalls["<built-in method builtins.sorted>"])
        #expect(sorted?["path"] as? String == "~")
    }

    @Test("without --c-calls nothing of C is recorded")
    func offByDefault() throws {
        let script = Tooling.fixture("c_calls.py")
        let (trace, _) = try Tooling.record(script)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let facts = try TraceFacts(path: trace, countingFile: script)
        #expect(facts.cFunctions.isEmpty && facts.cCalls.isEmpty)
        #expect(try !facts.settings.cCalls)
    }

    @Test("--exclude and --include match C functions by their qualified name")
    func filters() throws {
        let script = Tooling.fixture("c_calls.py")
        let (trace, _) = try Tooling.record(script, options: ["--c-calls", "--exclude", "builtins.*"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let facts = try TraceFacts(path: trace, countingFile: script)
        #expect(facts.cCalls["<built-in method builtins.sorted>"] == nil)
        #expect(facts.cCallsFromFile["<method 'group' of 're.Match' objects>"] == 140)
        let (only, _) = try Tooling.record(script, options: ["--c-calls", "--include", "*/Fixtures/*", "--include", "re.Match.*"])
        defer { try? FileManager.default.removeItem(atPath: only) }
        let kept = try TraceFacts(path: only, countingFile: script)
        #expect(Set(kept.cCalls.keys) == ["<method 'group' of 're.Match' objects>"])
        #expect(kept.cCalls["<method 'group' of 're.Match' objects>"] == 140)
        #expect(kept.calls["key:10"] == 210)
    }

    @Test("the program cannot tell: sys.getprofile() is None, its own profile function and monitoring tools still work",
          arguments: TestPythons.available)
    func programCannotTell(python: TestPython) throws {
        let dir = try Tooling.temporaryFolder("ccalls")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = dir + "/own_profile.py"
        try """
            import sys
            print(sys.getprofile())
            seen = []
            def profile(frame, event, arg):
                if event == "c_call":
                    seen.append(arg.__name__)
            def work():
                return len(sorted([3, 1, 2]))
            sys.setprofile(profile)
            work()
            sys.setprofile(None)
            print(seen)
            if hasattr(sys, "monitoring"):
                m = sys.monitoring
                calls = []
                m.use_tool_id(m.PROFILER_ID, "mine")
                m.register_callback(m.PROFILER_ID, m.events.CALL, lambda *a: calls.append(a[2].__name__))
                m.set_events(m.PROFILER_ID, m.events.CALL)
                work()
                m.set_events(m.PROFILER_ID, 0)
                m.free_tool_id(m.PROFILER_ID)
                print(calls)
            """.write(toFile: script, atomically: true, encoding: .utf8)
        let untraced = try Tooling.run([python.executable, script])
        let (trace, outcome) = try Tooling.record(script, python: python.executable, options: ["--c-calls"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0 && outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == untraced.stdout)
        #expect(outcome.stdout.hasPrefix("None\n['sorted', 'len', 'setprofile']\n"))
        let facts = try TraceFacts(path: trace, countingFile: script)
        #expect(!facts.nestingBroken && facts.problems.isEmpty)
        // On 3.12+ C calls stay recorded under the program's own profiling
        // (3.11: its sys.setprofile replaced pyframe's for the thread).
        if python.version != "3.11" {
            #expect(facts.cCallsFromFile["<built-in method builtins.sorted>"] == 2)
        }
    }
}
