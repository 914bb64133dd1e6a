"""The independent oracle for call counts (Tests/RecorderTests/Oracle.swift,
Tools/wheel/test_wheel.py): `python -c "$(cat oracle_counter.py)" [--c-calls]
SCRIPT ARGS` runs SCRIPT under a sys.setprofile / threading.setprofile counter
and prints ORACLE{"key": calls, ...} on stderr, counting frames of SCRIPT's
own file ("qualname:firstline" per 'call' event) or, with --c-calls, the C
functions those frames call ('c_call' events), named as cProfile names them:
a method by the method descriptor its type finds, else a builtin of its
module (the repr of any other attribute carries an address, so such
functions are named as builtins too)."""
import json, os, runpy, sys, threading
c_calls = sys.argv[1] == "--c-calls"
if c_calls:
    del sys.argv[1]
script = os.path.realpath(sys.argv[1])
counts = {}
lock = threading.Lock()
descriptors = (type(list.append), type(dict.__dict__["fromkeys"]))
def c_name(f):
    self, module = f.__self__, getattr(f, "__module__", None)
    if self is None:
        return "<%s.%s>" % (module, f.__name__) if module and module != "builtins" else "<%s>" % f.__name__
    for klass in type(self).__mro__:
        found = klass.__dict__.get(f.__name__)
        if found is not None:
            if isinstance(found, descriptors):
                return repr(found)
            break
    return "<built-in method %s.%s>" % (module, f.__name__) if isinstance(module, str) else "<built-in method %s>" % f.__name__
def count(key):
    with lock:
        counts[key] = counts.get(key, 0) + 1
def profile(frame, event, arg):
    if event == ("c_call" if c_calls else "call"):
        code = frame.f_code
        if os.path.realpath(code.co_filename) == script:
            count(c_name(arg) if c_calls else "%s:%d" % (code.co_qualname, code.co_firstlineno))
sys.argv = sys.argv[1:]
threading.setprofile(profile)
sys.setprofile(profile)
try:
    runpy.run_path(script, run_name="__main__")
finally:
    sys.setprofile(None)
    threading.setprofile(None)
    sys.stderr.write("ORACLE" + json.dumps(counts) + "\n")
