#include "clijson.h"

#include "awserror.h"
#include "enumnames.h"
#include "pendingaction.h"
#include "warmpooltext.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace CliJson {

namespace {
// JSON identifiers; Kind::None has none (an empty string).
constexpr EnumName<AwsError::Kind> kErrorKinds[] = {
    { AwsError::Kind::Validation, "validation"_L1 },
    { AwsError::Kind::Credentials, "credentials"_L1 },
    { AwsError::Kind::Network, "network"_L1 },
    { AwsError::Kind::Timeout, "timeout"_L1 },
    { AwsError::Kind::Service, "service"_L1 },
    { AwsError::Kind::UnreadableBody, "unreadable-body"_L1 },
};

constexpr EnumName<DeadlineEstimate::StartSource> kStartSources[] = {
    { DeadlineEstimate::StartSource::Unknown, "unknown"_L1 },
    { DeadlineEstimate::StartSource::Activity, "activity"_L1 },
    { DeadlineEstimate::StartSource::FirstSeen, "first-seen"_L1 },
};

QJsonValue deadlineKind(const DeadlineEstimate& estimate)
{
    if (!estimate.isValid())
        return QJsonValue::Null;
    return estimate.isUpperBound() ? u"at-most"_s : u"estimate"_s;
}
} // namespace

QJsonValue time(const QDateTime& time)
{
    if (!time.isValid())
        return QJsonValue::Null;
    return time.toUTC().toString(Qt::ISODate);
}

QJsonValue text(const QString& value)
{
    return value.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(value);
}

QJsonObject error(const AwsError& error)
{
    return QJsonObject {
        { u"kind"_s, nameOf(kErrorKinds, error.kind) },
        { u"code"_s, text(error.code) },
        { u"message"_s, error.message },
        { u"requestId"_s, text(error.requestId) },
        { u"httpStatus"_s, error.httpStatus > 0 ? QJsonValue(error.httpStatus) : QJsonValue(QJsonValue::Null) },
    };
}

QJsonObject errorDocument(const AwsError& awsError, int exitCode)
{
    QJsonObject object = error(awsError);
    object.insert(u"exitCode"_s, exitCode);
    return QJsonObject { { u"error"_s, object } };
}

QJsonObject identity(const CallerIdentity& identity)
{
    return QJsonObject {
        { u"account"_s, identity.account },
        { u"arn"_s, identity.arn },
        { u"userId"_s, identity.userId },
    };
}

QJsonObject group(const AutoScalingGroup& group, int waiting)
{
    return QJsonObject {
        { u"name"_s, group.name },
        { u"minSize"_s, group.minSize },
        { u"desiredCapacity"_s, group.desiredCapacity },
        { u"maxSize"_s, group.maxSize },
        { u"instances"_s, int(group.instances.size()) },
        { u"waiting"_s, waiting },
        { u"status"_s, text(group.status) },
        // InstanceLifecyclePolicy.RetentionTriggers.TerminateHookAbandon as AWS sends it (null: no policy), and
        // what it means: an abandoned terminating hook leaves the instance retained, not terminated.
        { u"terminateHookAbandon"_s, text(group.terminateHookAbandon) },
        { u"retainsOnAbandon"_s, group.retainsOnTerminateAbandon() },
        // AWS's WarmPoolConfiguration fields and WarmPoolSize; null without a pool.
        { u"warmPool"_s, group.warmPool ? QJsonValue(WarmPoolText::json(group)) : QJsonValue(QJsonValue::Null) },
    };
}

QJsonObject hook(const LifecycleHook& hook)
{
    return QJsonObject {
        { u"name"_s, hook.name },
        { u"group"_s, hook.groupName },
        { u"transition"_s, hook.transition },
        { u"heartbeatTimeout"_s, hook.heartbeatTimeout },
        { u"globalTimeout"_s, hook.globalTimeout },
        { u"defaultResult"_s, hook.defaultResult },
        { u"notificationTargetArn"_s, text(hook.notificationTargetArn) },
        { u"roleArn"_s, text(hook.roleArn) },
        { u"notificationMetadata"_s, text(hook.notificationMetadata) },
    };
}

