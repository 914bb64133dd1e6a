import ArgumentParser
import Testing
@testable import PyFrameCLI

/// `QuickRecordParser` against its oracle, swift-argument-parser parsing
/// `RecordCommand`: every line the quick parser takes, it must read exactly
/// as the full parser does; every line it cannot read so (help, errors), it
/// must leave to the full parser.
@Suite("record's quick parser reads lines as swift-argument-parser does")
struct QuickRecordParserTests {
    /// The full parser's reading, nil where it fails (help, a usage error).
    static func full(_ line: [String]) -> RecordArguments? {
        (try? RecordCommand.parse(line))?.arguments
    }

    /// Checks one line; returns what the quick parser made of it.
    @discardableResult
    static func check(_ line: [String]) -> RecordArguments? {
        let quick = QuickRecordParser.parse(line[...])
        if let quick {
            #expect(quick == full(line), "\(line)")
        }
        return quick
    }

    static let command = ["python3", "-c", "pass"]

    @Test("each option in each spelling, with and without --", arguments: [
        [], ["--force"], ["--no-follow"], ["--signal"], ["--c-calls"], ["--null"],
        ["-o", "t.lz4"], ["--output", "t.lz4"], ["--output=t.lz4"], ["--output=a=b.lz4"],
        ["--ring", "64M"], ["--ring=1G"], ["--ring", "12"],
        ["--include", "*.py"], ["--include=*/app/*", "--include", "x y"], ["--exclude", "*/lib/*"],
        ["--exclude=a", "--exclude=b", "--include", "c"],
        ["--max-depth", "3"], ["--max-depth=10"], ["--max-depth", "+4"], ["--max-depth", "0"],
        ["-o", "t.lz4", "--force", "--ring", "1M", "--include", "a", "--exclude", "b", "--max-depth", "2",
         "--no-follow", "--signal", "--c-calls", "--null"],
        ["--null", "--output", "x.lz4"],
    ])
    func taken(options: [String]) {
        for line in [options + Self.command, options + ["--"] + Self.command] {
            #expect(Self.check(line) != nil, "left to the full parser: \(line)")
        }
    }

    @Test("the command keeps its own options and a later --")
    func commandOptions() {
        for line in [["python3", "-o", "x", "--force"], ["--", "python3", "--", "-h"], ["--", "-o", "x"],
                     ["--force", "python3", "--help"], ["--", "--"] + Self.command, ["./run", "--version"]] {
            let quick = Self.check(line)
            #expect(quick != nil, "\(line)")
        }
        #expect(Self.check(["--", "python3", "--help"])?.command == ["python3", "--help"])
    }

    @Test("help, errors and unusual spellings are left to the full parser", arguments: [
        ["--help"], ["-h"], ["--force", "-h", "python3"], ["--version", "python3"],
        [], ["--"], ["--force"], ["-o", "t.lz4"], ["-o", "t.lz4", "--"],
        ["--bogus", "python3"], ["-x", "python3"], ["-of", "python3"], ["-ot.lz4", "python3"], ["-o=t.lz4", "python3"],
        ["--force", "--force", "python3"], ["-o", "a", "--output", "b", "python3"], ["--ring", "1M", "--ring=2M", "python3"],
        ["-o", "--force", "python3"], ["-o", "-", "python3"], ["--output="], ["--output=", "python3"],
        ["--max-depth", "x", "python3"], ["--max-depth", "-1", "python3"], ["--max-depth", "1.5", "python3"],
        ["--force=yes", "python3"], ["--null=1", "python3"], ["-", "python3"], ["", "python3"],
        ["--output", "", "python3"], ["--include"], ["-o"], ["--FORCE", "python3"], ["---force", "python3"],
    ])
    func leftToFullParser(line: [String]) {
        #expect(Self.check(line) == nil, "\(line)")
    }

    @Test("thousands of random lines of options, values and commands")
    func randomLines() {
        let words = ["-o", "--output", "--output=t.lz4", "t.lz4", "--force", "--ring", "--ring=64M", "64M",
                     "--include", "--include=*.py", "*.py", "--exclude", "--exclude=", "--max-depth", "--max-depth=2",
                     "2", "-3", "--no-follow", "--signal", "--c-calls", "--null", "--", "-", "-h", "--help",
                     "--bogus", "-x", "python3", "-c", "pass", "", "--force=1", "-of"]
        var generator = SplitMix(seed: 13)
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

/// A small seeded generator, so that a failing line can be found again.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

