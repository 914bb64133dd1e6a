#!/usr/bin/env python3
"""Side-by-side benchmark of pyframe against the untraced program and the
profilers people would use instead.

Each tool runs each workload as a whole process, interleaved (A B C A B C …)
so that drift of this shared machine hits every tool alike; each run's time is
divided by the untraced time of the same round, and the median of those
ratios is reported with its min–max. Peak memory is the traced process's
maximum resident set (wait4). For pyframe it also reports trace bytes, events
and bytes per event.

    python3 Tools/bench.py                      # fib and mixed, 5 rounds
    python3 Tools/bench.py --rounds 9 --json bench.json
    python3 Tools/bench.py --pyframe .build/release/pyframe
    python3 Tools/bench.py --startup --rounds 40   # what `pyframe record` adds before the first line, per part
    python3 Tools/bench.py --exports --workloads all   # Perfetto vs Chrome JSON export: speed and size
    python3 Tools/bench.py --rounds 1 --workloads fib,mixed-long,richards,richards-long \
        --python .build-bench/venv/bin/python      # analyzers on real traces (pyperformance in that venv)

After the workloads, the analyzers (report, flame, diff, export chrome) are
timed with --jobs 1 and 2 on the trace each workload recorded and on a
synthetic one (--synthetic-events), in events per second of wall time and
of CPU time.

Anchors: cProfile always; VizTracer, yappi and pyinstrument when importable
by the python given with --python (install them into a venv of your own, e.g.
under .build-bench/venv, and pass its bin/python).
"""
import argparse
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOADS = {
    "fib": [os.path.join(HERE, "workloads", "fib.py")],
    "mixed": [os.path.join(HERE, "workloads", "mixed.py")],
    "classes": [os.path.join(HERE, "workloads", "classes.py")],
    # mixed six times over (about 15 M events): a real trace of the size the analyzers are timed on
    "mixed-long": [os.path.join(HERE, "workloads", "repeat.py"), "6", os.path.join(HERE, "workloads", "mixed.py")],
}
# pyperformance benchmarks, run once each (needs pyperformance in --python)
PYPERFORMANCE = ["richards", "nbody", "raytrace", "generators"]
for _name in PYPERFORMANCE:
    WORKLOADS[_name] = [os.path.join(HERE, "workloads", "pyperformance_once.py"), _name]
# richards ten times over (about 29 M events, 1,600 functions): a long real
# trace of a real benchmark for the analyzers, next to richards' 3 M
WORKLOADS["richards-long"] = [os.path.join(HERE, "workloads", "repeat.py"), "10"] + WORKLOADS["richards"]
# the workloads that need pyperformance in --python
NEEDS_PYPERFORMANCE = PYPERFORMANCE + ["richards-long"]


def run(argv, env=None, cpu=False):
    """Runs argv; returns (seconds, peak RSS in KiB, stderr), and with cpu
    also the CPU seconds (user + system) it used: on a shared machine the
    CPU time shows what a command costs when the wall time is mostly waiting."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit("benchmark run failed (%d): %s\n%s" % (proc.returncode, " ".join(argv), err))
    if cpu:
        return elapsed, usage.ru_maxrss, err, usage.ru_utime + usage.ru_stime
    return elapsed, usage.ru_maxrss, err


def importable(python, module):
    return subprocess.run([python, "-c", "import " + module], capture_output=True).returncode == 0


def tools(args, scratch):
    """name -> function(workload argv) -> argv."""
    py = args.python
    out = os.path.join(scratch, "out")
    bindir = os.path.dirname(py)
    table = {
        "untraced": lambda w: [py] + w,
        "pyframe": lambda w: [args.pyframe, "record", "--force", "-o", out + ".lz4", "--", py] + w,
        # C calls too (`--c-calls`): issue 12 asks that it stay below cProfile on every workload.
        "pyframe --c-calls": lambda w: [args.pyframe, "record", "--c-calls", "--force", "-o", out + ".c.lz4", "--", py] + w,
        "pyframe-null": lambda w: [args.pyframe, "record", "--null", "--force", "-o", out + ".null.lz4", "--", py] + w,
        "cProfile": lambda w: [py, "-m", "cProfile", "-o", out + ".prof"] + w,
    }
    if importable(py, "viztracer"):
        # VizTracer's default keeps only the newest 1M calls (its ring buffer).
        table["viztracer"] = lambda w: [py, "-m", "viztracer", "--quiet", "-o", out + ".json"] + w
    if importable(py, "yappi"):
        table["yappi"] = lambda w: [py, "-m", "yappi", "-o", out + ".yappi"] + w
    if importable(py, "pyinstrument"):
        table["pyinstrument"] = lambda w: [py, "-m", "pyinstrument", "-o", out + ".txt"] + w
    spy = os.path.join(bindir, "py-spy")
    if args.py_spy and os.path.exists(spy):
        table["py-spy (sampling)"] = lambda w: [spy, "record", "-o", out + ".svg", "--", py] + w
    return table


def report_steps(args, scratch):
    """Times each tool's own step from its output file to a first result."""
    py = args.python
    out = os.path.join(scratch, "out")
    steps = {"pstats load+sort": [py, "-c", "import pstats,sys; pstats.Stats(sys.argv[1]).sort_stats('tottime')", out + ".prof"]}
    if os.path.exists(out + ".json"):
        steps["viztracer json.load"] = [py, "-c", "import json,sys; json.load(open(sys.argv[1]))", out + ".json"]
    if subprocess.run([args.pyframe, "report", "--help"], capture_output=True).returncode == 0:
        steps["pyframe report"] = [args.pyframe, "report", out + ".lz4"]
    times = {}
    for name, argv in steps.items():
        try:
            times[name] = min(run(argv)[0] for _ in range(3))
        except SystemExit as failure:
            times[name] = None
            print("  (%s failed: %s)" % (name, str(failure).splitlines()[0]))
    return times


