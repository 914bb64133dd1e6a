#!/usr/bin/env bash
# Fails when a file of the command's targets imports full Foundation: it
# loads ICU and ~20 libraries (about 8 ms on every `pyframe` run) and does
# not link into a self-contained binary. FoundationEssentials (or Glibc,
# Dispatch, Synchronization, the standard library) have what the command needs.
set -euo pipefail
cd "$(dirname "$0")/../.."
status=0
for target in PyFrameCLI PyFrameLauncher TraceAnalysis TraceRender PyBytecode TraceFormat; do
    while IFS= read -r file; do
        echo "check-imports: $file imports Foundation; use FoundationEssentials (see Tools/wheel/check-imports.sh)" >&2
        status=1
    done < <(grep -rlE '^\s*(@_exported\s+)?import\s+(struct\s+|class\s+|enum\s+|func\s+)?Foundation(Internationalization)?(\.|\s*$)' "Sources/$target" --include='*.swift' || true)
done
exit $status
