#!/usr/bin/env bash
# README command 2: install what is missing, build with warnings as errors, and run every test headless
# inside a private D-Bus session with an unlocked gnome-keyring, so keychain tests hit a real Secret Service.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
HOOKDESK_PYTHON=$(bash scripts/find-python.sh)
export HOOKDESK_PYTHON
echo "Python for moto/boto3: $HOOKDESK_PYTHON"

cmake --preset ci
cmake --build --preset ci

# A throwaway home for the keyring and for anything a test writes, so runs never see each other's state.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime" QT_QPA_PLATFORM=offscreen
export HOOKDESK_REQUIRE_KEYRING=1

dbus-run-session -- bash -c '
    set -e
    echo -n hookdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    ctest --preset ci --output-on-failure -j2 "$@"
' ctest "$@"
