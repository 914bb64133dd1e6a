"""The independent oracle for call counts (Tests/RecorderTests/Oracle.swift,
Tools/wheel/test_wheel.py): `python -c "$(cat oracle_counter.py)" SCRIPT ARGS`
runs SCRIPT under a sys.setprofile / threading.setprofile counter and prints
ORACLE{"qualname:firstline": calls, ...} on stderr for frames of SCRIPT's own file."""
import json, os, runpy, sys, threading
script = os.path.realpath(sys.argv[1])
counts = {}
lock = threading.Lock()
def profile(frame, event, arg):
    if event == "call":
        code = frame.f_code
        if os.path.realpath(code.co_filename) == script:
            key = "%s:%d" % (code.co_qualname, code.co_firstlineno)
            with lock:
                counts[key] = counts.get(key, 0) + 1
sys.argv = sys.argv[1:]
threading.setprofile(profile)
sys.setprofile(profile)
try:
    runpy.run_path(script, run_name="__main__")
finally:
    sys.setprofile(None)
    threading.setprofile(None)
    sys.stderr.write("ORACLE" + json.dumps(counts) + "\n")
