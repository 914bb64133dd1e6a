#!/usr/bin/env bash
# Provides CPython 3.11, 3.12, 3.13, 3.14 and 3.15, each with the headers
# pyframe builds its recorder against, for the tests and builds; writes the
# list of them to $CACHE/pythons.tsv and prints the same lines on stdout:
#
#   VERSION<TAB>ok<TAB>/abs/python<TAB>/include/dir1:/include/dir2<TAB>NOTE
#   VERSION<TAB>missing<TAB>-<TAB>-<TAB>one-line reason
#
# one line per version, 3.11 to 3.15 in order. CACHE is
# ${PYFRAME_PYTHONS_DIR:-$HOME/.cache/pyframe/pythons}. Where they come from:
#   3.11        python3 (the system's or pyenv's), headers from its own include
#               folder, else Debian's libpython3-dev (installed if missing)
#   3.12, 3.13  pyenv's builds ($(pyenv root)/versions/3.1X.N, not free-threaded);
#               without a pyenv 3.13, CPython built from Debian trixie's
#               python3.13 source package into the cache (about 7 minutes, once)
#   3.14, 3.15  Debian sid's packages (or experimental's, if sid has none)
#               through a private apt configuration, unpacked into the cache with
#               the C library and everything else they need from sid, the
#               interpreter patched (patchelf) to use the unpacked loader and
#               libraries; nothing is installed into the system
# Messages for people go to stderr. Everything it fetched stays in the cache,
# keyed by version and package versions; a second run fetches nothing.
#
# Options:
#   --versions 3.12,3.14   provide only these (the others keep their line of the last run)
#   --check                also build and import a C extension that includes the
#                          internal frame headers, import ssl, sqlite3, ctypes, …,
#                          start a subprocess and make a venv with pip, for each;
#                          a version that fails is listed as missing (exit 1)
#   --refresh              look for newer Debian packages even if some are cached
#   --no-pyenv             do not use pyenv (3.13 is then built from source)
#   --quiet                no progress messages
# Environment: PYFRAME_PYTHONS_DIR (the cache), PYFRAME_PYTHONS_NO_PYENV=1 (as
# --no-pyenv), PYFRAME_DEBIAN_MIRROR (default http://deb.debian.org/debian).
set -euo pipefail

ALL_VERSIONS=(3.11 3.12 3.13 3.14 3.15)
CACHE=${PYFRAME_PYTHONS_DIR:-$HOME/.cache/pyframe/pythons}
SID_MIRROR=${PYFRAME_DEBIAN_MIRROR:-http://deb.debian.org/debian}
KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
TRIPLET=x86_64-linux-gnu

quiet=0 check=0 refresh=0 no_pyenv=${PYFRAME_PYTHONS_NO_PYENV:-0}
wanted=("${ALL_VERSIONS[@]}")
usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0; }
while [ $# -gt 0 ]; do
    case "$1" in
        --versions) [ $# -ge 2 ] || { echo "pythons.sh: --versions needs a list, e.g. 3.12,3.14" >&2; exit 2; }
                    IFS=, read -r -a wanted <<<"$2"; shift ;;
        --versions=*) IFS=, read -r -a wanted <<<"${1#*=}" ;;
        --check) check=1 ;;
        --refresh) refresh=1 ;;
        --no-pyenv) no_pyenv=1 ;;
        --quiet|-q) quiet=1 ;;
        -h|--help) usage ;;
        *) echo "pythons.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
for v in "${wanted[@]}"; do
    case " ${ALL_VERSIONS[*]} " in *" $v "*) ;; *) echo "pythons.sh: $v is not one of ${ALL_VERSIONS[*]}" >&2; exit 2 ;; esac
done

say() { [ "$quiet" = 1 ] || echo "pythons: $*" >&2; }
as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

mkdir -p "$CACHE"
CACHE=$(cd "$CACHE" && pwd -P)
exec 9>"$CACHE/.lock"
flock 9   # one run at a time per cache

