import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// A report over several traces lists every program it merged, and says of
/// each record-time filter which traces it applies to.
@Suite struct MergedHeaderTests {
    /// The mixed fixture as pid `pid` running `argv`, recorded with `properties`.
    static func profile(pid: UInt64, argv: [String], properties: [String: String]) throws -> TraceProfile {
        var trace = Fixtures.mixed()
        trace.process.pid = pid
        trace.process.argv = argv
        trace.process.properties = properties
        return try Fixtures.profile(trace)
    }

    @Test func filtersArePerTrace() throws {
        let parent = try Self.profile(pid: 100, argv: ["python3", "app.py"], properties: ["exclude": "*/lib/*"])
        let child = try Self.profile(pid: 101, argv: ["python3", "-c", "import worker"], properties: [:])
        let header = try ReportBuilder.build([parent, child]).header
        let lines = ReportHeaderText.lines(header)
        #expect(Array(lines.prefix(3)) == [
            "processes 2 merged",
            "  pid 100: python3 app.py  (1.0 µs, 12 events, \(parent.path))",
            "  pid 101: python3 -c 'import worker'  (1.0 µs, 12 events, \(child.path))",
        ])
        #expect(lines.filter { $0.hasPrefix("recorded  ") || $0.hasPrefix("          ") } == [
            "recorded  pid 100: files matching --exclude */lib/* were not recorded",
            "          pid 100: time in left-out frames counts as their nearest recorded caller's self time",
            "          pid 101: every frame (no record-time filters)",
        ])
        // The HTML header says the same.
        let html = try Fixtures.htmlPage([parent, child])
        #expect(html.contains("pid 101: every frame (no record-time filters)"))
        #expect(html.contains("python3 -c &#39;import worker&#39;") || html.contains("python3 -c 'import worker'"))
    }

    @Test func aFilterSharedByEveryTraceSaysSo() throws {
        let a = try Self.profile(pid: 100, argv: ["python3", "app.py"], properties: ["max-depth": "5"])
        let b = try Self.profile(pid: 101, argv: ["python3", "app.py"], properties: ["max-depth": "5"])
        let lines = ReportHeaderText.lines(try ReportBuilder.build([a, b]).header)
        #expect(lines.contains("recorded  in every trace: frames deeper than --max-depth 5 were not recorded"))
        let single = ReportHeaderText.lines(try ReportBuilder.build([a]).header)
        #expect(single.contains("recorded  frames deeper than --max-depth 5 were not recorded"))
    }

    /// A directory whose child trace sorts first by name: the report still
    /// starts with the parent, the process that started first.
    @Test func directoriesAreReportedParentFirst() throws {
        let dir = temporaryPath("family")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        var parent = Fixtures.mixed()
        parent.process.pid = 200
        var child = Fixtures.mixed()
        child.process.pid = 201
        child.process.argv = ["python3", "-c", "pass"]
        child.process.originMonotonicNs += 5_000_000
        child.process.startWallNs += 5_000_000
        try parent.write(to: dir + "/t.lz4")
        try child.write(to: dir + "/t.201.lz4")
        let result = try #require(PyFrameTool.pyframe(["report", dir]))
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(Array(lines.prefix(3)) == [
            "processes 2 merged",
            "  pid 200: python3 app.py  (1.0 µs, 12 events, \(dir)/t.lz4)",
            "  pid 201: python3 -c pass  (1.0 µs, 12 events, \(dir)/t.201.lz4)",
        ])
    }
}
