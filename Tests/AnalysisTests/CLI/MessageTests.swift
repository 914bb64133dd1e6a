import Foundation
import PyFrameTestSupport
import Testing

/// Messages that blame the right thing: help where it is asked for, usage
/// errors that name the subcommand's help, one meaning of `--limit`, and an
/// LZ4 file that is simply not a trace.
@Suite struct MessageTests {
    static func trace() throws -> String {
        let path = temporaryPath("messages.lz4")
        try Fixtures.mixed().write(to: path)
        return path
    }

    @Test("record's help before the command", arguments: [
        ["record", "--help"], ["record", "-h"], ["record", "-o", "x.lz4", "--help", "--", "python3", "x.py"],
        ["record", "--include", "*.py", "--signal", "-h", "python3", "x.py"],
    ])
    func recordHelp(arguments: [String]) throws {
        let result = try #require(PyFrameTool.pyframe(arguments))
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("USAGE: pyframe record"), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: "x.lz4"))
    }

    @Test func usageErrorsNameTheSubcommandsHelp() throws {
        let trace = try Self.trace()
        let cases: [([String], String)] = [
            (["report", "--sort", "bogus", trace], "pyframe help report"),
            (["record", "--ring", "12x", "--", "python3", "-c", "pass"], "pyframe help record"),
            (["flame", "--weight", "x", trace], "pyframe help flame"),
            (["nosuch"], "pyframe --help"),
        ]
        for (arguments, help) in cases {
            let result = try #require(PyFrameTool.pyframe(arguments))
            #expect(result.status == 2)
            #expect(result.stderr.hasSuffix(" (see '\(help)')\n"), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
        }
    }

    @Test func invalidMatchIsAUsageError() throws {
        let result = try #require(PyFrameTool.pyframe(["report", "--match", "(unclosed", try Self.trace()]))
        #expect(result.status == 2)
        #expect(result.stderr == "pyframe: invalid --match pattern '(unclosed': not a valid regular expression (see 'pyframe help report')\n")
    }

    @Test("a negative --limit is the same usage error everywhere", arguments: ["dump", "report", "flame", "diff"])
    func negativeLimit(command: String) throws {
        let trace = try Self.trace()
        let inputs = command == "diff" ? [trace, trace] : [trace]
        for spelling in [["--limit", "-1"], ["--limit=-5"]] {
            let result = try #require(PyFrameTool.pyframe([command] + spelling + inputs))
            #expect(result.status == 2)
            #expect(result.stderr == "pyframe: --limit must be 0 or more (0 shows all) (see 'pyframe help \(command)')\n")
        }
    }

    @Test func zeroLimitShowsEverything() throws {
        let trace = try Self.trace()
        let all = try #require(PyFrameTool.pyframe(["dump", "--events-only", trace]))
        let zero = try #require(PyFrameTool.pyframe(["dump", "--events-only", "--limit", "0", trace]))
        #expect(all.stdout.split(separator: "\n").count == 12)
        #expect(zero.stdout == all.stdout)
        let one = try #require(PyFrameTool.pyframe(["flame", "--limit", "1", trace]))
        #expect(one.stdout.contains("hottest 1 of 6 stacks"))
        #expect(one.stdout.contains("… 5 more stacks (--limit 0 shows all)"))
        let flameAll = try #require(PyFrameTool.pyframe(["flame", "--limit", "0", trace]))
        #expect(flameAll.status == 0)
        #expect(flameAll.stdout.contains("hottest 6 of 6 stacks"))
        #expect(!flameAll.stdout.contains("more stacks"))
        let report = try #require(PyFrameTool.pyframe(["report", "--limit", "0", trace]))
        #expect(!report.stdout.contains("more functions"))
    }

    /// An LZ4 frame as the `lz4` tool writes it (no content size), around
    /// the uncompressed text: valid LZ4, not a trace.
    @Test func lz4FileThatIsNotATrace() throws {
        let path = temporaryPath("notes.txt.lz4")
        let text = Array("hello, not a trace\n".utf8)
        var frame: [UInt8] = [0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7]
        frame += withUnsafeBytes(of: (UInt32(text.count) | 0x8000_0000).littleEndian, Array.init)
        frame += text + [0, 0, 0, 0]
        FileManager.default.createFile(atPath: path, contents: Data(frame))
        var files = [path]
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/lz4") {
            let source = temporaryPath("notes.txt")
            FileManager.default.createFile(atPath: source, contents: Data(text))
            PyFrameTool.run("/usr/bin/lz4", ["-q", source, source + ".lz4"])
            files.append(source + ".lz4")
        }
        for file in files {
            for command in [["dump"], ["report"], ["flame"]] {
                let result = try #require(PyFrameTool.pyframe(command + [file]))
                #expect(result.status == 1)
                #expect(result.stderr == "pyframe: not a pyframe trace: \(file) is LZ4-compressed data, but not written by pyframe\n")
            }
        }
    }
}
