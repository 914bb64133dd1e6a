#!/usr/bin/env python3
"""Runs CPython's own regression tests untraced and under `pyframe record`
and compares what a program could see: each test case's outcome, the exit
status, and stderr (pyframe may add its closing `pyframe: wrote ...` line and
nothing else). Every trace written (the main one and each child process's)
must be readable by `pyframe report --format json`.

    python3 Tools/regrtest.py                        # --quick on python3
    python3 Tools/regrtest.py --python python3.13 --modules test_sys,test_dis
    python3 Tools/regrtest.py --all-of modules.txt --jobs 2 --json out.json

The closing line is `N cases, D differ` (then the expected differences,
modules and run time). Differences that any PEP 523 eval-frame tool causes
are listed in KNOWN below with their reason, shown as "expected (reason)"
and not counted in D. Exit status: 0 when D is 0, 1 otherwise, 2 on a usage
error, 3 when the interpreter has no regression tests (Debian ships them
apart, as libpython3.X-testsuite).

Each module runs as `PY -m test -v --junit-xml FILE MODULE` (regrtest, in
one process, with its usual resource settings): the JUnit file gives every
case's outcome on every version, and the verbose text adds what it lacks
(a case whose subtest failed, a run that crashed before writing the file).
Python standard library only.
"""

import argparse
import concurrent.futures
import fnmatch
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_PYFRAME = os.path.join(HERE, "..", ".build", "debug", "pyframe")

# Measured untraced on 3.11 (seconds, on a loaded 2-core machine); each runs
# well under a minute traced and exercises what pyframe touches: frames,
# generators, coroutines, threads, signals, subprocesses, tracing/profiling
# hooks, code objects, exceptions, recursion.
QUICK = [
    "test_sys", "test_code", "test_generators", "test_coroutines",
    "test_asyncgen", "test_exceptions", "test_contextlib", "test_frame",
    "test_sys_setprofile", "test_sys_settrace", "test_dis", "test_threading",
    "test_signal", "test_audit", "test_site",
]

# What `swift test` runs on every version: a few seconds each.
SMOKE = ["test_scope", "test_with", "test_contextlib", "test_sys_setprofile", "test_frame"]

# Differences any eval-frame (PEP 523) tool causes, not pyframe's doing.
# (versions, module, case pattern (fnmatch on the case id), reason). Add an
# entry only after checking its cause (--control runs a module under
# CPython's own test hook, _testinternalcapi.set_eval_frame_record, which is
# not pyframe).
KNOWN = [
    ({"3.11", "3.12", "3.13", "3.14", "3.15"}, "test_dis", "*.test_loop_quicken",
     "CPython does not specialise CALL for Python functions while a PEP 523 hook is set: the "
     "quickened loop keeps CALL_ADAPTIVE (3.11) or CALL (3.12 on) where the test "
     "expects CALL_PY_WITH_DEFAULTS (3.11, 3.12) or CALL_PY_GENERAL (3.13 on); "
     "CPython's own test hook fails it the same way"),
    ({"3.12", "3.13", "3.14"}, "test_sys_settrace", "*.test_20_async_for_loop",
     "3.12 to 3.14 under a PEP 523 hook give the trace function one more 'exception' event "
     "on the `async for` line each time an awaited __anext__ returns; CPython's own "
     "test hook fails it the same way"),
    ({"3.14", "3.15"}, "test_sys", "*.TestSysJIT.test_jit_is_active",
     "under a PEP 523 hook a Python call is a new entry into the interpreter, which the JIT "
     "does not inline into its trace, so sys._jit.is_active() is False in the callee; the "
     "test's child process fails the same way with CPython's own test hook set in it "
     "(--control sets it in the parent only)"),
    ({"3.11", "3.12", "3.13", "3.14", "3.15"}, "test_subprocess", "*.test_pass_fds_redirected",
     "only where the soft limit on open files equals the hard one: pyframe's trace descriptor "
     "then cannot go above the soft limit and sits above 255, among the descriptors the "
     "child's fd_status.py scans (all below SC_OPEN_MAX); with room above the soft limit "
     "it passes (ProgramCannotTellTests.descriptorScan)"),
    ({"3.14", "3.15"}, "test_exceptions", "*.test_recursion_normalizing_infinite_exception",
     "skipped traced: `pyframe record` raises RLIMIT_STACK to 1 GiB for the program (README: "
     "with a hook every Python call also uses C stack, and deep recursion must work as "
     "untraced), and support.skip_if_huge_c_stack skips a test that must exhaust the C stack"),
]

