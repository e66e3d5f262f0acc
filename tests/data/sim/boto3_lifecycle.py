#!/usr/bin/env python3
"""Drives a running hookdesk-sim with boto3, the way an operator's script would, and checks every answer.

Usage: boto3_lifecycle.py ENDPOINT_URL ACCESS_KEY_ID SECRET_ACCESS_KEY
Exit 0 when every check passes; otherwise prints the first failure and exits 1. Run by tests/tst_sim_awsclients.cpp.
The simulator must run with a fast clock (e.g. --time-scale 20) so Pending/Proceed phases pass quickly.
"""
import sys
import time

import boto3
import botocore.config
from botocore.exceptions import ClientError

endpoint, key_id, secret = sys.argv[1:4]
config = botocore.config.Config(retries={"max_attempts": 1, "mode": "standard"})
session = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret, region_name="us-east-1")
asg = session.client("autoscaling", endpoint_url=endpoint, config=config)
sts = session.client("sts", endpoint_url=endpoint, config=config)
GROUP = "boto-web"


def check(condition, message):
    if not condition:
        print("FAIL: " + message)
        sys.exit(1)


def expect_error(code, call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as error:
        got = error.response["Error"]["Code"]
        check(got == code, "expected %s, got %s: %s" % (code, got, error.response["Error"].get("Message")))
        return error
    check(False, "expected %s, call succeeded" % code)


def states(group):
    groups = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"]
    check(len(groups) == 1, "group %s listed once" % group)
    return {i["InstanceId"]: i["LifecycleState"] for i in groups[0]["Instances"]}


def wait_for(predicate, what, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.2)
    check(False, "timed out waiting for " + what)


identity = sts.get_caller_identity()
check(identity["Account"] == "123456789012", "GetCallerIdentity account")

asg.create_auto_scaling_group(AutoScalingGroupName=GROUP, MinSize=0, MaxSize=4, DesiredCapacity=0,
                              LaunchTemplate={"LaunchTemplateName": "web"}, AvailabilityZones=["us-east-1a"],
                              Tags=[{"Key": "env", "Value": "test", "PropagateAtLaunch": True}])
expect_error("AlreadyExists", asg.create_auto_scaling_group, AutoScalingGroupName=GROUP, MinSize=0, MaxSize=1,
             LaunchTemplate={"LaunchTemplateName": "web"}, AvailabilityZones=["us-east-1a"])
asg.put_lifecycle_hook(AutoScalingGroupName=GROUP, LifecycleHookName="warm-up",
                       LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=600,
                       DefaultResult="ABANDON", NotificationMetadata="boto3")
hooks = asg.describe_lifecycle_hooks(AutoScalingGroupName=GROUP)["LifecycleHooks"]
check(len(hooks) == 1 and hooks[0]["GlobalTimeout"] == 60000 and hooks[0]["HeartbeatTimeout"] == 600,
      "DescribeLifecycleHooks: %r" % hooks)
types = asg.describe_lifecycle_hook_types()["LifecycleHookTypes"]
check(sorted(types) == ["autoscaling:EC2_INSTANCE_LAUNCHING", "autoscaling:EC2_INSTANCE_TERMINATING"], "hook types")

error = expect_error("ValidationError", asg.put_lifecycle_hook, AutoScalingGroupName=GROUP,
                     LifecycleHookName="bad name!", LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING")
check("regular expression pattern" in error.response["Error"]["Message"], "hook name pattern message")

asg.set_desired_capacity(AutoScalingGroupName=GROUP, DesiredCapacity=2)
waiting = wait_for(lambda: [i for i, s in states(GROUP).items() if s == "Pending:Wait"] if
                   list(states(GROUP).values()).count("Pending:Wait") == 2 else None, "two Pending:Wait")
details = asg.describe_auto_scaling_instances(InstanceIds=waiting)["AutoScalingInstances"]
check(len(details) == 2 and all(d["LifecycleState"] == "Pending:Wait" for d in details), "DescribeAutoScalingInstances")

first, second = waiting
asg.record_lifecycle_action_heartbeat(AutoScalingGroupName=GROUP, LifecycleHookName="warm-up", InstanceId=first)
asg.complete_lifecycle_action(AutoScalingGroupName=GROUP, LifecycleHookName="warm-up", InstanceId=first,
                              LifecycleActionResult="CONTINUE")
error = expect_error("ValidationError", asg.complete_lifecycle_action, AutoScalingGroupName=GROUP,
                     LifecycleHookName="warm-up", InstanceId=first, LifecycleActionResult="CONTINUE")
check(error.response["Error"]["Message"] == "No active Lifecycle Action found with instance ID " + first,
      "completing twice: " + error.response["Error"]["Message"])
wait_for(lambda: states(GROUP).get(first) == "InService", first + " InService")
asg.complete_lifecycle_action(AutoScalingGroupName=GROUP, LifecycleHookName="warm-up", InstanceId=second,
                              LifecycleActionResult="CONTINUE")
wait_for(lambda: states(GROUP).get(second) == "InService", second + " InService")

activities = asg.describe_scaling_activities(AutoScalingGroupName=GROUP)["Activities"]
check(len(activities) == 2 and all(a["StatusCode"] == "Successful" for a in activities), "activities: %r" %
      [a["StatusCode"] for a in activities])

# Pagination: three more groups, pages of two, through boto3's paginator (NextToken).
for n in range(3):
    asg.create_auto_scaling_group(AutoScalingGroupName="boto-page-%d" % n, MinSize=0, MaxSize=1,
                                  LaunchTemplate={"LaunchTemplateName": "web"}, AvailabilityZones=["us-east-1a"])
pages = list(asg.get_paginator("describe_auto_scaling_groups").paginate(PaginationConfig={"PageSize": 2}))
names = [g["AutoScalingGroupName"] for p in pages for g in p["AutoScalingGroups"]]
check(len(pages) >= 2 and len(names) == len(set(names)) and GROUP in names and "boto-page-2" in names,
      "paginated groups: %r" % names)
acts = list(asg.get_paginator("describe_scaling_activities").paginate(AutoScalingGroupName=GROUP,
                                                                       PaginationConfig={"PageSize": 1}))
check(len(acts) == 2, "paginated activities: %d pages" % len(acts))
expect_error("InvalidNextToken", asg.describe_auto_scaling_groups, NextToken="not-a-token")

# Scale-in protection: set, read back, cleared; a stranger or an unknown group is a ValidationError.
asg.set_instance_protection(InstanceIds=[second], AutoScalingGroupName=GROUP, ProtectedFromScaleIn=True)
protected = asg.describe_auto_scaling_instances(InstanceIds=[second])["AutoScalingInstances"]
check(protected[0]["ProtectedFromScaleIn"] is True, "SetInstanceProtection on")
asg.set_instance_protection(InstanceIds=[second], AutoScalingGroupName=GROUP, ProtectedFromScaleIn=False)
protected = asg.describe_auto_scaling_instances(InstanceIds=[second])["AutoScalingInstances"]
check(protected[0]["ProtectedFromScaleIn"] is False, "SetInstanceProtection off")
error = expect_error("ValidationError", asg.set_instance_protection, InstanceIds=["i-0123456789abcdef0"],
                     AutoScalingGroupName=GROUP, ProtectedFromScaleIn=True)
check(error.response["Error"]["Message"] == "The instance i-0123456789abcdef0 is not part of Auto Scaling group %s."
      % GROUP, "protection of a stranger: " + error.response["Error"]["Message"])
expect_error("ValidationError", asg.set_instance_protection, InstanceIds=[second],
             AutoScalingGroupName="no-such-group", ProtectedFromScaleIn=True)

result = asg.terminate_instance_in_auto_scaling_group(InstanceId=first, ShouldDecrementDesiredCapacity=True)
check(result["Activity"]["Description"] == "Terminating EC2 instance: " + first, "terminate activity")
check(result["Activity"]["AutoScalingGroupName"] == GROUP and result["Activity"]["ActivityId"], "terminate activity ids")
expect_error("ValidationError", asg.terminate_instance_in_auto_scaling_group, InstanceId="i-0123456789abcdef0",
             ShouldDecrementDesiredCapacity=False)

# Instance refreshes: one that finishes, one that stalls on a launch hook (cancel, then no rollback), one rolled back.
REFRESH = "boto-refresh"
asg.create_auto_scaling_group(AutoScalingGroupName=REFRESH, MinSize=0, MaxSize=4, DesiredCapacity=2,
                              LaunchTemplate={"LaunchTemplateName": "web"}, AvailabilityZones=["us-east-1a"])
wait_for(lambda: list(states(REFRESH).values()) == ["InService"] * 2, "refresh group in service")


def refresh(refresh_id):
    found = asg.describe_instance_refreshes(AutoScalingGroupName=REFRESH, InstanceRefreshIds=[refresh_id])
    check(len(found["InstanceRefreshes"]) == 1, "DescribeInstanceRefreshes by ID")
    return found["InstanceRefreshes"][0]


done_id = asg.start_instance_refresh(AutoScalingGroupName=REFRESH, Strategy="Rolling",
                                     Preferences={"MinHealthyPercentage": 50, "InstanceWarmup": 0})["InstanceRefreshId"]
wait_for(lambda: refresh(done_id)["Status"] == "Successful", "refresh Successful")
done = refresh(done_id)
check(done["PercentageComplete"] == 100 and done["InstancesToUpdate"] == 0, "finished refresh: %r" % done)
check(done["Preferences"]["MinHealthyPercentage"] == 50 and done["Strategy"] == "Rolling", "refresh preferences")
check(done["EndTime"] >= done["StartTime"], "refresh times")
check(done["ProgressDetails"]["LivePoolProgress"]["PercentageComplete"] == 100, "refresh progress details")

asg.put_lifecycle_hook(AutoScalingGroupName=REFRESH, LifecycleHookName="gate",
                       LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=3600)
stall_id = asg.start_instance_refresh(AutoScalingGroupName=REFRESH,
                                      Preferences={"MinHealthyPercentage": 100, "InstanceWarmup": 0})["InstanceRefreshId"]
error = expect_error("InstanceRefreshInProgress", asg.start_instance_refresh, AutoScalingGroupName=REFRESH)
check("already in progress" in error.response["Error"]["Message"], "refresh in progress message")
wait_for(lambda: "lifecycle actions" in refresh(stall_id).get("StatusReason", ""), "refresh waiting on lifecycle actions")
page = asg.describe_instance_refreshes(AutoScalingGroupName=REFRESH, MaxRecords=1)
check(page["InstanceRefreshes"][0]["InstanceRefreshId"] == stall_id and page.get("NextToken"), "newest refresh first")
rest = asg.describe_instance_refreshes(AutoScalingGroupName=REFRESH, MaxRecords=1, NextToken=page["NextToken"])
check(rest["InstanceRefreshes"][0]["InstanceRefreshId"] == done_id and not rest.get("NextToken"), "second page")
check(asg.cancel_instance_refresh(AutoScalingGroupName=REFRESH)["InstanceRefreshId"] == stall_id, "cancel answer")
check(refresh(stall_id)["Status"] == "Cancelling", "refresh Cancelling")
expect_error("ActiveInstanceRefreshNotFound", asg.rollback_instance_refresh, AutoScalingGroupName=REFRESH)
for waiting in [i for i, s in states(REFRESH).items() if s == "Pending:Wait"]:
    asg.complete_lifecycle_action(AutoScalingGroupName=REFRESH, LifecycleHookName="gate", InstanceId=waiting,
                                  LifecycleActionResult="CONTINUE")
wait_for(lambda: refresh(stall_id)["Status"] == "Cancelled", "refresh Cancelled")
expect_error("ActiveInstanceRefreshNotFound", asg.cancel_instance_refresh, AutoScalingGroupName=REFRESH)

rolled_id = asg.start_instance_refresh(AutoScalingGroupName=REFRESH)["InstanceRefreshId"]
check(asg.rollback_instance_refresh(AutoScalingGroupName=REFRESH)["InstanceRefreshId"] == rolled_id, "rollback answer")
rolled = refresh(rolled_id)
check(rolled["Status"] in ("RollbackInProgress", "RollbackSuccessful") and "RollbackStartTime" in rolled["RollbackDetails"],
      "rolled back refresh: %r" % rolled)
expect_error("ValidationError", asg.describe_instance_refreshes, AutoScalingGroupName="no-such-group")

bad = boto3.session.Session(aws_access_key_id=key_id, aws_secret_access_key=secret + "x", region_name="us-east-1")
bad_client = bad.client("autoscaling", endpoint_url=endpoint, config=config)
expect_error("SignatureDoesNotMatch", bad_client.describe_auto_scaling_groups)
unknown = boto3.session.Session(aws_access_key_id="AKIAUNKNOWNKEY000000", aws_secret_access_key=secret,
                                region_name="us-east-1")
expect_error("InvalidClientTokenId", unknown.client("autoscaling", endpoint_url=endpoint, config=config)
             .describe_auto_scaling_groups)

# Temporary credentials from the simulator's own AssumeRole are accepted.
assumed = sts.assume_role(RoleArn="arn:aws:iam::123456789012:role/ops", RoleSessionName="boto3")["Credentials"]
temp = boto3.session.Session(aws_access_key_id=assumed["AccessKeyId"], aws_secret_access_key=assumed["SecretAccessKey"],
                             aws_session_token=assumed["SessionToken"], region_name="us-east-1")
who = temp.client("sts", endpoint_url=endpoint, config=config).get_caller_identity()
check(who["Arn"] == "arn:aws:sts::123456789012:assumed-role/ops/boto3", "assumed identity: " + who["Arn"])
print("OK")
