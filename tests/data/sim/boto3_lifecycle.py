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

# Standby: in with the decrement (Activities as AWS answers), refused twice, out again through the launch hook.
moved = asg.enter_standby(InstanceIds=[second], AutoScalingGroupName=GROUP, ShouldDecrementDesiredCapacity=True)
activity = moved["Activities"][0]
check(activity["Description"] == "Moving EC2 instance to Standby: " + second and activity["Progress"] == 50,
      "EnterStandby activity: %r" % activity)
check(activity["Cause"].endswith("shrinking the capacity from 2 to 1."), "EnterStandby cause: " + activity["Cause"])
wait_for(lambda: states(GROUP).get(second) == "Standby", second + " Standby")
error = expect_error("ValidationError", asg.enter_standby, InstanceIds=[second], AutoScalingGroupName=GROUP,
                     ShouldDecrementDesiredCapacity=False)
check(error.response["Error"]["Message"] == "The instance %s is not in InService." % second,
      "EnterStandby twice: " + error.response["Error"]["Message"])
back = asg.exit_standby(InstanceIds=[second], AutoScalingGroupName=GROUP)["Activities"]
check(len(back) == 1 and back[0]["Description"] == "Moving EC2 instance out of Standby: " + second and
      back[0]["StatusCode"] == "PreInService", "ExitStandby activity: %r" % back)
wait_for(lambda: states(GROUP).get(second) == "Pending:Wait", second + " Pending:Wait after ExitStandby")
error = expect_error("ValidationError", asg.exit_standby, InstanceIds=[second], AutoScalingGroupName=GROUP)
check(error.response["Error"]["Message"] == "The instance %s is not in Standby." % second,
      "ExitStandby twice: " + error.response["Error"]["Message"])
asg.complete_lifecycle_action(AutoScalingGroupName=GROUP, LifecycleHookName="warm-up", InstanceId=second,
                              LifecycleActionResult="CONTINUE")
wait_for(lambda: states(GROUP).get(second) == "InService", second + " InService after ExitStandby")

# Health: a typo is a ValidationError; Unhealthy (grace period ignored) takes the instance out and replaces it.
expect_error("ValidationError", asg.set_instance_health, InstanceId=second, HealthStatus="Sick")
asg.set_instance_health(InstanceId=second, HealthStatus="Unhealthy", ShouldRespectGracePeriod=False)
wait_for(lambda: not states(GROUP).get(second, "Terminating").startswith("InService"), second + " replaced")
health = asg.describe_auto_scaling_instances(InstanceIds=[second])["AutoScalingInstances"]
check(not health or health[0]["HealthStatus"] == "UNHEALTHY", "SetInstanceHealth read back: %r" % health)
active = [i for i, s in states(GROUP).items() if not s.startswith("Terminat")]
check(len(active) == 2 and second not in active, "a replacement launched: %r" % states(GROUP))

result = asg.terminate_instance_in_auto_scaling_group(InstanceId=first, ShouldDecrementDesiredCapacity=True)
check(result["Activity"]["Description"] == "Terminating EC2 instance: " + first, "terminate activity")
check(result["Activity"]["AutoScalingGroupName"] == GROUP and result["Activity"]["ActivityId"], "terminate activity ids")
expect_error("ValidationError", asg.terminate_instance_in_auto_scaling_group, InstanceId="i-0123456789abcdef0",
             ShouldDecrementDesiredCapacity=False)

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
