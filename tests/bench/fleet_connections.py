#!/usr/bin/env python3
"""Several connections against one (issue 14): the time to a full pending board for N connections x G groups each,
against one connection x N*G groups, through `hookdesk-cli pending`.

Every connection is its own hookdesk-sim process (its own account ID, its own keys, the same --latency) reached
through its own saved profile, as an operator's accounts would be; the single connection is one simulator with all
the groups. The CLI loads the connections in parallel (one request gate per account and region), so the board
should take about as long as its largest connection, not the sum. Requests are counted from the simulators' own
logs. Figures only: nothing is asserted except that every run answered (exit 1 otherwise).

The profiles are written with `hookdesk-cli profile add` (keys on standard input), so their keys go to the keychain:
run it in a D-Bus session with an unlocked Secret Service, as `scripts/run-benchmarks.sh connections` does.
"""

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import fleet_sim  # noqa: E402


def account_sim(account, sim, scenario, latency, workdir):
    """A hookdesk-sim process of its own account (--account), with its own keys."""
    return fleet_sim.SimProcess(sim, scenario, latency, fleet_sim.random_credentials(), workdir,
                                extra_args=["--account", account])


def client_env(workdir):
    """A private home (settings, audit log) and no AWS_* of the caller's: only the saved profiles count."""
    env = dict(os.environ, AWS_CONFIG_FILE="/nonexistent", AWS_SHARED_CREDENTIALS_FILE="/nonexistent",
               QT_LOGGING_RULES="*.debug=false")
    for name in list(env):
        if name.startswith("AWS_") and name not in ("AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"):
            del env[name]
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = os.path.join(workdir, "home", name.lower())
        os.makedirs(env[name], exist_ok=True)
    return env


def add_profile(cli, env, name, sim):
    akid, secret = sim.credentials
    done = subprocess.run([cli, "profile", "add", name, "--region", "us-east-1", "--endpoint-url", sim.url],
                          input=f"{akid}\n{secret}\n\n", env=env, capture_output=True, text=True, timeout=60,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"profile add {name} failed ({done.returncode}): {done.stderr.strip()}")


def board_runs(args, env, profiles, sims):
    command = [args.cli, "--output", "json", "pending"]
    for profile in profiles:
        command += ["--profile", profile]
    runs = []
    for _ in range(args.repeat):
        start = time.time()
        done = subprocess.run(command, env=env, capture_output=True, timeout=args.timeout, check=False)
        end = time.time()
        requests = sum(len(sim.requests(start, end)) for sim in sims)
        try:
            document = json.loads(done.stdout)
            rows = len(document["pending"])
            errors = len(document.get("errors", []))
        except (ValueError, KeyError, TypeError):
            rows, errors = None, None
        runs.append({"seconds": end - start, "exit": done.returncode, "rows": rows, "errors": errors,
                     "requests": requests, "stderr": done.stderr.decode(errors="replace")[-300:]})
    return runs


def summary(label, runs):
    seconds = statistics.median(run["seconds"] for run in runs)
    requests = statistics.median(run["requests"] for run in runs)
    rows = runs[-1]["rows"]
    print(f"{label:<34} {seconds:8.2f} s {requests:10.0f} {rows if rows is not None else '-':>8}", flush=True)
    return seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sim", required=True, help="hookdesk-sim executable")
    parser.add_argument("--cli", required=True, help="hookdesk-cli executable")
    parser.add_argument("--connections", type=int, default=5)
    parser.add_argument("--groups", type=int, default=400, help="groups of each connection")
    parser.add_argument("--instances", type=int, default=10)
    parser.add_argument("--every", type=int, default=20, help="every N-th group has waiting instances")
    parser.add_argument("--latency", type=int, default=20, help="ms every simulator adds to every answer")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=int, default=300)
    args = parser.parse_args()

    workdir = tempfile.mkdtemp(prefix="hookdesk-connections-")
    failed = False
    try:
        env = client_env(workdir)
        each = os.path.join(workdir, "each.json")
        fleet_sim.write_scenario(each, args.groups, args.instances, args.every)
        whole = os.path.join(workdir, "whole.json")
        fleet_sim.write_scenario(whole, args.groups * args.connections, args.instances, args.every)
        print(f"== {args.connections} connections x {args.groups} groups against 1 connection x "
              f"{args.groups * args.connections} groups; {args.instances} instances a group, every {args.every}th "
              f"waiting, latency {args.latency} ms, median of {args.repeat}", flush=True)
        print(f"{'board':<34} {'time':>10} {'requests':>10} {'rows':>8}")

        sims = [account_sim(f"{100000000000 + i:012d}", args.sim, each, args.latency, workdir)
                for i in range(args.connections)]
        for sim in sims:
            sim.__enter__()
        try:
            profiles = [f"acct-{i + 1}" for i in range(args.connections)]
            for name, sim in zip(profiles, sims):
                add_profile(args.cli, env, name, sim)
            runs = board_runs(args, env, profiles, sims)
            failed |= any(run["exit"] != 0 for run in runs)
            many = summary(f"{args.connections} connections x {args.groups} groups", runs)
            one_of = board_runs(args, env, profiles[:1], sims[:1])
            failed |= any(run["exit"] != 0 for run in one_of)
            alone = summary(f"1 of them alone ({args.groups} groups)", one_of)
        finally:
            for sim in sims:
                sim.__exit__(None, None, None)

        with account_sim("999999999999", args.sim, whole, args.latency, workdir) as big:
            add_profile(args.cli, env, "whole", big)
            runs = board_runs(args, env, ["whole"], [big])
            failed |= any(run["exit"] != 0 for run in runs)
            single = summary(f"1 connection x {args.groups * args.connections} groups", runs)

        print(f"ratio: {args.connections} connections / 1 connection with as many groups = {many / single:.2f}; "
              f"{args.connections} connections / 1 of them alone = {many / alone:.2f}", flush=True)
        if failed:
            print("a run failed:", file=sys.stderr)
        return 1 if failed else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
