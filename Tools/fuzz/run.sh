#!/usr/bin/env bash
# Builds the trace-decoder fuzz target and runs it for N seconds (default 60),
# starting from the committed sample traces. Exits non-zero on any crash.
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-60}"
swift build -c release --scratch-path ../../.build-fuzz --product TraceFuzz \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address 2>&1 | tail -1
corpus="../../.build-fuzz/corpus"
mkdir -p "$corpus"
cp ../../Traces/samples/*.lz4 "$corpus/"
../../.build-fuzz/release/TraceFuzz -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 \
    -max_len=65536 -print_final_stats=1 "$corpus" 2>&1 | tail -15
