"""Runs a workload script N times in one process: a longer recording of the
same program, for timing the analyzers on a real trace of realistic size.

    python3 Tools/workloads/repeat.py 6 Tools/workloads/mixed.py
"""
import runpy
import sys


def main():
    count, script = int(sys.argv[1]), sys.argv[2]
    sys.argv = [script] + sys.argv[3:]
    for _ in range(count):
        runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
