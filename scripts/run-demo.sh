#!/usr/bin/env bash
# README command 1: install what is missing, build, and start Hookdesk in demo mode against the built-in
# simulator (no AWS account needed). Extra arguments go to hookdesk.
#
# It builds only the `hookdesk` target (the `demo` build preset), in the same build/ci tree that
# scripts/run-tests.sh (README command 2) builds in full: the window appears without waiting for the tests, the
# benchmarks and the fuzz targets, and running command 2 afterwards compiles none of this again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
cmake --preset ci
cmake --build --preset demo

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found; starting Hookdesk inside a virtual X server (xvfb-run)." >&2
    exec xvfb-run -a -s '-screen 0 1600x1000x24' build/ci/app/hookdesk --demo "$@"
fi
exec build/ci/app/hookdesk --demo "$@"
