import Foundation
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Marks (`pyframe.mark("label")`) appear where the README says: the text
/// and JSON reports, and the speedscope export as zero-length frames.
@Suite struct MarksReportTests {
    /// The stacks fixture with two marks, one per thread.
    static func marked() throws -> TraceProfile {
        var profile = try Fixtures.profile(Fixtures.stacks())
        profile.marks = [Mark(thread: 0, time: 15, label: "before patch"), Mark(thread: 1, time: 20, label: "after <patch>")]
        return profile
    }

    @Test func textReportListsMarksUnderTheHeader() throws {
        let lines = ReportTableRenderer.render(try ReportBuilder.build([try Self.marked()]))
        let start = try #require(lines.firstIndex { $0.hasPrefix("marks") })
        #expect(Array(lines[start...(start + 2)]) == [
            "marks     15 ns  MainThread  before patch",
            "          20 ns  pool-1      after <patch>",
            "",
        ])
        #expect(lines[start - 1].hasPrefix("loss"))
    }

    @Test func jsonReportListsEveryMark() throws {
        let json = ReportJSONRenderer.render(try ReportBuilder.build([try Self.marked()]))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let marks = try #require(object["marks"] as? [[String: Any]])
        #expect(marks.count == 2)
        #expect(marks[1]["label"] as? String == "after <patch>")
        #expect(marks[1]["thread_name"] as? String == "pool-1")
        #expect(marks[1]["time_ns"] as? Int == 20)
        #expect(marks[1]["pid"] as? Int == 4242)
    }

    @Test func speedscopeHasMarksAsZeroLengthFrames() throws {
        let path = try TimelineExportTests.export([try Self.marked()], SpeedscopeExporter.write)
        let found = try #require(ExportCheck.speedscope(path))
        #expect(found["frames"] as? [String] == ["<unknown code>", "run", "step;odd", "gen", "work",
                                                 "mark: before patch", "mark: after <patch>"])
        let profiles = try #require(found["profiles"] as? [[String: Any]])
        #expect(profiles.map { $0["opens"] as? Int } == [6, 2])
        // Self times are those of the export without marks; the marks take none.
        #expect(profiles[0]["self"] as? [String: Int] == ["run": 58, "step;odd": 30, "gen": 12, "mark: before patch": 0])
        #expect(profiles[1]["self"] as? [String: Int] == ["work": 20, "mark: after <patch>": 0])
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains(#"{"type":"O","frame":5,"at":15}"# + "\n" + #",{"type":"C","frame":5,"at":15}"#))
        #expect(text.contains(#"{"type":"O","frame":6,"at":20}"# + "\n" + #",{"type":"C","frame":6,"at":20}"#))
    }
}
