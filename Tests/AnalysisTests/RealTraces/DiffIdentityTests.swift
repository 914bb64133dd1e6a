import Foundation
import PyFrameTestSupport
import Testing
import TraceRender

/// `pyframe diff` on real recordings of edits as people make them: lines
/// shift, namesakes share a file, a notebook cell replaces a function's code.
/// Call counts come from the `sys.setprofile` oracle on the same scripts.
@Suite(.serialized) struct DiffIdentityTests {
    /// Version 1 of an ordinary module; version 2 adds an import and a
    /// constant at the top (every function moves 3 lines down, and
    /// `Parser.__init__` lands on the line `Parser.words` had) and rewrites
    /// `Parser.count` alone, in as many lines.
    static let appV1 = """
        import sys


        class Parser:
            def __init__(self, text):
                self.text = text

            def words(self):
                return self.text.split()

            def count(self):
                n = 0
                for w in self.words():
                    n += len(w)
                return n


        def helper(x):
            return x * 2


        def main(rounds):
            total = 0
            for i in range(rounds):
                p = Parser("alpha beta gamma delta " * 3)
                total += p.count() + helper(i)
            return total


        main(40)
        """

    static let appV2 = appV1
        .replacingOccurrences(of: "import sys\n", with: "import sys\nimport collections\n\nSEPARATOR = collections.OrderedDict()\n")
        .replacingOccurrences(of: """
                    n = 0
                    for w in self.words():
                        n += len(w)
                    return n
            """, with: """
                    n = sum(map(len, self.words()))
                    if n < 0:
                        n = 0
                    return n
            """)

    /// The JSON rows of `pyframe diff ARGS --format json`, by display name.
    static func rows(_ arguments: [String]) throws -> (object: [String: Any], rows: [[String: Any]]) {
        let result = try #require(PyFrameTool.pyframe(["diff", "--format", "json"] + arguments))
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (object, try #require(object["functions"] as? [[String: Any]]))
    }

    static func key(_ row: [String: Any], _ side: String) -> String {
        "\(row["file_" + side] as? String ?? "")|\(row["qualname"] as? String ?? "")|\(row["line_" + side] as? Int ?? -1)"
    }

    @Test func anEditThatShiftsLinesPairsEveryFunctionAndPatchesOnlyTheRewrittenOne() throws {
        #expect(Self.appV2.contains("SEPARATOR") && !Self.appV2.contains("n += len(w)") && Self.appV2.contains("n = sum"))
        let before = try #require(PyFrameTool.record(Self.appV1, name: "app.py"))
        let after = try #require(PyFrameTool.record(Self.appV2, name: "app.py"))
        let (_, all) = try Self.rows([before, after])
        let rows = all.filter { ($0["file_before"] as? String ?? $0["file_after"] as? String) == "app.py" }
        let names = rows.map { $0["qualname"] as? String ?? "" }
        #expect(names.sorted() == ["<module>", "Parser", "Parser.__init__", "Parser.count", "Parser.words", "helper", "main"])
        #expect(rows.allSatisfy { $0["presence"] as? String == "both" && $0["guess"] as? Bool == false })
        #expect(Set(rows.filter { $0["patched"] as? Bool == true }.map { $0["qualname"] as? String ?? "" }) == ["<module>", "Parser.count"])
        #expect(Set(rows.filter { $0["moved"] as? Bool == true }.map { $0["qualname"] as? String ?? "" })
                == ["Parser", "Parser.__init__", "Parser.words", "helper", "main"])
        for row in rows where row["qualname"] as? String != "<module>" {
            #expect((row["line_after"] as? Int ?? 0) - (row["line_before"] as? Int ?? 0) == 3, "\(row["name"] ?? "")")
        }
        let oracleBefore = try CallOracle.counts(Self.appV1, name: "app.py").total
        let oracleAfter = try CallOracle.counts(Self.appV2, name: "app.py").total
        #expect(oracleBefore.count == 7 && oracleAfter.count == 7)
        for row in rows {
            #expect(row["calls_before"] as? Int == oracleBefore[Self.key(row, "before")], "\(Self.key(row, "before"))")
            #expect(row["calls_after"] as? Int == oracleAfter[Self.key(row, "after")], "\(Self.key(row, "after"))")
        }

        let table = try #require(PyFrameTool.pyframe(["diff", "--limit", "0", before, after])).stdout
        #expect(table.contains("Parser.count (app.py:11 → app.py:14)  [patched]"))
        #expect(table.contains("Parser.words (app.py:8 → app.py:11)  [moved]"))
        #expect(table.contains("Parser.__init__ (app.py:5 → app.py:8)  [moved]"))
        let appLines = table.split(separator: "\n").filter { $0.contains("(app.py:") && !$0.hasPrefix("patched:") }
        #expect(appLines.count == 7 && appLines.allSatisfy { !$0.contains("vanished") && !$0.contains("appeared") })
        #expect(table.contains("patched: 2 function(s) run with different code after the change: "))
        #expect(table.contains("moved: 5 function(s) with the same code in another place (not patched)"))

        let shown = try #require(PyFrameTool.pyframe(["diff", "--show-bytecode", before, after])).stdout
        #expect(shown.contains("── bytecode of Parser.count (app.py:11 → app.py:14)"))
        #expect(!shown.contains("── bytecode of Parser.words"))

        // The differential graph has one frame per moved function, named by its row, with its flag.
        let svg = try #require(PyFrameTool.pyframe(["diff", "--format", "svg", before, after])).stdout
        #expect(svg.contains("Parser.words (app.py:8 → app.py:11)\nmoved\ntotal"))
        #expect(svg.contains("Parser.count (app.py:11 → app.py:14)\npatched\ntotal"))
        #expect(!svg.contains("<title>Parser.words (app.py:8)"))
        let folded = try #require(PyFrameTool.pyframe(["diff", "--format", "folded-diff", before, after])).stdout
        #expect(!folded.contains("Parser.words (app.py:8)") && folded.contains("Parser.words (app.py:8 → app.py:11)"))
        let html = try #require(PyFrameTool.pyframe(["diff", "--format", "html", before, after])).stdout
        #expect(html.contains("\"patches\"") && html.contains("Parser.count (app.py:11 → app.py:14)"))
        #expect(html.contains("BINARY_OP") || html.contains("CALL"))
    }

