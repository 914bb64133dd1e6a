#!/usr/bin/env python3
"""Soak test of the recorder: a threaded, forking workload recorded again and
again, each run killed with SIGKILL at a random moment; then one long run
whose memory is sampled.

Checks, and prints with figures:
- every trace of every run (parent and children) decodes with `pyframe dump`,
  with no problem other than a cut-off tail, and how many events were recovered;
- the traced process's resident memory stays flat over a long run.

    python3 Tools/soak.py                    # 30 s of killed runs, then a 20 s run
    python3 Tools/soak.py --seconds 120 --json soak.json
"""
import argparse
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
WORKLOAD = os.path.join(HERE, "workloads", "soak_workload.py")


def check_traces(pyframe, directory):
    """Decodes every trace in directory; returns (traces, events, failures)."""
    traces = events = 0
    failures = []
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".lz4"):
            continue
        traces += 1
        path = os.path.join(directory, name)
        # Stream the dump: a trace can hold millions of events.
        with tempfile.TemporaryFile() as errors:
            dump = subprocess.Popen([pyframe, "dump", "--events-only", path], stdout=subprocess.PIPE, stderr=errors)
            for block in iter(lambda: dump.stdout.read(1 << 20), b""):
                events += block.count(b"\n")
            dump.wait()
            errors.seek(0)
            stderr = errors.read().decode(errors="replace")
        problems = [line for line in stderr.splitlines() if "cut short" not in line]
        if dump.returncode != 0 or problems:
            failures.append("%s: exit %d: %s" % (name, dump.returncode, " / ".join(problems)[:300]))
    return traces, events, failures


def killed_runs(args, scratch):
    rng = random.Random(args.seed)
    deadline = time.monotonic() + args.seconds
    runs = traces = events = 0
    failures = []
    while time.monotonic() < deadline:
        runs += 1
        directory = os.path.join(scratch, "run%d" % runs)
        os.makedirs(directory)
        proc = subprocess.Popen([args.pyframe, "record", "-o", os.path.join(directory, "trace.lz4"), "--",
                                 args.python, WORKLOAD, "10"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        time.sleep(rng.uniform(0.05, 2.0))
        os.killpg(proc.pid, signal.SIGKILL)  # pyframe, the program and its children
        proc.wait()
        time.sleep(0.05)
        t, e, f = check_traces(args.pyframe, directory)
        traces += t
        events += e
        failures += ["run %d: %s" % (runs, x) for x in f]
        shutil.rmtree(directory)
    return {"runs": runs, "traces": traces, "events_recovered": events, "failures": failures}


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        return None


def python_child(pid):
    """The traced python: pyframe's child process."""
    try:
        with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
            children = f.read().split()
        return int(children[0]) if children else None
    except OSError:
        return None


def long_run(args, scratch):
    directory = os.path.join(scratch, "long")
    os.makedirs(directory)
    proc = subprocess.Popen([args.pyframe, "record", "--no-follow", "-o", os.path.join(directory, "trace.lz4"),
                             "--", args.python, WORKLOAD, str(args.long_seconds)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples = []
    child = None
    while proc.poll() is None:
        time.sleep(0.5)
        child = child or python_child(proc.pid)
        if child:
            value = rss_kib(child)
            if value:
                samples.append(value)
    t, e, f = check_traces(args.pyframe, directory)
    size = os.path.getsize(os.path.join(directory, "trace.lz4"))
    settled = samples[len(samples) // 4:]  # after warm-up
    growth = (max(settled) - min(settled)) / 1024 if settled else None
    return {"seconds": args.long_seconds, "events": e, "trace_bytes": size, "failures": f,
            "rss_mib_first": samples[0] / 1024 if samples else None,
            "rss_mib_max": max(samples) / 1024 if samples else None,
            "rss_growth_after_warmup_mib": growth}


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=30, help="time spent on killed runs")
    parser.add_argument("--long-seconds", type=float, default=20, help="length of the memory run")
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--pyframe", default=os.path.join(ROOT, ".build", "release", "pyframe"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="pyframe-soak-") as scratch:
        killed = killed_runs(args, scratch)
        print("killed runs: %d runs, %d traces, %d events recovered, %d failures"
              % (killed["runs"], killed["traces"], killed["events_recovered"], len(killed["failures"])))
        for failure in killed["failures"][:20]:
            print("  FAIL", failure)
        long = long_run(args, scratch)
        print("long run: %.0f s, %d events, %.1f MiB trace; traced RSS %.1f MiB at start, %.1f MiB max, "
              "%.1f MiB growth after warm-up; %d failures"
              % (long["seconds"], long["events"], long["trace_bytes"] / 2**20, long["rss_mib_first"] or 0,
                 long["rss_mib_max"] or 0, long["rss_growth_after_warmup_mib"] or 0, len(long["failures"])))
        for failure in long["failures"]:
            print("  FAIL", failure)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"killed": killed, "long": long}, f, indent=2)
    ok = not killed["failures"] and not long["failures"] and (long["rss_growth_after_warmup_mib"] or 0) < 8
    print("soak:", "passed" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
