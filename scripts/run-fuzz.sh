#!/usr/bin/env bash
# Random fuzzing of the parsers that read outside input (aws/, the pasted notification, the simulator) with libFuzzer (design.md §6, tests/fuzz/). Not part of run-tests.sh: random
# inputs must not make CI flaky; CI replays the committed corpus instead (ctest -R fuzz_replay).
#
#   scripts/run-fuzz.sh [seconds-per-target] [target...]     targets: xmlreaders inifile sigv4 notification
#                                                            simhttp simquery (default: all)
#
# Builds the `fuzz` preset (clang, ASan + UBSan, build/fuzz), runs each fuzzer for the given time (default 60 s)
# over a copy of its committed corpus, and prints exec/s and coverage per target. New interesting inputs land in
# build/fuzz/corpus/<target>/ (copy the useful ones into tests/fuzz/corpus/<target>/). A crash or a broken
# invariant leaves its input in build/fuzz/artifacts/<target>/ and makes the script exit non-zero.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${1:-60}
shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(xmlreaders inifile sigv4 notification simhttp simquery credentialprocess)
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -lt 1 ]; then
    echo "usage: $0 [seconds-per-target] [xmlreaders|inifile|sigv4|notification|simhttp|simquery...]" >&2
    exit 2
fi

cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target "${targets[@]/#/fuzz_}"

build="$root/build/fuzz"
failed=()
summary=()
for target in "${targets[@]}"; do
    binary="$build/tests/fuzz/fuzz_$target"
    work="$build/corpus/$target"
    artifacts="$build/artifacts/$target"
    log="$build/fuzz_$target.log"
    mkdir -p "$work" "$artifacts"
    cp -n "$root/tests/fuzz/corpus/$target/"* "$work/" 2>/dev/null || true
    args=(-max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1
          -artifact_prefix="$artifacts/")
    [ -f "$root/tests/fuzz/dict/$target.dict" ] && args+=(-dict="$root/tests/fuzz/dict/$target.dict")

    echo "== fuzz_$target: ${seconds}s, corpus $(ls "$work" | wc -l) files, log $log"
    status=0
    "$binary" "${args[@]}" "$work" >"$log" 2>&1 || status=$?

    last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    execs=$(grep -E '^stat::average_exec_per_sec' "$log" | awk '{print $2}' || true)
    runs=$(grep -E '^stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    echo "   last status: ${last:-none}"
    echo "   executions: ${runs:-?}, exec/s: ${execs:-?}, corpus now $(ls "$work" | wc -l) files ($(du -sh --apparent-size "$work" | cut -f1))"
    if [ "$status" -ne 0 ]; then
        crasher=$(grep -oE "(Test unit written to|written to) [^ ]+" "$log" | tail -1 | awk '{print $NF}' || true)
        echo "   FAILED (exit $status): ${crasher:-see $log}"
        grep -E 'invariant broken|ERROR: (AddressSanitizer|libFuzzer)|runtime error|SUMMARY' "$log" | head -5 | sed 's/^/   /'
        failed+=("$target")
        summary+=("fuzz_$target: FAILED ${crasher:-}")
    else
        summary+=("fuzz_$target: ok, ${runs:-?} runs, ${execs:-?} exec/s, $(echo "$last" | grep -oE 'cov: [0-9]+' || echo 'cov: ?')")
    fi
done

echo
printf '%s\n' "${summary[@]}"
if [ ${#failed[@]} -gt 0 ]; then
    echo "Replay a crasher: $build/tests/fuzz/fuzz_<target> <file>; add it to tests/fuzz/corpus/<target>/ once fixed."
    exit 1
fi
