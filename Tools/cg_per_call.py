"""Instructions per call (callgrind), untraced and under cProfile, pyframe and
pyframe --c-calls, by the difference between two sizes of a workload so that
fixed costs (start-up, loading the recorder, the last flush) cancel.

    python3 Tools/cg_per_call.py --python /work/main/.build-bench/venv-3.12/bin/python \
        [--recorders .build/release/recorders] [--workloads fib,cheavy]

Counts every thread of the process (the writer's encoding and compression
too), so they are repeatable on a busy machine, unlike wall time. Workloads:
fib (per Python frame, no C call), cheavy (per C call: a loop of
`xs.append(len(xs) % 7); abs(i)`, three C calls an iteration and no Python
frame). The recorder's debug information is stripped into a scratch copy
first: valgrind 3.19 cannot read Swift 6's.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

# workload -> (small size, large size, units between them: frames or C calls)
SIZES = {"fib": (19, 22, 43784), "cheavy": (3000, 12000, 27000)}
MODES = ["untraced", "cProfile", "pyframe", "pyframe --c-calls"]


def fib(n):
    return n if n < 2 else fib(n - 1) + fib(n - 2)


def cheavy(n):
    xs = []
    for i in range(n):
        xs.append(len(xs) % 7)
        abs(i)
    return xs


def driver(mode, workload, size, out):
    """Runs in the measured process: warms the workload up, then runs it under `mode`."""
    run = {"fib": fib, "cheavy": cheavy}[workload]
    run(5)
    if mode == "untraced":
        run(size)
    elif mode == "cProfile":
        import cProfile
        profile = cProfile.Profile()
        profile.enable()
        run(size)
        profile.disable()
        profile.create_stats()
    else:
        import _pyframe
        _pyframe.start(out, "c-calls=1" if mode == "pyframe --c-calls" else "")
        run(size)
        _pyframe.stop()


def instructions(python, recorders, scratch, mode, workload, size):
    out = os.path.join(scratch, "trace.lz4")
    if os.path.exists(out):
        os.remove(out)
    profile = os.path.join(scratch, "callgrind.out")
    env = dict(os.environ, PYTHONPATH=recorders)
    subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=" + profile, python, __file__,
                    "--driver", mode, workload, str(size), out], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with open(profile) as f:
        return int(re.search(r"^summary: (\d+)", f.read(), re.M).group(1))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--driver":
        driver(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
        return
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable)
    parser.add_argument("--recorders", default=os.path.join(ROOT, ".build", "release", "recorders"))
    parser.add_argument("--workloads", default="fib,cheavy")
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("cg_per_call: valgrind is not installed")
    with tempfile.TemporaryDirectory() as scratch:
        recorders = os.path.join(scratch, "recorders")
        os.makedirs(recorders)
        for name in os.listdir(args.recorders):
            if name.startswith("_pyframe") and name.endswith(".so"):
                subprocess.run(["objcopy", "--strip-debug", os.path.join(args.recorders, name),
                                os.path.join(recorders, name)], check=True)
        print("%-8s %s" % ("workload", "  ".join("%18s" % m for m in MODES)) + "   --c-calls / cProfile")
        for workload in args.workloads.split(","):
            small, large, units = SIZES[workload]
            per = {}
            for mode in MODES:
                a = instructions(args.python, recorders, scratch, mode, workload, small)
                b = instructions(args.python, recorders, scratch, mode, workload, large)
                per[mode] = (b - a) / units
            print("%-8s %s   %.2f" % (workload, "  ".join("%18.0f" % per[m] for m in MODES),
                                       per["pyframe --c-calls"] / per["cProfile"]), flush=True)


if __name__ == "__main__":
    main()