OUTCOMES = ("ok", "FAIL", "ERROR", "skipped", "expected failure", "unexpected success")


def known_reason(version, module, case):
    for versions, mod, pattern, reason in KNOWN:
        if version in versions and mod == module and fnmatch.fnmatchcase(case, pattern):
            return reason
    return None


# --- running ---------------------------------------------------------------

def run(argv, cwd, env, timeout):
    """Runs argv in its own session; returns (status, stdout, stderr, seconds, timed_out).
    On timeout the whole process group is killed."""
    out_path = os.path.join(cwd, "stdout.txt")
    err_path = os.path.join(cwd, "stderr.txt")
    start = time.monotonic()
    timed_out = False
    with open(out_path, "wb") as out, open(err_path, "wb") as err:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                stdout=out, stderr=err, start_new_session=True)
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            status = proc.wait()
    seconds = time.monotonic() - start
    with open(out_path, encoding="utf-8", errors="replace") as f:
        stdout = f.read()
    with open(err_path, encoding="utf-8", errors="replace") as f:
        stderr = f.read()
    if status < 0:
        status = 128 - status
    return status, stdout, stderr, seconds, timed_out


def regrtest_argv(python, module, xml):
    return [python, "-m", "test", "-v", "--junit-xml", xml, module]


# regrtest under a bare PEP 523 hook that is not pyframe: CPython's own test
# hook, which calls the default evaluator (and notes each function's name).
CONTROL = ("import sys, _testinternalcapi\n"
           "_testinternalcapi.set_eval_frame_record([])\n"
           "from test.libregrtest.main import main\n"
           "main()\n")


def control_argv(python, module, xml):
    return [python, "-c", CONTROL, "-v", "--junit-xml", xml, module]


# --- parsing ----------------------------------------------------------------

def parse_junit(path):
    """{case id: outcome} from regrtest's JUnit file, or None if there is none."""
    try:
        root = ET.parse(path).getroot()
    except (OSError, ET.ParseError):
        return None
    cases = {}
    for e in root.iter("testcase"):
        name = e.get("name")
        if not name:           # a case whose subtest failed: the text has it
            continue
        if e.find("error") is not None:
            outcome = "ERROR"
        elif e.find("failure") is not None:
            outcome = "FAIL"
        elif e.find("skipped") is not None:
            outcome = "skipped"
        elif e.find("output") is not None:
            outcome = "expected failure"
        elif e.find("outcome") is not None:
            outcome = "unexpected success"
        else:
            outcome = "ok"
        cases[name] = outcome
    return cases


# `test_x (test.test_mod.Class.test_x) ... ok` (3.11+: the id in parentheses);
# a docstring's first line may come between the name and ` ... `.
VERBOSE_CASE = re.compile(
    r"^(\w+) \(((?:test\.)?[\w.]+)\)(?: \[[^\n]*\])?(?:\n[^\n]*?)? \.\.\. "
    r"(ok|FAIL|ERROR|skipped|expected failure|unexpected success)", re.M)
# The failure headers unittest prints at the end, also for subtests:
# `FAIL: test_x (test.test_mod.Class.test_x) (i=3)`.
FAILURE_HEADER = re.compile(r"^(FAIL|ERROR): (\w+) \(((?:test\.)?[\w.]+)\)", re.M)


def full_id(name, ident):
    # 3.11+ print the full id; keep it as the JUnit file names it.
    return ident if ident.endswith("." + name) or ident == name else ident + "." + name


def parse_cases(xml_path, stdout):
    cases = parse_junit(xml_path)
    if cases is None:
        cases = {}
        for m in VERBOSE_CASE.finditer(stdout):
            cases[full_id(m.group(1), m.group(2))] = m.group(3)
    for m in FAILURE_HEADER.finditer(stdout):
        case = full_id(m.group(2), m.group(3))
        if cases.get(case) not in ("FAIL", "ERROR"):
            cases[case] = m.group(1)
    return cases


