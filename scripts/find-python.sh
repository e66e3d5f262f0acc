#!/usr/bin/env bash
# Prints a Python interpreter that can import moto's server and boto3, installing moto[server] with pip into
# a project venv when no interpreter on the machine has it. The peer tests need moto; they are never skipped.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)

candidates=()
[ -n "${HOOKDESK_PYTHON:-}" ] && candidates+=("$HOOKDESK_PYTHON")
candidates+=("$HOME/.pyenv/versions/3.11.7/bin/python3")
command -v python3 >/dev/null && candidates+=("$(command -v python3)")
candidates+=("$root/build/venv/bin/python3")

for py in "${candidates[@]}"; do
    if [ -x "$py" ] && "$py" -c 'import moto.server, boto3' >/dev/null 2>&1; then
        echo "$py"
        exit 0
    fi
done

echo "No Python with moto found; installing moto[server] and boto3 into build/venv" >&2
python3 -m venv "$root/build/venv" >&2
"$root/build/venv/bin/pip" install --quiet 'moto[server]>=5,<6' boto3 awscli >&2
echo "$root/build/venv/bin/python3"
