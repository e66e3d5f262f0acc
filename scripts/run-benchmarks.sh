#!/usr/bin/env bash
# Builds the benchmarks in Release (preset "bench", build/bench) and runs them properly: the micro-benchmarks
# (Google Benchmark, 5 repetitions, medians and ratios), then the end-to-end inventory load against hookdesk-sim
# beside boto3 (7 timed loads per variant), then a larger inventory whose group listing takes three pages, then a
# 2000-group account fed through the window's item models (bench_fleet).
# Figures only; nothing is asserted. Extra arguments go to bench_core (e.g. --benchmark_filter=SigV4).
#
# `run-benchmarks.sh fleet [options]` runs the fleet benchmark of issue 15 instead (tests/bench/fleet_bench.py:
# hookdesk-cli, a plain boto3 script and the instrumented window against a 2000-group hookdesk-sim at 20 ms
# latency); options go to fleet_bench.py (--help lists them). It builds hookdesk, hookdesk-cli and hookdesk-sim in
# build/bench, or uses the ones in $HOOKDESK_BENCH_BIN when that is set (the ctest smoke run does).
#
# `run-benchmarks.sh connections [options]` times a full pending board over several connections against one
# connection with as many groups (issue 14; tests/bench/fleet_connections.py, 5 x 400 against 1 x 2000 groups at
# 20 ms latency by default). Its profiles' keys go to the keychain, so it runs in a private D-Bus session with an
# unlocked gnome-keyring.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

if [ "${1:-}" = connections ]; then
    shift
    bin=${HOOKDESK_BENCH_BIN:-}
    if [ -z "$bin" ]; then
        cmake --preset bench >/dev/null
        cmake --build build/bench --target hookdesk-cli hookdesk-sim
        bin=build/bench/app
    fi
    echo "== Machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); commit" \
        "$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    keyring_home=$(mktemp -d)
    trap 'rm -rf "$keyring_home"' EXIT
    # The keyring daemon keeps its files under XDG_DATA_HOME: a throw-away one, never the user's.
    XDG_DATA_HOME=$keyring_home dbus-run-session -- sh -c \
        'echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec python3 "$@"' \
        sh tests/bench/fleet_connections.py --sim "$bin/hookdesk-sim" --cli "$bin/hookdesk-cli" "$@"
    exit
fi

if [ "${1:-}" = fleet ]; then
    shift
    bin=${HOOKDESK_BENCH_BIN:-}
    if [ -z "$bin" ]; then
        cmake --preset bench >/dev/null
        cmake --build build/bench --target hookdesk hookdesk-cli hookdesk-sim
        bin=build/bench/app
    fi
    python=${HOOKDESK_PYTHON:-$(bash scripts/find-python.sh)}
    echo "== Machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)), $(uname -sr)," \
        "load average $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "== Commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown); Python for boto3: $python"
    exec "$python" tests/bench/fleet_bench.py --sim "$bin/hookdesk-sim" --cli "$bin/hookdesk-cli" \
        --gui "$bin/hookdesk" --python "$python" "$@"
fi

cmake --preset bench
cmake --build --preset bench

HOOKDESK_PYTHON=${HOOKDESK_PYTHON:-$(bash scripts/find-python.sh)}
export HOOKDESK_PYTHON QT_LOGGING_RULES='*.debug=false'
bin=build/bench/tests/bench

echo "== Machine: $(nproc) cores ($(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -n1)), $(uname -sr)"
echo "== Python for boto3: $HOOKDESK_PYTHON"
echo
echo "== bench_core (JSON: build/bench/bench_core.json)"
"$bin/bench_core" --benchmark_repetitions=5 --benchmark_report_aggregates_only=true \
    --benchmark_out=build/bench/bench_core.json --benchmark_out_format=json "$@"
echo
echo "== bench_inventory: 50 groups (one page of groups)"
"$bin/bench_inventory" --groups 50 --instances 20 --hooks 2 --waiting 0.2 --repeat 7
echo
echo "== bench_inventory: 250 groups (three pages of groups)"
"$bin/bench_inventory" --groups 250 --instances 20 --hooks 2 --waiting 0.2 --repeat 3
echo
echo "== bench_fleet: 2000 groups x 10 instances through the window's models, pages of 100, then as one answer"
"$bin/bench_fleet" --groups 2000 --instances 10
"$bin/bench_fleet" --groups 2000 --instances 10 --page 2000
