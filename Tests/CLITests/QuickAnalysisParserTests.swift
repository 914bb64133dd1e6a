import ArgumentParser
import Testing
@testable import PyFrameCLI

/// `QuickAnalysisParser` against its oracle, swift-argument-parser parsing
/// the command: every line the quick parser takes, it must read exactly as
/// the full parser does; every line it cannot read so (help, errors, lines
/// the command refuses), it must leave to the full parser.
enum QuickAnalysisOracle {
    /// Checks one line; returns what the quick parser made of it.
    static func check<Arguments: Equatable>(_ line: [String], quick: (ArraySlice<String>) -> Arguments?,
                                            full: ([String]) throws -> Arguments) -> Arguments? {
        let read = quick(line[...])
        if let read {
            #expect(read == (try? full(line)), "\(line)")
        }
        return read
    }

    /// Checks thousands of random lines of `words`; returns how many the quick parser took.
    static func randomLines<Arguments: Equatable>(_ words: [String], seed: UInt64,
                                                  quick: (ArraySlice<String>) -> Arguments?,
                                                  full: ([String]) throws -> Arguments) -> Int {
        var generator = SplitMix(seed: seed)
        var taken = 0
        for _ in 0..<4000 {
            let count = Int(generator.next() % 8)
            let line = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            if check(line, quick: quick, full: full) != nil { taken += 1 }
        }
        return taken
    }
}

@Suite("flame's quick parser reads lines as swift-argument-parser does")
struct QuickFlameParserTests {
    static func quick(_ line: ArraySlice<String>) -> FlameArguments? {
        QuickAnalysisParser<FlameOption>(line).flatMap(FlameArguments.init)
    }

    static func full(_ line: [String]) throws -> FlameArguments { try FlameCommand.parse(line).arguments }

    @discardableResult
    static func check(_ line: [String]) -> FlameArguments? { QuickAnalysisOracle.check(line, quick: quick, full: full) }

    @Test("each option in each spelling, before, between and after the traces", arguments: [
        [], ["--threads"], ["--force"], ["-o", "f.svg"], ["--output", "f.svg"], ["--output=a=b.svg"],
        ["--format", "folded"], ["--format=svg"], ["--format", "html"], ["--format", "terminal"],
        ["--weight", "calls"], ["--weight=time"], ["--limit", "0"], ["--limit=7"], ["--limit", "+4"],
        ["--title", "my run"], ["--title=a b"], ["--window", "1s..2s"], ["--window=start..done"], ["--window", ".."],
        ["--jobs", "1"], ["--jobs=2"], ["--jobs", "16"],
        ["--format", "folded", "-o", "/dev/null", "--jobs", "2", "--weight", "calls", "--threads", "--limit", "3",
         "--title", "t", "--window", "0s..1s", "--force"],
    ])
    func taken(options: [String]) {
        for line in [options + ["t.lz4"], ["t.lz4"] + options, ["a.lz4"] + options + ["b/"]] {
            #expect(Self.check(line) != nil, "left to the full parser: \(line)")
        }
    }

    @Test("help, errors, refused lines and unusual spellings are left to the full parser", arguments: [
        [], ["--help"], ["-h"], ["t.lz4", "-h"], ["--version", "t.lz4"],
        ["--format", "svg"], ["-o", "x.svg"],
        ["--bogus", "t.lz4"], ["-x", "t.lz4"], ["-of", "t.lz4"], ["-ox.svg", "t.lz4"], ["-o=x.svg", "t.lz4"],
        ["--threads", "--threads", "t.lz4"], ["-o", "a", "--output", "b", "t.lz4"], ["--format", "svg", "--format=svg", "t.lz4"],
        ["--format", "png", "t.lz4"], ["--format", "SVG", "t.lz4"], ["--weight", "bytes", "t.lz4"],
        ["--limit", "-1", "t.lz4"], ["--limit", "x", "t.lz4"], ["--limit=-2", "t.lz4"], ["--limit", "1.5", "t.lz4"],
        ["--jobs", "0", "t.lz4"], ["--jobs", "-1", "t.lz4"], ["--jobs", "two", "t.lz4"],
        ["--window", "1s", "t.lz4"], ["--window", "", "t.lz4"], ["--title", "", "t.lz4"], ["--title", "-x", "t.lz4"],
        ["--threads=yes", "t.lz4"], ["--force=1", "t.lz4"], ["-", "t.lz4"], ["", "t.lz4"], ["t.lz4", ""],
        ["--", "t.lz4"], ["t.lz4", "--", "u.lz4"], ["--output"], ["t.lz4", "-o"], ["--FORMAT", "svg", "t.lz4"],
        ["---threads", "t.lz4"], ["--generate-completion-script", "bash"],
    ])
    func leftToFullParser(line: [String]) {
        #expect(Self.check(line) == nil, "\(line)")
    }

