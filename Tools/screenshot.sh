#!/usr/bin/env bash
# Records Tools/demo.py (which marks a few instants), writes the HTML
# report and takes a PNG screenshot of it with headless Chromium into
# docs/report.png, for the README.
#
#   Tools/screenshot.sh                      # builds pyframe in release mode first
#   PYFRAME=.build/debug/pyframe Tools/screenshot.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
if [ -z "${PYFRAME:-}" ]; then
    swift build -c release --product pyframe >/dev/null
    PYFRAME="$(swift build -c release --show-bin-path)/pyframe"
fi
chromium="$(command -v chromium || command -v chromium-browser || true)"
[ -n "$chromium" ] || { echo "screenshot.sh: no chromium or chromium-browser on PATH" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$PYFRAME" record --force -o "$work/demo.lz4" -- python3 Tools/demo.py >/dev/null
"$PYFRAME" html "$work/demo.lz4" --title "pyframe: python3 Tools/demo.py" -o "$work/report.html"
mkdir -p docs
"$chromium" --headless=new --disable-gpu --no-sandbox --no-first-run --hide-scrollbars \
    --user-data-dir="$work/profile" --window-size=1400,1000 \
    --screenshot="$root/docs/report.png" "file://$work/report.html" 2>/dev/null
echo "wrote docs/report.png ($(stat -c %s docs/report.png) bytes)"
