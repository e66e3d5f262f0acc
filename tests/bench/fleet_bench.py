#!/usr/bin/env python3
"""The fleet benchmark of issue 15 (item 6), end to end: `scripts/run-benchmarks.sh fleet` runs it.

A hookdesk-sim fleet (default 2000 groups x 10 instances, every 20th group with 1-3 instances in Pending:Wait,
2 hooks each) answering after --latency ms, and three clients against it:
  * hookdesk-cli --output json pending: the first load (a fresh process, --repeat times); then, when the CLI has
    `pending --watch SECONDS`, one long-running process for the steady refreshes: nothing changed, then --changed
    groups changed (one more instance each) between two refreshes;
  * tests/bench/boto3_fleet.py, the plain boto3 script: the same three cases in one process (--repeat processes);
  * the window (hookdesk with HOOKDESK_INSTRUMENT, ui/windowinstrument.h says what it measures), offscreen or
    under xvfb-run.
Requests and the chain of dependent round trips come from the simulator's request log (fleet_sim.py); client CPU
from the kernel (RUSAGE_CHILDREN for a process that exited, /proc for one still running, getrusage in the window and in
the boto3 script). Every client starts on a fresh simulator, so each sees the same fleet. Figures only; nothing is
asserted except that every figure was measured (the exit code is 1 when one is missing, for the smoke test).
"""

import argparse
import json
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import fleet_report  # noqa: E402
import fleet_sim  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def client_env(args, sim, workdir):
    """AWS_* for the simulator, and a private home so the clients' settings and audit logs stay out of the user's."""
    akid, secret = sim.credentials
    env = dict(os.environ, AWS_ACCESS_KEY_ID=akid, AWS_SECRET_ACCESS_KEY=secret, AWS_REGION="us-east-1",
               AWS_DEFAULT_REGION="us-east-1", AWS_ENDPOINT_URL=sim.url, AWS_CONFIG_FILE="/nonexistent",
               AWS_SHARED_CREDENTIALS_FILE="/nonexistent", QT_LOGGING_RULES="*.debug=false")
    for name in ("AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_CA_BUNDLE"):
        env.pop(name, None)
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = os.path.join(workdir, "home", name.lower())
        os.makedirs(env[name], exist_ok=True)
    return env


def request_figures(sim, start, end, latency):
    requests = sim.requests(start, end)
    return {"requests": len(requests), "depth": fleet_sim.chain_depth(requests, latency),
            "first_request_epoch": requests[0][0] if requests else None}


def children_cpu_seconds():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def cli_first_loads(args, sim, env):
    runs = []
    for _ in range(args.repeat):
        # The CLI is the only child reaped in between: the growth of RUSAGE_CHILDREN is its CPU.
        cpu_before = children_cpu_seconds()
        start = time.time()
        done = subprocess.run([args.cli, "--output", "json", "pending"], env=env, capture_output=True,
                              timeout=args.timeout, check=False)
        end = time.time()
        run = {"seconds": end - start, "cpu_seconds": children_cpu_seconds() - cpu_before, "exit": done.returncode,
               "stderr": done.stderr.decode(errors="replace")[-500:]}
        run.update(request_figures(sim, start, end, args.latency))
        try:
            document = json.loads(done.stdout)
            run["pending_rows"] = len(document["pending"])
        except (ValueError, KeyError, TypeError):
            run["pending_rows"] = None
        runs.append(run)
    return runs


def proc_cpu_seconds(pid):
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def cli_has_watch(args, env):
    result = subprocess.run([args.cli, "help", "pending"], env=env, capture_output=True, text=True, timeout=30)
    return "--watch" in result.stdout + result.stderr


def cli_watch(args, sim, env, change):
    """Steady refreshes of one `pending --watch` process: [nothing changed, `change` groups changed]."""
    stderr_path = os.path.join(args.workdir, "watch.stderr")
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen([args.cli, "--output", "json", "pending", "--watch", str(args.watch)], env=env,
                                   stdout=subprocess.PIPE, stderr=stderr, text=True)
    lines = []  # (epoch, cpu seconds of the process then)

    def read():
        for _ in process.stdout:
            lines.append((time.time(), proc_cpu_seconds(process.pid)))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    cases = []
    deadline = time.time() + args.timeout + 3 * args.watch
    try:
        while len(lines) < 3 and time.time() < deadline and process.poll() is None:
            if len(lines) == 2 and not cases:
                cases.append("changed")
                change()
            time.sleep(0.01)
    finally:
        process.terminate()
        process.wait(timeout=10)
    results = {}
    for index, case in ((1, "steady"), (2, "changed")):
        if index >= len(lines):
            continue
        (start, cpu_start), (end, cpu_end) = lines[index - 1], lines[index]
        figures = request_figures(sim, start, end, args.latency)
        first = figures.pop("first_request_epoch")
        # From the refresh's first request to its document (the refresh starts a moment before its first request).
        figures["seconds"] = end - first if first else None
        figures["cpu_seconds"] = cpu_end - cpu_start  # includes the wait between the refreshes
        results[case] = figures
    if len(lines) < 3:
        with open(stderr_path, encoding="utf-8", errors="replace") as stderr:
            results["stderr"] = stderr.read()[-2000:]
        print(f"hookdesk-cli pending --watch printed {len(lines)} of 3 documents (exit {process.returncode}):\n"
              + results["stderr"], flush=True)
    return results


