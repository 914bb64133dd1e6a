import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// Folded stacks (exact), and the SVG and HTML flame graphs.
@Suite struct FlameRenderTests {
    @Test func foldedStacksAreExact() throws {
        let graph = FlameBuilder.build([try Fixtures.profile(Fixtures.stacks())])
        #expect(FoldedStacksRenderer.lines(graph) == [
            "run (app.py:1) 58",
            "run (app.py:1);gen (app.py:9) 12",
            "run (app.py:1);step,odd (app.py:5) 20",
            "run (app.py:1);step,odd (app.py:5);step,odd (app.py:5) 10",
            "work (pool.py:3) 20",
        ])
        #expect(graph.total == 120)
    }

    @Test func foldedStacksByCallsAndPerThread() throws {
        let profile = try Fixtures.profile(Fixtures.stacks())
        let calls = FlameBuilder.build([profile], options: FlameOptions(weight: .calls))
        #expect(FoldedStacksRenderer.lines(calls) == [
            "run (app.py:1) 1",
            "run (app.py:1);gen (app.py:9) 1",
            "run (app.py:1);step,odd (app.py:5) 1",
            "run (app.py:1);step,odd (app.py:5);step,odd (app.py:5) 1",
            "work (pool.py:3) 1",
        ])
        let threads = FlameBuilder.build([profile], options: FlameOptions(perThread: true))
        #expect(FoldedStacksRenderer.lines(threads).first == "[MainThread];run (app.py:1) 58")
        #expect(FoldedStacksRenderer.lines(threads).last == "[pool-1];work (pool.py:3) 20")
    }

    @Test func foldedValuesSumToSelfTimeAcrossChunkSizes() throws {
        var trace = Fixtures.stacks()
        for size in [1, 2, 3, 100] {
            trace.chunkSize = size
            let profile = try Fixtures.profile(trace)
            let graph = FlameBuilder.build([profile])
            let sum = FoldedStacksRenderer.lines(graph).reduce(UInt64(0)) { $0 + UInt64($1.split(separator: " ").last!)! }
            #expect(sum == profile.totalSelfNs)
            #expect(sum == 120)
        }
    }

    @Test func versionsAreMarkedInFrameNames() throws {
        let graph = FlameBuilder.build([try Fixtures.profile(Fixtures.mixed())])
        let lines = FoldedStacksRenderer.lines(graph)
        #expect(lines.contains("main (app.py:1);helper (app.py:10) [v1] 200"))
        #expect(lines.contains("main (app.py:1);helper (app.py:10) [v2] 100"))
        #expect(lines.contains("main (app.py:1);JSONDecoder.decode (json/decoder.py:332);_find_and_load (<frozen importlib._bootstrap>:1165) 40"))
    }

    @Test func hottestStacksListSharesInOrder() throws {
        let graph = FlameBuilder.build([try Fixtures.profile(Fixtures.stacks())])
        let lines = HotStacksRenderer.render(graph, limit: 2, title: "t")
        #expect(lines[1] == "hottest 2 of 5 stacks by self time (all: 120 ns)")
        #expect(lines[3] == "  share   self  stack (outermost → innermost)")
        #expect(lines[4] == "  48.3%  58 ns  run  (app.py:1)")
        #expect(lines[5] == "  16.7%  20 ns  run → step;odd  (app.py:5)")
        #expect(lines.last == "  … 3 more stacks (--limit 0 shows all)")
    }

    @Test func svgIsWellFormedWithTitlesPerFrame() throws {
        let graph = FlameBuilder.build([try Fixtures.profile(Fixtures.stacks())])
        let svg = FlameSVGRenderer.render(graph, title: "pyframe: python3 app.py")
        let parser = XMLParser(data: Data(svg.utf8))
        let counter = ElementCounter()
        parser.delegate = counter
        #expect(parser.parse())
        // One rectangle per frame plus the background; one title per frame.
        #expect(counter.counts["title"] == 6)  // all + 5 frames (run, step;odd ×2, gen, work)
        #expect(counter.counts["rect"] == 7)
        #expect(svg.contains("<title>run (app.py:1)\n100 ns (83.3%), 58 ns in the frame itself</title>"))
        #expect(svg.contains("pyframe: python3 app.py"))
    }

    @Test func aTraceWithoutEventsRendersEmptyOutputs() throws {
        var trace = SyntheticTrace()
        trace.end = EndRecord(endTime: 5, eventsWritten: 0)
        let profile = try Fixtures.profile(trace)
        #expect(profile.events == 0 && profile.isComplete)
        let graph = FlameBuilder.build([profile])
        #expect(FoldedStacksRenderer.lines(graph).isEmpty)
        #expect(HotStacksRenderer.render(graph, limit: 5, title: "t").last == "  (no stacks were recorded)")
        #expect(XMLParser(data: Data(FlameSVGRenderer.render(graph, title: "t").utf8)).parse())
        #expect(FlameHTMLRenderer.render(graph, title: "t").contains("\"nodes\":[[0,0,0,0]]"))
        let report = ReportTableRenderer.render(try ReportBuilder.build([profile]))
        #expect(report.last == "  (no Python function ran)")
        #expect(report.contains("duration  5 ns"))
    }

    @Test func htmlIsSelfContained() throws {
        let graph = FlameBuilder.build([try Fixtures.profile(Fixtures.stacks())])
        let html = FlameHTMLRenderer.render(graph, title: "demo </script> & co")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // Nothing is fetched: no external scripts, styles, images or requests.
        for needle in ["src=", "href=", "http://", "https://", "fetch(", "XMLHttpRequest", "@import"] {
            #expect(!html.contains(needle), "found \(needle)")
        }
        // The data is embedded and parses, and the title cannot close the script early.
        let start = try #require(html.range(of: "<script id=\"data\" type=\"application/json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = String(html[start.upperBound..<end.lowerBound]).replacingOccurrences(of: "<\\/", with: "</")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["names"] as? [String])?.contains("step;odd (app.py:5)") == true)
        #expect((object["nodes"] as? [[Int]])?.first?[2] == 120)
        #expect(object["title"] as? String == "demo </script> & co")
        #expect(html.contains("addEventListener(\"click\""))
        #expect(html.contains("id=\"search\""))
    }
}

/// Counts XML elements by name.
final class ElementCounter: NSObject, XMLParserDelegate {
    var counts: [String: Int] = [:]
    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        counts[name, default: 0] += 1
    }
}