    /// Two namesakes of each kind in one file: a function defined in either
    /// branch of an `if` (both run) and two lambdas. Version 2 adds a line at
    /// the top and changes one of each pair.
    static func namesakes(changed: Bool) -> String {
        """
        \(changed ? "# version 2\n" : "")def make(kind):
            if kind == "a":
                def step(x):
                    return x + \(changed ? "5" : "1")
            else:
                def step(x):
                    return x * 2
            return step


        double = lambda x: x * 2
        inc = lambda x: x + \(changed ? "3" : "1")
        a, b = make("a"), make("b")
        for i in range(7):
            a(i)
        for i in range(11):
            b(i)
        for i in range(5):
            double(i)
        for i in range(3):
            inc(i)
        """
    }

    @Test func namesakesPairByCodeAndOrderWhenOnlyOneOfThemChanges() throws {
        let before = try #require(PyFrameTool.record(Self.namesakes(changed: false), name: "twins.py"))
        let after = try #require(PyFrameTool.record(Self.namesakes(changed: true), name: "twins.py"))
        let (_, all) = try Self.rows([before, after])
        let rows = all.filter { ["make.<locals>.step", "<lambda>"].contains($0["qualname"] as? String ?? "") }
        #expect(rows.count == 4)
        let oracleBefore = try CallOracle.counts(Self.namesakes(changed: false), name: "twins.py").total
        let oracleAfter = try CallOracle.counts(Self.namesakes(changed: true), name: "twins.py").total
        for row in rows {
            // Each pairs with itself one line down, with its own call count on both sides.
            #expect(row["presence"] as? String == "both")
            #expect((row["line_after"] as? Int ?? 0) == (row["line_before"] as? Int ?? 0) + 1, "\(row["name"] ?? "")")
            #expect(row["calls_before"] as? Int == oracleBefore[Self.key(row, "before")])
            #expect(row["calls_after"] as? Int == oracleAfter[Self.key(row, "after")])
            #expect(row["calls_before"] as? Int == row["calls_after"] as? Int)
        }
        let patched = rows.filter { $0["patched"] as? Bool == true }
        #expect(Set(patched.map { $0["calls_before"] as? Int ?? 0 }) == [7, 3])
        // The changed ones were chosen among namesakes: said to be a guess; the others are certain.
        #expect(patched.allSatisfy { $0["guess"] as? Bool == true && $0["pairing"] as? String == "nearest" })
        #expect(rows.filter { $0["patched"] as? Bool == false }.allSatisfy {
            $0["guess"] as? Bool == false && $0["moved"] as? Bool == true
        })
        let table = try #require(PyFrameTool.pyframe(["diff", "--limit", "0", before, after])).stdout
        #expect(table.contains("<lambda> (twins.py:12 → twins.py:13)  [patched, guess]"))
        #expect(table.contains("<lambda> (twins.py:11 → twins.py:12)  [moved]"))
        #expect(table.contains("guess: 2 pairing(s) chosen among functions of the same name in one file"))
    }

    /// The notebook patch: new source compiled under a cell's name, its
    /// function's code put into the old function.
    static let cellScript = """
        import os


        def leaf(i):
            return i + 1


        def work(n):
            total = 0
            for i in range(n):
                total += leaf(i)
            return total


        CELL = '''
        def work(n):
            total = 0
            for i in range(0, n, 2):
                total += leaf(i)
            return total
        '''

        if os.environ.get("PATCH") == "mid":
            for _ in range(10):
                work(100)
        if os.environ.get("PATCH") in ("1", "mid"):
            ns = {"leaf": leaf}
            exec(compile(CELL, "<cell-7>", "exec"), ns)
            work.__code__ = ns["work"].__code__

        for _ in range(20):
            work(100)
        """

    @Test func aCellPatchIsOneRowShowingBothPlaces() throws {
        let before = try #require(PyFrameTool.record(Self.cellScript, name: "script.py", environment: ["PATCH": "0"]))
        let after = try #require(PyFrameTool.record(Self.cellScript, name: "script.py", environment: ["PATCH": "1"]))
        let (_, rows) = try Self.rows([before, after])
        let works = rows.filter { $0["qualname"] as? String == "work" }
        #expect(works.count == 1)
        let work = try #require(works.first)
        #expect(work["name"] as? String == "work (script.py:8 → <cell-7>:2)")
        #expect(work["patched"] as? Bool == true && work["moved"] as? Bool == false)
        #expect(work["pairing"] as? String == "by-name")
        let oracleBefore = try CallOracle.counts(Self.cellScript, name: "script.py", environment: ["PATCH": "0"]).total
        let oracleAfter = try CallOracle.counts(Self.cellScript, name: "script.py", environment: ["PATCH": "1"]).total
        #expect(work["calls_before"] as? Int == oracleBefore["script.py|work|8"])
        #expect(work["calls_after"] as? Int == oracleAfter["<cell-7>|work|2"])
        let leaf = try #require(rows.first { $0["qualname"] as? String == "leaf" })
        let leafBefore = try #require(leaf["calls_before"] as? Int), leafAfter = try #require(leaf["calls_after"] as? Int)
        #expect(leafBefore == oracleBefore["script.py|leaf|4"] && leafAfter == oracleAfter["script.py|leaf|4"])
        #expect(leafAfter * 2 == leafBefore && leafBefore == 2000)
        let table = try #require(PyFrameTool.pyframe(["diff", before, after])).stdout
        #expect(table.contains("work (script.py:8 → <cell-7>:2)  [patched]"))

        // Patched in the middle of the after run: both versions ran there, still one row.
        let mid = try #require(PyFrameTool.record(Self.cellScript, name: "script.py", environment: ["PATCH": "mid"]))
        let oracleMid = try CallOracle.counts(Self.cellScript, name: "script.py", environment: ["PATCH": "mid"]).total
        let midRows = try Self.rows([before, mid]).rows.filter { $0["qualname"] as? String == "work" }
        #expect(midRows.count == 1)
        #expect(midRows.first?["name"] as? String == "work (script.py:8 → <cell-7>:2)" && midRows.first?["patched"] as? Bool == true)
        #expect(midRows.first?["calls_after"] as? Int == oracleMid["script.py|work|8"]! + oracleMid["<cell-7>|work|2"]!)
        #expect(oracleMid["script.py|work|8"] == 10 && oracleMid["<cell-7>|work|2"] == 20)
    }

    @Test func differentProgramsGetAOneLineWarning() throws {
        let a = try #require(PyFrameTool.record("print(1)\n", name: "one.py"))
        let b = try #require(PyFrameTool.record("print(2)\n", name: "two.py"))
        let result = try #require(PyFrameTool.pyframe(["diff", a, b]))
        #expect(result.status == 0)
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains("different programs") }
        #expect(warnings == ["pyframe: BEFORE and AFTER ran different programs (one.py vs two.py); functions are paired by name anyway"])
        let same = try #require(PyFrameTool.pyframe(["diff", a, a]))
        #expect(same.stderr == "pyframe: BEFORE and AFTER are the same trace; to compare parts of one run use --versions or --split-at MARK\n")
        let (object, rows) = try Self.rows([a, a])
        // One run a side: spreads cannot be computed, so they are null, not 0.
        #expect(rows.allSatisfy { $0["total_stdev_before"] is NSNull && $0["total_stdev_after"] is NSNull })
        let overall = try #require(object["overall"] as? [String: Any])
        #expect(overall["duration_stdev_before"] is NSNull)
        #expect(object["correction"] is NSNull && (object["warnings"] as? [String])?.isEmpty == true)
    }
}
