"""The first line of a program, for Tools/bench.py --startup: prints when it
ran (CLOCK_MONOTONIC ns, the clock the benchmark read before starting the
command), the CPU this process used up to it (ns), and the CPU its parent
has used so far (ns, from /proc/PPID/schedstat; under `pyframe record` the
parent is pyframe, waiting for this process: its whole start-up before the
spawn). Nothing is imported that site has not loaded already."""
import os, time  # noqa: E401  (os: loaded by site; time: built in)

_now, _cpu = time.monotonic_ns(), time.process_time_ns()
try:
    with open("/proc/%d/schedstat" % os.getppid()) as _f:
        _parent = int(_f.read().split()[0])
except (OSError, ValueError, IndexError):
    _parent = -1
print(_now, _cpu, _parent)
