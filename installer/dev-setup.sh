#!/usr/bin/env bash
# Set up a development/demo install from a source checkout: system libraries Qt needs (Debian/Ubuntu, when run
# as root), a virtual environment in .venv, and WingDesk with its test tools and the HQ server extra. Safe to run
# again.
set -euo pipefail
cd "$(dirname "$0")/.."

if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    need=()
    # nginx: HQ's recommended TLS reverse proxy; the HQ load tests start their own on loopback
    # chromium: the HQ console's browser tests drive Debian's build with Playwright (never a browser download)
    # age: the handover tests open a sealed handover with Debian's age tool, as an agency would
    for pkg in libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0 \
               libxcb-cursor0 fonts-dejavu-core poppler-utils libfuse3-3 fuse3 nginx chromium age "$@"; do
        dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg")
    done
    if [ "${#need[@]}" -gt 0 ]; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
    fi
fi

PYTHON="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PYTHON" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# constraints.txt pins every dependency to the versions CI and installer/build.py use (README: how to refresh it)
.venv/bin/python -m pip install -q -c constraints.txt -e ".[test,postgres,hq]"
.venv/bin/python installer/i18n.py compile >/dev/null  # .mo files are build products, never committed
echo "WingDesk installed in .venv"
