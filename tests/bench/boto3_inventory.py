#!/usr/bin/env python3
"""The inventory load InventoryStore::refresh() performs, done with boto3, for bench_inventory to compare against.

The same calls, with the same paging as Hookdesk's first load (InventoryStore::RefreshKind::Full):
  1. DescribeAutoScalingGroups, MaxRecords=100, every page (NextToken) in turn;
  2. the account-wide activity feed: DescribeScalingActivities without a group name, StartTimeLowerBound 48 hours
     ago, MaxRecords=100, at most 10 pages;
  3. for every group with an instance in a pending lifecycle state (*:Wait, *:Proceed, Terminating:Retained):
     DescribeLifecycleHooks(AutoScalingGroupName).
With --concurrency 1 the calls run one after another; with N the hooks run on N threads sharing one client
(botocore clients are thread-safe), as InventoryStore keeps at most N calls in flight. (Hookdesk also overlaps the
pages with the feed and with the hooks of groups already read; this script keeps the plain order.)

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (never on the command line). Prints one JSON
object on stdout: {"client_seconds": …, "runs": [{"concurrency": c, "seconds": [...], "requests": n,
"groups": g, "details": d, "cpu_seconds": [...]}, …]} where "requests" counts HTTP attempts (retries included)
of one load and "cpu_seconds" is this process's CPU time (all threads) during each load.
"""

import argparse
import datetime
import json
import os
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import boto3
import botocore.config


def is_pending(state):
    return state.endswith(":Wait") or state.endswith(":Proceed") or state == "Terminating:Retained"


class RequestCounter:
    def __init__(self):
        self.lock = threading.Lock()
        self.count = 0

    def __call__(self, **kwargs):
        with self.lock:
            self.count += 1


def list_groups(client):
    """Every group, DescribeAutoScalingGroups with MaxRecords=100, one page after another."""
    groups = []
    token = None
    while True:
        kwargs = {"MaxRecords": 100}
        if token:
            kwargs["NextToken"] = token
        page = client.describe_auto_scaling_groups(**kwargs)
        groups.extend(page["AutoScalingGroups"])
        token = page.get("NextToken")
        if not token:
            return groups


def load_inventory(client, concurrency, activity_page_size):
    groups = list_groups(client)

    pending = [g["AutoScalingGroupName"] for g in groups
               if any(is_pending(i["LifecycleState"]) for i in g.get("Instances", []))]

    lower = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=48)
    token = None
    for _ in range(10):
        kwargs = {"MaxRecords": activity_page_size,
                  "Filters": [{"Name": "StartTimeLowerBound", "Values": [lower.strftime("%Y-%m-%dT%H:%M:%SZ")]}]}
        if token:
            kwargs["NextToken"] = token
        token = client.describe_scaling_activities(**kwargs).get("NextToken")
        if not token:
            break

    def hooks(name):
        return client.describe_lifecycle_hooks(AutoScalingGroupName=name)["LifecycleHooks"]

    calls = [(hooks, name) for name in pending]
    if concurrency <= 1:
        for f, name in calls:
            f(name)
    else:
        with ThreadPoolExecutor(max_workers=concurrency) as pool:
            for future in [pool.submit(f, name) for f, name in calls]:
                future.result()
    return len(groups), len(pending)


def require_credentials(program):
    """Exits unless the keys are in the environment (never on the command line)."""
    for variable in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        if not os.environ.get(variable):
            sys.exit(f"{program}: {variable} is not set")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--concurrency", default="1", help="comma-separated, e.g. 1,4")
    parser.add_argument("--activity-page-size", type=int, default=100)
    args = parser.parse_args()

    require_credentials("boto3_inventory")

    started = time.perf_counter()
    session = boto3.session.Session(region_name=args.region)
    config = botocore.config.Config(max_pool_connections=16, retries={"mode": "standard"})
    client = session.client("autoscaling", endpoint_url=args.endpoint_url, config=config)
    client_seconds = time.perf_counter() - started
    counter = RequestCounter()
    client.meta.events.register("before-send.auto-scaling", counter)

    runs = []
    for concurrency in [int(c) for c in args.concurrency.split(",")]:
        load_inventory(client, concurrency, args.activity_page_size)  # warm-up: connections, lazy loading
        seconds, cpu_seconds = [], []
        requests = groups = details = 0
        for _ in range(args.repeat):
            before = counter.count
            begin = time.perf_counter()
            cpu_begin = time.process_time()
            groups, details = load_inventory(client, concurrency, args.activity_page_size)
            seconds.append(time.perf_counter() - begin)
            cpu_seconds.append(time.process_time() - cpu_begin)
            requests = counter.count - before
        runs.append({"concurrency": concurrency, "seconds": seconds, "cpu_seconds": cpu_seconds, "requests": requests, "groups": groups,
                     "details": details})

    json.dump({"client_seconds": client_seconds, "boto3": boto3.__version__, "runs": runs}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
