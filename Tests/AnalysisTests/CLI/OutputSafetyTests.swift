import Foundation
import PyFrameTestSupport
import Testing

/// No analyzer destroys a user's file: `-o` never names one of the inputs,
/// never replaces a trace without `--force`, and a failed or interrupted
/// write leaves the old file as it was and no temporary file behind.
@Suite struct OutputSafetyTests {
    /// A fresh directory with a trace `t.lz4` in it.
    func workspace() throws -> (dir: String, trace: String) {
        let dir = temporaryPath("out-safety")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let trace = dir + "/t.lz4"
        try Fixtures.mixed().write(to: trace)
        return (dir, trace)
    }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    /// The writing commands, each with a slot for the input and one for the output.
    static let writers: [[String]] = [
        ["export", "--format", "chrome", "-o", "OUT", "IN"],
        ["export", "--format", "pprof", "-o", "OUT", "IN"],
        ["report", "-o", "OUT", "IN"],
        ["flame", "--format", "svg", "-o", "OUT", "IN"],
        ["html", "-o", "OUT", "IN"],
        ["diff", "-o", "OUT", "IN", "IN"],
    ]

    func run(_ template: [String], input: String, output: String, force: Bool = false) -> ProcessOutcome? {
        let arguments = template.map { $0 == "IN" ? input : $0 == "OUT" ? output : $0 }
        return PyFrameTool.pyframe(force ? [arguments[0], "--force"] + arguments.dropFirst() : arguments)
    }

    @Test("-o naming an input, through any path or link, is refused and the input kept", arguments: writers)
    func outputIsAnInput(template: [String]) throws {
        let (dir, trace) = try workspace()
        let original = try #require(bytes(trace))
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.lz4", withDestinationPath: "t.lz4")
        try FileManager.default.linkItem(atPath: trace, toPath: dir + "/hard.lz4")
        let cases: [(input: String, output: String)] = [
            (trace, trace), (trace, dir + "/./t.lz4"), (trace, dir + "/link.lz4"), (trace, dir + "/hard.lz4"),
            (dir + "/link.lz4", trace), (dir, dir + "/hard.lz4"),
        ]
        for (input, output) in cases {
            // --force does not change it: an input is never an output.
            let result = try #require(run(template, input: input, output: output, force: true))
            #expect(result.status == 1, "\(template[0]) -o \(output) \(input): \(result.status) \(result.stderr)")
            #expect(result.stderr.hasPrefix("pyframe: -o \(output) is one of this command's inputs"), "\(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1)
            #expect(bytes(trace) == original, "\(template[0]) changed its input")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["hard.lz4", "link.lz4", "t.lz4"])
    }

    @Test("an existing trace is replaced only with --force", arguments: writers)
    func existingTraceNeedsForce(template: [String]) throws {
        let (dir, trace) = try workspace()
        let other = dir + "/other.lz4"
        try Fixtures.stacks().write(to: other)
        let original = try #require(bytes(other))
        let refused = try #require(run(template, input: trace, output: other))
        #expect(refused.status == 1)
        #expect(refused.stderr == "pyframe: -o \(other) is a pyframe trace; use --force to replace it\n")
        #expect(bytes(other) == original)
        let forced = try #require(run(template, input: trace, output: other, force: true))
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(bytes(other) != original)
        // A file that is not a trace is replaced as before, and keeps its permissions.
        let text = dir + "/out.txt"
        FileManager.default.createFile(atPath: text, contents: Data("old\n".utf8), attributes: [.posixPermissions: 0o640])
        let replaced = try #require(run(template, input: trace, output: text))
        #expect(replaced.status == 0, "\(replaced.stderr)")
        #expect(bytes(text) != Data("old\n".utf8))
        #expect((try FileManager.default.attributesOfItem(atPath: text)[.posixPermissions] as? Int) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["other.lz4", "out.txt", "t.lz4"])
    }

    @Test func symlinkedOutputKeepsItsLink() throws {
        let (dir, trace) = try workspace()
        FileManager.default.createFile(atPath: dir + "/report.txt", contents: Data("old\n".utf8))
        try FileManager.default.createSymbolicLink(atPath: dir + "/latest.txt", withDestinationPath: "report.txt")
        let result = try #require(PyFrameTool.pyframe(["report", "-o", dir + "/latest.txt", trace]))
        #expect(result.status == 0)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/latest.txt") == "report.txt")
        #expect(String(decoding: bytes(dir + "/report.txt") ?? Data(), as: UTF8.self).hasPrefix("program   python3 app.py"))
    }

    /// A write that fails part-way (the file-size limit, as on a full disk)
    /// leaves the old output whole; so does pyframe being killed by the
    /// signal that limit sends.
    @Test("a failed or interrupted write keeps the old file", arguments: [true, false])
    func failedWriteKeepsOldFile(ignoreSignal: Bool) throws {
        let (dir, trace) = try workspace()
        let output = dir + "/flame.svg"
        let old = Data(String(repeating: "the good old output\n", count: 3).utf8)
        FileManager.default.createFile(atPath: output, contents: old)
        guard let binary = PyFrameTool.binary() else { return }
        // bash's `ulimit -f` counts KiB; the SVG is larger than 1 KiB.
        let script = "ulimit -f 1; \(ignoreSignal ? "trap '' XFSZ; " : "")exec \"$0\" flame --format svg -o \"$1\" \"$2\""
        let result = PyFrameTool.run("/bin/bash", ["-c", script, binary, output, trace])
        #expect(result.status != 0)
        if ignoreSignal { #expect(result.stderr == "pyframe: cannot write \(output): File too large\n") }
        #expect(bytes(output) == old)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["flame.svg", "t.lz4"])
    }
}
