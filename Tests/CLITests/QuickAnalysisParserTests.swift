import ArgumentParser
import Testing
@testable import PyFrameCLI

/// `QuickAnalysisParser` (for `flame`) against its oracle, swift-argument-parser
/// parsing `FlameCommand`: every line the quick parser takes, it must read
/// exactly as the full parser does; every line it cannot read so (help,
/// errors, lines the command refuses), it must leave to the full parser.
@Suite("flame's quick parser reads lines as swift-argument-parser does")
struct QuickAnalysisParserTests {
    /// The full parser's reading, nil where it fails (help, a usage error).
    static func full(_ line: [String]) -> FlameArguments? {
        (try? FlameCommand.parse(line))?.arguments
    }

    /// Checks one line; returns what the quick parser made of it.
    @discardableResult
    static func check(_ line: [String]) -> FlameArguments? {
        let quick = QuickAnalysisParser<FlameOption>(line[...]).flatMap(FlameArguments.init)
        if let quick {
            #expect(quick == full(line), "\(line)")
        }
        return quick
    }

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
        var generator = SplitMix(seed: 15)
        var taken = 0
        for _ in 0..<4000 {
            let count = Int(generator.next() % 8)
            let line = (0..<count).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            if Self.check(line) != nil { taken += 1 }
        }
        // Enough of the lines are read quickly for the comparison to mean something.
        #expect(taken > 200, "only \(taken) lines taken")
    }
}
