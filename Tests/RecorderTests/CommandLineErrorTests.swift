import Foundation
import Testing
import TraceFormat

/// Every command meets wrong input with one line naming the problem and a
/// non-zero exit: 1 for errors, 2 for usage.
@Suite("Wrong input to every command", .serialized)
struct CommandLineErrorTests {
    /// Files that are not usable traces, made once.
    static let bad: [String: String] = {
        let dir = NSTemporaryDirectory() + "pyframe-bad-\(UUID().uuidString)"
        try? FileManager.default.createDirectory(atPath: dir + "/empty-dir", withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: dir + "/empty.lz4", contents: Data())
        FileManager.default.createFile(atPath: dir + "/text.lz4", contents: Data("not a trace\n".utf8))
        // A trace written by a future pyframe: format version 9.
        var chunk = ChunkWriter.process(ProcessRecord(pid: 1, parentPid: 0, pythonVersion: "3.11.7", executable: "",
                                                      argv: [], cwd: "/", startWallNs: 0, originMonotonicNs: 0, clock: ""))
        chunk[4] = 9
        var frame: [UInt8] = []
        try? ChunkCodec().compress(chunk, into: &frame)
        FileManager.default.createFile(atPath: dir + "/future.lz4", contents: Data(frame))
        return ["dir": dir, "missing": dir + "/missing.lz4", "empty": dir + "/empty.lz4",
                "text": dir + "/text.lz4", "future": dir + "/future.lz4", "emptyDir": dir + "/empty-dir"]
    }()

    /// Each command with a slot for the bad input.
    static let commands: [[String]] = [
        ["dump", "%"], ["report", "%"], ["flame", "%"], ["code", "%", "main"], ["diff", "%", "%"],
    ]

    func run(_ command: [String], with input: String) throws -> Tooling.Outcome {
        try Tooling.run([Tooling.pyframe] + command.map { $0 == "%" ? input : $0 })
    }

    func expectOneLine(_ outcome: Tooling.Outcome, status: Int32, containing text: String, _ what: String) {
        let lines = outcome.stderr.split(separator: "\n")
        #expect(outcome.status == status, "\(what): status \(outcome.status): \(outcome.stderr)")
        #expect(lines.count == 1 && lines[0].hasPrefix("pyframe: "), "\(what): \(outcome.stderr)")
        #expect(text.isEmpty || outcome.stderr.lowercased().contains(text.lowercased()), "\(what): \(outcome.stderr)")
    }

    @Test("missing, empty, non-trace and newer-version files", arguments: commands)
    func badFiles(command: [String]) throws {
        let cases: [(String, String)] = [
            ("missing", "no such file"), ("empty", "empty"), ("text", "not a pyframe trace"),
            ("future", "trace format version 9 is newer than this pyframe reads"),
        ]
        for (name, text) in cases {
            let outcome = try run(command, with: Self.bad[name]!)
            expectOneLine(outcome, status: 1, containing: text, "\(command[0]) on \(name)")
        }
    }

    @Test("a directory with no traces", arguments: [["report", "%"], ["flame", "%"]])
    func emptyDirectory(command: [String]) throws {
        let outcome = try run(command, with: Self.bad["emptyDir"]!)
        expectOneLine(outcome, status: 1, containing: "no traces", "\(command[0]) on an empty directory")
    }

    @Test("usage errors exit with 2 in one line", arguments: [
        ["report"], ["report", "--sort", "bogus", "x.lz4"], ["dump"], ["nosuch"], ["record"],
        ["record", "--ring", "12x", "--", "python3", "-c", "pass"],
    ])
    func usage(arguments: [String]) throws {
        let outcome = try Tooling.run([Tooling.pyframe] + arguments)
        expectOneLine(outcome, status: 2, containing: "", arguments.joined(separator: " "))
    }

    @Test("an output path that cannot be written")
    func unwritableOutput() throws {
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", "/nonexistent-dir/t.lz4", "--", "python3", "-c", "pass"])
        expectOneLine(outcome, status: 1, containing: "cannot write /nonexistent-dir/t.lz4", "record -o")
        let trace = Self.bad["dir"]! + "/ok.lz4"
        _ = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--", "python3", "-c", "pass"])
        let flame = try Tooling.run([Tooling.pyframe, "flame", "--format", "svg", "-o", "/nonexistent-dir/f.svg", trace])
        expectOneLine(flame, status: 1, containing: "/nonexistent-dir/f.svg", "flame -o")
    }
}