def regrtest_result(stdout):
    m = re.findall(r"^(?:== )?Tests? result: ([A-Z ,]+?)(?: ==)?$", stdout, re.M)
    return m[-1] if m else "(no result line)"


# pyframe record's closing lines: the trace, and the child processes' traces.
SUMMARY_LINE = re.compile(r"^pyframe: (wrote |and \d+ traces? of child process)")


def stderr_additions(untraced, traced):
    """Lines only the traced run printed that pyframe could have caused:
    `pyframe:` lines other than its closing summary, anything about
    sitecustomize or the bootstrap, warnings and tracebacks."""
    seen = {}
    for line in untraced.splitlines():
        seen[line] = seen.get(line, 0) + 1
    added = []
    for line in traced.splitlines():
        if seen.get(line, 0) > 0:
            seen[line] -= 1
            continue
        if SUMMARY_LINE.match(line):
            continue
        if (line.startswith("pyframe") or "sitecustomize" in line or "_pyframe" in line
                or "pyframe" in line.lower() or "Warning:" in line
                or line.startswith("Traceback") or "Fatal Python error" in line
                or "Segmentation fault" in line):
            added.append(line)
    return added


def summary_lines(stderr):
    return [l for l in stderr.splitlines() if SUMMARY_LINE.match(l)]


