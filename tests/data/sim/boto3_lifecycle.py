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

# Warm pools: PutWarmPool, DescribeWarmPool (paginated), the group's WarmPoolConfiguration, DeleteWarmPool.
WARM = "boto-warm"
asg.create_auto_scaling_group(AutoScalingGroupName=WARM, MinSize=0, MaxSize=4, DesiredCapacity=0,
                              LaunchTemplate={"LaunchTemplateName": "web"}, AvailabilityZones=["us-east-1a"])
asg.put_lifecycle_hook(AutoScalingGroupName=WARM, LifecycleHookName="boot", HeartbeatTimeout=600,
                       LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", DefaultResult="ABANDON")
asg.put_warm_pool(AutoScalingGroupName=WARM, MinSize=2, MaxGroupPreparedCapacity=2, PoolState="Running",
                  InstanceReusePolicy={"ReuseOnScaleIn": True})
pool = wait_for(lambda: (lambda p: p if len(p["Instances"]) == 2 and all(
    i["LifecycleState"] == "Warmed:Pending:Wait" for i in p["Instances"]) else None)(
    asg.describe_warm_pool(AutoScalingGroupName=WARM)), "two instances in Warmed:Pending:Wait")
conf = pool["WarmPoolConfiguration"]
check(conf["MinSize"] == 2 and conf["MaxGroupPreparedCapacity"] == 2 and conf["PoolState"] == "Running"
      and conf["InstanceReusePolicy"]["ReuseOnScaleIn"] is True, "WarmPoolConfiguration: %r" % conf)
first_page = asg.describe_warm_pool(AutoScalingGroupName=WARM, MaxRecords=1)
second_page = asg.describe_warm_pool(AutoScalingGroupName=WARM, MaxRecords=1, NextToken=first_page["NextToken"])
check(len(first_page["Instances"]) == 1 and len(second_page["Instances"]) == 1 and "NextToken" not in second_page
      and first_page["Instances"][0]["InstanceId"] != second_page["Instances"][0]["InstanceId"], "warm pool pages")
group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[WARM])["AutoScalingGroups"][0]
check(group["Instances"] == [] and group["WarmPoolSize"] == 2 and group["WarmPoolConfiguration"]["PoolState"] == "Running",
      "the group lists its pool apart from its instances: %r" % group.get("WarmPoolConfiguration"))
warm = pool["Instances"][0]["InstanceId"]
asg.complete_lifecycle_action(AutoScalingGroupName=WARM, LifecycleHookName="boot", InstanceId=warm,
                              LifecycleActionResult="CONTINUE")
wait_for(lambda: any(i["InstanceId"] == warm and i["LifecycleState"] == "Warmed:Running"
                     for i in asg.describe_warm_pool(AutoScalingGroupName=WARM)["Instances"]), warm + " Warmed:Running")
acts = asg.describe_scaling_activities(AutoScalingGroupName=WARM)["Activities"]
check(any(a["Description"] == "Launching a new EC2 instance into warm pool: " + warm for a in acts), "into warm pool")
expect_error("ValidationError", asg.describe_warm_pool, AutoScalingGroupName="no-such-group")
expect_error("ValidationError", asg.put_warm_pool, AutoScalingGroupName="no-such-group", MinSize=1)
asg.delete_warm_pool(AutoScalingGroupName=WARM, ForceDelete=True)
gone = asg.describe_warm_pool(AutoScalingGroupName=WARM)
check("WarmPoolConfiguration" not in gone and gone["Instances"] == [], "ForceDelete: pool gone %r" % gone)
expect_error("ValidationError", asg.delete_warm_pool, AutoScalingGroupName=WARM)
# Without ForceDelete the pool is PendingDelete while its instances leave, through the terminate hook.
asg.put_lifecycle_hook(AutoScalingGroupName=WARM, LifecycleHookName="drain", HeartbeatTimeout=600,
                       LifecycleTransition="autoscaling:EC2_INSTANCE_TERMINATING", DefaultResult="CONTINUE")
asg.delete_lifecycle_hook(AutoScalingGroupName=WARM, LifecycleHookName="boot")
asg.put_warm_pool(AutoScalingGroupName=WARM, MinSize=1, MaxGroupPreparedCapacity=1)
leaving = wait_for(lambda: [i["InstanceId"] for i in asg.describe_warm_pool(AutoScalingGroupName=WARM)["Instances"]
                            if i["LifecycleState"] == "Warmed:Stopped"], "a Warmed:Stopped instance")[0]
asg.delete_warm_pool(AutoScalingGroupName=WARM)
wait_for(lambda: [i for i in asg.describe_warm_pool(AutoScalingGroupName=WARM)["Instances"]
                  if i["LifecycleState"] == "Warmed:Terminating:Wait"], "Warmed:Terminating:Wait")
check(asg.describe_warm_pool(AutoScalingGroupName=WARM)["WarmPoolConfiguration"]["Status"] == "PendingDelete",
      "DeleteWarmPool: PendingDelete")
asg.complete_lifecycle_action(AutoScalingGroupName=WARM, LifecycleHookName="drain", InstanceId=leaving,
                              LifecycleActionResult="CONTINUE")
wait_for(lambda: "WarmPoolConfiguration" not in asg.describe_warm_pool(AutoScalingGroupName=WARM), "pool deleted")
asg.delete_auto_scaling_group(AutoScalingGroupName=WARM, ForceDelete=True)

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