    @Test("thousands of random lines of options, values and traces")
    func randomLines() {
        let words = ["-o", "--output", "--output=f.svg", "f.svg", "--force", "--format", "--format=folded", "svg",
                     "html", "png", "--weight", "calls", "--weight=time", "--limit", "--limit=3", "5", "-2", "0",
                     "--threads", "--title", "--title=x", "x y", "--window", "--window=1s..2s", "a..b", "1s",
                     "--jobs", "--jobs=2", "2", "t.lz4", "dir/", "--", "-", "-h", "--help", "--bogus", "", "--force=1"]
        let taken = QuickAnalysisOracle.randomLines(words, seed: 15, quick: Self.quick, full: Self.full)
        // Enough of the lines are read quickly for the comparison to mean something.
        #expect(taken > 200, "only \(taken) lines taken")
    }
}

@Suite("diff's quick parser reads lines as swift-argument-parser does")
struct QuickDiffParserTests {
    static func quick(_ line: ArraySlice<String>) -> DiffArguments? {
        QuickAnalysisParser<DiffOption>(line).flatMap(DiffArguments.init)
    }

    static func full(_ line: [String]) throws -> DiffArguments { try DiffCommand.parse(line).arguments }

    @discardableResult
    static func check(_ line: [String]) -> DiffArguments? { QuickAnalysisOracle.check(line, quick: quick, full: full) }

    @Test("two traces with each option in each spelling; one trace with --versions, --split-at or the windows", arguments: [
        ["a.lz4", "b.lz4"], ["a/", "b/", "--format", "json"], ["--format=folded-diff", "a", "b"], ["a", "--format", "svg", "b"],
        ["a", "b", "--format", "html", "-o", "d.html"], ["a", "b", "--output=d.json", "--force"], ["a", "b", "--jobs", "2"],
        ["a", "b", "--jobs=1"], ["a", "b", "--limit", "0"], ["a", "b", "--limit=12"], ["a", "b", "--show-bytecode"],
        ["--format", "table", "--limit", "+3", "--show-bytecode", "a", "b", "-o", "t.txt", "--jobs", "3", "--force"],
        ["t.lz4", "--versions"], ["--versions", "t.lz4", "--format", "json"], ["t.lz4", "--split-at", "patched"],
        ["t.lz4", "--split-at=patched", "--format", "html"], ["t.lz4", "--before-window", "..patched", "--after-window", "patched.."],
        ["t.lz4", "--before-window=0s..2s", "--after-window=5s..7s", "--limit", "5"],
    ])
    func taken(line: [String]) {
        #expect(Self.check(line) != nil, "left to the full parser: \(line)")
    }

    @Test("help, errors, refused lines, --before/--after and unusual spellings are left to the full parser", arguments: [
        [], ["a"], ["a", "b", "c"], ["--help"], ["-h"], ["a", "b", "-h"], ["--version", "a", "b"],
        ["--before", "a", "--after", "b"], ["--before=a", "--after=b"], ["a", "b", "--window", "1s..2s"],
        ["a", "b", "--format", "png"], ["a", "b", "--format", "folded"], ["a", "b", "--limit", "-1"], ["a", "b", "--limit", "x"],
        ["a", "b", "--jobs", "0"], ["a", "b", "--jobs", "x"], ["a", "b", "--show-bytecode=1"], ["a", "b", "--versions=1"],
        ["a", "b", "--versions"], ["t", "--versions", "--split-at", "m"], ["t", "--before-window", "0s..1s"],
        ["t", "--before-window", "1s", "--after-window", "2s..3s"], ["t", "--versions", "--format", "svg"],
        ["t", "--split-at", "m", "--format", "folded-diff"], ["t", "--split-at", ""], ["t", "--split-at", "-m"],
        ["a", "b", "--format", "json", "--format", "json"], ["a", "b", "-o", "x", "-o", "y"], ["--", "a", "b"],
        ["a", "", "b"], ["-", "b"], ["a", "b", "--bogus"], ["a", "b", "-x"], ["a", "b", "-ox"], ["a", "b", "--limit"],
    ])
    func leftToFullParser(line: [String]) {
        #expect(Self.check(line) == nil, "\(line)")
    }

    @Test("thousands of random lines of options, values and traces")
    func randomLines() {
        // Traces weigh more: a valid line needs exactly one or two.
        let words = ["a.lz4", "b.lz4", "dir/", "a.lz4", "b.lz4", "t.lz4", "--versions", "--split-at", "--split-at=m", "m", "--before-window",
                     "--after-window", "0s..1s", "..m", "m..", "--before", "--after", "--format", "--format=json",
                     "table", "svg", "folded-diff", "png", "--show-bytecode", "--limit", "--limit=3", "7", "-1",
                     "-o", "--output=d.txt", "--force", "--jobs", "--jobs=2", "2", "0", "--window", "--", "-h", "", "--bogus"]
        let taken = QuickAnalysisOracle.randomLines(words, seed: 16, quick: Self.quick, full: Self.full)
        // Enough of the lines are read quickly for the comparison to mean something.
        #expect(taken > 200, "only \(taken) lines taken")
    }
}

@Suite("report's quick parser reads lines as swift-argument-parser does")
struct QuickReportParserTests {
    static func quick(_ line: ArraySlice<String>) -> ReportArguments? {
        QuickAnalysisParser<ReportOption>(line).flatMap(ReportArguments.init)
    }

