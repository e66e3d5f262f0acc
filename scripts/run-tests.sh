#!/usr/bin/env bash
# README command 2: install what is missing, then
#   1. build everything with warnings as errors (ci preset) and run every test headless inside a private D-Bus
#      session with an unlocked gnome-keyring, so keychain tests hit a real Secret Service;
#   2. build the compiled tests (unit, simulator, cli, peer; not gui) again with AddressSanitizer +
#      UndefinedBehaviorSanitizer (asan preset) and run them the same way;
#   3. run clang-tidy with the checks in .clang-tidy on the changed files (scripts/run-clang-tidy.sh says which).
# Every stage runs even when an earlier test stage failed, so one run reports everything; the exit code is non-zero
# when any stage failed. Arguments go to the first ctest (e.g. -R tst_sigv4). HOOKDESK_ASAN=0 and HOOKDESK_TIDY=0
# skip stages 2 and 3.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

bash scripts/install-deps.sh
HOOKDESK_PYTHON=$(bash scripts/find-python.sh)
export HOOKDESK_PYTHON
echo "Python for moto/boto3: $HOOKDESK_PYTHON"

stage() { echo; echo "=== $* ($(date +%T))"; }

stage "1. ci preset: build"
cmake --preset ci
cmake --build --preset ci

asan_tests=()
if [ "${HOOKDESK_ASAN:-1}" != 0 ]; then
    stage "2. asan preset: build the tests"
    cmake --preset asan
    # The compiled tests, tst_* and the fuzz replays, but not: check_format, check_layers and translations_current
    # (they check files, not code, and ran in stage 1), the installer test (it installs the ci tree's package), the
    # benchmarks' smoke runs (speed under ASan means nothing) and the gui tests: a window closed while its refresh
    # is in flight leaves the unfinished jobs behind, which LeakSanitizer reports now and then (CONTRIBUTING.md).
    # Some tests run the three executables, so they are built too.
    mapfile -t asan_tests < <(ctest --preset asan -N -LE 'installer|bench|gui' \
        | sed -n 's/^ *Test *#[0-9]*: \(tst_.*\|fuzz_replay_.*\)$/\1/p')
    targets=(hookdesk hookdesk-cli hookdesk-sim)
    for test in "${asan_tests[@]}"; do targets+=("${test/#fuzz_replay_/fuzz_}"); done
    cmake --build --preset asan --target "${targets[@]}"
fi

# A throwaway home for the keyring and for anything a test writes, so runs never see each other's state.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/runtime"
chmod 700 "$scratch/runtime"

export XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" XDG_CACHE_HOME="$scratch/cache"
export XDG_RUNTIME_DIR="$scratch/runtime" QT_QPA_PLATFORM=offscreen
export HOOKDESK_REQUIRE_KEYRING=1

failed=()
stage "1. ci preset: every test"
dbus-run-session -- bash -c '
    echo -n hookdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    ctest --preset ci --output-on-failure -j2 "$@"
' ctest "$@" || failed+=("tests (ci preset)")

if [ ${#asan_tests[@]} -gt 0 ]; then
    stage "2. asan preset: ${#asan_tests[@]} tests under ASan + UBSan"
    dbus-run-session -- bash -c '
        echo -n hookdesk-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null
        ctest --preset asan -j2 -LE "installer|bench|gui" -R "^(tst_|fuzz_replay_)"
    ' || failed+=("tests under ASan + UBSan (asan preset)")
fi

if [ "${HOOKDESK_TIDY:-1}" != 0 ]; then
    stage "3. clang-tidy"
    bash scripts/run-clang-tidy.sh || failed+=("clang-tidy")
fi

stage "done"
if [ ${#failed[@]} -gt 0 ]; then
    printf 'FAILED: %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "All stages passed."
