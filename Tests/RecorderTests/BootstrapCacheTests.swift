import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// `pyframe record` keeps its bootstrap folder in the user's cache folder so
/// that Python compiles the bootstrap once, not on every run; a folder whose
/// text is not this pyframe's is never used. Python's own `-v` lines (which
/// file each module's code came from) are the oracle.
@Suite("the bootstrap is compiled once and kept in the cache", .serialized)
struct BootstrapCacheTests {
    /// A fresh cache folder, and the environment pointing pyframe at it.
    func cache() throws -> (root: String, environment: [String: String]) {
        let root = try Tooling.temporaryFolder("cache")
        return (root, ["XDG_CACHE_HOME": root])
    }

    /// Records `python -v -c pass`; the outcome and whether the trace is complete.
    func recordVerbose(_ python: TestPython, environment: [String: String],
                       writesBytecode: Bool) throws -> (Tooling.Outcome, Bool) {
        let trace = Tooling.temporaryTrace("cache")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let bytecode = writesBytecode ? ["-u", "PYTHONDONTWRITEBYTECODE"] : ["PYTHONDONTWRITEBYTECODE=1"]
        let outcome = try Tooling.run(["env"] + bytecode + [Tooling.pyframe, "record", "-o", trace, "--",
                                                            python.executable, "-v", "-c", "print('ran')"],
                                      environment: environment)
        var complete = false
        if FileManager.default.fileExists(atPath: trace) {
            try TraceFile(path: trace).forEachChunk { _, chunk in
                if case .end = chunk { complete = true }
            }
        }
        return (outcome, complete)
    }

    /// The bootstrap folders pyframe made in the cache.
    func folders(_ root: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: root + "/pyframe")
            .filter { $0.hasPrefix("pyframe-") }.sorted().map { root + "/pyframe/" + $0 }
    }

    /// `python`'s bytecode file name for `sitecustomize.py`.
    func compiledName(_ python: TestPython) throws -> String {
        let outcome = try Tooling.run([python.executable, "-c", "import sys; print(sys.implementation.cache_tag)"])
        return "sitecustomize.\(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)).pyc"
    }

    @Test("the first run compiles the bootstrap; later runs load its compiled form",
          arguments: TestPythons.available, [true, false])
    func compiledOnce(python: TestPython, writesBytecode: Bool) throws {
        let (root, environment) = try cache()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (first, firstComplete) = try recordVerbose(python, environment: environment, writesBytecode: writesBytecode)
        #expect(first.status == 0 && first.stdout == "ran\n" && firstComplete, "\(first.stderr)")
        let made = try folders(root)
        #expect(made.count == 1)
        let folder = try #require(made.first)
        #expect(first.stderr.contains("# code object from \(folder)/sitecustomize.py\n"))
        let compiled = "\(folder)/__pycache__/\(try compiledName(python))"
        #expect(FileManager.default.fileExists(atPath: compiled))

        let (second, secondComplete) = try recordVerbose(python, environment: environment, writesBytecode: writesBytecode)
        #expect(second.status == 0 && second.stdout == "ran\n" && secondComplete, "\(second.stderr)")
        #expect(second.stderr.contains("# code object from '\(compiled)'\n"), "\(second.stderr)")
        #expect(try folders(root) == [folder])
    }

    @Test("a folder holding another bootstrap (another pyframe's, or edited) is replaced, never used",
          arguments: TestPythons.available)
    func staleFolder(python: TestPython) throws {
        let (root, environment) = try cache()
        defer { try? FileManager.default.removeItem(atPath: root) }
        _ = try recordVerbose(python, environment: environment, writesBytecode: true)
        let folder = try #require(try folders(root).first)
        // Same name, other text, with bytecode compiled from that text; and
        // another build's folder beside it.
        let stale = "print('stale bootstrap ran')\n"
        let other = root + "/pyframe/pyframe-zzzzzz"
        try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
        for dir in [folder, other] {
            try stale.write(toFile: dir + "/sitecustomize.py", atomically: false, encoding: .utf8)
            let compile = try Tooling.run(["env", "-u", "PYTHONDONTWRITEBYTECODE", python.executable, "-c",
                                           "import py_compile, sys; py_compile.compile(sys.argv[1], doraise=True)",
                                           dir + "/sitecustomize.py"])
            #expect(compile.status == 0, "\(compile.stderr)")
        }

        let (outcome, complete) = try recordVerbose(python, environment: environment, writesBytecode: true)
        #expect(outcome.status == 0 && outcome.stdout == "ran\n" && complete, "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("stale bootstrap ran"))
        #expect(outcome.stderr.contains("# code object from \(folder)/sitecustomize.py\n"), "\(outcome.stderr)")
        let text = try String(contentsOfFile: folder + "/sitecustomize.py", encoding: .utf8)
        #expect(text != stale && text.contains("pyframe"))
        // Another build's folder is its own: left as it was.
        #expect(try String(contentsOfFile: other + "/sitecustomize.py", encoding: .utf8) == stale)
        #expect(try folders(root) == [folder, other])
    }

    @Test("without a usable cache folder, the run gets a fresh bootstrap folder of its own and is recorded")
    func noCache() throws {
        let python = try #require(TestPythons.available.first)
        let file = NSTemporaryDirectory() + "pyframe-not-a-folder-\(UUID().uuidString)"
        try "".write(toFile: file, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let (outcome, complete) = try recordVerbose(python, environment: ["XDG_CACHE_HOME": file],
                                                    writesBytecode: true)
        #expect(outcome.status == 0 && outcome.stdout == "ran\n" && complete, "\(outcome.stderr)")
        let line = outcome.stderr.split(separator: "\n").first { $0.hasPrefix("# code object from ") && $0.hasSuffix("/sitecustomize.py") }
        let path = try #require(line.map { String($0.dropFirst("# code object from ".count)) }, "\(outcome.stderr)")
        #expect(path.hasPrefix(NSTemporaryDirectory()) || path.hasPrefix("/tmp/"))
        #expect(!FileManager.default.fileExists(atPath: path))  // removed with the run's folder
    }
}
