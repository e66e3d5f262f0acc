#!/usr/bin/env bash
# clang-tidy, with the checks in .clang-tidy, on the C++ files that changed; any warning fails. Part of
# scripts/run-tests.sh (README command 2), after the ci build, whose compile_commands.json it reads.
#
#   scripts/run-clang-tidy.sh [BASE]     BASE: a commit; default $HOOKDESK_TIDY_BASE, else see below
#   scripts/run-clang-tidy.sh --all      every source (about 160 files: long; for a change to .clang-tidy)
#
# "Changed" means changed between BASE and the work tree (committed or not). CI passes the commit before the push
# (or a pull request's base) as HOOKDESK_TIDY_BASE: what the push brought. Without one, BASE is the newest release
# tag (v*), so a release branch is checked for everything it will ship; without a tag (a fresh clone of main today),
# it is the parent of the last commit on the first-parent line that changed C++ files: on main, the last merge or
# commit that touched code, all of it. So .ci/run always checks the newest code change and stays minutes long: the
# whole tree is 159 files at about 8 s of CPU each (clang-tidy parses Qt's headers for every one). A changed header
# is checked through the source file of the same name, which includes it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
build=${HOOKDESK_TIDY_BUILD:-build/ci}

if [ ! -f "$build/compile_commands.json" ]; then
    echo "run-clang-tidy: $build/compile_commands.json is missing; configure and build first (cmake --preset ci)" >&2
    exit 2
fi

mapfile -t sources < <(git ls-files '*.cpp' | grep -E '^(aws|simulator|models|ui|app|tests)/' \
    | grep -vE '^tests/(fuzz|bench)/')

if [ "${1:-}" = "--all" ]; then
    files=("${sources[@]}")
    what="every source"
else
    base=${1:-${HOOKDESK_TIDY_BASE:-}}
    # A push that creates a branch has no "before" (all zeros), and a force-push's may be gone: fall back.
    if [ -n "$base" ] && ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
        echo "clang-tidy: base $base is not in this clone; using the default" >&2
        base=""
    fi
    if [ -z "$base" ]; then
        base=$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)
    fi
    if [ -z "$base" ]; then
        last=$(git log --first-parent -1 --format=%H -- '*.cpp' '*.h')
        base=$(git rev-parse --verify --quiet "$last^1" || git hash-object -t tree /dev/null)
    fi
    what="changed since $(git rev-parse --short "$base" 2>/dev/null || echo "$base")"
    mapfile -t changed < <({ git diff --name-only "$base" -- '*.cpp' '*.h'; git ls-files --others --exclude-standard -- '*.cpp' '*.h'; } | sort -u)
    files=()
    for source in "${sources[@]}"; do
        stem=${source%.cpp}
        for file in "${changed[@]}"; do
            if [ "$file" = "$source" ] || [ "$file" = "$stem.h" ]; then
                files+=("$source")
                break
            fi
        done
    done
fi

if [ ${#files[@]} -eq 0 ]; then
    echo "clang-tidy: no C++ source $what."
    exit 0
fi

echo "clang-tidy on ${#files[@]} file(s), $what:"
printf '  %s\n' "${files[@]}"
# -Wno-error: the ci tree compiles with -Werror for gcc; clang's own compiler warnings are not what this checks.
# Each file on its own process, two at a time; any warning from the checks in .clang-tidy is an error.
printf '%s\0' "${files[@]}" | xargs -0 -n 1 -P "$(nproc)" \
    clang-tidy -p "$build" --quiet --warnings-as-errors='*' --extra-arg=-Wno-error --extra-arg=-Wno-unknown-warning-option
echo "clang-tidy: no warnings."
