import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// pyframe next to other tools that hook Python (profilers, coverage,
/// debuggers), and when the program dies abruptly.
@Suite("Coexistence, crashes and hostile paths", .serialized)
struct CoexistenceAndCrashTests {
    func record(_ code: String, python: String = "python3", output: String? = nil,
                extra: [String] = []) throws -> (String, Tooling.Outcome) {
        let trace = output ?? Tooling.temporaryTrace("coexist")
        let outcome = try Tooling.run([Tooling.pyframe, "record"] + extra + ["-o", trace, "--", python, "-c", code])
        return (trace, outcome)
    }

    @Test("a sys.setprofile and a sys.settrace user see what they see untraced", arguments: ["setprofile", "settrace"])
    func otherHooks(kind: String) throws {
        let code = """
            import sys
            seen = {}
            def hook(frame, event, arg):
                if event == "call" and frame.f_code.co_filename == "<string>":
                    seen[frame.f_code.co_name] = seen.get(frame.f_code.co_name, 0) + 1
                return None
            def fib(n):
                return n if n < 2 else fib(n - 1) + fib(n - 2)
            sys.\(kind)(hook)
            fib(15)
            sys.\(kind)(None)
            print(sorted(seen.items()))
            """
        let (trace, outcome) = try record(code)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let untraced = try Tooling.run(["python3", "-c", code])
        #expect(outcome.status == 0 && untraced.status == 0)
        #expect(outcome.stdout == untraced.stdout)
        #expect(outcome.stdout == "[('fib', 1973)]\n")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["fib:7"] == 1973)
        #expect(!facts.nestingBroken)
    }

    @Test("Ctrl-C (SIGINT) ends the program as untraced, with a complete trace", arguments: TestPythons.available)
    func sigint(python: TestPython) throws {
        let code = """
            import os, signal
            def f():
                os.kill(os.getpid(), signal.SIGINT)
            f()
            """
        let (trace, outcome) = try record(code, python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let untraced = try Tooling.run([python.executable, "-c", code])
        #expect(outcome.status == untraced.status)
        #expect(outcome.stderr.contains("KeyboardInterrupt") && untraced.stderr.contains("KeyboardInterrupt"))
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.end != nil)
        #expect(facts.calls["f:2"] == 1)
    }

    @Test("a segfault in C code: the trace keeps what was flushed and says it was cut short", arguments: TestPythons.available)
    func segfault(python: TestPython) throws {
        let code = """
            import ctypes, time
            def tick(): pass
            end = time.monotonic() + 0.6
            while time.monotonic() < end:
                tick()
            ctypes.string_at(0)
            """
        let (trace, outcome) = try record(code, python: python.executable)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(outcome.status == 128 + 11)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.end == nil)
        #expect(facts.calls["tick:2", default: 0] > 1000)
        #expect(!facts.nestingBroken)
    }

    @Test("a symlink placed at the output path is never followed")
    func symlinkOutput() throws {
        let dir = try Tooling.temporaryFolder("link")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim"
        try FileManager.default.createSymbolicLink(atPath: dir + "/t.lz4", withDestinationPath: victim)
        let (_, outcome) = try record("pass", output: dir + "/t.lz4")
        #expect(outcome.status == 1)
        #expect(outcome.stderr == "pyframe: \(dir)/t.lz4 exists (a symbolic link); use --force to replace it\n")
        #expect(!FileManager.default.fileExists(atPath: victim))
        // --force replaces the link itself, never writing through it.
        let (_, forced) = try record("pass", output: dir + "/t.lz4", extra: ["--force"])
        #expect(forced.status == 0)
        #expect(!FileManager.default.fileExists(atPath: victim))
        let attributes = try FileManager.default.attributesOfItem(atPath: dir + "/t.lz4")
        #expect(attributes[.type] as? FileAttributeType == .typeRegular)
    }
}
