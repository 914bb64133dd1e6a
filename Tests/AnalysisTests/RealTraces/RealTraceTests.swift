import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// A real Python program recorded with the built `pyframe`: exact call
/// counts, folded stacks that add up to the self time, and JSON that parses.
@Suite(.serialized) struct RealTraceTests {
    static let script = """
        import json, threading

        def fib(n):
            return n if n < 2 else fib(n - 1) + fib(n - 2)

        def numbers(n):
            for i in range(n):
                yield i

        def fails():
            raise ValueError("expected")

        def main():
            fib(15)                      # 1973 calls
            total = sum(numbers(25))     # 1 call, 26 resumes
            for _ in range(7):
                try:
                    fails()
                except ValueError:
                    pass
            json.loads('{"a": [1, 2, 3]}')
            worker = threading.Thread(target=fib, args=(10,), name="fib-worker")  # 177 calls
            worker.start()
            worker.join()

        main()
        """

    static let trace: String? = PyFrameTool.record(script, name: "app.py")

    @Test func exactCountsFromARealRecording() throws {
        let trace = try #require(Self.trace)
        let profile = try TraceAnalyzer.analyze(path: trace)
        #expect(profile.isComplete)
        #expect(profile.problems.isEmpty)
        let report = try ReportBuilder.build([profile], options: ReportOptions(perThread: true))
        func row(_ qualname: String, thread: String) -> ReportRow? {
            report.tables.first { $0.thread?.name == thread }?.rows.first { $0.function.identity.qualname == qualname }
        }
        let fib = try #require(row("fib", thread: "MainThread"))
        #expect(fib.stats.calls == 1973)
        #expect(fib.stats.primitiveCalls == 1)
        #expect(fib.function.identity.file == "app.py")
        #expect(fib.function.identity.line == 3)
        let worker = try #require(row("fib", thread: "fib-worker"))
        #expect(worker.stats.calls == 177)
        let numbers = try #require(row("numbers", thread: "MainThread"))
        #expect(numbers.stats.calls == 1)
        #expect(numbers.stats.resumes == 26)
        #expect(try #require(row("fails", thread: "MainThread")).stats.calls == 7)
        let main = try #require(row("main", thread: "MainThread"))
        #expect(main.stats.totalNs >= fib.stats.totalNs + numbers.stats.totalNs)
        #expect(main.stats.totalNs > main.stats.selfNs)
        // The standard library is named as users know it.
        #expect(report.tables[0].rows.contains { $0.function.identity.file == "json/decoder.py" })
    }

    @Test func foldedStacksAddUpToTheSelfTimeTotal() throws {
        let trace = try #require(Self.trace)
        let folded = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", trace]))
        #expect(folded.status == 0, "\(folded.stderr)")
        let lines = folded.stdout.split(separator: "\n")
        #expect(lines.count > 20)
        let sum = lines.reduce(UInt64(0)) { $0 + (UInt64($1.split(separator: " ").last ?? "") ?? 0) }
        let profile = try TraceAnalyzer.analyze(path: trace)
        #expect(sum == profile.totalSelfNs)
        #expect(lines.contains { $0.hasPrefix("<module> (app.py:1);main (app.py:13);fib (app.py:3);fib (app.py:3)") })
        let calls = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", "--weight", "calls", trace]))
        let callSum = calls.stdout.split(separator: "\n").reduce(UInt64(0)) { $0 + (UInt64($1.split(separator: " ").last ?? "") ?? 0) }
        #expect(callSum == profile.mergedFunctions().nonEmpty().reduce(UInt64(0)) { $0 + $1.stats.calls })
    }

