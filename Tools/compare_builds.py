#!/usr/bin/env python3
"""Times one pyframe command under several builds, alternating them.

    python3 Tools/compare_builds.py --rounds 10 --build before=/tmp/old/pyframe \\
        --build after=.build/release/pyframe -- flame --jobs 1 -o /dev/null trace.lz4

Each round runs every build once, in turn, so that a shared host's changes
of speed (up to two times from one quarter hour to the next here) fall on
all of them alike; a benchmark run of one build, then of the other, compares
the windows as much as the builds. Prints, per build, the median and the
minimum of wall and CPU (user+sys) seconds. Outputs are discarded; a run
that fails stops the comparison.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--build", action="append", required=True, metavar="NAME=PATH",
                        help="a pyframe binary to time, under a name (give two or more)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then pyframe's arguments")
    args = parser.parse_args()
    command = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not command:
        raise SystemExit("compare_builds: no pyframe command given after --")
    builds = []
    for spec in args.build:
        name, sep, path = spec.partition("=")
        if not sep or not os.access(path, os.X_OK):
            raise SystemExit("compare_builds: --build %r is not NAME=PATH of an executable" % spec)
        builds.append((name, path))
    wall = {name: [] for name, _ in builds}
    cpu = {name: [] for name, _ in builds}
    for _ in range(args.rounds):
        for name, path in builds:
            start = time.perf_counter()
            proc = subprocess.Popen([path] + command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(proc.pid, 0)
            wall[name].append(time.perf_counter() - start)
            cpu[name].append(usage.ru_utime + usage.ru_stime)
            if os.waitstatus_to_exitcode(status) != 0:
                raise SystemExit("compare_builds: %s failed: %s" % (name, " ".join([path] + command)))
    print("%d rounds of: pyframe %s" % (args.rounds, " ".join(command)))
    print("  %-12s %18s %18s" % ("build", "wall median (min)", "CPU median (min)"))
    for name, _ in builds:
        print("  %-12s %9.3f (%6.3f) %9.3f (%6.3f)" % (name, statistics.median(wall[name]), min(wall[name]),
                                                     statistics.median(cpu[name]), min(cpu[name])))


if __name__ == "__main__":
    sys.exit(main())
