"""Checks a pyframe wheel installed into a fresh venv (see Tools/test-wheel.sh).

Every command runs under `env -i PATH=/usr/bin:/bin:VENV/bin HOME=$HOME`: no
Swift toolchain on PATH, no LD_LIBRARY_PATH. Call counts are checked against
an independent oracle, a sys.setprofile counter running the same fixture
(Tests/RecorderTests/Fixtures/oracle_counter.py, which Oracle.swift runs too),
as FixtureOracleTests does.
Exits non-zero with one line per failed check.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
FIXTURES = os.path.join(ROOT, "Tests", "RecorderTests", "Fixtures")
with open(os.path.join(FIXTURES, "oracle_counter.py"), encoding="utf-8") as _f:
    ORACLE = _f.read()  # run as `python -c ORACLE script`, as Oracle.swift does
API_PROGRAM = r'''
import pyframe, sys
def work(n):
    return n if n < 2 else work(n - 1) + work(n - 2)
def untraced():
    return sum(range(10))
untraced()
assert not pyframe.is_recording()
with pyframe.record(sys.argv[1]):
    assert pyframe.is_recording()
    pyframe.mark("before work")
    work(10)
    pyframe.mark("after work")
assert not pyframe.is_recording()
untraced()
print("api ok")
'''

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)
    return condition


def files_under(folder):
    out = set()
    for parent, _, names in os.walk(folder):
        for name in names:
            out.add(os.path.relpath(os.path.join(parent, name), folder))
    return out


def main():
    wheel = os.path.abspath(sys.argv[1])
    work = tempfile.mkdtemp(prefix="pyframe-wheel-test-")
    venv = os.path.join(work, "venv")
    try:
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        python = os.path.join(venv, "bin", "python")
        env = {"PATH": "/usr/bin:/bin:" + os.path.join(venv, "bin"), "HOME": os.environ["HOME"]}

        def run(*args, cwd=work):
            done = subprocess.run(args, env=env, cwd=cwd, capture_output=True, text=True)
            return done

        # pip touches its own files the first time it runs; a listing after
        # one harmless run is the venv as the user has it.
        run(python, "-m", "pip", "--version")
        before = files_under(venv)
        done = run(python, "-m", "pip", "install", "--no-index", "--no-cache-dir", wheel)
        if not check(done.returncode == 0, "pip install failed: " + done.stderr.strip()):
            return
        pyframe = os.path.join(venv, "bin", "pyframe")
        check(shutil.which("pyframe", path=env["PATH"]) == pyframe, "pyframe is not the venv's console command")
        done = run("pyframe", "--version")
        check(done.returncode == 0 and done.stdout.strip(), "pyframe --version: " + done.stderr.strip())

        # The command and the recorder load nothing from the Swift toolchain.
        site = run(python, "-c", "import sysconfig; print(sysconfig.get_paths()['platlib'])").stdout.strip()
        package = os.path.join(site, "pyframe")
        recorders = [n for n in os.listdir(package) if n.startswith("_pyframe.") and n.endswith(".so")]
        check(len(recorders) == 1, "the installed package holds %s, not one recorder" % recorders)
        for binary in [pyframe] + [os.path.join(package, n) for n in recorders]:
            ldd = subprocess.run(["ldd", binary], env=env, capture_output=True, text=True).stdout
            check("/opt/swift" not in ldd and "swift" not in ldd.lower(), "ldd %s lists the Swift toolchain:\n%s" % (binary, ldd))
            check("not found" not in ldd, "ldd %s: a library is missing:\n%s" % (binary, ldd))
            print("ldd %s\n%s" % (binary, ldd.rstrip()))

        # pyframe record and pyframe report against the sys.setprofile oracle.
        for fixture in ["recursion.py", "generators.py", "class_bodies.py"]:
            script = os.path.join(FIXTURES, fixture)
            trace = os.path.join(work, fixture + ".lz4")
            recorded = run("pyframe", "record", "-o", trace, "--", "python", script)
            check(recorded.returncode == 0, "pyframe record %s: %s" % (fixture, recorded.stderr.strip()))
            plain = run("python", script)
            check(recorded.stdout == plain.stdout, "recording changed %s's output" % fixture)
            report = run("pyframe", "report", "--format", "json", trace)
            if not check(report.returncode == 0, "pyframe report %s: %s" % (fixture, report.stderr.strip())):
                continue
            seen = {}
            for row in json.loads(report.stdout)["functions"]:
                if row.get("path") == script:
                    key = "%s:%d" % (row["qualname"], row["line"])
                    seen[key] = seen.get(key, 0) + (row["resumes"] if row.get("resumes", 0) > 0 else row["calls"])
            counted = run("python", "-c", ORACLE, script)
            line = [l for l in counted.stderr.splitlines() if l.startswith("ORACLE")]
            if not check(line, "the oracle gave no counts for %s: %s" % (fixture, counted.stderr)):
                continue
            oracle = json.loads(line[-1][len("ORACLE"):])
            for key, value in seen.items():
                if value == 0 and key not in oracle:
                    oracle[key] = 0  # a generator created and never resumed
            if check(oracle and seen == oracle, "%s: report %s, oracle %s" % (fixture, seen, oracle)):
                print("%s: %d functions, %d calls, as the oracle counts" % (fixture, len(oracle), sum(oracle.values())))

        # pyframe html writes one page naming the recorded functions.
        page = os.path.join(work, "recursion.html")
        html = run("pyframe", "html", "-o", page, os.path.join(work, "recursion.py.lz4"))
        check(html.returncode == 0, "pyframe html: " + html.stderr.strip())
        if os.path.exists(page):
            text = open(page, encoding="utf-8").read()
            check(text.lstrip().lower().startswith("<!doctype html") and "fib" in text,
                  "pyframe html wrote no page naming fib")
        else:
            check(False, "pyframe html wrote nothing")

        # import pyframe without install-python-api or pyframe record: record and mark.
        program = os.path.join(work, "api_program.py")
        with open(program, "w") as f:
            f.write(API_PROGRAM)
        trace = os.path.join(work, "api.lz4")
        api = run("python", program, trace)
        check(api.returncode == 0 and api.stdout.strip() == "api ok", "import pyframe: " + api.stderr.strip())
        report = run("pyframe", "report", "--format", "json", trace)
        if check(report.returncode == 0, "pyframe report api.lz4: " + report.stderr.strip()):
            doc = json.loads(report.stdout)
            calls = {r["qualname"]: r["calls"] for r in doc["functions"] if r.get("path") == program}
            # work(10) makes fib(11)·2 − 1 = 177 calls; untraced() ran outside the recording.
            check(calls.get("work") == 177 and "untraced" not in calls, "api.lz4 counts: %s" % calls)
            labels = [m.get("label") for m in doc.get("marks", [])]
            check(labels == ["before work", "after work"], "api.lz4 marks: %s" % labels)

        # Uninstalling leaves the venv as it was.
        done = run(python, "-m", "pip", "uninstall", "-y", "pyframe")
        check(done.returncode == 0, "pip uninstall failed: " + done.stderr.strip())
        left = sorted(files_under(venv) - before)
        check(not left, "pip uninstall left %s" % left)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if failures:
        sys.exit("test-wheel: %d check(s) failed" % len(failures))
    print("test-wheel: %s installs, records (oracle counts match), reports, writes HTML, "
          "records through import pyframe and uninstalls cleanly" % os.path.basename(wheel))


if __name__ == "__main__":
    main()