    static func full(_ line: [String]) throws -> ReportArguments { try ReportCommand.parse(line).arguments }

    @discardableResult
    static func check(_ line: [String]) -> ReportArguments? { QuickAnalysisOracle.check(line, quick: quick, full: full) }

    @Test("each option in each spelling, before, between and after the traces", arguments: [
        [], ["--threads"], ["--by-process"], ["--force"], ["-o", "r.txt"], ["--output", "r.txt"], ["--output=a=b.txt"],
        ["--sort", "calls"], ["--sort=total"], ["--sort", "self"], ["--sort", "self-per-call"], ["--sort=total-per-call"],
        ["--sort", "max"], ["--sort", "name"], ["--limit", "0"], ["--limit=7"], ["--limit", "+4"],
        ["--match", "json|mine"], ["--match=^main "], ["--match", "a=b"], ["--callers", "json.dumps"], ["--callers=^f$"],
        ["--callees", "^main "], ["--callees=x", "--format", "table"], ["--format", "json"], ["--format=csv"],
        ["--format", "table"], ["--window", "1s..2s"], ["--window=start..done"], ["--jobs", "1"], ["--jobs=2"],
        ["--format", "csv", "-o", "/dev/null", "--jobs", "2", "--sort", "name", "--threads", "--by-process", "--limit", "3",
         "--match", "x", "--window", "0s..1s", "--force"],
        ["--callers", "f", "--sort", "calls", "--limit", "5", "--match", "g", "--format", "table", "--window", ".."],
    ])
    func taken(options: [String]) {
        for line in [options + ["t.lz4"], ["t.lz4"] + options, ["a.lz4"] + options + ["b/"]] {
            #expect(Self.check(line) != nil, "left to the full parser: \(line)")
        }
    }

    @Test("help, errors, refused lines and unusual spellings are left to the full parser", arguments: [
        [], ["--help"], ["-h"], ["t.lz4", "-h"], ["--version", "t.lz4"], ["--threads"], ["--format", "json"],
        ["--bogus", "t.lz4"], ["-x", "t.lz4"], ["-s", "name", "t.lz4"], ["--byProcess", "t.lz4"], ["--by_process", "t.lz4"],
        ["--sort", "bogus", "t.lz4"], ["--sort", "Self", "t.lz4"], ["--sort", "", "t.lz4"], ["--sort", "-x", "t.lz4"],
        ["--limit", "-1", "t.lz4"], ["--limit=-2", "t.lz4"], ["--limit", "x", "t.lz4"], ["--limit", "1.5", "t.lz4"],
        ["--limit", "", "t.lz4"], ["--format", "xml", "t.lz4"], ["--format", "JSON", "t.lz4"],
        ["--callers", "a", "--callees", "b", "t.lz4"], ["--callers", "x", "--format", "json", "t.lz4"],
        ["--callees", "x", "--format=csv", "t.lz4"], ["--callers", "x", "--threads", "t.lz4"],
        ["--callees", "x", "--by-process", "t.lz4"], ["--match", "(", "t.lz4"], ["--match", "[a-", "t.lz4"],
        ["--match", "", "t.lz4"], ["--callers", "", "t.lz4"], ["--match", "-x", "t.lz4"],
        ["--jobs", "0", "t.lz4"], ["--jobs", "two", "t.lz4"], ["--window", "1s", "t.lz4"], ["--window", "", "t.lz4"],
        ["--threads", "--threads", "t.lz4"], ["--sort", "calls", "--sort=calls", "t.lz4"], ["-o", "a", "--output", "b", "t.lz4"],
        ["--threads=yes", "t.lz4"], ["--by-process=1", "t.lz4"], ["-", "t.lz4"], ["", "t.lz4"], ["t.lz4", ""],
        ["--", "t.lz4"], ["t.lz4", "--", "u.lz4"], ["t.lz4", "--sort"], ["t.lz4", "--limit"], ["--SORT", "name", "t.lz4"],
        ["---threads", "t.lz4"], ["--generate-completion-script", "bash"], ["--weight", "calls", "t.lz4"],
    ])
    func leftToFullParser(line: [String]) {
        #expect(Self.check(line) == nil, "\(line)")
    }

    @Test("thousands of random lines of options, values and traces")
    func randomLines() {
        let words = ["t.lz4", "dir/", "t.lz4", "--sort", "--sort=name", "calls", "self-per-call", "bogus", "--limit",
                     "--limit=3", "5", "-1", "0", "--match", "--match=json", "(", "x", "--callers", "--callers=f",
                     "--callees", "--threads", "--by-process", "--format", "--format=csv", "json", "table", "xml",
                     "--window", "1s..2s", "-o", "--output=r.txt", "--force", "--jobs", "--jobs=2", "--", "-h", "",
                     "--bogus", "--threads=1"]
        let taken = QuickAnalysisOracle.randomLines(words, seed: 17, quick: Self.quick, full: Self.full)
        // Enough of the lines are read quickly for the comparison to mean something.
        #expect(taken > 200, "only \(taken) lines taken")
    }
}