def check_traces(pyframe, folder, timeout):
    """Every trace in folder through `pyframe report --format json`; returns
    (count, [problems])."""
    traces = sorted(f for f in os.listdir(folder) if f.endswith(".lz4"))
    problems = []
    for name in traces:
        path = os.path.join(folder, name)
        try:
            p = subprocess.run([pyframe, "report", "--format", "json", "--limit", "1", path],
                               stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
        except subprocess.TimeoutExpired:
            problems.append(f"{name}: pyframe report took over {timeout} s")
            continue
        if p.returncode != 0:
            err = p.stderr.decode(errors="replace").strip().splitlines()
            problems.append(f"{name}: pyframe report exited {p.returncode}: {err[-1] if err else ''}")
            continue
        try:
            json.loads(p.stdout)
        except ValueError as exc:
            problems.append(f"{name}: pyframe report printed no JSON ({exc})")
    return len(traces), problems


# --- one module -------------------------------------------------------------

def run_module(args, version, module, workdir):
    """Both runs of one module and their comparison, as a dict."""
    result = {"module": module}
    runs = {}
    env = dict(os.environ)
    env.pop("PYFRAME_PYTHONS", None)

    def one_run(mode):
        d = os.path.join(workdir, module, mode)
        os.makedirs(d)
        xml = os.path.join(d, "junit.xml")
        if mode == "control":
            argv = control_argv(args.python, module, xml)
        else:
            argv = regrtest_argv(args.python, module, xml)
        if mode == "traced":
            traces = os.path.join(d, "traces")
            os.makedirs(traces)
            argv = [args.pyframe, "record", "-o", os.path.join(traces, module + ".lz4")] \
                + args.record_arg + ["--"] + argv
        status, out, err, seconds, timed_out = run(argv, d, env, args.timeout)
        return {
            "status": status, "seconds": round(seconds, 1), "timed_out": timed_out,
            "cases": parse_cases(xml, out), "result": regrtest_result(out),
            "stdout": out, "stderr": err, "dir": d,
        }

    for mode in ("untraced", "traced"):
        runs[mode] = one_run(mode)
    u, t = runs["untraced"], runs["traced"]
    differences = []      # (case or "(module)", untraced, traced, reason or None)
    for mode, r in runs.items():
        if r["timed_out"]:
            differences.append(("(module)", "", f"{mode} run timed out after {args.timeout} s", None))
    names = sorted(set(u["cases"]) | set(t["cases"]))
    for case in names:
        a = u["cases"].get(case, "(not run)")
        b = t["cases"].get(case, "(not run)")
        if a != b:
            differences.append((case, a, b, known_reason(version, module, case)))
    notes = {}            # case: what --control found
    if args.control and any(not d[3] and d[0][0] != "(" for d in differences):
        # Does a bare PEP 523 hook that is not pyframe give the same outcome?
        # A note, not a checked reason: the difference still counts.
        c = one_run("control")
        result["control"] = {"status": c["status"], "result": c["result"], "seconds": c["seconds"]}
        for n, a, b, r in differences:
            if not r and n[0] != "(":
                got = c["cases"].get(n, "(not run)")
                notes[n] = ("the same under CPython's test PEP 523 hook: check the cause, then add it to KNOWN"
                            if got == b else f"{got} under CPython's test PEP 523 hook: pyframe's")
    if u["status"] != t["status"]:
        reason = None
        case_diffs = [d for d in differences if d[0] != "(module)"]
        # The exit status follows from the cases: expected when every case
        # that differs is expected and the untraced run failed or passed the same way.
        if case_diffs and all(d[3] for d in case_diffs):
            reason = "follows from the expected case differences"
        differences.append(("(exit status)", str(u["status"]), str(t["status"]), reason))
    added = stderr_additions(u["stderr"], t["stderr"])
    if added:
        shown = "; ".join(added[:3]) + (f" (+{len(added) - 3} more)" if len(added) > 3 else "")
        differences.append(("(stderr)", "", shown, known_reason(version, module, "(stderr)")))
    if not names and not any(r["timed_out"] for r in runs.values()):
        differences.append(("(module)", "", "no test case ran (see its output with --keep)", None))
    if not summary_lines(t["stderr"]) and not t["timed_out"]:
        differences.append(("(stderr)", "", "no `pyframe: wrote` closing line", None))
    ntraces, problems = check_traces(args.pyframe, os.path.join(t["dir"], "traces"), args.timeout)
    if ntraces == 0 and not t["timed_out"]:
        problems.append("no trace was written")
    for p in problems:
        differences.append(("(trace)", "", p, None))
    result.update({
        "cases": len(names),
        "untraced": {k: v for k, v in u.items() if k not in ("stdout", "stderr", "dir")},
        "traced": {k: v for k, v in t.items() if k not in ("stdout", "stderr", "dir")},
        "traces": ntraces,
        "differences": [{"case": c, "untraced": a, "traced": b, "expected": r,
                         **({"control": notes[c]} if c in notes else {})}
                        for c, a, b, r in differences],
    })
    return result


def counts(cases):
    c = {}
    for o in cases.values():
        c[o] = c.get(o, 0) + 1
    order = {o: i for i, o in enumerate(OUTCOMES)}
    return " ".join(f"{n} {o}" for o, n in sorted(c.items(), key=lambda kv: order.get(kv[0], 99))) or "no cases"


def print_module(r):
    u, t = r["untraced"], r["traced"]
    unexpected = [d for d in r["differences"] if not d["expected"]]
    expected = [d for d in r["differences"] if d["expected"]]
    verdict = "same" if not r["differences"] else \
        (f"{len(unexpected)} differ" + (f", {len(expected)} expected" if expected else "")
         if unexpected else f"{len(expected)} expected")
    print(f"{r['module']}: {r['cases']} cases, {r['traces']} traces — {verdict}")
    print(f"  untraced  exit {u['status']:<3} {u['seconds']:>6.1f} s  {u['result']:<16} {counts(u['cases'])}")
    print(f"  traced    exit {t['status']:<3} {t['seconds']:>6.1f} s  {t['result']:<16} {counts(t['cases'])}")
    shown = set()
    for d in r["differences"]:
        what = f"{d['untraced']} -> {d['traced']}" if d["untraced"] else d["traced"]
        reason = d["expected"]
        if reason in shown:
            reason = "as above"
        shown.add(d["expected"])
        tag = f"expected ({reason})" if d["expected"] else "DIFFERS"
        print(f"    {d['case']}: {what}: {tag}")
        if "control" in d:
            print(f"      --control: {d['control']}")
    sys.stdout.flush()


def python_version(python):
    out = subprocess.run([python, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                         stdout=subprocess.PIPE, check=True, text=True).stdout
    return out.strip()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--python", default="python3", help="interpreter to test (default python3)")
    ap.add_argument("--pyframe", default=DEFAULT_PYFRAME, help="pyframe binary (default .build/debug/pyframe)")
    sel = ap.add_mutually_exclusive_group()
    sel.add_argument("--modules", help="comma-separated test modules")
    sel.add_argument("--quick", action="store_true", help="the default selection: " + ",".join(QUICK))
    sel.add_argument("--smoke", action="store_true", help="what swift test runs: " + ",".join(SMOKE))
    sel.add_argument("--all-of", metavar="LIST", help="a file with one module a line (# comments)")
    ap.add_argument("--jobs", type=int, default=1, help="modules run at once (default 1)")
    ap.add_argument("--timeout", type=float, default=600, help="seconds per run (default 600)")
    ap.add_argument("--record-arg", action="append", default=[],
                    help="an extra argument for pyframe record (repeatable), e.g. --record-arg=--no-follow")
    ap.add_argument("--control", action="store_true",
                    help="for a module whose cases differ, run it a third time under CPython's own "
                         "test PEP 523 hook (not pyframe) and say which differences it shares")
    ap.add_argument("--json", metavar="OUT", help="write every result as JSON")
    ap.add_argument("--keep", action="store_true", help="keep the work folder (outputs, traces)")
    args = ap.parse_args()

    if args.modules:
        modules = [m.strip() for m in args.modules.split(",") if m.strip()]
    elif args.smoke:
        modules = SMOKE
    elif args.all_of:
        with open(args.all_of) as f:
            modules = [l.split("#")[0].strip() for l in f]
        modules = [m for m in modules if m]
    else:
        modules = QUICK
    args.pyframe = os.path.abspath(args.pyframe)
    if not os.access(args.pyframe, os.X_OK):
        ap.error(f"no pyframe at {args.pyframe} (swift build && Tools/build-recorders.sh, or --pyframe)")
    resolved = shutil.which(args.python)
    if not resolved:
        ap.error(f"no interpreter {args.python}")
    args.python = os.path.abspath(resolved)
    version = python_version(args.python)
    probe = ("import sys, importlib.util as u\n"
             "for m in sys.argv[1:]:\n"
             "    try: print(m, u.find_spec('test.' + m) is not None)\n"
             "    except ImportError: print(m, False)\n")
    p = subprocess.run([args.python, "-c", probe] + modules, stdout=subprocess.PIPE, text=True)
    present = [l.split()[0] for l in p.stdout.splitlines() if l.endswith(" True")]
    if p.returncode != 0 or not present:
        print(f"regrtest.py: {args.python} (CPython {version}) has no regression tests "
              f"(its `test` package lacks {', '.join(modules[:3])}...; Debian ships them as "
              f"libpython{version}-testsuite)", file=sys.stderr)
        return 3
    missing = [m for m in modules if m not in present]
    if missing:
        print(f"not in CPython {version}'s test package, left out: {', '.join(missing)}")
        modules = present

    # A shell's background job ignores SIGINT and SIGQUIT, and exec keeps
    # that: run the tests as from a terminal (test_signal, test_threading
    # check Ctrl-C).
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if signal.getsignal(signal.SIGQUIT) == signal.SIG_IGN:
        signal.signal(signal.SIGQUIT, signal.SIG_DFL)

    print(f"CPython {version} ({args.python}), {len(modules)} modules, pyframe {args.pyframe}")
    sys.stdout.flush()
    start = time.monotonic()
    workdir = tempfile.mkdtemp(prefix="pyframe-regrtest-")
    results = []
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = [pool.submit(run_module, args, version, m, workdir) for m in modules]
            for f in futures:          # print in the order asked
                r = f.result()
                print_module(r)
                results.append(r)
    finally:
        if args.keep:
            print(f"outputs and traces kept in {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)

    seconds = time.monotonic() - start
    ncases = sum(r["cases"] for r in results)
    unexpected = sum(1 for r in results for d in r["differences"] if not d["expected"])
    expected = sum(1 for r in results for d in r["differences"] if d["expected"])
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"python": args.python, "version": version, "modules": results,
                       "cases": ncases, "differ": unexpected, "expected": expected,
                       "seconds": round(seconds, 1)}, f, indent=1)
    print(f"{ncases} cases, {unexpected} differ ({expected} expected; "
          f"{len(results)} modules, CPython {version}, {seconds:.0f} s)")
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
