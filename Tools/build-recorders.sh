#!/usr/bin/env bash
# Builds the recorder extension once per CPython version and puts them where
# `pyframe record` looks: SCRATCH/CONFIG/recorders/_pyframe<EXT_SUFFIX>, e.g.
# .build/debug/recorders/_pyframe.cpython-312-x86_64-linux-gnu.so. The traced
# interpreter's own import suffix picks the one built against its headers.
#
#   Tools/build-recorders.sh [-c debug|release] [--scratch-path .build]
#
# Versions come from the list Tools/pythons.sh writes ($PYFRAME_PYTHONS, else
# ~/.cache/pyframe/pythons/pythons.tsv); without a list, python3 alone. The
# default build (Debian's python3 headers through pkg-config) serves 3.11; each
# other version is built in a scratch folder of its own, .build-py3.X.
set -euo pipefail
cd "$(dirname "$0")/.."
config=debug
scratch=.build
while [ $# -gt 0 ]; do
    case "$1" in
        -c|--configuration) config=$2; shift 2 ;;
        --scratch-path) scratch=$2; shift 2 ;;
        *) echo "build-recorders: unknown argument $1" >&2; exit 2 ;;
    esac
done
list=${PYFRAME_PYTHONS:-$HOME/.cache/pyframe/pythons/pythons.tsv}
out="$scratch/$config/recorders"

swift build -c "$config" --scratch-path "$scratch" --product PyFrameRecorder >/dev/null
mkdir -p "$out"
rm -f "$out"/_pyframe.*.so

suffix_of() { "$1" -c 'import importlib.machinery as m; print(m.EXTENSION_SUFFIXES[0])'; }

default_version=$(python3 -c 'import sys; print("%d.%d" % sys.version_info[:2])')
built=()
install_default() {
    cp "$scratch/$config/libPyFrameRecorder.so" "$out/_pyframe$(suffix_of python3)"
    built+=("$default_version")
}

if [ ! -f "$list" ]; then
    install_default
else
    while IFS=$'\t' read -r version status python includes note; do
        case "$version" in ''|\#*) continue ;; esac
        [ "$status" = ok ] || continue
        if [ "$version" = "$default_version" ]; then
            install_default
            continue
        fi
        dir=".build-py$version"
        PYFRAME_PYTHON_INCLUDE="$includes" swift build -c "$config" --scratch-path "$dir" \
            --product PyFrameRecorder >/dev/null
        cp "$dir/$config/libPyFrameRecorder.so" "$out/_pyframe$(suffix_of "$python")"
        built+=("$version")
    done < "$list"
fi
echo "recorders for CPython ${built[*]} in $out"
