import Foundation
import PyFrameTestSupport
import Testing
import TraceAnalysis
import TraceFormat
import TraceRender

/// `pyframe tree` on ``Fixtures/mixed()``, whose times are worked out by
/// hand: main 0…1000 calls helper v1 (200 ns), helper v2 (100 ns),
/// JSONDecoder.decode (standard library, 100 ns, calling _find_and_load) and
/// requests' get (site-packages, 100 ns).
@Suite struct TreeRenderTests {
    static func tree(_ folding: LibraryFolding, minShare: Double = 0, perThread: Bool = false,
                     _ trace: SyntheticTrace = Fixtures.mixed()) throws -> [String] {
        let view = CallTreeView([try Fixtures.profile(trace)], folding: folding, minShare: minShare, perThread: perThread)
        let lines = TreeTextRenderer.render(view)
        let start = try #require(lines.firstIndex(of: "") )
        return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
    }

    @Test func librariesFoldIntoOneLineEach() throws {
        #expect(try Self.tree(.standard) == [
            "1.0 µs  100.0%  all threads",
            "└─ 1.0 µs  100.0%  main  app.py:1  (1 call)",
            "   ├─ 200 ns  20.0%  helper [v1]  app.py:10  (1 call)",
            "   ├─ 100 ns  10.0%  helper [v2]  app.py:10  (1 call)",
            "   ├─ 100 ns  10.0%  [standard library: 2 functions hidden] JSONDecoder.decode, _find_and_load  (1 call)",
            "   └─ 100 ns  10.0%  [site-packages: 1 function hidden] get  (1 call)",
        ])
    }

    @Test func showAllExpandsEveryFrame() throws {
        #expect(try Self.tree(.none) == [
            "1.0 µs  100.0%  all threads",
            "└─ 1.0 µs  100.0%  main  app.py:1  (1 call)",
            "   ├─ 200 ns  20.0%  helper [v1]  app.py:10  (1 call)",
            "   ├─ 100 ns  10.0%  helper [v2]  app.py:10  (1 call)",
            "   ├─ 100 ns  10.0%  JSONDecoder.decode  json/decoder.py:332  (1 call)",
            "   │  └─ 40 ns  4.0%  _find_and_load  <frozen importlib._bootstrap>:1165  (1 call)",
            "   └─ 100 ns  10.0%  get  requests/api.py:62  (1 call)",
        ])
    }

    @Test func hideFoldsOnlyWhatItNames() throws {
        let lines = try Self.tree(.globs(["*/requests/*"]))
        #expect(lines.contains("   ├─ 100 ns  10.0%  JSONDecoder.decode  json/decoder.py:332  (1 call)"))
        #expect(lines.last == "   └─ 100 ns  10.0%  [*/requests/*: 1 function hidden] get  (1 call)")
    }

    @Test func smallCalleesAreSummedIntoOneLine() throws {
        #expect(try Self.tree(.standard, minShare: 0.15) == [
            "1.0 µs  100.0%  all threads",
            "└─ 1.0 µs  100.0%  main  app.py:1  (1 call)",
            "   ├─ 200 ns  20.0%  helper [v1]  app.py:10  (1 call)",
            "   └─ 300 ns  30.0%  [3 more, each below the --min-share]",
        ])
    }

    @Test func threadsGetTheirOwnSubtrees() throws {
        #expect(try Self.tree(.standard, perThread: true, Fixtures.stacks()) == [
            "120 ns  100.0%  all threads",
            "├─ 100 ns  83.3%  [thread MainThread]",
            "│  └─ 100 ns  83.3%  run  app.py:1  (1 call)",
            "│     ├─ 30 ns  25.0%  step;odd  app.py:5  (1 call)",
            "│     │  └─ 10 ns  8.3%  step;odd  app.py:5  (1 call)",
            "│     └─ 12 ns  10.0%  gen  app.py:9  (1 call)",
            "└─ 20 ns  16.7%  [thread pool-1]",
            "   └─ 20 ns  16.7%  work  pool.py:3  (1 call)",
        ])
    }

    @Test func theCommandPrintsTheHeaderAndTree() throws {
        let path = temporaryPath("mixed.lz4")
        try Fixtures.mixed().write(to: path)
        let result = try #require(PyFrameTool.pyframe(["tree", "--min-share", "0", path]))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("program   python3 app.py\n"))
        #expect(result.stdout.contains("\n   └─ 100 ns  10.0%  [site-packages: 1 function hidden] get  (1 call)\n"))
        let bad = try #require(PyFrameTool.pyframe(["tree", "--min-share", "half", path]))
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("pyframe: --min-share is a share such as 0.5% or 0.005, not 'half'"))
    }
}