QJsonObject instance(const GroupInstance& instance)
{
    return QJsonObject {
        { u"instanceId"_s, instance.instanceId }, { u"group"_s, instance.groupName },
        { u"availabilityZone"_s, instance.availabilityZone }, { u"instanceType"_s, text(instance.instanceType) },
        { u"lifecycleState"_s, instance.lifecycleState }, { u"healthStatus"_s, instance.healthStatus },
        { u"protectedFromScaleIn"_s, instance.protectedFromScaleIn },
        { u"warmPool"_s, instance.inWarmPool }, // listed by DescribeWarmPool, not among the group's instances
    };
}

QJsonObject activity(const ScalingActivity& activity)
{
    return QJsonObject {
        { u"activityId"_s, activity.activityId },
        { u"group"_s, activity.groupName },
        { u"statusCode"_s, activity.statusCode },
        { u"statusMessage"_s, text(activity.statusMessage) },
        { u"description"_s, activity.description },
        { u"cause"_s, text(activity.cause) },
        { u"startTime"_s, time(activity.startTime) },
        { u"endTime"_s, time(activity.endTime) },
        { u"progress"_s, activity.progress },
    };
}

QJsonObject pending(const PendingAction& action, const QDateTime& now)
{
    QJsonArray hooks;
    for (const PendingHookWait& wait : action.waits) {
        hooks.append(QJsonObject {
            { u"name"_s, wait.hook.name },
            { u"defaultResult"_s, wait.hook.defaultResult },
            { u"heartbeatTimeout"_s, wait.hook.heartbeatTimeout },
            { u"deadline"_s, time(wait.estimate.deadline) },
            { u"deadlineKind"_s, deadlineKind(wait.estimate) },
            { u"secondsLeft"_s,
                wait.estimate.isValid() ? QJsonValue(wait.estimate.secondsLeft(now)) : QJsonValue(QJsonValue::Null) },
        });
    }
    const bool hasEstimate = action.estimate.isValid();
    return QJsonObject {
        { u"group"_s, action.groupName },
        { u"instanceId"_s, action.instanceId },
        { u"lifecycleState"_s, action.lifecycleState },
        { u"transition"_s, LifecycleState::transitionId(action.transition) },
        { u"actionable"_s, action.actionable },
        { u"hooksKnown"_s, action.hooksKnown },
        // The hooks' LifecycleTransition this wait is on; null when none or, for Warmed:Pending:Wait, unknown.
        { u"lifecycleTransition"_s, text(action.hookTransition) },
        { u"warmPoolReason"_s, text(action.warmPoolReason) },
        { u"hooks"_s, hooks },
        { u"defaultResult"_s, text(action.defaultResult) },
        // Every deadline is an estimate (AWS publishes no wait start); the field says so for scripts too.
        { u"deadlineEstimate"_s, time(action.estimate.deadline) },
        { u"secondsLeft"_s, hasEstimate ? QJsonValue(action.estimate.secondsLeft(now)) : QJsonValue(QJsonValue::Null) },
        { u"waitStartEstimate"_s, time(action.estimate.waitStart) },
        { u"waitStartSource"_s, nameOf(kStartSources, action.estimate.startSource) },
        { u"cappedByGlobalTimeout"_s, action.estimate.cappedByGlobalTimeout },
        // "estimate": early, never late; "at-most": the wait start is unknown and deadlineEstimate only a bound
        // (the true deadline is at or before it).
        { u"deadlineKind"_s, deadlineKind(action.estimate) },
        // The group retains on an abandoned terminating hook; `retained`: this instance is held so, until terminated.
        { u"retainsOnAbandon"_s, action.retainsOnAbandon },
        { u"retained"_s, LifecycleState::isRetained(action.lifecycleState) },
    };
}

} // namespace CliJson
