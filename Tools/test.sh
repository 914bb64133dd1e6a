#!/usr/bin/env bash
# Runs every test: installs what is missing, builds (debug), runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
swift build
swift test
