import Foundation
import PyFrameTestSupport
import Testing
import TraceFormat

/// What CPython's own test suite found pyframe changing in the programs it
/// records: each program here prints what it can observe, and prints the
/// same traced as untraced.
@Suite("The recorded program cannot tell it is recorded", .serialized)
struct ProgramCannotTellTests {
    /// Runs `code` untraced and under `pyframe record`; returns both outcomes and the trace.
    func both(_ code: String, python: TestPython, arguments: [String] = [],
              flags: [String] = []) throws -> (untraced: Tooling.Outcome, traced: Tooling.Outcome, trace: String) {
        let untraced = try Tooling.run([python.executable] + flags + ["-c", code] + arguments)
        let trace = Tooling.temporaryTrace("tell")
        let traced = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--", python.executable] + flags
                                     + ["-c", code] + arguments)
        return (untraced, traced, trace)
    }

    /// A program that registers its own co_extra free function (as
    /// test_code does through ctypes) sees it called only for code objects
    /// it gave data to: never for the ones pyframe numbered.
    static let coExtraUser = """
        import ctypes, gc
        api = ctypes.pythonapi
        request = getattr(api, "PyUnstable_Eval_RequestCodeExtraIndex", None) or api._PyEval_RequestCodeExtraIndex
        FREEFUNC = ctypes.CFUNCTYPE(None, ctypes.c_void_p)
        calls = []
        free = FREEFUNC(lambda pointer: calls.append(pointer))
        request.restype = ctypes.c_ssize_t
        request.argtypes = [FREEFUNC]
        index = request(free)
        for i in range(50):
            ns = {}
            exec(compile("def f%d(): return %d" % (i, i), "<generated>", "exec"), ns)
            ns["f%d" % i]()
            del ns
        gc.collect()
        print("index", index >= 0, "free calls", len(calls))
        """

    @Test("another co_extra user's free function is never called on pyframe's slots",
          arguments: TestPythons.available)
    func coExtraFreeFunction(python: TestPython) throws {
        let (untraced, traced, trace) = try both(Self.coExtraUser, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.stdout == "index True free calls 0\n")
        #expect(traced.stdout == untraced.stdout)
        #expect(traced.status == untraced.status && traced.status == 0, "\(traced.stderr)")
    }

    @Test("reading code constants leaves the program's strings as they were (sys.getsizeof)",
          arguments: TestPythons.available)
    func stringsUnchanged(python: TestPython) throws {
        let code = """
            import sys
            def f():
                return "\\xff" * 50 + "\\u20ac"
            def g():
                return "caf\\xe9 cr\\xe8me"
            f(); g()
            print(sys.getsizeof(f()), sys.getsizeof(g()))
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0)
        #expect(traced.stdout == untraced.stdout)
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["f:2"] == 2 && facts.calls["g:4"] == 2)
    }

    /// The constants a first sighting reads, as the program's `repr` gives
    /// them (cut as the recorder cuts them): the oracle for ConstantRepr,
    /// which formats them without running anything of the program's.
    @Test("code constants are recorded as repr gives them", arguments: TestPythons.available)
    func constantsAsRepr(python: TestPython) throws {
        let code = """
            import json
            def f(x):
                a = (1, 2.5, -3, 4j, 10**20, -2**200, 2**64, -2**63, b"by\\x00tes", None, True, False, ...)
                b = (frozenset(), frozenset({1}), frozenset({40, 7, 3, (1, 2), -1.5}), (), ("one",), ((1, (2,)), "q"))
                c = ("\\xff" * 10, 1e300, -0.0, float("inf") if x else 0, "x" * 200, b"\\n" * 99)
                return a, b, c, x[1:-1:2]
            f([1, 2, 3])
            def shown(c):
                r = repr(c)
                return r[:120] + "\\u2026" if len(r) > 120 else r
            print(json.dumps([shown(c) for c in f.__code__.co_consts]))
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        try #require(untraced.status == 0, "\(untraced.stderr)")
        #expect(traced.stdout == untraced.stdout)
        let expected = try JSONDecoder().decode([String].self, from: Data(untraced.stdout.utf8))
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        let recorded = facts.codes.values.first { $0.filename == "<string>" && $0.qualname == "f" }
        #expect(recorded?.consts == expected, "\(python)")
    }

    /// From 3.12 a collection the program's allocations schedule runs at the
    /// next check of the eval breaker, which PyObject_Repr also makes: a
    /// first sighting that called it ran the collection one frame early
    /// (CPython's test_frame.test_sneaky_frame_object).
    @Test("a scheduled garbage collection runs where it runs untraced", arguments: TestPythons.available)
    func collectionPoint(python: TestPython) throws {
        let code = """
            import gc, sys
            def trace(frame, event, arg):
                pass
            def callback(phase, info):
                global chain
                f = sys._getframe()
                chain = []
                while f is not None:
                    chain.append(f.f_code.co_name)
                    f = f.f_back
                gc.callbacks.remove(callback)
            def gen():
                while True:
                    yield
            chain = None
            gc.disable()
            g = gen()
            next(g)
            gc.collect()
            gc.set_threshold(1, 0, 0)
            sys.settrace(trace)
            gc.callbacks.append(callback)
            gc.enable()
            next(g)
            sys.settrace(None)
            print(chain)
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0)
        #expect(traced.stdout == untraced.stdout, "\(python)")
    }

    /// From 3.14 a code object with anything in co_extra is not stateless,
    /// and `concurrent.interpreters` refuses to share its function.
    @Test("a function the program ran can still be shared with another interpreter (3.14+)",
          arguments: TestPythons.available)
    func functionsStayShareable(python: TestPython) throws {
        let code = """
            try:
                from concurrent import interpreters
            except ImportError:
                interpreters = None
            def f():
                return 41 + 1
            print(f())
            if interpreters:
                interp = interpreters.create()
                print(interp.call(f))
                interp.close()
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0, "\(untraced.stderr)")
        #expect(traced.stdout == untraced.stdout, "\(python): \(traced.stderr)")
        #expect(traced.status == untraced.status)
    }

    /// Code objects made and freed by the thousand, so that new ones reuse
    /// freed ones' addresses: each is counted under its own name (from 3.14
    /// ids live in a table that a code watcher keeps in step with CPython).
    @Test("code objects freed and replaced at the same addresses keep their own ids",
          arguments: TestPythons.available)
    func codeChurn(python: TestPython) throws {
        let code = """
            for i in range(6000):
                ns = {}
                exec(compile("def g%d(): return %d" % (i, i), "<gen>", "exec"), ns)
                ns["g%d" % i]()
                del ns
            print("done")
            """
        let (_, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(traced.status == 0, "\(traced.stderr)")
        let facts = try TraceFacts(path: trace, countingFile: "<gen>")
        let expected = Dictionary(uniqueKeysWithValues: (0..<6000).map { ("g\($0):1", 1) })
        let functions = facts.calls.filter { $0.key.hasPrefix("g") }
        #expect(functions == expected, "\(python): \(functions.count) functions, \(functions.filter { $0.value != 1 }.prefix(5))")
    }

    @Test("the program's first open() gets the descriptor it gets untraced", arguments: TestPythons.available)
    func descriptors(python: TestPython) throws {
        let code = "import os; print(os.open('/dev/null', os.O_RDONLY), os.open('/dev/null', os.O_RDONLY))"
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(traced.stdout == untraced.stdout)
    }

    /// CPython's test_subprocess.test_pass_fds_redirected compares the
    /// descriptors a child finds open exactly, scanning every one its limit
    /// on open files allows (fd_status.py). pyframe's trace goes just above
    /// the soft limit where the hard limit leaves room, else above 255.
    @Test("a child started with close_fds finds the descriptors it finds untraced, up to its limit or to 255",
          arguments: TestPythons.available)
    func descriptorScan(python: TestPython) throws {
        func scan(upTo limit: String, softLimit: Int?) throws {
            let code = """
                import os, subprocess, sys
                scan = "import os\\nprint([fd for fd in range(\(limit)) if os.path.exists('/proc/self/fd/%d' % fd)])"
                r, w = os.pipe()
                child = subprocess.run([sys.executable, "-c", scan], close_fds=True, pass_fds=[w],
                                       capture_output=True, text=True)
                print(child.stdout.strip(), w)
                """
            let limited = softLimit.map { ["sh", "-c", "ulimit -Sn \($0) && exec \"$@\"", "sh"] } ?? []
            let trace = Tooling.temporaryTrace("scan")
            defer { try? FileManager.default.removeItem(atPath: trace) }
            let untraced = try Tooling.run(limited + [python.executable, "-c", code])
            let traced = try Tooling.run(limited + [Tooling.pyframe, "record", "-o", trace, "--",
                                                    python.executable, "-c", code])
            #expect(untraced.status == 0 && untraced.stdout.hasPrefix("[0, 1, 2, "), "\(untraced.stderr)")
            #expect(traced.stdout == untraced.stdout, "\(limit): \(traced.stderr)")
        }
        try scan(upTo: "256", softLimit: nil)
        var limit = rlimit()
        getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit)
        if limit.rlim_max > 1024 + 16 {
            try scan(upTo: "os.sysconf('SC_OPEN_MAX')", softLimit: 1024)
        }
    }

    @Test("pyframe's bootstrap raises no EncodingWarning into a program that turns them into errors",
          arguments: TestPythons.available)
    func encodingWarnings(python: TestPython) throws {
        let (untraced, traced, trace) = try both("print('ok')", python: python,
                                                 flags: ["-X", "warn_default_encoding", "-W", "error::EncodingWarning"])
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.stdout == "ok\n" && untraced.status == 0)
        #expect(traced.stdout == "ok\n" && traced.status == 0)
        #expect(!traced.stderr.contains("Warning"), "\(traced.stderr)")
        #expect(FileManager.default.fileExists(atPath: trace))
    }

    /// From 3.12 os.fork() warns when the process has more than one thread;
    /// pyframe's writer is one, so it stops for the fork and starts again
    /// after the count (3.13+ counts after the program's own after-fork
    /// hooks, such as logging's, which pyframe's must follow).
    @Test("a single-threaded program that forks is not warned it is multi-threaded; the writer runs again after",
          arguments: TestPythons.available)
    func forkSeesOneThread(python: TestPython) throws {
        let code = """
            import logging, os, signal, time, warnings
            os.register_at_fork(after_in_parent=lambda: None)
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                for _ in range(3):
                    pid = os.fork()
                    if pid == 0:
                        os._exit(0)
                    os.waitpid(pid, 0)
            print([str(w.message) for w in caught], flush=True)
            def tick():
                pass
            deadline = time.monotonic() + 0.6
            while time.monotonic() < deadline:
                tick()
            os.kill(os.getpid(), signal.SIGKILL)
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.stdout == "[]\n" && untraced.status == 128 + 9)
        #expect(traced.stdout == untraced.stdout && traced.status == untraced.status, "\(traced.stderr)")
        // Killed: only what the writer flushed after the forks is in the trace.
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["tick:11", default: 0] > 1000)
    }

    /// A thread forks while the main thread waits for it, unable to run
    /// anything: the writer, stopped for the fork, comes back at the forking
    /// thread's next event (3.13+) or in the after-fork hook (3.12), so the
    /// thread's ring, filled many times over after the fork, never waits
    /// for it in vain; a SIGTERM afterwards acts as untraced, with every
    /// call in the trace.
    @Test("a thread forks while the main thread waits for it: the writer comes back, nothing is lost",
          arguments: TestPythons.available)
    func forkFromThread(python: TestPython) throws {
        let code = """
            import os, signal, threading, warnings
            warnings.simplefilter("ignore", DeprecationWarning)
            def f():
                pass
            def work():
                pid = os.fork()
                if pid == 0:
                    os._exit(0)
                os.waitpid(pid, 0)
                for _ in range(150_000):
                    f()
            t = threading.Thread(target=work)
            t.start()
            t.join()
            print("joined", flush=True)
            os.kill(os.getpid(), signal.SIGTERM)
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.stdout == "joined\n" && untraced.status == 128 + 15)
        #expect(traced.stdout == untraced.stdout && traced.status == untraced.status, "\(traced.stderr)")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["f:3"] == 150_000)
        #expect(facts.problems.isEmpty, "\(facts.problems)")
    }

    @Test("fork then exec of Python in the same pid: the exec'd program gets its own trace",
          arguments: TestPythons.available)
    func forkThenExec(python: TestPython) throws {
        let dir = try Tooling.temporaryFolder("exec")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let code = """
            import os, sys
            def before_exec(): pass
            pid = os.fork()
            if pid == 0:
                before_exec()
                os.execv(sys.executable, [sys.executable, "-c", "def after_exec(): pass\\nafter_exec()"])
            os.waitpid(pid, 0)
            print("done")
            """
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", dir + "/trace.lz4", "--",
                                       python.executable, "-c", code])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "done\n")
        #expect(!outcome.stderr.contains("Error") && !outcome.stderr.contains("exists"), "\(outcome.stderr)")
        let traces = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".lz4") }
        #expect(traces.count == 3, "\(traces)")
        var afterExec = 0
        for name in traces {
            let facts = try TraceFacts(path: dir + "/" + name, countingFile: "<string>")
            afterExec += facts.calls["after_exec:1"] ?? 0
        }
        #expect(afterExec == 1)
    }

    @Test("SIGINT sent to pyframe's pid reaches the program, as from a terminal", arguments: TestPythons.available)
    func sigintToPyframe(python: TestPython) throws {
        let code = """
            import signal, sys, time
            def stop(*_):
                print("interrupted", flush=True)
                sys.exit(3)
            signal.signal(signal.SIGINT, stop)
            print("ready", flush=True)
            time.sleep(20)
            """
        let trace = Tooling.temporaryTrace("sigint")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let script = """
            \(Tooling.pyframe) record -o \(trace) -- \(python.executable) -c '\(code)' > \(trace).out &
            pid=$!
            for i in $(seq 100); do grep -q ready \(trace).out 2>/dev/null && break; sleep 0.1; done
            kill -INT $pid
            wait $pid
            echo "status $?"
            cat \(trace).out
            rm -f \(trace).out
            """
        let outcome = try Tooling.run(["bash", "-c", script])
        #expect(outcome.stdout == "status 3\nready\ninterrupted\n", "\(outcome.stderr)")
    }

    @Test("new threads get the stack size they get untraced, not the raised limit's",
          arguments: TestPythons.available)
    func threadStackSize(python: TestPython) throws {
        let code = """
            import ctypes, threading
            libc = ctypes.CDLL(None)
            libc.pthread_self.restype = ctypes.c_ulong
            libc.pthread_getattr_np.argtypes = [ctypes.c_ulong, ctypes.c_void_p]
            sizes = []
            def measure():
                attr = ctypes.create_string_buffer(128)
                libc.pthread_getattr_np(libc.pthread_self(), attr)
                size = ctypes.c_size_t()
                libc.pthread_attr_getstacksize(attr, ctypes.byref(size))
                libc.pthread_attr_destroy(attr)
                sizes.append(size.value)
            t = threading.Thread(target=measure)
            t.start()
            t.join()
            print(sizes)
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0, "\(untraced.stderr)")
        #expect(traced.stdout == untraced.stdout, "\(traced.stderr)")
    }

    @Test("deep recursion in a thread with a small stack: RecursionError at worst, never a crash",
          arguments: TestPythons.available)
    func smallThreadStack(python: TestPython) throws {
        let code = """
            import sys, threading
            sys.setrecursionlimit(100000)
            def down(n):
                return 0 if n == 0 else 1 + down(n - 1)
            result = []
            def work():
                try:
                    result.append(down(900))
                except RecursionError:
                    result.append("RecursionError")
            threading.stack_size(256 * 1024)
            t = threading.Thread(target=work)
            t.start()
            t.join()
            print(result)
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(untraced.status == 0 && untraced.stdout == "[900]\n", "\(untraced.stderr)")
        #expect(traced.status == 0, "\(traced.stderr)")
        #expect(traced.stdout == "[900]\n" || traced.stdout == "['RecursionError']\n")
    }

    @Test("the trace starts where the program does: nothing of site's work after the bootstrap",
          arguments: TestPythons.available)
    func startsAtTheProgram(python: TestPython) throws {
        let dir = try Tooling.temporaryFolder("site")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // The user's own sitecustomize runs after pyframe's, as part of start-up.
        try "def user_site_work():\n    return 1\nuser_site_work()\n"
            .write(toFile: dir + "/sitecustomize.py", atomically: true, encoding: .utf8)
        let trace = dir + "/t.lz4"
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", trace, "--", python.executable, "-c",
                                       "def main():\n    pass\nmain()"], environment: ["PYTHONPATH": dir])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        let facts = try TraceFacts(path: trace, countingFile: "<string>")
        #expect(facts.calls["main:1"] == 1)
        let names = Set(facts.codes.values.map(\.qualname))
        #expect(!names.contains("user_site_work") && !names.contains("execusercustomize")
                && !names.contains("execsitecustomize"), "\(names.sorted())")
        #expect(!facts.codes.values.contains { $0.filename.hasSuffix("sitecustomize.py") })
    }

    @Test("a sub-interpreter of a recorded program sees nothing of pyframe", arguments: TestPythons.available)
    func subInterpreters(python: TestPython) throws {
        let code = """
            try:
                import _testcapi
            except ImportError:
                raise SystemExit("no _testcapi")
            print("sub-interpreter returned", _testcapi.run_in_subinterp("x = 1"))
            """
        let (untraced, traced, trace) = try both(code, python: python)
        defer { try? FileManager.default.removeItem(atPath: trace) }
        #expect(traced.status == untraced.status)
        #expect(traced.stdout == untraced.stdout)
        let added = traced.stderr.split(separator: "\n").filter { !$0.hasPrefix("pyframe: wrote ") }
        #expect(added.joined(separator: "\n") == untraced.stderr.trimmingCharacters(in: .newlines), "\(traced.stderr)")
    }

    @Test("SIGQUIT, SIGTERM, SIGHUP and SIGUSR1 sent to pyframe's pid reach the program",
          arguments: ["QUIT", "TERM", "HUP", "USR1"])
    func signalsToPyframe(name: String) throws {
        let code = """
            import signal, sys, time
            def stop(number, _):
                print("got", signal.Signals(number).name, flush=True)
                sys.exit(3)
            signal.signal(signal.SIG\(name), stop)
            print("ready", flush=True)
            time.sleep(20)
            """
        let trace = Tooling.temporaryTrace("signal")
        defer { try? FileManager.default.removeItem(atPath: trace) }
        let script = """
            \(Tooling.pyframe) record -o \(trace) -- python3 -c '\(code)' > \(trace).out &
            pid=$!
            for i in $(seq 100); do grep -q ready \(trace).out 2>/dev/null && break; sleep 0.1; done
            kill -\(name) $pid
            wait $pid
            echo "status $?"
            cat \(trace).out
            rm -f \(trace).out
            """
        let outcome = try Tooling.run(["bash", "-c", script])
        #expect(outcome.stdout == "status 3\nready\ngot SIG\(name)\n", "\(outcome.stderr)")
    }

    @Test("a trace that cannot be written is said in one line before the program runs")
    func unwritableTrace() throws {
        let outcome = try Tooling.run([Tooling.pyframe, "record", "-o", "/proc/pyframe-test.lz4", "--",
                                       "python3", "-c", "print('ran')"])
        #expect(outcome.status == 1)
        #expect(outcome.stdout == "")
        #expect(outcome.stderr.hasPrefix("pyframe: cannot write /proc/pyframe-test.lz4: "))
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }
}
