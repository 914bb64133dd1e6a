"""Writes one pyframe wheel per recorder built, and has auditwheel check it.

Called by Tools/build-wheels.sh. A wheel holds:
  pyframe/__init__.py, pyframe/_pyframe<EXT_SUFFIX>   the Python module and the
      recorder for one CPython version (what `pyframe install-python-api` writes);
  pyframe-V.data/scripts/pyframe   the command itself, which pip puts in the
      environment's bin/ as it is: no Python wrapper runs before it, and the
      command finds the recorder in the installed package (Launcher.swift);
  pyframe-V.dist-info/   METADATA (README as the long description), WHEEL, RECORD.
The wheel is written with zipfile and a RECORD of sha256 digests (PEP 427),
first tagged linux_x86_64; `auditwheel show` names the manylinux tag it is
consistent with, the wheel is written again with that tag, and `auditwheel
show` must then report exactly that tag.
"""
import argparse
import base64
import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SUMMARY = "A frame-tracing profiler and recorder for CPython 3.11 to 3.15: every frame entry and exit, offline reports, flame graphs and exports"
CLASSIFIERS = [
    "Development Status :: 3 - Alpha",
    "Environment :: Console",
    "Intended Audience :: Developers",
    "Operating System :: POSIX :: Linux",
    "Programming Language :: Python :: 3",
    "Programming Language :: Python :: Implementation :: CPython",
    "Topic :: Software Development :: Debuggers",
    "Topic :: System :: Monitoring",
]


def run(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout


def digest(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def metadata(version, minor):
    lines = [
        "Metadata-Version: 2.1",
        "Name: pyframe",
        "Version: " + version,
        "Summary: " + SUMMARY,
        # The project states no licence and no home page yet: those fields
        # stay out rather than guessed.
        "Requires-Python: ==3.%d.*" % minor,
    ]
    lines += ["Classifier: " + c for c in CLASSIFIERS + ["Programming Language :: Python :: 3.%d" % minor]]
    lines.append("Description-Content-Type: text/markdown")
    with open(os.path.join(ROOT, "README.md"), encoding="utf-8") as f:
        readme = f.read()
    return "\n".join(lines) + "\n\n" + readme


def write_wheel(out, version, minor, tag, files):
    """files: list of (archive name, bytes, mode). Returns the wheel's path."""
    dist_info = "pyframe-%s.dist-info" % version
    py = "cp3%d" % minor
    wheel_text = "Wheel-Version: 1.0\nGenerator: pyframe Tools/wheel/make_wheel.py\nRoot-Is-Purelib: false\nTag: %s-%s-%s\n" % (py, py, tag)
    entries = list(files) + [
        (dist_info + "/METADATA", metadata(version, minor).encode(), 0o644),
        (dist_info + "/WHEEL", wheel_text.encode(), 0o644),
    ]
    record = io.StringIO()
    writer = csv.writer(record, lineterminator="\n")
    for name, data, _ in entries:
        writer.writerow([name, digest(data), len(data)])
    writer.writerow([dist_info + "/RECORD", "", ""])
    entries.append((dist_info + "/RECORD", record.getvalue().encode(), 0o644))
    path = os.path.join(out, "pyframe-%s-%s-%s-%s.whl" % (version, py, py, tag))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data, mode in entries:
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data, compresslevel=9)
    return path


def auditwheel_tag(auditwheel, wheel):
    text = run(auditwheel, "show", wheel)
    found = re.search(r'consistent\s+with\s+the\s+following\s+platform\s+tag:\s*"([^"]+)"', text)
    return (found.group(1) if found else None), text


def python_for(minor):
    """The interpreter Tools/pythons.sh listed for 3.minor (python3 otherwise)."""
    listing = os.environ.get("PYFRAME_PYTHONS") or os.path.expanduser("~/.cache/pyframe/pythons/pythons.tsv")
    if os.path.exists(listing):
        for line in open(listing):
            parts = line.rstrip("\n").split("\t")
            if len(parts) >= 3 and parts[0] == "3.%d" % minor and parts[1] == "ok":
                return parts[2]
    return "python3"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--recorders", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--auditwheel", required=True)
    args = parser.parse_args()

    version = run(args.binary, "--version").strip()
    staging = tempfile.mkdtemp(prefix="pyframe-wheel-")
    try:
        binary = os.path.join(staging, "pyframe")
        shutil.copy(args.binary, binary)
        run("strip", binary)
        with open(binary, "rb") as f:
            command = f.read()
        built = []
        for recorder in sorted(os.listdir(args.recorders)):
            found = re.fullmatch(r"_pyframe\.cpython-3(\d+)-x86_64-linux-gnu\.so", recorder)
            if not found:
                continue
            minor = int(found.group(1))
            # The package as `pyframe install-python-api` writes it, for this version.
            package_root = os.path.join(staging, "3.%d" % minor)
            run(args.binary, "install-python-api", "--python", python_for(minor), "--target", package_root,
                env=dict(os.environ, PYFRAME_RECORDERS=os.path.abspath(args.recorders)))
            package = os.path.join(package_root, "pyframe")
            run("strip", "--strip-unneeded", os.path.join(package, recorder))
            files = []
            for name in sorted(os.listdir(package)):
                with open(os.path.join(package, name), "rb") as f:
                    files.append(("pyframe/" + name, f.read(), 0o755 if name.endswith(".so") else 0o644))
            files.append(("pyframe-%s.data/scripts/pyframe" % version, command, 0o755))
            first = write_wheel(args.out, version, minor, "linux_x86_64", files)
            tag, text = auditwheel_tag(args.auditwheel, first)
            os.remove(first)
            if not tag or not tag.startswith("manylinux_"):
                sys.exit("build-wheels: auditwheel finds no manylinux tag for the 3.%d wheel:\n%s" % (minor, text))
            wheel = write_wheel(args.out, version, minor, tag, files)
            again, text = auditwheel_tag(args.auditwheel, wheel)
            if again != tag or ('"%s"' % tag) not in text:
                sys.exit("build-wheels: auditwheel does not confirm %s for %s:\n%s" % (tag, wheel, text))
            print(text.strip())
            print("%s (%.1f MB)" % (wheel, os.path.getsize(wheel) / 1e6))
            built.append(wheel)
        if not built:
            sys.exit("build-wheels: no recorder in %s" % args.recorders)
    finally:
        shutil.rmtree(staging)


if __name__ == "__main__":
    main()
