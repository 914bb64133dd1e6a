#!/usr/bin/env bash
# Runs every test: installs what is missing, provides the interpreters the
# tests run on (CPython 3.11–3.15, Tools/pythons.sh; checked on CI), builds
# (debug) with a recorder for every CPython version provided, runs `swift test`.
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
# The tests and build-recorders.sh read the list of interpreters from PYFRAME_PYTHONS.
export PYFRAME_PYTHONS="${PYFRAME_PYTHONS_DIR:-$HOME/.cache/pyframe/pythons}/pythons.tsv"
check=()
[ -n "${CI:-}" ] && check=(--check)
Tools/pythons.sh "${check[@]}" >/dev/null || true   # a version that fails is listed as missing, with why
if [ -f "$PYFRAME_PYTHONS" ]; then
    awk -F'\t' '$2 == "ok" { printf "pythons: %s covered: %s (%s)\n", $1, $3, $5 }
                $2 != "ok" { printf "pythons: %s not covered: %s\n", $1, $5 }' "$PYFRAME_PYTHONS"
else
    echo "pythons: no list at $PYFRAME_PYTHONS (Tools/pythons.sh failed): the tests run on python3 alone"
fi
swift build
Tools/build-recorders.sh
status=0
swift test || status=$?
# A version the tests could not run on is never left out silently: it is
# said again after the test runner's summary.
if [ -f "$PYFRAME_PYTHONS" ]; then
    awk -F'\t' '$2 != "ok" { printf "pythons: CPython %s was not tested: %s\n", $1, $5 }' "$PYFRAME_PYTHONS"
fi
exit $status
