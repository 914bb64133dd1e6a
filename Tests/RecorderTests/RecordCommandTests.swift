import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// `pyframe record` runs programs as the user would, in every way they are
/// started and every way they end, and always leaves a readable trace.
@Suite("pyframe record runs programs faithfully", .serialized)
struct RecordCommandTests {
    /// Records `arguments` after `--` into a new trace; returns it and the outcome.
    func record(_ arguments: [String], directory: String? = nil,
                environment: [String: String] = [:]) throws -> (String, Tooling.Outcome) {
        let trace = Tooling.temporaryTrace("cmd")
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--"] + arguments,
                                      environment: environment, currentDirectory: directory)
        return (trace, outcome)
    }

    func endRecord(_ trace: String) throws -> EndRecord? {
        var end: EndRecord?
        try TraceFile(path: trace).forEachChunk { _, chunk in
            if case let .end(e) = chunk { end = e }
        }
        return end
    }

    @Test("exit status, stdout and stderr are the program's own", arguments: TestPythons.available)
    func exitStatus(python: TestPython) throws {
        let code = "import sys; print('out'); sys.stderr.write('err\\n'); sys.exit(3)"
        let (trace, outcome) = try record([python.executable, "-c", code])
        #expect(outcome.status == 3)
        #expect(outcome.stdout == "out\n")
        #expect(outcome.stderr.hasPrefix("err\n"))
        #expect(try endRecord(trace) != nil)
    }

    @Test("every exit status is passed on as it is, 64 (the argument parser's usage status) too",
          arguments: [0, 1, 2, 64, 127, 255])
    func exitStatusPassedOn(code: Int) throws {
        let python = try #require(TestPythons.available.first)
        let (trace, outcome) = try record([python.executable, "-c", "import sys; sys.exit(\(code))"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(outcome.status == Int32(code))
        #expect(outcome.stderr.split(separator: "\n").allSatisfy { $0.hasPrefix("pyframe: wrote ") }, "\(outcome.stderr)")
    }

    @Test("an uncaught exception: same traceback and status as untraced, complete trace", arguments: TestPythons.available)
    func uncaughtException(python: TestPython) throws {
        let script = Tooling.fixtures.appendingPathComponent("raises.py").path
        let (trace, outcome) = try record([python.executable, script])
        let untraced = try Tooling.run([python.executable, script])
        #expect(outcome.status == 1 && untraced.status == 1)
        let traceback = outcome.stderr.split(separator: "\n").filter { !$0.hasPrefix("pyframe:") }
        #expect(traceback == untraced.stderr.split(separator: "\n"))
        #expect(try endRecord(trace) != nil)
    }

    @Test("-m module and argv reach the program unchanged", arguments: TestPythons.available)
    func moduleMode(python: TestPython) throws {
        let (trace, outcome) = try record([python.executable, "-m", "fixture_module", "a", "b c"],
                                          directory: Tooling.fixtures.path)
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "['a', 'b c']\n")
        var argv: [String] = []
        try TraceFile(path: trace).forEachChunk { _, chunk in
            if case let .process(p) = chunk { argv = p.argv }
        }
        #expect(argv.suffix(4) == ["-m", "fixture_module", "a", "b c"])
    }

    /// Variables `pyframe record` leaves in the environment when it follows
    /// child processes, as the README documents (PYTHONPATH also gains the
    /// bootstrap's folder).
    static let followVariables: Set<String> = [
        "PYFRAME_BOOTSTRAP_DIR", "PYFRAME_FOLLOW", "PYFRAME_OPTIONS", "PYFRAME_ORIGINAL_PYTHONPATH",
        "PYFRAME_OUTPUT", "PYFRAME_RECORDERS_DIR", "PYFRAME_REPORT", "PYTHONPATH",
    ]

    @Test("os.environ and sys.path are exactly the untraced ones; the user's sitecustomize still runs",
          arguments: TestPythons.available, [true, false])
    func environment(python: TestPython, userHasPythonPath: Bool) throws {
        let dir = NSTemporaryDirectory() + "usersite-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "import os; os.environ['USER_SITE_RAN'] = '1'\n".write(toFile: dir + "/sitecustomize.py", atomically: true, encoding: .utf8)
        let code = "import json, os, sys; print(json.dumps([dict(os.environ), sys.path]))"
        // The untraced run sees the user's folder through PYTHONPATH or, without one, as its cwd.
        let environment = userHasPythonPath ? ["PYTHONPATH": dir] : [:]
        let unset = userHasPythonPath ? [] : ["-u", "PYTHONPATH"]
        func run(_ prefix: [String]) throws -> (env: [String: String], path: [String]) {
            let outcome = try Tooling.run(["env"] + unset + prefix + [python.executable, "-c", code],
                                          environment: environment, currentDirectory: dir)
            let json = try JSONSerialization.jsonObject(with: Data(outcome.stdout.utf8)) as? [Any]
            return (json?[0] as? [String: String] ?? [:], json?[1] as? [String] ?? [])
        }
        let trace = Tooling.temporaryTrace("env")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let untraced = try run([])
        #expect(untraced.env["USER_SITE_RAN"] == (userHasPythonPath ? "1" : nil))
        let noFollow = try run([Tooling.pyframe, "record", "--no-follow", "--force", "-o", trace, "--"])
        #expect(noFollow.env == untraced.env)
        #expect(noFollow.path == untraced.path)
        // Following subprocesses (the default) keeps the bootstrap's
        // variables for them, and nothing else differs.
        let following = try run([Tooling.pyframe, "record", "--force", "-o", trace, "--"])
        #expect(following.env.filter { !Self.followVariables.contains($0.key) }
                == untraced.env.filter { $0.key != "PYTHONPATH" })
        #expect(following.path == untraced.path)
    }

    @Test("forks, subprocesses and multiprocessing workers each get their own trace", arguments: TestPythons.available)
    func followsProcesses(python: TestPython) throws {
        let dir = try Tooling.temporaryFolder("follow")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = Tooling.fixture("processes.py")
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", dir + "/trace.lz4", "--", python.executable, script])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        // Children may finish after the parent (the forkserver ends when it
        // sees the parent gone): wait while a child whose trace is not yet
        // complete is still running (up to 2 minutes on a loaded machine);
        // a trace left incomplete by a process that has ended is a failure.
        var traces: [String] = []
        for _ in 0..<1200 {
            traces = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".lz4") }
            let running = try traces.contains { name in
                let facts = try TraceFacts(path: dir + "/" + name, countingFile: script)
                guard facts.end == nil else { return false }
                guard let pid = facts.process?.pid else { return true }  // header not written yet
                return kill(pid_t(pid), 0) == 0
            }
            if traces.count >= 6 && !running { break }
            usleep(100_000)
        }
        var parentPid: UInt64 = 0
        var childCalls: [String: Int] = [:]
        var children = 0
        for name in traces.sorted() {
            let facts = try TraceFacts(path: dir + "/" + name, countingFile: script)
            #expect(facts.end != nil, "\(name) is incomplete")
            #expect(!facts.nestingBroken && facts.problems.isEmpty, "\(name)")
            if name == "trace.lz4" {
                parentPid = facts.process?.pid ?? 0
            } else {
                children += 1
                #expect(name.hasPrefix("trace.") && name.split(separator: ".").count >= 3)
                for (key, n) in facts.calls { childCalls[key, default: 0] += n }
            }
        }
        #expect(parentPid != 0)
        // one fork, one subprocess, two spawn workers (at least), a forkserver and its workers
        #expect(children >= 5, "\(traces)")
        #expect(childCalls["forked:8"] == 1)
        #expect(childCalls["work:12", default: 0] >= 8)  // the pools' tasks ran in children
    }

    @Test("RecursionError is reached traced exactly as untraced", arguments: TestPythons.available)
    func recursionError(python: TestPython) throws {
        let code = """
            import sys
            def down(n):
                return down(n + 1)
            try:
                down(0)
            except RecursionError as e:
                print("RecursionError", sys.getrecursionlimit())
            """
        let (trace, outcome) = try record([python.executable, "-c", code])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let untraced = try Tooling.run([python.executable, "-c", code])
        #expect(outcome.status == 0 && untraced.status == 0)
        #expect(outcome.stdout == untraced.stdout && outcome.stdout == "RecursionError 1000\n")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["down:2", default: 0] > 900)
        #expect(!facts.nestingBroken)
    }

    @Test("hundreds of short threads: every thread recorded, memory stays bounded", arguments: TestPythons.available)
    func manyThreads(python: TestPython) throws {
        let code = """
            import threading, resource
            def spin(n):
                for _ in range(n):
                    tick()
            def tick(): pass
            for batch in range(50):
                threads = [threading.Thread(target=spin, args=(10000,)) for _ in range(4)]
                for t in threads: t.start()
                for t in threads: t.join()
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
            """
        let (trace, outcome) = try record([python.executable, "-c", code])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let untraced = try Tooling.run([python.executable, "-c", code])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["spin:2"] == 200)
        #expect(facts.calls["tick:5"] == 200 * 10000)
        #expect(facts.threadNames.count == 201)
        #expect(!facts.nestingBroken)
        // Peak resident memory (KiB) of the traced program against untraced:
        // 200 threads' rings hold 32 MiB of events in all; they must be
        // returned and reused, not piled up behind a writer that lags.
        let traced = Int(outcome.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? .max
        let plain = Int(untraced.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        #expect(traced - plain < 25 * 1024, "traced \(traced) KiB, untraced \(plain) KiB")
    }

    @Test("a thread that ends the program still leaves a complete trace", arguments: TestPythons.available)
    func exitFromThread(python: TestPython) throws {
        let code = """
            import threading, time
            def run():
                time.sleep(0.05)
                print('thread done')
            t = threading.Thread(target=run)
            t.start()
            """
        let (trace, outcome) = try record([python.executable, "-c", code])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "thread done\n")
        #expect(try endRecord(trace) != nil)
    }

    @Test("a forked child neither corrupts nor hangs its parent's trace", arguments: TestPythons.available)
    func fork(python: TestPython) throws {
        let code = """
            import os
            def f(n): return n if n < 2 else f(n - 1) + f(n - 2)
            pid = os.fork()
            if pid == 0:
                f(20)
                os._exit(0)
            os.waitpid(pid, 0)
            print(f(15))
            """
        let (trace, outcome) = try record([python.executable, "-c", code])
        #expect(outcome.status == 0 && outcome.stdout == "610\n", "\(outcome.stderr)")
        let end = try endRecord(trace)
        #expect(end != nil)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.problems.isEmpty && !facts.nestingBroken)
        #expect(facts.calls["f:2"] == 1973)  // fib(15) makes 1973 calls; the child's fib(20) is not here
    }

    @Test("a killed program leaves a readable trace of what was flushed", arguments: TestPythons.available)
    func killed(python: TestPython) throws {
        let code = """
            import os, signal, time
            def spin(deadline):
                while time.monotonic() < deadline:
                    tick()
            def tick():
                pass
            spin(time.monotonic() + 0.6)
            os.kill(os.getpid(), signal.SIGKILL)
            """
        let (trace, outcome) = try record([python.executable, "-c", code])
        #expect(outcome.status == 128 + 9)
        #expect(try endRecord(trace) == nil)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        // The writer flushes at least every 200 ms, so most of 0.6 s of ticks are in.
        #expect(facts.calls["tick:5", default: 0] > 1000)
        #expect(!facts.nestingBroken)
    }

    static let endings = [
        ("import os, signal\ndef f(): os.kill(os.getpid(), signal.SIGTERM)\nf()", Int32(128 + 15)),
        ("import os\ndef f(): os._exit(4)\nf()", Int32(4)),
    ]

    @Test("SIGTERM and os._exit: same exit as untraced, and a complete trace",
          arguments: endings.indices, TestPythons.available)
    func terminated(ending: Int, python: TestPython) throws {
        let (code, status) = Self.endings[ending]
        let (trace, outcome) = try record([python.executable, "-c", code])
        let untraced = try Tooling.run([python.executable, "-c", code])
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(untraced.status == status)
        #expect(try endRecord(trace) != nil)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["f:2"] == 1)
    }

    /// The signal's handler waits for the writer's final drain; a child
    /// terminated inside malloc once kept its writer waiting for malloc's
    /// lock, and died two seconds later with its trace incomplete.
    @Test("children terminated as they start, or inside malloc, die of SIGTERM with complete traces",
          arguments: TestPythons.available)
    func terminatedChildren(python: TestPython) throws {
        let dir = try Tooling.temporaryFolder("terminated")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let script = Tooling.fixture("terminated_children.py")
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", dir + "/trace.lz4", "--",
                                       python.executable, script])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "30\n")  // every child died of SIGTERM, as untraced
        let traces = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".lz4") }
        #expect(traces.count > 1)  // (a child terminated before it records leaves none)
        for name in traces {
            #expect(try endRecord(dir + "/" + name) != nil, "\(name) is incomplete")
        }
    }

    @Test("--ring keeps only the newest events, in a valid trace that says what it dropped", arguments: TestPythons.available)
    func ringMode(python: TestPython) throws {
        let code = """
            def tick(): pass
            def spin(n):
                for _ in range(n): tick()
            for i in range(25):
                spin(100000)
            def last(): pass
            last()
            """
        let trace = Tooling.temporaryTrace("ring")
        let outcome = try Tooling.run([Tooling.pyframe, "record", "--ring", "256K", "-o", trace, "--", python.executable, "-c", code])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        var losses: [ThreadLoss] = []
        try TraceFile(path: trace).forEachChunk { _, chunk in
            if case let .loss(l) = chunk { losses = l }
        }
        let end = try endRecord(trace)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        let size = try FileManager.default.attributesOfItem(atPath: trace)[.size] as? Int ?? 0
        #expect(size < 256 * 1024 + 64 * 1024)
        #expect(losses.first?.events ?? 0 > 1_000_000)
        #expect(end?.eventsDropped == losses.reduce(0) { $0 + $1.events })
        #expect(end?.eventsWritten == UInt64(facts.events))
        #expect(facts.calls["last:6"] == 1)
        #expect(!facts.nestingBroken && facts.problems.isEmpty)
        #expect(end?.lossReason.contains("ring mode") == true)
    }

    @Test("--signal: SIGUSR2 resumes and pauses recording; each window is its own well-nested stream", arguments: TestPythons.available)
    func signalToggle(python: TestPython) throws {
        let code = """
            import time
            def tick(): pass
            def spin(seconds):
                end = time.monotonic() + seconds
                while time.monotonic() < end:
                    tick()
            spin(2.0)
            """
        let trace = Tooling.temporaryTrace("toggle")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        // Started from a shell so that its pid is known; SIGUSR2 goes to pyframe, which passes it on.
        let script = """
            \(Tooling.pyframe) record --signal -o \(trace) -- \(python.executable) -c '\(code)' &
            pid=$!
            for i in $(seq 100); do [ -s \(trace) ] && break; sleep 0.05; done
            sleep 0.2; kill -USR2 $pid; sleep 0.3; kill -USR2 $pid
            sleep 0.3; kill -USR2 $pid; sleep 0.3; kill -USR2 $pid
            wait $pid
            """
        let outcome = try Tooling.run(["bash", "-c", script])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        var threads: [UInt32: ThreadRecord] = [:]
        try TraceFile(path: trace).forEachChunk { _, chunk in
            if case let .threads(list) = chunk { for t in list { threads[t.index] = t } }
        }
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(threads.count == 2)                              // two recording windows
        #expect(threads.values.allSatisfy { $0.endTime != nil })  // each ended by a pause
        #expect(facts.calls["tick:2", default: 0] > 1000)
        #expect(facts.calls["spin:3"] == nil)                    // entered while paused
        #expect(!facts.nestingBroken && facts.end != nil)
    }

    @Test("a cut trace still decodes every chunk before the cut; lz4 -dc reads it whole")
    func cutAndLz4() throws {
        let (trace, _) = try Tooling.record(Tooling.fixture("recursion.py"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: trace))
        let lz4 = try Tooling.run(["lz4", "-dc", trace])
        #expect(lz4.status == 0, "\(lz4.stderr)")
        #expect(lz4.stdout.utf8.count > bytes.count)
        var previous = 0
        for cut in stride(from: bytes.count / 2, through: bytes.count, by: max(1, bytes.count / 40)) {
            let path = Tooling.temporaryTrace("cut")
            FileManager.default.createFile(atPath: path, contents: bytes.prefix(cut))
            let facts = try TraceFacts(path: path, countingFile: Tooling.fixture("recursion.py"))
            #expect(facts.events >= previous)
            #expect(cut == bytes.count || facts.end == nil)
            previous = facts.events
            try? FileManager.default.removeItem(atPath: path)
        }
    }

    @Test("a command that never starts Python: its own status, one line, no trace")
    func notPython() throws {
        let (trace, outcome) = try record(["/bin/echo", "hi"])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "hi\n")
        #expect(outcome.stderr == "pyframe: no trace was written: `/bin/echo hi` ran no Python that pyframe records (CPython 3.11 to 3.15)\n")
        #expect(try record(["false"]).1.status == 1)
        #expect(!FileManager.default.fileExists(atPath: trace))
        let missing = try record(["no-such-command-pyframe"]).1
        #expect(missing.status == 127 && missing.stderr.contains("cannot run no-such-command-pyframe"))
    }

    /// A 256 KiB tmpfs for the disk-full test, when this machine lets us mount one (root).
    static let smallDisk: String? = {
        let dir = NSTemporaryDirectory() + "pyframe-full-\(UUID().uuidString)"
        guard (try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)) != nil,
              let mounted = try? Tooling.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", dir]),
              mounted.status == 0 else { return nil }
        return dir
    }()

    @Test("a full disk: the program runs on untouched; the trace is valid and says what it lost",
          .enabled(if: RecordCommandTests.smallDisk != nil))
    func diskFull() throws {
        let dir = try #require(Self.smallDisk)
        defer { _ = try? Tooling.run(["umount", dir]) }
        let script = Tooling.fixture("recursion.py")
        let code = "exec(open(\(script.debugDescription)).read())\nfor _ in range(40): fib(18)"
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", dir + "/t.lz4", "--", "python3", "-c", code])
        let untraced = try Tooling.run(["python3", "-c", code])
        #expect(outcome.status == 0)
        #expect(outcome.stdout == untraced.stdout)
        let end = try endRecord(dir + "/t.lz4")
        #expect(end?.lossReason.contains("No space left on device") == true)
        #expect((end?.eventsDropped ?? 0) > 0)
        let facts = try TraceFacts(path: dir + "/t.lz4", countingFile: script)
        #expect(facts.problems.isEmpty && !facts.nestingBroken)
        #expect(outcome.stderr.contains("not in the file: writing failed: No space left on device"))
    }

    static let unsupported = [("3.10.13", "python3"), ("2.7.18", "python2")].map {
        (version: $0.0, path: NSHomeDirectory() + "/.pyenv/versions/\($0.0)/bin/\($0.1)")
    }.filter { FileManager.default.isExecutableFile(atPath: $0.path) }

    @Test("a Python that pyframe does not record is refused in one line, before the program runs",
          arguments: unsupported.indices)
    func wrongPython(index: Int) throws {
        let python = Self.unsupported[index]
        let (trace, outcome) = try record([python.path, "-c", "print('ran')"])
        #expect(outcome.status != 0)
        #expect(outcome.stdout == "")
        let lines = outcome.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(outcome.stderr)")
        #expect(lines.first == "pyframe: cpython \(python.version) is not supported; pyframe records CPython 3.11 to 3.15 (with the GIL)"
                || lines.first == "pyframe: python \(python.version) is not supported; pyframe records CPython 3.11 to 3.15 (with the GIL)",
                "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Traceback"))
        #expect(!FileManager.default.fileExists(atPath: trace))
    }

    @Test("an existing output is never overwritten without --force", arguments: TestPythons.available)
    func noOverwrite(python: TestPython) throws {
        let (trace, first) = try record([python.executable, "-c", "pass"])
        #expect(first.status == 0)
        let again = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--", python.executable, "-c", "pass"])
        #expect(again.status == 1 && again.stderr.contains("exists; use --force"))
        let forced = try Tooling.run([Tooling.pyframe, "record", "--force", "-o", trace, "--", python.executable, "-c", "pass"])
        #expect(forced.status == 0)
        var info = stat()
        #expect(stat(trace, &info) == 0 && info.st_mode & 0o777 == 0o600)
    }

    @Test("without -o the trace is named after the program and pid")
    func defaultName() throws {
        let dir = try Tooling.temporaryFolder("name")
        let script = Tooling.fixture("recursion.py")
        let outcome = try Tooling.run([Tooling.pyframe, "record", "--", "python3", script], currentDirectory: dir)
        #expect(outcome.status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(files.count == 1)
        #expect(files.first?.hasPrefix("recursion.") == true && files.first?.hasSuffix(".pyframe.lz4") == true)
        #expect(outcome.stderr.contains("pyframe dump"))
    }

    @Test("each process's closing line shows its own peak memory")
    func peakPerProcess() throws {
        let dir = try Tooling.temporaryFolder("peak")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let code = """
            import subprocess, sys
            subprocess.run([sys.executable, "-c", "x = bytearray(300 * 1024 * 1024)"], check=True)
            """
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", dir + "/trace.lz4", "--", "python3", "-c", code])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        func peakMiB(_ line: Substring) -> Double? {
            guard let range = line.range(of: "peak RSS ") else { return nil }
            let words = line[range.upperBound...].split(separator: " ")
            guard words.count >= 2, let value = Double(words[0]) else { return nil }
            return words[1].hasPrefix("GiB") ? value * 1024 : words[1].hasPrefix("KiB") ? value / 1024 : value
        }
        let lines = outcome.stderr.split(separator: "\n").filter { $0.contains("peak RSS") }
        let parent = lines.first { $0.contains("/trace.lz4:") }.flatMap(peakMiB)
        let child = lines.first { !$0.contains("/trace.lz4:") }.flatMap(peakMiB)
        #expect(parent != nil && child != nil, "\(outcome.stderr)")
        #expect((parent ?? 1000) < 200, "\(outcome.stderr)")
        #expect((child ?? 0) > 300, "\(outcome.stderr)")
    }
}