def trace_facts(stderr, path):
    match = re.search(r"wrote .*?: ([\d,]+) events", stderr)
    events = int(match.group(1).replace(",", "")) if match else 0
    size = os.path.getsize(path) if os.path.exists(path) else 0
    return events, size


def traced_peak(stderr, fallback_kib):
    match = re.search(r"peak RSS ([\d.]+) (B|KiB|MiB|GiB)", stderr)
    if not match:
        return fallback_kib
    scale = {"B": 1 / 1024, "KiB": 1, "MiB": 1024, "GiB": 1024 * 1024}[match.group(2)]
    return float(match.group(1)) * scale


def synthetic_trace(args):
    """A synthetic trace of --synthetic-events events (written once, kept
    under .build-bench), made with the format's own encoder by a release
    build of the analysis tests' benchmark-trace writer."""
    count = args.synthetic_events
    path = os.path.join(ROOT, ".build-bench", "synthetic-%d.lz4" % count)
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
        env = dict(os.environ, PYFRAME_BENCH_TRACE=path, PYFRAME_BENCH_EVENTS=str(count))
        print("writing a synthetic trace of %d events (once) ..." % count, flush=True)
        subprocess.run(["swift", "test", "-c", "release", "--scratch-path", os.path.join(ROOT, ".build-bench", "swift"),
                        "--filter", "writeBenchmarkTrace"], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return path, count


def run_cpu(argv):
    """Runs argv; returns (wall seconds, CPU seconds (user+sys), peak RSS KiB)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    err = proc.stderr.read().decode(errors="replace")
    proc.stderr.close()
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("analysis run failed: %s\n%s" % (" ".join(argv), err))
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss


ANALYZERS = ["report", "flame", "diff", "export chrome"]


def analyzer_argv(args, name, path, jobs):
    jobs = ["--jobs", str(jobs)]
    return {
        "report": [args.pyframe, "report"] + jobs + [path],
        "flame": [args.pyframe, "flame", "--format", "folded", "-o", os.devnull] + jobs + [path],
        "diff": [args.pyframe, "diff"] + jobs + [path, path],
        "export chrome": [args.pyframe, "export", "--format", "chrome", "-o", os.devnull] + jobs + [path],
    }[name]


def analysis_throughput(args, traces):
    """Events per second of pyframe's analyzers (report, flame, diff, export
    chrome) with --jobs 1 and 2 on each trace: the real ones the workloads
    recorded and the synthetic one. Best of 3 by wall time; the CPU time of
    that run says what a machine busy with other work would see (on a quiet
    machine one job's wall time equals its CPU time)."""
    results = {}
    for label, (path, count) in traces.items():
        rows = {}
        for name in ANALYZERS:
            if name == "export chrome" and count > args.export_events:
                continue  # the JSON would be hundreds of bytes per event
            for jobs in (1, 2):
                runs = [run_cpu(analyzer_argv(args, name, path, jobs)) for _ in range(3)]
                wall, cpu, peak = min(runs)
                events = count * (2 if name == "diff" else 1)
                rows["%s --jobs %d" % (name, jobs)] = {
                    "seconds": wall, "cpu_seconds": cpu, "events_per_second": events / wall,
                    "events_per_cpu_second": events / cpu if cpu else None, "peak_rss_mib": peak / 1024}
        results[label] = {"events": count, "trace_bytes": os.path.getsize(path), "steps": rows}
        print("\nanalysis of %s: %d events, %.1f MiB (best of 3 by wall time)" % (
            label, count, os.path.getsize(path) / 2**20))
        print("  %-22s %8s %12s %14s %10s" % ("step", "wall", "M events/s", "M ev/CPU-s", "peak RSS"))
        for name, r in rows.items():
            print("  %-22s %7.3fs %12.1f %14.1f %7.0f MiB" % (
                name, r["seconds"], r["events_per_second"] / 1e6,
                (r["events_per_cpu_second"] or 0) / 1e6, r["peak_rss_mib"]))
        if "report --jobs 2" in rows:
            print("  report scaling 1 -> 2 jobs: %.2fx" % (rows["report --jobs 1"]["seconds"] / rows["report --jobs 2"]["seconds"]))
    return results


def export_formats(args, scratch):
    """Speed and size of `pyframe export --format perfetto` (plain and
    --compress) against the Chrome JSON export of the same trace: each
    workload recorded once, then every export timed (best of --rounds, at
    most 3) on it and on the synthetic trace (once each: the Chrome file of
    100 M events is ~6 GB). Wall time of the whole command (analysis, export,
    fsync of the file)."""
    traces = {}
    names = args.workloads.split(",")
    if "all" in names:
        names = [n for n in WORKLOADS if n not in NEEDS_PYPERFORMANCE or importable(args.python, "pyperformance")]
    for name in names:
        path = os.path.join(scratch, name + ".lz4")
        _, _, err = run([args.pyframe, "record", "--force", "-o", path, "--", args.python] + WORKLOADS[name])
        traces[name] = (path, trace_facts(err, path)[0], min(args.rounds, 3))
    if args.synthetic_events > 0:
        path, count = synthetic_trace(args)
        traces["synthetic"] = (path, count, 1)
    rows = {}
    formats = {"perfetto": ["--format", "perfetto"], "perfetto --compress": ["--format", "perfetto", "--compress"],
               "chrome": ["--format", "chrome"]}
    print("\nexport: perfetto against chrome JSON (best of up to 3 by wall time; events/s over the trace's events,"
          " per wall and per CPU second; smaller: chrome bytes / perfetto bytes)")
    print("  %-10s %11s %30s %30s %30s %8s %8s" % ("trace", "events", *formats, "smaller", "(compr.)"))
    for name, (path, events, repeats) in traces.items():
        row = {"events": events}
        for fmt, flags in formats.items():
            out = os.path.join(scratch, "export.out")
            seconds, peak, _, cpu = min((run([args.pyframe, "export"] + flags + ["-o", out, path], cpu=True)
                                         for _ in range(repeats)), key=lambda r: r[0])
            row[fmt] = {"seconds": seconds, "cpu_seconds": cpu, "bytes": os.path.getsize(out),
                        "events_per_second": events / seconds, "events_per_cpu_second": events / cpu,
                        "bytes_per_event": os.path.getsize(out) / events if events else None,
                        "peak_rss_mib": peak / 1024}
            os.remove(out)
        row["size_ratio"] = row["chrome"]["bytes"] / row["perfetto"]["bytes"]
        row["compressed_size_ratio"] = row["chrome"]["bytes"] / row["perfetto --compress"]["bytes"]
        rows[name] = row
        print("  %-10s %11d %30s %30s %30s %7.2fx %7.2fx" % (name, events, *[
            "%5.1f (cpu %5.1f) M ev/s %5.1f B/ev" % (row[f]["events_per_second"] / 1e6,
                                                   row[f]["events_per_cpu_second"] / 1e6, row[f]["bytes_per_event"])
            for f in formats], row["size_ratio"], row["compressed_size_ratio"]))
    return rows


def startup(args, scratch):
    """Start-up that `pyframe record` adds before a program's first line, and
    in all.

    The figure (issue 13): the time from exec of `pyframe record -- python
    script.py` to the script's first line, minus the same for `python
    script.py`, interleaved, median of the rounds' differences; in wall time
    and in CPU time (pyframe's and the child's up to that line,
    Tools/workloads/startup_first_line.py). Split into (a) pyframe before it
    spawns python (its CPU, read by the first line from
    /proc/PPID/schedstat while pyframe waits), (b) the child's bootstrap
    before the first line other than (c), and (c) loading the recorder
    extension alone (its create_module + exec_module, timed inside a python
    that does only that).

    Also the whole run (`pyframe record -- python -c pass` against `python -c
    pass`: CPU of pyframe and everything it waited for), a recorded child
    process (a program under `pyframe record` starts `sys.executable -c pass`
    recorded and untraced, alternately: Tools/workloads/startup_children.py),
    the launcher's share of the whole run (whole-run cost minus child cost),
    and `pyframe --version` against `true` (the command's own start-up)."""
    py = args.python
    out = os.path.join(scratch, "startup")
    os.makedirs(out, exist_ok=True)
    rows = {"first line": first_line(args, out)}
    script = os.path.join(HERE, "workloads", "startup_children.py")
    proc = subprocess.run([args.pyframe, "record", "--force", "-o", os.path.join(out, "parent.lz4"), "--", py, script,
                           str(args.rounds)], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit("startup benchmark failed: %s" % proc.stderr)
    kids = json.loads(proc.stdout.strip().splitlines()[-1])
    top = interleaved(args.rounds, [args.pyframe, "record", "--force", "-o", os.path.join(out, "top.lz4"), "--",
                                    py, "-c", "pass"], [py, "-c", "pass"])
    version = interleaved(args.rounds, [args.pyframe, "--version"], ["/bin/true"])
    for name, runs in (("child", kids), ("whole run", top), ("--version", version)):
        row = {}
        for i, measure in ((1, "cpu"), (0, "wall")):
            traced = [r[i] for r in runs["traced"]]
            untraced = [r[i] for r in runs["untraced"]]
            row[measure] = {"traced_ms": statistics.median(traced) * 1e3, "untraced_ms": statistics.median(untraced) * 1e3,
                            "cost_ms": statistics.median(t - u for t, u in zip(traced, untraced)) * 1e3}
        rows[name] = row
    rows["launcher"] = {measure: {"cost_ms": rows["whole run"][measure]["cost_ms"] - rows["child"][measure]["cost_ms"]}
                        for measure in ("cpu", "wall")}
    print("\nstart-up of `pyframe record` (%d interleaved rounds; median of traced - untraced, ms)" % args.rounds)
    first = rows["first line"]
    print("  to the first line of a script:   cpu +%.2f   wall +%.2f" % (first["cpu"], first["wall"]))
    print("    (a) pyframe before the spawn:  cpu  %.2f" % first["a_pyframe_cpu"])
    print("    (b) bootstrap in the child:    cpu +%.2f" % first["b_bootstrap_cpu"])
    print("    (c) loading the recorder:      cpu  %.2f   wall  %.2f" % (first["c_recorder_cpu"], first["c_recorder_wall"]))
    for name in ("whole run", "child", "launcher", "--version"):
        row = rows[name]
        if name == "--version":
            print("  `pyframe --version` against /bin/true:")
        print("  %-10s " % name + "   ".join("%s +%.1f ms%s" % (
            measure, r["cost_ms"], " (%.1f vs %.1f)" % (r["traced_ms"], r["untraced_ms"]) if "traced_ms" in r else "")
            for measure, r in row.items()))
    return rows


def first_line(args, out):
    """The first-line figure and its parts (see startup), in ms."""
    py = args.python
    script = os.path.join(HERE, "workloads", "startup_first_line.py")
    argv = {"traced": [args.pyframe, "record", "--force", "-o", os.path.join(out, "first.lz4"), "--", py, script],
            "untraced": [py, script]}
    runs = {"traced": [], "untraced": []}
    for i in range(args.rounds):
        for kind in (("traced", "untraced") if i % 2 == 0 else ("untraced", "traced")):
            start = time.monotonic_ns()
            proc = subprocess.run(argv[kind], capture_output=True, text=True)
            if proc.returncode != 0:
                raise SystemExit("startup benchmark run failed: %s\n%s" % (" ".join(argv[kind]), proc.stderr))
            now, cpu, parent = (int(x) for x in proc.stdout.split())
            runs[kind].append((now - start, cpu, parent))
    pairs = list(zip(runs["traced"], runs["untraced"]))
    ms = lambda values: statistics.median(values) / 1e6  # noqa: E731
    row = {"wall": ms([t[0] - u[0] for t, u in pairs]),
           "cpu": ms([t[1] + t[2] - u[1] for t, u in pairs]),
           "a_pyframe_cpu": ms([t[2] for t, _ in pairs]),
           "child_cpu": ms([t[1] - u[1] for t, u in pairs])}
    recorder = recorder_path(args)
    if recorder is None:
        print("  (no recorder found beside %s: (c) not measured)" % args.pyframe)
        row["c_recorder_cpu"] = row["c_recorder_wall"] = float("nan")
    else:
        load = ("import importlib.machinery as m, sys, time\n"
                "t, c = time.monotonic_ns(), time.process_time_ns()\n"
                "loader = m.ExtensionFileLoader('_pyframe', sys.argv[1])\n"
                "loader.exec_module(loader.create_module(m.ModuleSpec('_pyframe', loader, origin=sys.argv[1])))\n"
                "print(time.monotonic_ns() - t, time.process_time_ns() - c)\n")
        loads = [[int(x) for x in subprocess.run([py, "-c", load, recorder], capture_output=True, text=True,
                                                 check=True).stdout.split()] for _ in range(args.rounds)]
        row["c_recorder_wall"] = ms([w for w, _ in loads])
        row["c_recorder_cpu"] = ms([c for _, c in loads])
    row["b_bootstrap_cpu"] = row["child_cpu"] - row["c_recorder_cpu"]
    return row


def recorder_path(args):
    """The recorder extension `pyframe record` would load into args.python."""
    suffix = subprocess.run([args.python, "-c", "import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])"],
                            capture_output=True, text=True).stdout.strip()
    folders = [os.environ.get("PYFRAME_RECORDERS"), os.path.join(os.path.dirname(os.path.abspath(args.pyframe)), "recorders")]
    for folder in folders:
        if folder and os.path.exists(os.path.join(folder, "_pyframe" + suffix)):
            return os.path.join(folder, "_pyframe" + suffix)
    return None


def interleaved(rounds, traced, untraced):
    """Runs the two commands alternately (ABBA…); (wall, CPU of the process
    and what it waited for) per run, by kind."""
    argv = {"traced": traced, "untraced": untraced}
    out = {"traced": [], "untraced": []}
    for i in range(rounds):
        for kind in (("traced", "untraced") if i % 2 == 0 else ("untraced", "traced")):
            start = time.perf_counter()
            p = subprocess.Popen(argv[kind], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(p.pid, 0)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit("startup benchmark run failed: %s" % " ".join(argv[kind]))
            out[kind].append((time.perf_counter() - start, usage.ru_utime + usage.ru_stime))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--workloads", default="fib,mixed")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--pyframe", default=os.path.join(ROOT, ".build", "release", "pyframe"))
    parser.add_argument("--json", help="also write the figures to this file")
    parser.add_argument("--py-spy", action="store_true", help="also run py-spy (sampling, for reference)")
    parser.add_argument("--startup", action="store_true",
                        help="measure only the start-up cost of a recorded process (per child and top-level)")
    parser.add_argument("--exports", action="store_true",
                        help="measure only the Perfetto and Chrome exports (speed, size) of the workloads and the synthetic trace")
    parser.add_argument("--synthetic-events", type=int, default=100_000_000,
                        help="size of the synthetic trace the analyzers are timed on (0: skip)")
    parser.add_argument("--export-events", type=int, default=50_000_000,
                        help="time `export --format chrome` only on traces of at most this many events")
    args = parser.parse_args()
    if not os.path.exists(args.pyframe):
        raise SystemExit("pyframe not found at %s: build it with `swift build -c release`" % args.pyframe)

    results = {"date": time.strftime("%Y-%m-%d %H:%M"), "machine": "%s, %d cores" % (platform.machine(), os.cpu_count()),
               "python": subprocess.run([args.python, "-c", "import sys; print(sys.version.split()[0])"],
                                        capture_output=True, text=True).stdout.strip(),
               "workloads": {}}
    for flag, key, measure in ((args.startup, "startup", startup), (args.exports, "exports", export_formats)):
        if flag:
            with tempfile.TemporaryDirectory(prefix="pyframe-bench-") as scratch:
                results[key] = measure(args, scratch)
            if args.json:
                with open(args.json, "w") as f:
                    json.dump(results, f, indent=2)
            return results
    with tempfile.TemporaryDirectory(prefix="pyframe-bench-") as scratch:
        table = tools(args, scratch)
        real_traces = {}
        names = args.workloads.split(",")
        if "all" in names:
            names = list(WORKLOADS)
            if not importable(args.python, "pyperformance"):
                names = [n for n in names if n not in NEEDS_PYPERFORMANCE]
        for name in names:
            workload = WORKLOADS[name]
            times = {tool: [] for tool in table}
            peaks = {tool: [] for tool in table}
            events = size = 0
            for round_ in range(args.rounds):
                order = list(table)
                order = order[round_ % len(order):] + order[:round_ % len(order)]
                for tool in order:
                    seconds, peak, err = run(table[tool](workload))
                    times[tool].append(seconds)
                    peaks[tool].append(peak)
                    if tool.startswith("pyframe"):
                        # wait4 saw pyframe itself; the traced process's peak is in its closing line.
                        peaks[tool][-1] = traced_peak(err, peak)
                    if tool == "pyframe":
                        events, size = trace_facts(err, os.path.join(scratch, "out.lz4"))
            base = times["untraced"]
            rows = {}
            for tool in table:
                ratios = [t / b for t, b in zip(times[tool], base)]
                rows[tool] = {
                    "ratio_median": statistics.median(ratios), "ratio_min": min(ratios), "ratio_max": max(ratios),
                    "seconds_median": statistics.median(times[tool]),
                    "peak_rss_mib": max(peaks[tool]) / 1024,
                }
            rows["pyframe"].update({"events": events, "trace_bytes": size,
                                    "bytes_per_event": size / events if events else None})
            rows["report_steps_seconds"] = report_steps(args, scratch)
            if events:
                kept = os.path.join(scratch, "trace-%s.lz4" % name)
                os.replace(os.path.join(scratch, "out.lz4"), kept)
                real_traces[name] = (kept, events)
            results["workloads"][name] = rows
            print_table(name, rows, args.rounds)
        traces = {"%s (recorded)" % name: t for name, t in real_traces.items()}
        if args.synthetic_events > 0:
            path, count = synthetic_trace(args)
            traces["synthetic"] = (path, count)
        if traces:
            results["analysis"] = analysis_throughput(args, traces)
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=2)
    return results


def print_table(name, rows, rounds):
    untraced_rss = rows["untraced"]["peak_rss_mib"]
    steps = rows.get("report_steps_seconds", {})
    print("\n%s (%d interleaved rounds; whole-process wall time, ratio to untraced)" % (name, rounds))
    print("  %-18s %8s %17s %10s %12s" % ("tool", "ratio", "min-max", "seconds", "peak RSS"))
    for tool, r in rows.items():
        if tool == "report_steps_seconds":
            continue
        print("  %-18s %7.2fx %8.2f-%-8.2f %9.3fs %8.1f MiB (+%.1f)" % (
            tool, r["ratio_median"], r["ratio_min"], r["ratio_max"], r["seconds_median"],
            r["peak_rss_mib"], r["peak_rss_mib"] - untraced_rss))
    p = rows["pyframe"]
    if p.get("events"):
        print("  pyframe trace: %d events, %d bytes, %.2f bytes/event; cost above the null hook: %.2fx"
              % (p["events"], p["trace_bytes"], p["bytes_per_event"],
                 p["ratio_median"] / rows["pyframe-null"]["ratio_median"]))
    if "cProfile" in rows:
        print("  pyframe / cProfile ratio: %.2f" % (p["ratio_median"] / rows["cProfile"]["ratio_median"]))
        print("  pyframe --c-calls / cProfile ratio: %.2f"
              % (rows["pyframe --c-calls"]["ratio_median"] / rows["cProfile"]["ratio_median"]))
    for step, seconds in steps.items():
        if seconds is not None:
            print("  %s: %.3fs" % (step, seconds))


if __name__ == "__main__":
    main()