# Instance retention: InstanceLifecyclePolicy on create and update, returned by DescribeAutoScalingGroups; ABANDON on
# a terminating hook leaves the instance in Terminating:Retained until TerminateInstanceInAutoScalingGroup ends it.
RETAIN = "boto-retain"
asg.create_auto_scaling_group(AutoScalingGroupName=RETAIN, MinSize=0, MaxSize=2, DesiredCapacity=1,
                              LaunchTemplate={"LaunchTemplateName": "ledger"}, AvailabilityZones=["us-east-1a"],
                              InstanceLifecyclePolicy={"RetentionTriggers": {"TerminateHookAbandon": "retain"}},
                              LifecycleHookSpecificationList=[{
                                  "LifecycleHookName": "flush", "HeartbeatTimeout": 600, "DefaultResult": "ABANDON",
                                  "LifecycleTransition": "autoscaling:EC2_INSTANCE_TERMINATING"}])
policy = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[RETAIN])["AutoScalingGroups"][0]
check(policy.get("InstanceLifecyclePolicy") == {"RetentionTriggers": {"TerminateHookAbandon": "retain"}},
      "InstanceLifecyclePolicy read back: %r" % policy.get("InstanceLifecyclePolicy"))
kept = wait_for(lambda: [i for i, s in states(RETAIN).items() if s == "InService"], "an instance InService")[0]
asg.set_desired_capacity(AutoScalingGroupName=RETAIN, DesiredCapacity=0)
wait_for(lambda: states(RETAIN).get(kept) == "Terminating:Wait", kept + " Terminating:Wait")
asg.complete_lifecycle_action(AutoScalingGroupName=RETAIN, LifecycleHookName="flush", InstanceId=kept,
                              LifecycleActionResult="ABANDON")
wait_for(lambda: states(RETAIN).get(kept) == "Terminating:Retained", kept + " Terminating:Retained")
time.sleep(1)
check(states(RETAIN).get(kept) == "Terminating:Retained", "a retained instance stays retained")
retained = asg.describe_auto_scaling_instances(InstanceIds=[kept])["AutoScalingInstances"]
check(retained[0]["LifecycleState"] == "Terminating:Retained", "DescribeAutoScalingInstances of a retained instance")
result = asg.terminate_instance_in_auto_scaling_group(InstanceId=kept, ShouldDecrementDesiredCapacity=False)
check(result["Activity"]["Description"] == "Terminating EC2 instance: " + kept, "terminating a retained instance")
wait_for(lambda: states(RETAIN).get(kept) in (None, "Terminated"), kept + " terminated")
asg.update_auto_scaling_group(AutoScalingGroupName=RETAIN,
                              InstanceLifecyclePolicy={"RetentionTriggers": {"TerminateHookAbandon": "terminate"}})
policy = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[RETAIN])["AutoScalingGroups"][0]
check(policy["InstanceLifecyclePolicy"]["RetentionTriggers"]["TerminateHookAbandon"] == "terminate",
      "UpdateAutoScalingGroup InstanceLifecyclePolicy")
error = expect_error("ValidationError", asg.update_auto_scaling_group, AutoScalingGroupName=RETAIN,
                     InstanceLifecyclePolicy={"RetentionTriggers": {"TerminateHookAbandon": "keep"}})
check("enum value set: [retain, terminate]" in error.response["Error"]["Message"], "policy value message")

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

# GetSessionToken: the user's own session (boto3 parses the answer), which is the user, and cannot make another.
token = sts.get_session_token(DurationSeconds=900)["Credentials"]
check(token["AccessKeyId"].startswith("ASIA") and token["SessionToken"], "session token: %r" % token["AccessKeyId"])
user = boto3.session.Session(aws_access_key_id=token["AccessKeyId"], aws_secret_access_key=token["SecretAccessKey"],
                             aws_session_token=token["SessionToken"], region_name="us-east-1")
user_sts = user.client("sts", endpoint_url=endpoint, config=config)
check(user_sts.get_caller_identity()["Arn"] == identity["Arn"], "the session acts as the user")
expect_error("AccessDenied", user_sts.get_session_token)
expect_error("ValidationError", sts.get_session_token, DurationSeconds=129601)

# AssumeRoleWithWebIdentity: botocore sends it unsigned (the model's authtype "none"); boto3 parses every field.
import base64
import json


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


jwt = ".".join([b64url(b'{"alg":"RS256"}'), b64url(json.dumps({"sub": "ci-job", "aud": "sts.amazonaws.com",
                                                                "iss": "https://token.example.com"}).encode()),
                b64url(b"sig")])
web = sts.assume_role_with_web_identity(RoleArn="arn:aws:iam::123456789012:role/ci", RoleSessionName="boto3-web",
                                        WebIdentityToken=jwt, DurationSeconds=900)
check(web["Credentials"]["AccessKeyId"].startswith("ASIA"), "web identity credentials: %r" % web["Credentials"])
check(web["AssumedRoleUser"]["Arn"] == "arn:aws:sts::123456789012:assumed-role/ci/boto3-web",
      "web identity role: " + web["AssumedRoleUser"]["Arn"])
check(web["SubjectFromWebIdentityToken"] == "ci-job" and web["Audience"] == "sts.amazonaws.com"
      and web["Provider"] == "token.example.com", "web identity fields: %r" % web)
web_session = boto3.session.Session(aws_access_key_id=web["Credentials"]["AccessKeyId"],
                                    aws_secret_access_key=web["Credentials"]["SecretAccessKey"],
                                    aws_session_token=web["Credentials"]["SessionToken"], region_name="us-east-1")
web_who = web_session.client("sts", endpoint_url=endpoint, config=config).get_caller_identity()
check(web_who["Arn"] == web["AssumedRoleUser"]["Arn"], "the web identity credentials sign: " + web_who["Arn"])
expect_error("InvalidIdentityToken", sts.assume_role_with_web_identity, RoleArn="arn:aws:iam::123456789012:role/ci",
             RoleSessionName="boto3-web", WebIdentityToken="not-a-jwt")
print("OK")
