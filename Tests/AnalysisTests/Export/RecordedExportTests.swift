import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe export` on a trace recorded by the built `pyframe` (threads,
/// recursion, a generator), every format checked by an independent reader
/// against the analyzer's totals.
@Suite(.serialized) struct RecordedExportTests {
    static let script = """
        import threading
        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)
        def numbers():
            for i in range(50):
                yield i
        def work():
            for _ in range(20):
                fib(10)
        t = threading.Thread(target=work, name="worker")
        t.start()
        total = sum(numbers()) + fib(12)
        t.join()
        """

    /// The recorded trace and its analysis (with stacks), made once.
    static let recorded: (path: String, profile: TraceProfile)? = {
        guard let path = PyFrameTool.record(script) else { return nil }
        guard let profile = try? TraceAnalyzer.analyze(path: path, options: AnalysisOptions(collectStacks: true)) else {
            return nil
        }
        return (path, profile)
    }()

    /// Runs `pyframe export --format format` and returns the output path.
    static func export(_ format: String, _ trace: String) throws -> String {
        let out = temporaryPath("export.\(format)")
        let result = try #require(PyFrameTool.pyframe(["export", "--format", format, "-o", out, trace]))
        #expect(result.status == 0, "\(result.stderr)")
        return out
    }

    /// Entries (calls and resumes) over every function and thread: one frame each.
    static func entries(_ profile: TraceProfile) -> Int {
        Int(profile.mergedFunctions().nonEmpty().reduce(UInt64(0)) { $0 + $1.stats.calls + $1.stats.resumes })
    }

    static func functionNames(_ profile: TraceProfile) -> Set<String> {
        Set(FunctionCatalog(profiles: [profile]).functions.map(\.name))
    }

    @Test func chromeMatchesTheAnalysis() throws {
        let (path, profile) = try #require(Self.recorded)
        let found = try #require(ExportCheck.chrome(try Self.export("chrome", path)))
        #expect(found["complete"] as? Int == Self.entries(profile))
        let names = try #require(found["names"] as? [String: Int])
        #expect(Set(names.keys).isSubset(of: Self.functionNames(profile)))
        #expect(names.keys.contains { $0.hasPrefix("fib (fixture.py:") })
        let selfTimes = try #require(found["self"] as? [String: Int])
        #expect(selfTimes.values.reduce(0, +) == Int(profile.totalSelfNs))
        #expect(found["threads"] as? Int == 2)
    }

    @Test func speedscopeMatchesTheAnalysis() throws {
        let (path, profile) = try #require(Self.recorded)
        let found = try #require(ExportCheck.speedscope(try Self.export("speedscope", path)))
        let profiles = try #require(found["profiles"] as? [[String: Any]])
        #expect(profiles.reduce(0) { $0 + ($1["opens"] as? Int ?? 0) } == Self.entries(profile))
        #expect(Set(profiles.compactMap { $0["name"] as? String }) == ["MainThread", "worker"])
        let frames = try #require(found["frames"] as? [String])
        #expect(frames.contains("fib") && frames.contains("numbers"))
        let selfNs = profiles.reduce(0) { sum, p in sum + ((p["self"] as? [String: Int])?.values.reduce(0, +) ?? 0) }
        #expect(selfNs == Int(profile.totalSelfNs))
    }

    @Test func foldedIsWhatFlameFoldedPrints() throws {
        let (path, _) = try #require(Self.recorded)
        let exported = try String(contentsOfFile: try Self.export("folded", path), encoding: .utf8)
        let flame = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", path]))
        #expect(flame.status == 0)
        #expect(!exported.isEmpty)
        #expect(exported == flame.stdout)
    }

    @Test(.enabled(if: PprofCheck.python != nil,
                   "needs the protobuf package from PyPI in .build-export/venv, which could not be installed"))
    func pprofMatchesTheAnalysis() throws {
        let (path, profile) = try #require(Self.recorded)
        let found = try #require(PprofCheck.read(try Self.export("pprof", path)))
        let calls = profile.mergedFunctions().nonEmpty().reduce(UInt64(0)) { $0 + $1.stats.calls }
        #expect(found["sums"] as? [Int] == [Int(profile.totalSelfNs), Int(calls)])
        #expect(found["time_nanos"] as? Int == Int(profile.process.startWallNs))
        #expect(found["duration_nanos"] as? Int == Int(profile.durationNs))
        let fib = (found["functions"] as? [[Any]])?.first { $0[0] as? String == "fib" }
        #expect(fib?[2] as? String == "fixture.py")
        #expect(fib?[3] as? Int == 2)
    }

    @Test func badInputIsOneLineAndFails() throws {
        let missing = try #require(PyFrameTool.pyframe(["export", "--format", "chrome", "/nonexistent/trace.lz4"]))
        #expect(missing.status == 1)
        #expect(missing.stderr == "pyframe: /nonexistent/trace.lz4: no such file or directory\n")
        let notTrace = temporaryPath("not-a-trace.lz4")
        try "hello".write(toFile: notTrace, atomically: true, encoding: .utf8)
        let bad = try #require(PyFrameTool.pyframe(["export", "--format", "pprof", "-o", temporaryPath("x"), notTrace]))
        #expect(bad.status == 1)
        #expect(bad.stderr.split(separator: "\n").count == 1)
    }
}
