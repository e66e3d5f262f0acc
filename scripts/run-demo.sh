#!/usr/bin/env bash
# README command 1: install what is missing, build, and start Hookdesk in demo mode against the built-in
# simulator (no AWS account needed). Extra arguments go to hookdesk.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
cmake --preset dev
cmake --build --preset dev

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
    echo "No display found; starting Hookdesk inside a virtual X server (xvfb-run)." >&2
    exec xvfb-run -a -s '-screen 0 1600x1000x24' build/dev/app/hookdesk --demo "$@"
fi
exec build/dev/app/hookdesk --demo "$@"
