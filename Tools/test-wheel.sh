#!/usr/bin/env bash
# The wheel, end to end, as a user without Swift gets it: builds the wheel for
# the machine's python3 (Tools/build-wheels.sh), installs it with pip and no
# network into a fresh venv, then, with only /usr/bin:/bin and the venv's bin
# on PATH and no LD_LIBRARY_PATH, records a fixture, reports it, records part
# of a program through `import pyframe`, writes the HTML page, checks that
# neither the command nor the recorder loads anything from the Swift
# toolchain, and that uninstalling leaves the venv as it was
# (Tools/wheel/test_wheel.py has the checks and their oracle).
set -euo pipefail
cd "$(dirname "$0")/.."
version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
dist=.build-wheels/dist-test
rm -rf "$dist"
Tools/build-wheels.sh --versions "$version" --out "$dist"
python3 Tools/wheel/test_wheel.py "$dist"/pyframe-*-cp${version/./}-*.whl
