import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// A recursive function reported with cProfile's meanings: calls as
/// all/primitive, self per call (÷ all calls) and total per primitive call,
/// the same in the table, JSON and CSV.
@Suite struct RecursionReportTests {
    /// fib-like recursion: fib 0…100 calls fib 10…60, which calls fib 20…30;
    /// a second, separate fib 200…240. fib: 4 calls, 2 primitive; total 100 +
    /// 40 = 140 (outermost frames only), self 140; so self/call 35 ns and
    /// total/pcall 70 ns (the old "mean" per outermost activation was 70 too,
    /// but self per call was nowhere, and calls hid the recursion).
    static func trace() -> SyntheticTrace {
        var t = SyntheticTrace()
        t.code(1, "fib", file: "/home/u/proj/fib.py", line: 1)
        t.code(2, "gen", file: "/home/u/proj/fib.py", line: 9)
        t.threads = []
        t.events[0] = [
            ev(.call, 1, 0), ev(.call, 1, 10), ev(.call, 1, 20), ev(.return, 1, 30), ev(.return, 1, 60),
            ev(.return, 1, 100),
            ev(.resume, 2, 150), ev(.yield, 2, 160),  // a generator resumed, never called here
            ev(.call, 1, 200), ev(.return, 1, 240),
        ]
        t.end = EndRecord(endTime: 240, eventsWritten: 10)
        return t
    }

    @Test func tableJSONAndCSVAgree() throws {
        let report = try ReportBuilder.build([try Fixtures.profile(Self.trace())])
        let table = ReportTableRenderer.render(report).drop { !$0.hasPrefix("  calls  resumes") }.prefix(3)
        #expect(Array(table) == [
            "  calls  resumes   total    self  self/call  total/pcall     max  total%  self%  function",
            "    4/2        0  140 ns  140 ns      35 ns        70 ns  100 ns   93.3%  93.3%  fib (fib.py:1)",
            "      0        1   10 ns   10 ns          -            -   10 ns    6.7%   6.7%  gen (fib.py:9)",
        ])
        #expect(ReportCSVRenderer.render([report]).split(separator: "\n").dropFirst().map(String.init) == [
            "4242,,,fib.py,1,fib,0,000000009e3779b9,4,2,0,140,140,35,70,100,0.933333,0.933333",
            "4242,,,fib.py,9,gen,0,000000013c6ef372,0,0,1,10,10,,,10,0.066667,0.066667",
        ])
        let json = ReportJSONRenderer.render(report)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let rows = try #require(object["functions"] as? [[String: Any]])
        #expect(rows[0]["calls"] as? Int == 4)
        #expect(rows[0]["primitive_calls"] as? Int == 2)
        #expect(rows[0]["self_per_call_ns"] as? Int == 35)
        #expect(rows[0]["total_per_primitive_call_ns"] as? Int == 70)
        #expect(rows[0]["mean_ns"] == nil)
        #expect(rows[1]["self_per_call_ns"] is NSNull)
        #expect(rows[1]["total_per_primitive_call_ns"] is NSNull)
    }

    @Test func sortsByEitherPerCallColumn() throws {
        let profile = try Fixtures.profile(Self.trace())
        for sort in [ReportSort.selfPerCall, .totalPerCall] {
            let report = try ReportBuilder.build([profile], options: ReportOptions(sort: sort))
            #expect(report.tables[0].rows.map(\.function.identity.qualname) == ["fib", "gen"])
        }
        #expect(ReportSort(rawValue: "total-per-call") == .totalPerCall)
        #expect(ReportSort(rawValue: "mean") == nil)
    }
}