# Installs Debian packages of this system's own release, if missing.
system_packages() {
    local missing=() p
    for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
    [ ${#missing[@]} -eq 0 ] && return 0
    say "installing ${missing[*]} (apt)"
    if ! DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1; then
        as_root apt-get update -qq >/dev/null 2>&1 || true
        DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || return 1
    fi
}

# --- the private apt configuration (sid, experimental, trixie's sources) ----
APT_DIR=$CACHE/apt
apt_ready=""   # "", "ok" or the reason it is not
apt_sources="" # "" or "src" when trixie's source packages are listed too
# Reads Debian's package lists once per run (with trixie's sources if $1 is src).
private_apt() {
    local want=${1:-}
    if [ -n "$apt_ready" ] && { [ "$apt_ready" != ok ] || [ -z "$want" ] || [ "$apt_sources" = src ]; }; then
        [ "$apt_ready" = ok ]; return
    fi
    if [ "$(dpkg --print-architecture 2>/dev/null)" != amd64 ]; then
        apt_ready="only amd64 (x86_64) machines are supported for Debian's packages"; return 1
    fi
    if [ ! -r "$KEYRING" ]; then
        system_packages debian-archive-keyring || { apt_ready="no $KEYRING (debian-archive-keyring)"; return 1; }
    fi
    mkdir -p "$APT_DIR/etc/apt.conf.d" "$APT_DIR/etc/preferences.d" "$APT_DIR/etc/sources.list.d" \
             "$APT_DIR/state/lists/partial" "$APT_DIR/cache/archives/partial" "$APT_DIR/debs" "$APT_DIR/src"
    touch "$APT_DIR/state/status"
    cat >"$APT_DIR/etc/sources.list" <<EOF
deb [signed-by=$KEYRING] $SID_MIRROR sid main
deb [signed-by=$KEYRING] $SID_MIRROR experimental main
EOF
    [ "$want" = src ] && echo "deb-src [signed-by=$KEYRING] $SID_MIRROR trixie main" >>"$APT_DIR/etc/sources.list"
    apt_sources=$want
    # Read before /etc/apt/apt.conf.d, which it replaces with an empty folder.
    cat >"$APT_DIR/apt.conf" <<EOF
Dir::Etc "$APT_DIR/etc";
Dir::Etc::SourceList "sources.list";
Dir::Etc::SourceParts "sources.list.d";
Dir::Etc::Parts "apt.conf.d";
Dir::Etc::Preferences "preferences";
Dir::Etc::PreferencesParts "preferences.d";
Dir::State "$APT_DIR/state";
Dir::State::status "$APT_DIR/state/status";
Dir::Cache "$APT_DIR/cache";
APT::Architecture "amd64";
APT::Architectures { "amd64"; };
APT::Install-Recommends "false";
APT::Sandbox::User "root";
Acquire::Languages "none";
// As in this system's own configuration: the archive reached may be a snapshot
// older than the clock. Signatures are still checked.
Acquire::Check-Valid-Until "false";
Acquire::Check-Date "false";
Debug::NoLocking "true";
EOF
    say "reading Debian's package lists (sid, experimental${want:+, trixie source packages})"
    if ! APT_CONFIG=$APT_DIR/apt.conf apt-get -qq --error-on=any update >"$APT_DIR/update.log" 2>&1; then
        apt_ready="cannot read Debian's package lists: $(grep -m1 -E '^(E|W|Err):' "$APT_DIR/update.log" | cut -c1-160 || true)"
        return 1
    fi
    apt_ready=ok
}
papt() { APT_CONFIG=$APT_DIR/apt.conf "$@"; }

# --- results ------------------------------------------------------------------
declare -A STATUS EXE INC NOTE
provide_ok() { STATUS[$1]=ok EXE[$1]=$2 INC[$1]=$3 NOTE[$1]=$4; }
declare -A CACHED   # versions taken from the cache as they were, not run yet
provide_cached() { provide_ok "$1" "$(cat "$2/.exe")" "$(cat "$2/.inc")" "$(cat "$2/.note")"; CACHED[$1]=1; }
provide_missing() { STATUS[$1]=missing EXE[$1]=- INC[$1]=- NOTE[$1]=$2; say "$1 missing: $2"; }

# Runs the interpreter $1 once. For a GIL-enabled CPython of version $2 it sets
# P_VER (X.Y.Z), P_EXE (sys.executable) and P_INC: the header folders a
# compiler needs for Python.h and internal/pycore_frame.h with it (its include
# folder, and for Debian's layout the multiarch pyconfig.h folder and the
# folder that one is named from); else it fails with the reason in P_WHY.
probe() {
    local out
    P_VER="" P_EXE="" P_INC="" P_WHY=""
    if ! out=$("$1" - "$2" 2>&1 <<'EOF'
import os, sys, sysconfig
v = "%d.%d" % sys.version_info[:2]
if v != sys.argv[1]: print("is %s, not %s" % (v, sys.argv[1])); sys.exit(1)
if sysconfig.get_config_var("Py_GIL_DISABLED"): print("is a free-threaded build"); sys.exit(1)
paths = sysconfig.get_paths()
dirs = []
for d in (paths["include"], paths["platinclude"]):
    if d not in dirs and os.path.isdir(d): dirs.append(d)
multiarch = sysconfig.get_config_var("MULTIARCH")
if multiarch:
    top = os.path.join(sys.base_prefix, "include")
    d = os.path.join(top, multiarch, "python" + v)
    if os.path.isfile(os.path.join(d, "pyconfig.h")):
        dirs.append(d)
        if top != "/usr/include": dirs.append(top)   # for <MULTIARCH/pythonX.Y/pyconfig.h>
print(sys.version.split()[0]); print(sys.executable); print(":".join(dirs))
EOF
    ); then
        P_WHY="$1 ${out##*$'\n'}"; return 1
    fi
    { read -r P_VER; read -r P_EXE; read -r P_INC; } <<<"$out"
}

has_frame_header() {
    local d IFS=:
    for d in $1; do [ -f "$d/internal/pycore_frame.h" ] && return 0; done
    return 1
}

# --- 3.11: python3 ------------------------------------------------------------
provide_311() {
    local exe="" ver inc reason="no python3 on PATH" cand
    for cand in python3 /usr/bin/python3.11; do
        command -v "$cand" >/dev/null 2>&1 || continue
        if probe "$cand" 3.11; then exe=$P_EXE ver=$P_VER inc=$P_INC; break; fi
        reason=$P_WHY
    done
    [ -n "$exe" ] || { provide_missing 3.11 "$reason"; return; }
    local from="python3 $ver"
    case $exe in "$(pyenv_root)"/versions/*) from="python3: pyenv $ver" ;; /usr/bin/*) from="python3: debian $ver" ;; esac
    [ "$cand" = python3 ] || from="debian $ver ($reason)"
    if has_frame_header "$inc"; then
        provide_ok 3.11 "$exe" "$inc" "$from"; return
    fi
    # Headers of Debian's python3.11 (libpython3-dev).
    if [ ! -f /usr/include/python3.11/internal/pycore_frame.h ]; then
        system_packages libpython3-dev || { provide_missing 3.11 "no headers for $exe and libpython3-dev could not be installed"; return; }
    fi
    local deb
    deb=$(dpkg-query -W -f='${Version}' libpython3.11-dev 2>/dev/null || echo "?")
    provide_ok 3.11 "$exe" "/usr/include/python3.11:/usr/include/$TRIPLET/python3.11" \
        "$from, headers of debian libpython3.11-dev $deb"
}

# --- 3.12, 3.13: pyenv ----------------------------------------------------------
PYENV_ROOT_DIR=""
pyenv_root() {
    if [ -z "$PYENV_ROOT_DIR" ]; then
        PYENV_ROOT_DIR=$( (command -v pyenv >/dev/null 2>&1 && pyenv root 2>/dev/null) || echo "${PYENV_ROOT:-$HOME/.pyenv}")
    fi
    echo "$PYENV_ROOT_DIR"
}

# Sets PYENV_WHY when it finds nothing usable.
provide_pyenv() {
    local v=$1 root dir exe
    pyenv_root >/dev/null; root=$PYENV_ROOT_DIR
    PYENV_WHY="no pyenv $v.N build in $root/versions"
    [ -d "$root/versions" ] || return 1
    # Newest patch release first; names like 3.13.0t (free-threaded) or 3.13-dev do not match.
    for dir in $(ls -1 "$root/versions" | grep -E "^${v//./\\.}\.[0-9]+$" | sort -t. -k3,3nr); do
        exe=$root/versions/$dir/bin/python$v
        [ -x "$exe" ] || continue
        probe "$exe" "$v" || { PYENV_WHY="pyenv $dir: $P_WHY"; continue; }
        has_frame_header "$P_INC" || { PYENV_WHY="pyenv $dir has no internal/pycore_frame.h"; continue; }
        provide_ok "$v" "$exe" "$P_INC" "pyenv $P_VER"
        return 0
    done
    return 1
}

# --- 3.13 from Debian trixie's source package ---------------------------------
SRC_BUILD_DEPS=(build-essential pkg-config libssl-dev libffi-dev zlib1g-dev libsqlite3-dev libbz2-dev
                liblzma-dev libreadline-dev libncurses-dev uuid-dev libgdbm-dev libexpat1-dev)
provide_source() {
    local v=$1 pkg=python$1 cur=$CACHE/source-$1 debver up prefix build orig
    if [ "$refresh" = 0 ] && [ -f "$cur/.ok" ] && [ -x "$(cat "$cur/.exe")" ]; then
        provide_cached "$v" "$cur"; return
    fi
    if ! private_apt src; then
        if [ -f "$cur/.ok" ] && [ -x "$(cat "$cur/.exe")" ]; then
            say "$v: keeping the cached build ($apt_ready)"
            provide_cached "$v" "$cur"; return
        fi
        provide_missing "$v" "$PYENV_WHY; and $apt_ready"; return
    fi
    debver=$(papt apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -V | tail -1 || true)
    [ -n "$debver" ] || { provide_missing "$v" "$PYENV_WHY; and Debian trixie has no $pkg source package"; return; }
    up=${debver%%-*}; up=${up#*:}
    prefix=$CACHE/source-$v-$debver
    if [ ! -f "$prefix/.ok" ]; then
        say "$v: building CPython $up from Debian trixie's $pkg $debver source (about 7 minutes, once)"
        system_packages "${SRC_BUILD_DEPS[@]}" || { provide_missing "$v" "cannot install the build dependencies (${SRC_BUILD_DEPS[*]})"; return; }
        rm -rf "$APT_DIR/src/$pkg" && mkdir -p "$APT_DIR/src/$pkg"
        if ! (cd "$APT_DIR/src/$pkg" && papt apt-get -qq source --download-only "$pkg=$debver" >/dev/null 2>&1); then
            provide_missing "$v" "cannot download Debian trixie's $pkg $debver source"; return
        fi
        orig=$(ls "$APT_DIR/src/$pkg"/*.orig.tar.* 2>/dev/null | grep -v '\.asc$' | head -1 || true)
        [ -n "$orig" ] || { provide_missing "$v" "Debian trixie's $pkg $debver source has no .orig tarball"; return; }
        build=$CACHE/build-$v
        rm -rf "$build" "$prefix" && mkdir -p "$build"
        tar -xf "$orig" -C "$build" --strip-components=1
        local log=$CACHE/build-$v.log
        if ! (cd "$build" && ./configure --prefix="$prefix" --with-ensurepip=install >"$log" 2>&1 &&
              make -j"$(nproc)" >>"$log" 2>&1 && make install >>"$log" 2>&1); then
            provide_missing "$v" "building CPython $up from source failed (log: $log)"; return
        fi
        rm -rf "$build" "$log" "$APT_DIR/src/$pkg"
        touch "$prefix/.ok"
    fi
    local exe=$prefix/bin/python$v inc
    probe "$exe" "$v" || { provide_missing "$v" "the source build: $P_WHY"; return; }
    inc=$P_INC
    has_frame_header "$inc" || { provide_missing "$v" "the source build has no internal/pycore_frame.h"; return; }
    mkdir -p "$cur"
    echo "$exe" >"$cur/.exe"; echo "$inc" >"$cur/.inc"
    echo "built from debian trixie $pkg $debver source" >"$cur/.note"
    touch "$cur/.ok"
    provide_ok "$v" "$exe" "$inc" "$(cat "$cur/.note")"
}

# --- 3.14, 3.15: Debian sid's packages, unpacked and patched ------------------
# Packages that the interpreter's closure names but that are not needed to run
# or build against it (compilers' headers, configuration of the system).
SID_SKIP='^(debconf|libc-dev-bin|linux-libc-dev|libc6-dev|libexpat1-dev|zlib1g-dev|ca-certificates|openssl|tzdata|readline-common|media-types|netbase)='

provide_sid() {
    local v=$1 pkg=python$1 cur=$CACHE/debian-$1
    # (.tests: the tree was fetched with CPython's regression tests, or
    # without them because Debian has none for it; older trees are fetched anew.)
    if [ "$refresh" = 0 ] && [ -f "$cur/.ok" ] && [ -f "$cur/.tests" ] && [ -x "$(cat "$cur/.exe")" ]; then
        provide_cached "$v" "$cur"; return
    fi
    if ! private_apt; then
        if [ -f "$cur/.ok" ] && [ -x "$(cat "$cur/.exe")" ]; then
            say "$v: keeping the cached packages ($apt_ready)"
            provide_cached "$v" "$cur"; return
        fi
        provide_missing "$v" "$apt_ready"; return
    fi
    local suite=sid release=() cand
    cand=$(papt apt-cache policy "$pkg" 2>/dev/null | sed -n 's/^ *Candidate: //p' || true)
    if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
        if papt apt-cache madison "$pkg" 2>/dev/null | grep -q experimental; then
            suite=experimental release=(-t experimental)
        else
            provide_missing "$v" "neither Debian sid nor experimental has $pkg"; return
        fi
    fi
    # Everything the interpreter needs, resolved against an empty system.
    local sim list debver key tree
    if ! sim=$(papt apt-get -s "${release[@]}" install "$pkg" "$pkg-dev" "$pkg-venv" "lib$pkg-dev" 2>&1); then
        provide_missing "$v" "Debian $suite's $pkg cannot be resolved: $(grep -m1 '^E:' <<<"$sim" | cut -c1-120 || true)"; return
    fi
    list=$(awk '/^Inst /{v=$3; gsub(/[()]/, "", v); print $2 "=" v}' <<<"$sim" | grep -Ev "$SID_SKIP" | sort || true)
    debver=$(grep "^$pkg=" <<<"$list" | cut -d= -f2 || true)
    [ -n "$debver" ] || { provide_missing "$v" "apt did not list Debian $suite's $pkg among what to fetch"; return; }
    # CPython's own regression tests (Tools/regrtest.py), which Debian packages
    # apart: unpacked too when this version has them.
    local tests="lib$pkg-testsuite=$debver"
    papt apt-cache show "$tests" >/dev/null 2>&1 && list+=$'\n'"$tests"
    key=$(sha256sum <<<"$list" | cut -c1-12)
    tree=$CACHE/debian-$v-$debver-$key
    if [ ! -f "$tree/.ok" ]; then
        say "$v: fetching Debian $suite's $pkg $debver and $(($(wc -l <<<"$list") - 1)) packages it needs"
        local debs=$APT_DIR/debs/$v
        rm -rf "$debs" && mkdir -p "$debs"
        # shellcheck disable=SC2086
        if ! (cd "$debs" && papt apt-get -qq download $list >"$debs.log" 2>&1); then
            provide_missing "$v" "cannot download Debian $suite's $pkg $debver (log: $debs.log)"; return
        fi
        rm -rf "$tree" "$tree.partial" && mkdir -p "$tree.partial"
        local deb
        for deb in "$debs"/*.deb; do dpkg -x "$deb" "$tree.partial"; done
        rm -rf "$debs" "$debs.log"
        if ! fix_tree "$tree.partial" "$tree" "$v"; then
            rm -rf "$tree.partial"; provide_missing "$v" "cannot patch Debian's $pkg to run here (patchelf failed)"; return
        fi
        mv "$tree.partial" "$tree"
        touch "$tree/.ok"
    fi
    local exe=$tree/usr/bin/python$v inc
    if ! probe "$exe" "$v"; then
        provide_missing "$v" "Debian $suite's $pkg $debver does not run here: ${P_WHY:0:160}"; return
    fi
    inc=$P_INC
    has_frame_header "$inc" || { provide_missing "$v" "Debian's lib$pkg-dev $debver has no internal/pycore_frame.h"; return; }
    mkdir -p "$cur"
    echo "$exe" >"$cur/.exe"; echo "$inc" >"$cur/.inc"; echo "debian $suite $debver" >"$cur/.note"
    touch "$cur/.ok" "$cur/.tests"
    # Older trees of this version are no longer listed.
    local old
    for old in "$CACHE/debian-$v"-*; do [ "$old" != "$tree" ] && [ -d "$old" ] && rm -rf "$old"; done
    provide_ok "$v" "$exe" "$inc" "debian $suite $debver"
}

# Makes the tree unpacked at $1 run from its final place $2: the interpreter
# uses the tree's own dynamic loader and, through its DT_RPATH (which, unlike
# RUNPATH, also serves the libraries that extension modules load), the tree's
# own libraries; ensurepip finds the tree's wheels; absolute symlinks point
# into the tree.
fix_tree() {
    local part=$1 final=$2 v=$3 ld libdirs="" d link target
    command -v patchelf >/dev/null 2>&1 || system_packages patchelf || return 1
    for d in usr/lib/$TRIPLET lib/$TRIPLET usr/lib lib; do
        [ -d "$part/$d" ] && libdirs+="${libdirs:+:}$final/$d"
    done
    for ld in usr/lib/$TRIPLET/ld-linux-x86-64.so.2 lib/$TRIPLET/ld-linux-x86-64.so.2 usr/lib64/ld-linux-x86-64.so.2 lib64/ld-linux-x86-64.so.2; do
        [ -e "$part/$ld" ] && break
    done
    [ -e "$part/$ld" ] || return 1
    patchelf --set-interpreter "$final/$ld" --force-rpath --set-rpath "$libdirs" "$part/usr/bin/python$v" || return 1
    sed -i "s|'WHEEL_PKG_DIR': '/usr/share/python-wheels/'|'WHEEL_PKG_DIR': '$final/usr/share/python-wheels/'|" \
        "$part"/usr/lib/python"$v"/_sysconfigdata_*.py
    while IFS= read -r link; do
        target=$(readlink "$link")
        ln -sfn "$final$target" "$link"
    done < <(find "$part" -type l -lname '/*')
    # Static libraries are of no use here.
    find "$part" -name "libpython$v*.a" -delete
}

# --- the C extension check ----------------------------------------------------
CHECK_C='#define Py_BUILD_CORE 1
#include <Python.h>
#include <internal/pycore_frame.h>
#if PY_VERSION_HEX >= 0x030E0000
#include <internal/pycore_interpframe.h>
#endif
static PyObject *frame_size(PyObject *self, PyObject *args) {
    return PyLong_FromSize_t(sizeof(_PyInterpreterFrame));
}
static PyMethodDef methods[] = {{"frame_size", frame_size, METH_NOARGS, NULL}, {NULL, NULL, 0, NULL}};
static struct PyModuleDef def = {PyModuleDef_HEAD_INIT, "pyframe_check", NULL, -1, methods};
PyMODINIT_FUNC PyInit_pyframe_check(void) { return PyModule_Create(&def); }'

CHECK_PY='import os, subprocess, sys, sysconfig
import ssl, sqlite3, ctypes, decimal, json, multiprocessing, asyncio, threading
import pyframe_check
assert os.path.realpath(os.__file__).startswith(os.path.realpath(sys.prefix) + os.sep), ("stdlib outside sys.prefix", os.__file__, sys.prefix)
out = subprocess.run([sys.executable, "-c", "import ssl, sys; print(sys.prefix)"], capture_output=True, text=True, check=True).stdout.strip()
assert out == sys.prefix, (out, sys.prefix)
print("frame %d bytes, %s" % (pyframe_check.frame_size(), ssl.OPENSSL_VERSION))'

# Checks the interpreter for version $1; prints a one-line result, fails if broken.
check_one() {
    local dir rc=0
    dir=$(mktemp -d "${TMPDIR:-/tmp}/pyframe-pythons-check.XXXXXX")
    check_in "$1" "$dir" || rc=$?
    rm -rf "$dir"
    return $rc
}
check_in() {
    local v=$1 dir=$2 exe=${EXE[$1]} inc=${INC[$1]} suffix flags=() d out
    suffix=$("$exe" -c 'import sysconfig; print(sysconfig.get_config_var("EXT_SUFFIX"))') || { echo "cannot run $exe"; return 1; }
    local IFS=:
    for d in $inc; do flags+=("-I$d"); done
    unset IFS
    printf '%s\n' "$CHECK_C" >"$dir/pyframe_check.c"
    if ! out=$(cc -shared -fPIC "${flags[@]}" "$dir/pyframe_check.c" -o "$dir/pyframe_check$suffix" 2>&1); then
        echo "the C extension does not compile: $(grep -m1 'error' <<<"$out" || true)"; return 1
    fi
    if ! out=$(cd "$dir" && PYTHONPATH=$dir "$exe" -c "$CHECK_PY" 2>&1); then
        echo "${out##*$'\n'}"; return 1
    fi
    local info=$out
    if ! out=$("$exe" -m venv "$dir/venv" 2>&1 && "$dir/venv/bin/python" -m pip --version 2>&1); then
        echo "venv with pip fails: ${out##*$'\n'}"; return 1
    fi
    echo "$info, venv with ${out%% from*}"
}

# --- main -----------------------------------------------------------------------
for v in "${ALL_VERSIONS[@]}"; do
    case " ${wanted[*]} " in
        *" $v "*) ;;
        *)  # Not asked for: the line of the last run stays.
            IFS=$'\t' read -r _ s e i n < <(grep -s "^$v"$'\t' "$CACHE/pythons.tsv" || printf '%s\t%s\t-\t-\t%s\n' "$v" missing "not provided yet: run Tools/pythons.sh")
            STATUS[$v]=$s EXE[$v]=$e INC[$v]=$i NOTE[$v]=$n
            continue ;;
    esac
    case $v in
        3.11) provide_311 ;;
        3.12) if [ "$no_pyenv" = 1 ]; then provide_missing 3.12 "pyenv not used (--no-pyenv), and there is no other source of 3.12"
              elif ! provide_pyenv 3.12; then provide_missing 3.12 "$PYENV_WHY"; fi ;;
        3.13) if [ "$no_pyenv" = 1 ]; then PYENV_WHY="pyenv not used (--no-pyenv)"; provide_source 3.13
              elif ! provide_pyenv 3.13; then provide_source 3.13; fi ;;
        3.14|3.15) provide_sid "$v" ;;
    esac
    # Cached interpreters still have to run.
    if [ -n "${CACHED[$v]:-}" ] && ! probe "${EXE[$v]}" "$v"; then
        provide_missing "$v" "${P_WHY:0:200} (remove $CACHE to fetch it again)"
    fi
done

status=0
if [ "$check" = 1 ]; then
    for v in "${wanted[@]}"; do
        [ "${STATUS[$v]}" = ok ] || continue
        if out=$(check_one "$v"); then
            say "$v check ok: $out"
        else
            echo "pythons: $v check failed: $out" >&2
            provide_missing "$v" "check failed: $out"
            status=1
        fi
    done
fi

# The package lists (about 200 MB) are read anew whenever something is fetched.
[ -n "$apt_ready" ] && rm -rf "$APT_DIR/state/lists" "$APT_DIR/cache"

tmp=$(mktemp "$CACHE/pythons.tsv.XXXXXX")
for v in "${ALL_VERSIONS[@]}"; do
    note=${NOTE[$v]//$'\t'/ }; note=${note//$'\n'/ }
    printf '%s\t%s\t%s\t%s\t%s\n' "$v" "${STATUS[$v]}" "${EXE[$v]}" "${INC[$v]}" "$note"
done >"$tmp"
mv "$tmp" "$CACHE/pythons.tsv"
cat "$CACHE/pythons.tsv"
say "list written to $CACHE/pythons.tsv"
exit "$status"