    @Test func jsonReportParsesWithTheRequiredKeys() throws {
        let trace = try #require(Self.trace)
        let result = try #require(PyFrameTool.pyframe(["report", "--format", "json", trace]))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let header = try #require(object["header"] as? [String: Any])
        for key in ["processes", "duration_ns", "threads", "events", "dropped_events", "trace_bytes", "complete", "losses"] {
            #expect(header[key] != nil, "header lacks \(key)")
        }
        #expect(header["threads"] as? Int == 2)
        let rows = try #require(object["functions"] as? [[String: Any]])
        for key in ["file", "line", "qualname", "code_hash", "calls", "resumes", "total_ns", "self_ns", "max_ns"] {
            #expect(rows.allSatisfy { $0[key] != nil }, "a row lacks \(key)")
        }
        let fib = try #require(rows.first { $0["qualname"] as? String == "fib" })
        #expect(fib["calls"] as? Int == 1973 + 177)
        let selfSum = rows.reduce(0) { $0 + ($1["self_ns"] as? Int ?? 0) }
        #expect(selfSum == object["total_self_ns"] as? Int)
    }

    @Test func everyOutputFormatRuns() throws {
        let trace = try #require(Self.trace)
        let table = try #require(PyFrameTool.pyframe(["report", trace, "--sort", "calls", "--limit", "3"]))
        #expect(table.status == 0)
        #expect(table.stdout.contains("fib (app.py:3)"))
        #expect(table.stdout.contains("program   python3 app.py") || table.stdout.contains("app.py"))
        let csv = try #require(PyFrameTool.pyframe(["report", trace, "--format", "csv", "--threads"]))
        #expect(csv.stdout.split(separator: "\n").first == Substring(ReportCSVRenderer.columns.joined(separator: ",")))
        let svgPath = temporaryPath("flame.svg")
        let svg = try #require(PyFrameTool.pyframe(["flame", "--format", "svg", "-o", svgPath, trace]))
        #expect(svg.status == 0)
        #expect(((try? String(contentsOfFile: svgPath, encoding: .utf8)) ?? "").contains("<title>fib (app.py:3)"))
        // -o replaces a regular file whole (through a temporary file), but a
        // link named there stays a link to the file it names, and a device
        // stays a device.
        let existing = temporaryPath("existing.folded")
        _ = FileManager.default.createFile(atPath: existing, contents: Data("old".utf8))
        let link = existing + ".link"
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: existing)
        let throughLink = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", "-o", link, trace]))
        #expect(throughLink.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == existing)
        #expect(((try? String(contentsOfFile: existing, encoding: .utf8)) ?? "").hasPrefix("<module> (app.py:1)"))
        let device = try #require(PyFrameTool.pyframe(["flame", "--format", "folded", "-o", "/dev/null", trace]))
        #expect(device.status == 0)
        #expect(try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType == .typeCharacterSpecial)
        let html = try #require(PyFrameTool.pyframe(["flame", "--format", "html", trace]))
        #expect(html.stdout.contains("fib (app.py:3)"))
        let hot = try #require(PyFrameTool.pyframe(["flame", trace, "--limit", "5"]))
        #expect(hot.stdout.contains("hottest 5 of"))
        // A directory of traces is read as one run of several processes.
        let dir = temporaryPath("dir")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: trace, toPath: dir + "/one.pyframe.lz4")
        try FileManager.default.copyItem(atPath: trace, toPath: dir + "/two.pyframe.lz4")
        let merged = try #require(PyFrameTool.pyframe(["report", "--format", "json", dir]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(merged.stdout.utf8)) as? [String: Any])
        let fib = try #require((object["functions"] as? [[String: Any]])?.first { $0["qualname"] as? String == "fib" })
        #expect(fib["calls"] as? Int == 2 * (1973 + 177))
    }

    @Test func badInputIsOneClearLineAndAFailure() throws {
        let junk = temporaryPath("junk.lz4")
        _ = FileManager.default.createFile(atPath: junk, contents: Data("junk".utf8))
        for arguments in [["report", junk], ["flame", "/nonexistent/x.lz4"], ["diff", junk, junk],
                          ["report", "--match", "(", try #require(Self.trace)]] {
            let result = try #require(PyFrameTool.pyframe(arguments))
            // A bad --match is a usage error (2), found before any trace is read.
            #expect(result.status == (arguments.contains("--match") ? 2 : 1), "\(arguments)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("pyframe: "), "\(arguments): \(result.stderr)")
        }
    }
}
