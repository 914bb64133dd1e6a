#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (debug) with a recorder
# for every CPython version provided, runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
swift build
Tools/build-recorders.sh
swift test
