#!/bin/sh
# Install Debian's Chromium for the browser tests (tests/api/test_browser.py).
# Playwright's own browser download needs network access we do not assume; the
# distribution package is what the tests launch. Idempotent and quiet: prints
# apt's output only when something fails.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
    exit 0
fi

SUDO=
if [ "$(id -u)" -ne 0 ]; then
    SUDO=sudo
fi

LOG=$(mktemp)
trap 'rm -f "$LOG"' EXIT

run() {
    if ! "$@" >"$LOG" 2>&1; then
        cat "$LOG" >&2
        echo "install_chromium.sh: failed: $*" >&2
        exit 1
    fi
}

export DEBIAN_FRONTEND=noninteractive
run $SUDO apt-get update -q
run $SUDO apt-get install -y -q --no-install-recommends chromium

if [ ! -x "$CHROMIUM" ]; then
    echo "install_chromium.sh: $CHROMIUM is still missing after apt-get install" >&2
    exit 1
fi
