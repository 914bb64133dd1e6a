"""Start-up cost of a recorded Python child (run under `pyframe record`).

Starts `sys.executable -c pass` ROUNDS times as a recorded child (the
environment pyframe record leaves) and as an untraced one (PYFRAME_*
variables and the bootstrap's PYTHONPATH entry removed), alternately, and
prints one JSON line: per-child wall and CPU (user+sys, from wait4) seconds
of each kind, in the order run.
"""
import json
import os
import sys
import time

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 20
traced_env = dict(os.environ)
untraced_env = {k: v for k, v in os.environ.items() if not k.startswith("PYFRAME_")}
original = os.environ.get("PYFRAME_ORIGINAL_PYTHONPATH")
untraced_env.pop("PYTHONPATH", None)
if original is not None:
    untraced_env["PYTHONPATH"] = original
argv = [sys.executable, "-c", "pass"]


def child(env):
    start = time.perf_counter()
    pid = os.posix_spawn(argv[0], argv, env)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit("child failed")
    return wall, usage.ru_utime + usage.ru_stime


out = {"traced": [], "untraced": []}
for i in range(rounds):
    order = ("traced", "untraced") if i % 2 == 0 else ("untraced", "traced")
    for kind in order:
        out[kind].append(child(traced_env if kind == "traced" else untraced_env))
print(json.dumps(out))