def boto3_runs(args, sim_factory, python, change_names):
    runs = []
    for _ in range(args.repeat):
        with sim_factory() as sim:
            env = client_env(args, sim, args.workdir)
            out = subprocess.run([python, os.path.join(HERE, "boto3_fleet.py"), "--endpoint-url", sim.url,
                                  "--change", ",".join(change_names), "--settle", str(args.settle)],
                                 env=env, capture_output=True, text=True, timeout=args.timeout * 4, check=True)
            result = json.loads(out.stdout)
            for load in result["loads"]:
                load.update(request_figures(sim, load["start_epoch"], load["end_epoch"], args.latency))
            runs.append(result)
    return runs


def gui_run(args, sim):
    env = client_env(args, sim, args.workdir)
    path = os.path.join(args.workdir, "instrument.jsonl")
    if os.path.exists(path):
        os.remove(path)
    env.update(HOOKDESK_INSTRUMENT=path, HOOKDESK_INSTRUMENT_IDLE_SECONDS=str(args.idle))
    command = [args.gui]
    if args.xvfb and shutil.which("xvfb-run"):
        command = ["xvfb-run", "-a"] + command
        env.pop("QT_QPA_PLATFORM", None)
    else:
        env["QT_QPA_PLATFORM"] = "offscreen"
    start = time.time()
    stderr_path = os.path.join(args.workdir, "window.stderr")
    with open(stderr_path, "wb") as stderr:
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=stderr,
                                   start_new_session=True)
    events = {}
    deadline = start + args.timeout + args.idle + 30
    try:
        while "summary" not in events and time.time() < deadline and process.poll() is None:
            time.sleep(0.2)
            if os.path.exists(path):
                with open(path, encoding="utf-8") as lines:
                    for line in lines:
                        event = json.loads(line)
                        events.setdefault(event["event"], event)
    finally:
        # SIGTERM to the group: xvfb-run's X server goes too; the window quits cleanly on it.
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    figures = {"since_spawn": {}}
    for name, event in events.items():
        figures["since_spawn"][name] = event["epoch_ms"] / 1000.0 - start
    figures["events"] = events
    if "load_complete" in events:
        figures.update(request_figures(sim, start, events["load_complete"]["epoch_ms"] / 1000.0, args.latency))
    if "summary" not in events:
        with open(stderr_path, encoding="utf-8", errors="replace") as stderr:
            figures["stderr"] = stderr.read()[-2000:]
    return figures


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sim", required=True, help="hookdesk-sim executable")
    parser.add_argument("--cli", required=True, help="hookdesk-cli executable")
    parser.add_argument("--gui", help="hookdesk executable (no window figures without it)")
    parser.add_argument("--python", default=sys.executable, help="Python with boto3 for boto3_fleet.py")
    parser.add_argument("--groups", type=int, default=2000)
    parser.add_argument("--instances", type=int, default=10)
    parser.add_argument("--every", type=int, default=20, help="every N-th group has waiting instances")
    parser.add_argument("--latency", type=int, default=20, help="ms the simulator adds to every answer")
    parser.add_argument("--changed", type=int, default=5, help="groups changed before the third refresh")
    parser.add_argument("--repeat", type=int, default=3, help="first loads of the CLI, boto3 processes")
    parser.add_argument("--watch", type=int, default=10, help="seconds between the CLI's --watch refreshes")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds after changing groups (Pending:Wait)")
    parser.add_argument("--idle", type=int, default=30, help="seconds the window's idle CPU is measured")
    parser.add_argument("--timeout", type=int, default=120, help="seconds one load may take")
    parser.add_argument("--xvfb", action="store_true", help="run the window under xvfb-run (default: offscreen)")
    parser.add_argument("--json", help="write every figure to this file too")
    args = parser.parse_args()

    args.workdir = tempfile.mkdtemp(prefix="hookdesk-fleet-")
    try:
        scenario = os.path.join(args.workdir, "fleet.json")
        fleet_sim.write_scenario(scenario, args.groups, args.instances, args.every)
        credentials = fleet_sim.random_credentials()

        def sim_factory():
            return fleet_sim.SimProcess(args.sim, scenario, args.latency, credentials, args.workdir)

        change_names = fleet_sim.groups_to_change(args.groups, args.every, args.changed)
        results = {"config": {k: v for k, v in vars(args).items() if k != "workdir"}, "changed_groups": change_names}

        print(f"== fleet: {args.groups} groups x {args.instances} instances, every {args.every}th waiting, "
              f"latency {args.latency} ms; changing {', '.join(change_names)}", flush=True)
        with sim_factory() as sim:
            env = client_env(args, sim, args.workdir)
            results["cli_first"] = cli_first_loads(args, sim, env)
            results["cli_watch_available"] = cli_has_watch(args, env)
            if results["cli_watch_available"]:
                import boto3_fleet  # noqa: E402  (boto3 only where it is needed)
                client = boto3_fleet.make_client(sim.url, "us-east-1", credentials)

                def change():
                    boto3_fleet.change_groups(client, change_names, desired=args.instances + 1)
                    time.sleep(args.settle)

                results["cli_watch"] = cli_watch(args, sim, env, change)
        results["boto3"] = boto3_runs(args, sim_factory, args.python, change_names)
        if args.gui:
            with sim_factory() as sim:
                results["gui"] = gui_run(args, sim)
        if args.json:
            with open(args.json, "w", encoding="utf-8") as out:
                json.dump(results, out, indent=1)
        missing = fleet_report.print_report(results, args)
        return 1 if missing else 0
    finally:
        shutil.rmtree(args.workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
