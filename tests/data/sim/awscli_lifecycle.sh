#!/usr/bin/env bash
# Drives a running hookdesk-sim with the AWS CLI: create a group, put a hook, scale out, see Pending:Wait, complete
# the action, see InService, read a paginated listing, and get the right error codes. Run by tst_sim_awsclients.
# Usage: awscli_lifecycle.sh AWS_EXECUTABLE ENDPOINT_URL ACCESS_KEY_ID SECRET_ACCESS_KEY
set -euo pipefail
AWS_BIN=$1 ENDPOINT=$2
export AWS_ACCESS_KEY_ID=$3 AWS_SECRET_ACCESS_KEY=$4 AWS_DEFAULT_REGION=us-east-1 AWS_MAX_ATTEMPTS=1
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_PAGER=""
aws() { "$AWS_BIN" --endpoint-url "$ENDPOINT" --output text "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

aws autoscaling create-auto-scaling-group --auto-scaling-group-name cli-web --min-size 0 --max-size 3 \
    --launch-template LaunchTemplateName=web --availability-zones us-east-1a us-east-1b
aws autoscaling put-lifecycle-hook --auto-scaling-group-name cli-web --lifecycle-hook-name ready \
    --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING --heartbeat-timeout 300 --default-result CONTINUE
aws autoscaling set-desired-capacity --auto-scaling-group-name cli-web --desired-capacity 1

state="" id=""
for _ in $(seq 1 50); do
    read -r state id < <(aws autoscaling describe-auto-scaling-groups --auto-scaling-group-names cli-web \
        --query 'AutoScalingGroups[0].Instances[0].[LifecycleState,InstanceId]')
    [ "$state" = "Pending:Wait" ] && break
    sleep 0.2
done
[ "$state" = "Pending:Wait" ] || fail "expected Pending:Wait, got $state"
[[ "$id" =~ ^i-[0-9a-f]{17}$ ]] || fail "instance id $id"

aws autoscaling complete-lifecycle-action --auto-scaling-group-name cli-web --lifecycle-hook-name ready \
    --instance-id "$id" --lifecycle-action-result CONTINUE
for _ in $(seq 1 100); do
    state=$(aws autoscaling describe-auto-scaling-instances --instance-ids "$id" \
        --query 'AutoScalingInstances[0].LifecycleState')
    [ "$state" = "InService" ] && break
    sleep 0.2
done
[ "$state" = "InService" ] || fail "expected InService, got $state"

# The CLI follows NextToken itself; a page size of 1 forces a round trip per activity. The simulator runs with
# --generate groups=2,instances=1,hooks=1,waiting=1, so there are at least three activities in all.
count=$(aws autoscaling describe-scaling-activities --page-size 1 --output json --query 'length(Activities)')
[ "$count" -ge 3 ] || fail "activities through pagination: $count"

set +e
err=$("$AWS_BIN" --endpoint-url "$ENDPOINT" autoscaling complete-lifecycle-action --auto-scaling-group-name cli-web \
    --lifecycle-hook-name ready --instance-id "$id" --lifecycle-action-result CONTINUE 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] || fail "second completion succeeded"
[[ "$err" == *"(ValidationError)"*"No active Lifecycle Action found with instance ID $id"* ]] || fail "second completion: $err"

set +e
err=$(AWS_SECRET_ACCESS_KEY=wrong "$AWS_BIN" --endpoint-url "$ENDPOINT" autoscaling describe-auto-scaling-groups 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] && [[ "$err" == *"(SignatureDoesNotMatch)"* ]] || fail "bad signature: $err"

set +e
err=$("$AWS_BIN" --endpoint-url "$ENDPOINT" autoscaling put-lifecycle-hook --auto-scaling-group-name cli-web \
    --lifecycle-hook-name 'no spaces' --lifecycle-transition autoscaling:EC2_INSTANCE_LAUNCHING 2>&1)
rc=$?
set -e
[ $rc -ne 0 ] && [[ "$err" == *"(ValidationError)"* ]] || fail "invalid hook name: $err"
# The stuck-state operations (warm pool, protection, health, standby, refreshes, terminate): the AWS CLI parses
# every answer, and each reads back as it should.
aws autoscaling set-instance-protection --auto-scaling-group-name cli-web --instance-ids "$id" --protected-from-scale-in
protected=$(aws autoscaling describe-auto-scaling-instances --instance-ids "$id" \
    --query 'AutoScalingInstances[0].ProtectedFromScaleIn')
[ "$protected" = "True" ] || fail "protection read back: $protected"
aws autoscaling set-instance-health --instance-id "$id" --health-status Healthy
refreshes=$(aws autoscaling describe-instance-refreshes --auto-scaling-group-name cli-web --output json \
    --query 'length(InstanceRefreshes)')
[ "$refreshes" = "0" ] || fail "describe-instance-refreshes: $refreshes"
aws autoscaling put-warm-pool --auto-scaling-group-name cli-web --min-size 1 --pool-state Stopped \
    --instance-reuse-policy ReuseOnScaleIn=true
pool=$(aws autoscaling describe-warm-pool --auto-scaling-group-name cli-web \
    --query 'WarmPoolConfiguration.[PoolState,MinSize,InstanceReusePolicy.ReuseOnScaleIn]')
[ "$pool" = "$(printf 'Stopped\t1\tTrue')" ] || fail "describe-warm-pool: $pool"
moved=$(aws autoscaling enter-standby --auto-scaling-group-name cli-web --instance-ids "$id" \
    --should-decrement-desired-capacity --query 'Activities[0].Description')
[ "$moved" = "Moving EC2 instance to Standby: $id" ] || fail "enter-standby: $moved"
for _ in $(seq 1 100); do
    state=$(aws autoscaling describe-auto-scaling-instances --instance-ids "$id" \
        --query 'AutoScalingInstances[0].LifecycleState')
    [ "$state" = "Standby" ] && break
    sleep 0.2
done
[ "$state" = "Standby" ] || fail "expected Standby, got $state"
terminated=$(aws autoscaling terminate-instance-in-auto-scaling-group --instance-id "$id" \
    --no-should-decrement-desired-capacity --query 'Activity.Description')
[ "$terminated" = "Terminating EC2 instance: $id" ] || fail "terminate: $terminated"
aws autoscaling delete-warm-pool --auto-scaling-group-name cli-web --force-delete
echo OK
