#!/usr/bin/env bash
# From a fresh checkout: install what is missing, build pyframe (release),
# record the bundled demo program and print what was recorded.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
swift build -c release
Tools/build-recorders.sh -c release
.build/release/pyframe record --force -o demo.lz4 -- python3 Tools/demo.py
.build/release/pyframe report --limit 15 demo.lz4
echo
.build/release/pyframe dump --events-only --limit 25 demo.lz4
