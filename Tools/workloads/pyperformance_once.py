"""Runs one pyperformance benchmark once, without pyperf's runner (which
forks worker processes and calibrates loops, so its timing says nothing about
a tracer's whole-process cost).

    python3 Tools/workloads/pyperformance_once.py richards

Needs `pip install pyperformance` (which ships the benchmarks' sources and
pyperf) in the interpreter that runs it.
"""
import os
import runpy
import sys

# name -> how to run it once (the benchmark's own entry point and defaults)
ENTRIES = {
    "richards": lambda m: m["Richards"]().run(3),
    "nbody": lambda m: m["bench_nbody"](1, m["DEFAULT_REFERENCE"], m["DEFAULT_ITERATIONS"]),
    "raytrace": lambda m: m["bench_raytrace"](1, m["DEFAULT_WIDTH"], m["DEFAULT_HEIGHT"], None),
    "generators": lambda m: m["bench_generators"](1),
    "deltablue": lambda m: m["delta_blue"](20000),
    "nqueens": lambda m: m["bench_n_queens"](8),
    "go": lambda m: m["versus_cpu"](),
    "coroutines": lambda m: m["bench_coroutines"](1),
}


def main():
    name = sys.argv[1]
    import pyperformance

    path = os.path.join(os.path.dirname(pyperformance.__file__), "data-files", "benchmarks",
                        "bm_" + name, "run_benchmark.py")
    module = runpy.run_path(path, run_name="pyperformance_once")
    ENTRIES[name](module)


if __name__ == "__main__":
    main()
