import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceRender

/// Report tables, CSV and JSON, checked line by line against hand-worked values.
@Suite struct ReportRenderTests {
    @Test func tableShowsInclusiveSelfVersionsAndShortPaths() throws {
        let report = try ReportBuilder.build([try Fixtures.profile(Fixtures.mixed())])
        let lines = ReportTableRenderer.render(report)
        let table = Array(lines.drop { !$0.hasPrefix("  calls  resumes") }.prefix(7))
        #expect(table == [
            "  calls  resumes   total    self  self/call  total/pcall     max  total%  self%  function",
            "      1        0  1.0 µs  500 ns     500 ns       1.0 µs  1.0 µs  100.0%  50.0%  main (app.py:1)",
            "      1        0  200 ns  200 ns     200 ns       200 ns  200 ns   20.0%  20.0%  helper (app.py:10) [v1]",
            "      1        0  100 ns  100 ns     100 ns       100 ns  100 ns   10.0%  10.0%  get (requests/api.py:62)",
            "      1        0  100 ns  100 ns     100 ns       100 ns  100 ns   10.0%  10.0%  helper (app.py:10) [v2]",
            "      1        0  100 ns   60 ns      60 ns       100 ns  100 ns   10.0%   6.0%  JSONDecoder.decode (json/decoder.py:332)",
            "      1        0   40 ns   40 ns      40 ns        40 ns   40 ns    4.0%   4.0%  _find_and_load (<frozen importlib._bootstrap>:1165)",
        ])
        #expect(Array(lines.suffix(3)) == ReportTableRenderer.legend)
        #expect(lines.contains("program   python3 app.py"))
        #expect(lines.contains("loss      none: the trace is complete"))
        #expect(lines.contains("events    12 in \(DisplayFormat.bytes(report.header.traceBytes)) of trace"))
    }

    @Test func sortLimitAndMatch() throws {
        let profile = try Fixtures.profile(Fixtures.mixed())
        let byTotal = try ReportBuilder.build([profile], options: ReportOptions(sort: .total, limit: 2))
        #expect(byTotal.tables[0].rows.map(\.function.name) == ["main (app.py:1)", "helper (app.py:10) [v1]"])
        #expect(byTotal.tables[0].matched == 6)
        let byName = try ReportBuilder.build([profile], options: ReportOptions(sort: .name))
        #expect(byName.tables[0].rows.first?.function.name == "JSONDecoder.decode (json/decoder.py:332)")
        let matched = try ReportBuilder.build([profile], options: ReportOptions(match: "json/|requests"))
        #expect(matched.tables[0].rows.map(\.function.identity.qualname) == ["get", "JSONDecoder.decode"])
        // The raw path is searched too.
        let venv = try ReportBuilder.build([profile], options: ReportOptions(match: "\\.venv"))
        #expect(venv.tables[0].rows.map(\.function.identity.qualname) == ["get"])
        // Shares stay relative to all functions, not just the matched ones.
        #expect(matched.tables[0].totalSelfNs == 1000)
        #expect(throws: ReportError.self) {
            try ReportBuilder.build([profile], options: ReportOptions(match: "(unclosed"))
        }
    }

    @Test func csvHasOneExactRowPerFunction() throws {
        let report = try ReportBuilder.build([try Fixtures.profile(Fixtures.mixed())],
                                             options: ReportOptions(sort: .self, limit: 3))
        #expect(ReportCSVRenderer.render([report]) == """
            pid,thread,thread_name,file,line,qualname,version,code_hash,calls,primitive_calls,resumes,total_ns,self_ns,self_per_call_ns,total_per_primitive_call_ns,max_ns,total_share,self_share
            4242,,,app.py,1,main,0,000000009e3779b9,1,1,0,1000,500,500,1000,1000,1.000000,0.500000
            4242,,,app.py,10,helper,1,000000000000000a,1,1,0,200,200,200,200,200,0.200000,0.200000
            4242,,,requests/api.py,62,get,0,00000003b54cda56,1,1,0,100,100,100,100,100,0.100000,0.100000

            """)
    }

    @Test func perThreadTablesAreNamedFromThreadRecords() throws {
        let report = try ReportBuilder.build([try Fixtures.profile(Fixtures.stacks())],
                                             options: ReportOptions(perThread: true))
        #expect(report.tables.count == 2)
        #expect(report.tables.map { $0.thread?.name } == ["MainThread", "pool-1"])
        #expect(report.tables[1].rows.map(\.function.name) == ["work (pool.py:3)"])
        #expect(report.tables[1].rows[0].stats == FunctionStats(calls: 1, totalNs: 20, selfNs: 20, maxNs: 20, primitiveCalls: 1))
        let text = ReportTableRenderer.render(report)
        #expect(text.contains("thread pool-1 (pid 4242, thread 1): 2 events, 20 ns of Python time"))
        let csv = ReportCSVRenderer.render([report]).split(separator: "\n")
        #expect(csv.contains("4242,1,pool-1,pool.py,3,work,0,\(DisplayFormat.hash(4 &* 0x9E37_79B9)),1,1,0,20,20,20,20,20,1.000000,1.000000"))
    }

    @Test func jsonHasTheRequiredKeysAndParses() throws {
        let path = temporaryPath("cut.lz4")
        var trace = Fixtures.mixed()
        trace.end = nil
        try trace.write(to: path)
        let profile = try TraceAnalyzer.analyze(path: path)
        let json = ReportJSONRenderer.render(try ReportBuilder.build([profile]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let header = try #require(object["header"] as? [String: Any])
        #expect(header["complete"] as? Bool == false)
        #expect((header["losses"] as? [String])?.contains { $0.contains("cut short") } == true)
        #expect(header["events"] as? Int == 12)
        let process = try #require((header["processes"] as? [[String: Any]])?.first)
        #expect(process["pid"] as? Int == 4242)
        #expect(process["argv"] as? [String] == ["python3", "app.py"])
        let rows = try #require(object["functions"] as? [[String: Any]])
        #expect(rows.count == 6)
        for key in ["file", "line", "qualname", "code_hash", "calls", "resumes", "total_ns", "self_ns", "max_ns"] {
            #expect(rows.allSatisfy { $0[key] != nil }, "missing \(key)")
        }
        let main = try #require(rows.first { $0["qualname"] as? String == "main" })
        #expect(main["total_ns"] as? Int == 1000)
        #expect(main["self_ns"] as? Int == 500)
        #expect(main["file"] as? String == "app.py")
        #expect(main["code_hash"] as? String == "000000009e3779b9")
    }

    @Test func mergedProcessesAddUpByFunction() throws {
        let a = try Fixtures.profile(Fixtures.mixed())
        var second = Fixtures.mixed()
        second.process.pid = 4343
        let b = try Fixtures.profile(second)
        let merged = try ReportBuilder.build([a, b])
        let main = try #require(merged.tables[0].rows.first { $0.function.identity.qualname == "main" })
        #expect(main.stats == FunctionStats(calls: 2, totalNs: 2000, selfNs: 1000, maxNs: 1000, primitiveCalls: 2))
        #expect(merged.header.processes.count == 2)
        #expect(ReportTableRenderer.render(merged).contains("processes 2 merged"))
        let json = ReportJSONRenderer.render(byProcess: [try ReportBuilder.build([a]), try ReportBuilder.build([b])])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["reports"] as? [Any])?.count == 2)
    }
}
