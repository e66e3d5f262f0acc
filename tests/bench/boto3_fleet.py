#!/usr/bin/env python3
"""The plain boto3 script of issue 15, for fleet_bench.py to compare hookdesk against.

What the simplest script that lists waiting instances does:
  1. DescribeAutoScalingGroups, MaxRecords=100, every page (NextToken) in turn;
  2. for every group with an instance in a pending lifecycle state (*:Wait, *:Proceed, Terminating:Retained):
     DescribeLifecycleHooks(AutoScalingGroupName), one after another.
It loads three times in one process, as the cases of the benchmark: the first load (a fresh client: connections
and the service model are loaded on the way), a steady refresh with nothing changed, and a refresh after the
groups named by --change were changed (SetDesiredCapacity + 1 each, then --settle seconds for the new instances
to reach Pending:Wait; these calls are not part of any load).

Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY. Prints one JSON object on stdout:
{"boto3": version, "loads": [{"case", "seconds", "cpu_seconds", "requests", "groups", "waiting_groups",
"waiting_instances", "start_epoch", "end_epoch"}, ...]} where "requests" counts HTTP attempts (retries included)
and "cpu_seconds" is this process's CPU time (all threads) during the load.
"""

import argparse
import json
import os
import sys
import time

import boto3
import botocore.config

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from boto3_inventory import RequestCounter, is_pending, list_groups, require_credentials  # noqa: E402


def load(client):
    groups = list_groups(client)
    waiting = {}
    for group in groups:
        count = sum(1 for i in group.get("Instances", []) if is_pending(i["LifecycleState"]))
        if count:
            waiting[group["AutoScalingGroupName"]] = count
    for name in waiting:
        client.describe_lifecycle_hooks(AutoScalingGroupName=name)
    return len(groups), len(waiting), sum(waiting.values())


def change_groups(client, names, desired=None):
    """One more instance in each group (a scale-out the next refresh must see). With `desired` known, only the
    SetDesiredCapacity calls are made (fleet_bench.py leaves those out of every count)."""
    for name in names:
        if desired is None:
            group = client.describe_auto_scaling_groups(AutoScalingGroupNames=[name])["AutoScalingGroups"][0]
            target = group["DesiredCapacity"] + 1
        else:
            target = desired
        client.set_desired_capacity(AutoScalingGroupName=name, DesiredCapacity=target)


def make_client(endpoint_url, region, credentials=None):
    """A client of `endpoint_url`; `credentials` (key id, secret) instead of the environment's when given."""
    keys = {}
    if credentials:
        keys = {"aws_access_key_id": credentials[0], "aws_secret_access_key": credentials[1]}
    session = boto3.session.Session(region_name=region, **keys)
    config = botocore.config.Config(max_pool_connections=16, retries={"mode": "standard"})
    return session.client("autoscaling", endpoint_url=endpoint_url, config=config)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--endpoint-url", required=True)
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--change", default="", help="comma-separated group names to change before the third load")
    parser.add_argument("--settle", type=float, default=3.0)
    args = parser.parse_args()

    require_credentials("boto3_fleet")

    begin = time.perf_counter()
    cpu_begin = time.process_time()
    client = make_client(args.endpoint_url, args.region)
    client_setup = {"seconds": time.perf_counter() - begin, "cpu_seconds": time.process_time() - cpu_begin}
    counter = RequestCounter()
    client.meta.events.register("before-send.auto-scaling", counter)

    loads = []
    for case in ("first", "steady", "changed"):
        if case == "changed" and args.change:
            change_groups(client, args.change.split(","))
            time.sleep(args.settle)
        before = counter.count
        start_epoch = time.time()
        begin = time.perf_counter()
        cpu_begin = time.process_time()
        groups, waiting_groups, waiting_instances = load(client)
        loads.append({"case": case, "seconds": time.perf_counter() - begin,
                      "cpu_seconds": time.process_time() - cpu_begin, "requests": counter.count - before,
                      "groups": groups, "waiting_groups": waiting_groups, "waiting_instances": waiting_instances,
                      "start_epoch": start_epoch, "end_epoch": time.time()})

    json.dump({"boto3": boto3.__version__, "client_setup": client_setup, "loads": loads}, sys.stdout)
    print()


if __name__ == "__main__":
    main()
