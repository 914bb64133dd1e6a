#!/usr/bin/env bash
# Installs the Debian packages pyframe builds and tests with, if any is missing:
# liblz4-dev, libpython3-dev and zlib1g-dev (headers and pkg-config files for
# the system library targets; zlib gzips pprof exports), lz4 (the stock tool
# the tests decode traces with), chromium (the HTML reports are tested in a
# real browser), pkg-config, python3, and python3-venv and binutils (strip)
# for the wheels (Tools/build-wheels.sh).
set -euo pipefail
packages=(binutils chromium liblz4-dev libpython3-dev lz4 pkg-config python3 python3-venv zlib1g-dev)
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    echo "installing: ${missing[*]}"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi
