import Foundation
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Every JSON output is built from the same row types: the HTML pages embed
/// exactly the rows that `report --format json` and `diff --format json`
/// write for the same model, and each document names its `schema`.
@Suite struct JSONRowTests {
    static func object(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    /// Equal as JSON values: the same text with sorted keys.
    static func same(_ a: Any?, _ b: Any?) -> Bool {
        guard let a, let b,
              let x = try? JSONSerialization.data(withJSONObject: a, options: [.sortedKeys]),
              let y = try? JSONSerialization.data(withJSONObject: b, options: [.sortedKeys]) else { return false }
        return x == y
    }

    @Test func htmlReportEmbedsReportRows() throws {
        let profile = try MarksReportTests.marked()
        let report = try ReportBuilder.build([profile], options: ReportOptions(sort: .self, limit: nil))
        let json = try Self.object(ReportJSONRenderer.render(report))
        let page = try HTMLTimelineTests.data(try Fixtures.htmlPage([profile]))
        #expect(json["schema"] as? Int == 1)
        #expect(page["schema"] as? Int == 2)
        let functions = try #require(json["functions"] as? [[String: Any]])
        #expect(functions.count == 4)
        #expect(Self.same(page["functions"], functions))
        // One process, so the page's timeline is the process's: the same marks.
        #expect((json["marks"] as? [Any])?.count == 2)
        #expect(Self.same(page["marks"], json["marks"]))
        #expect(page["total_self_ns"] as? Int == json["total_self_ns"] as? Int)
        // The page's threads are the header's, each with its spans.
        let header = try #require(json["header"] as? [String: Any])
        let process = try #require((header["processes"] as? [[String: Any]])?.first)
        let threads = try #require(page["threads"] as? [[String: Any]])
        #expect(threads.allSatisfy { ($0["spans"] as? [[Int]])?.isEmpty == false })
        #expect(Self.same(threads.map { $0.filter { $0.key != "spans" } }, process["threads"]))
    }

    @Test func htmlDiffEmbedsDiffRows() throws {
        let (diff, graph) = try Fixtures.patchedDiff()
        let json = try Self.object(DiffJSONRenderer.render(diff, showBytecode: true, width: 150))
        let page = try HTMLTimelineTests.data(HTMLDiffRenderer.render(diff, graph: graph, title: "diff"))
        #expect(json["schema"] as? Int == 1)
        #expect(page["schema"] as? Int == 2)
        let functions = try #require(json["functions"] as? [[String: Any]])
        #expect(functions.count == diff.rows.count)
        #expect(Self.same(page["functions"], functions))
        // One run a side: no tests, no spreads, yet every key is there (null).
        #expect(json["correction"] is NSNull)
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(overall["significance"] is NSNull && overall["duration_stdev_before"] is NSNull)
        #expect(functions.allSatisfy { $0["significance"] is NSNull && $0["total_stdev_before"] is NSNull })
        let patched = try #require(functions.first { $0["patched"] as? Bool == true })
        #expect(patched["qualname"] as? String == "helper")
        #expect((patched["bytecode_diff"] as? [String]).map { !$0.isEmpty } == true)
    }
}
