#include "autoscalingxml.h"

#include "xmlnode.h"
#include "xmlstream.h"

#include <QCoreApplication>
#include <array>

using namespace Qt::StringLiterals;

namespace {

// STS answers are small and read once an hour: they keep the tree.
template <typename T, typename Read>
ParsedResponse<T> readResult(const QByteArray& body, int httpStatus, QLatin1StringView action, Read read)
{
    ParsedResponse<T> response;
    const AwsXml::ActionResult parsed = AwsXml::parseActionResult(body, httpStatus, action);
    response.requestId = parsed.requestId;
    if (parsed.error.isError()) {
        response.error = parsed.error;
        return response;
    }
    read(parsed.result, response);
    return response;
}

// Auto Scaling answers are streamed (XmlStream). A body the stream does not accept is handed to the tree, which
// words the error as it always has (an <ErrorResponse>, an HTML page, a truncated body, another operation's answer).
template <typename T, typename Read>
ParsedResponse<T> streamResult(const QByteArray& body, int httpStatus, QLatin1StringView action, Read read)
{
    ParsedResponse<T> response;
    XmlStream stream(body);
    if (stream.read(action, response.requestId, [&](XmlStream& result) { read(result, response); }))
        return response;
    response = {};
    response.error = AwsXml::parseActionResult(body, httpStatus, action).error;
    if (!response.error.isError()) // the stream refused what the tree accepts: never expected, never a success
        response.error = AwsXml::unreadableBody(
            httpStatus, body, QCoreApplication::translate("AwsXml", "the answer could not be read"));
    return response;
}

// The string fields of T read from the element of the same name: fields[i] is SeenFields bit i.
template <typename T> struct TextField {
    QLatin1StringView name;
    QString T::*member;
};

template <typename T, std::size_t N>
bool readTextField(XmlStream& stream, SeenFields& seen, const std::array<TextField<T>, N>& fields, T& value)
{
    for (std::size_t i = 0; i < N; ++i) {
        if (stream.name() != fields[i].name)
            continue;
        if (seen.first(int(i)))
            value.*(fields[i].member) = stream.readText();
        else
            stream.skip();
        return true;
    }
    return false;
}

// Calls readMember(stream) on each <member> of the current list element.
template <typename ReadMember> void readMembers(XmlStream& stream, ReadMember readMember)
{
    while (stream.nextChild()) {
        if (stream.name() == "member"_L1)
            readMember(stream);
        else
            stream.skip();
    }
}

// Calls readChild(stream) on the first child named `child` of the current element; skips the rest.
template <typename ReadChild> void readMembersOf(XmlStream& stream, QLatin1StringView child, ReadChild readChild)
{
    bool seen = false;
    while (stream.nextChild()) {
        if (!seen && stream.name() == child) {
            seen = true;
            readChild(stream);
        } else {
            stream.skip();
        }
    }
}

QStringList readMemberTexts(XmlStream& stream)
{
    QStringList texts;
    readMembers(stream, [&](XmlStream& member) {
        QString text = member.readText();
        if (!text.isEmpty())
            texts.append(std::move(text));
    });
    return texts;
}

QString readLaunchTemplateName(XmlStream& stream)
{
    QString name;
    bool seen = false;
    while (stream.nextChild()) {
        if (!seen && stream.name() == "LaunchTemplateName"_L1) {
            seen = true;
            name = stream.readText();
        } else {
            stream.skip();
        }
    }
    return name;
}

const std::array<TextField<GroupInstance>, 6> InstanceTexts { {
    { "InstanceId"_L1, &GroupInstance::instanceId },
    { "AutoScalingGroupName"_L1, &GroupInstance::groupName },
    { "InstanceType"_L1, &GroupInstance::instanceType },
    { "AvailabilityZone"_L1, &GroupInstance::availabilityZone },
    { "LifecycleState"_L1, &GroupInstance::lifecycleState },
    { "HealthStatus"_L1, &GroupInstance::healthStatus },
} };

GroupInstance readInstance(XmlStream& stream)
{
    GroupInstance instance;
    SeenFields seen;
    constexpr int LaunchTemplate = InstanceTexts.size();
    constexpr int Protected = LaunchTemplate + 1;
    while (stream.nextChild()) {
        if (readTextField(stream, seen, InstanceTexts, instance))
            continue;
        const QStringView name = stream.name();
        if (name == "LaunchTemplate"_L1 && seen.first(LaunchTemplate))
            instance.launchTemplateName = readLaunchTemplateName(stream);
        else if (name == "ProtectedFromScaleIn"_L1 && seen.first(Protected))
            instance.protectedFromScaleIn = stream.readBool(false);
        else
            stream.skip();
    }
    return instance;
}

Tag readTag(XmlStream& stream)
{
    Tag tag;
    SeenFields seen;
    while (stream.nextChild()) {
        const QStringView name = stream.name();
        if (name == "Key"_L1 && seen.first(0))
            tag.key = stream.readText();
        else if (name == "Value"_L1 && seen.first(1))
            tag.value = stream.readText();
        else if (name == "PropagateAtLaunch"_L1 && seen.first(2))
            tag.propagateAtLaunch = stream.readBool(false);
        else
            stream.skip();
    }
    return tag;
}

WarmPoolConfiguration readWarmPoolConfiguration(XmlStream& stream)
{
    WarmPoolConfiguration pool;
    SeenFields seen;
    while (stream.nextChild()) {
        const QStringView name = stream.name();
        if (name == "MaxGroupPreparedCapacity"_L1 && seen.first(0))
            pool.maxGroupPreparedCapacity = stream.readInt(-1);
        else if (name == "MinSize"_L1 && seen.first(1))
            pool.minSize = stream.readInt(0);
        else if (name == "PoolState"_L1 && seen.first(2))
            pool.poolState = stream.readText();
        else if (name == "Status"_L1 && seen.first(3))
            pool.status = stream.readText();
        else if (name == "InstanceReusePolicy"_L1 && seen.first(4))
            readMembersOf(
                stream, "ReuseOnScaleIn"_L1, [&](XmlStream& reuse) { pool.reuseOnScaleIn = reuse.readBool(false); });
        else
            stream.skip();
    }
    return pool;
}

const std::array<TextField<AutoScalingGroup>, 4> GroupTexts { {
    { "AutoScalingGroupName"_L1, &AutoScalingGroup::name },
    { "AutoScalingGroupARN"_L1, &AutoScalingGroup::arn },
    { "HealthCheckType"_L1, &AutoScalingGroup::healthCheckType },
    { "Status"_L1, &AutoScalingGroup::status },
} };

const std::array<std::pair<QLatin1StringView, int AutoScalingGroup::*>, 3> GroupInts { {
    { "MinSize"_L1, &AutoScalingGroup::minSize },
    { "MaxSize"_L1, &AutoScalingGroup::maxSize },
    { "DesiredCapacity"_L1, &AutoScalingGroup::desiredCapacity },
} };

// <InstanceLifecyclePolicy><RetentionTriggers><TerminateHookAbandon>: the one trigger the model has today.
QString readTerminateHookAbandon(XmlStream& stream)
{
    QString value;
    SeenFields seen;
    while (stream.nextChild()) {
        if (stream.name() != "RetentionTriggers"_L1 || !seen.first(0)) {
            stream.skip();
            continue;
        }
        SeenFields seenTrigger;
        while (stream.nextChild()) {
            if (stream.name() == "TerminateHookAbandon"_L1 && seenTrigger.first(0))
                value = stream.readText();
            else
                stream.skip();
        }
    }
    return value;
}

// The group's fields that are not plain text; false when `name` is none of them (or a repeat).
bool readGroupField(XmlStream& stream, SeenFields& seen, AutoScalingGroup& group)
{
    constexpr int First = GroupTexts.size();
    const QStringView name = stream.name();
    for (std::size_t i = 0; i < GroupInts.size(); ++i) {
        if (name != GroupInts[i].first)
            continue;
        if (!seen.first(First + int(i)))
            return false;
        group.*(GroupInts[i].second) = stream.readInt(0);
        return true;
    }
    constexpr int Zones = First + GroupInts.size();
    if (name == "AvailabilityZones"_L1 && seen.first(Zones))
        group.availabilityZones = readMemberTexts(stream);
    else if (name == "CreatedTime"_L1 && seen.first(Zones + 1))
        group.createdTime = AwsXml::parseTimestamp(stream.readText());
    else if (name == "Tags"_L1 && seen.first(Zones + 2))
        readMembers(stream, [&](XmlStream& member) { group.tags.append(readTag(member)); });
    else if (name == "Instances"_L1 && seen.first(Zones + 3))
        readMembers(stream, [&](XmlStream& member) { group.instances.append(readInstance(member)); });
    // A bit of its own, well apart from the fields above, so fields added beside it never share one.
    else if (name == "InstanceLifecyclePolicy"_L1 && seen.first(Zones + 16))
        group.terminateHookAbandon = readTerminateHookAbandon(stream);
    else if (name == "WarmPoolConfiguration"_L1 && seen.first(Zones + 4))
        group.warmPool = readWarmPoolConfiguration(stream);
    else if (name == "WarmPoolSize"_L1 && seen.first(Zones + 5))
        group.warmPoolSize = stream.readInt(0);
    else
        return false;
    return true;
}

AutoScalingGroup readGroup(XmlStream& stream)
{
    AutoScalingGroup group;
    SeenFields seen;
    while (stream.nextChild()) {
        if (!readTextField(stream, seen, GroupTexts, group) && !readGroupField(stream, seen, group))
            stream.skip();
    }
    // The group's name may come after its instances.
    for (GroupInstance& instance : group.instances) {
        if (instance.groupName.isEmpty())
            instance.groupName = group.name;
    }
    return group;
}

const std::array<TextField<LifecycleHook>, 6> HookTexts { {
    { "LifecycleHookName"_L1, &LifecycleHook::name },
    { "AutoScalingGroupName"_L1, &LifecycleHook::groupName },
    { "LifecycleTransition"_L1, &LifecycleHook::transition },
    { "NotificationTargetARN"_L1, &LifecycleHook::notificationTargetArn },
    { "RoleARN"_L1, &LifecycleHook::roleArn },
    { "NotificationMetadata"_L1, &LifecycleHook::notificationMetadata },
} };

LifecycleHook readHook(XmlStream& stream)
{
    LifecycleHook hook;
    SeenFields seen;
    constexpr int Heartbeat = HookTexts.size();
    while (stream.nextChild()) {
        if (readTextField(stream, seen, HookTexts, hook))
            continue;
        const QStringView name = stream.name();
        if (name == "HeartbeatTimeout"_L1 && seen.first(Heartbeat)) {
            hook.heartbeatTimeout = stream.readInt(hook.heartbeatTimeout);
        } else if (name == "GlobalTimeout"_L1 && seen.first(Heartbeat + 1)) {
            hook.globalTimeout = stream.readInt(hook.globalTimeout);
        } else if (name == "DefaultResult"_L1 && seen.first(Heartbeat + 2)) {
            QString defaultResult = stream.readText();
            if (!defaultResult.isEmpty())
                hook.defaultResult = std::move(defaultResult);
        } else {
            stream.skip();
        }
    }
    return hook;
}

const std::array<TextField<ScalingActivity>, 7> ActivityTexts { {
    { "ActivityId"_L1, &ScalingActivity::activityId },
    { "AutoScalingGroupName"_L1, &ScalingActivity::groupName },
    { "Description"_L1, &ScalingActivity::description },
    { "Cause"_L1, &ScalingActivity::cause },
    { "StatusCode"_L1, &ScalingActivity::statusCode },
    { "StatusMessage"_L1, &ScalingActivity::statusMessage },
    { "Details"_L1, &ScalingActivity::details },
} };

ScalingActivity readActivity(XmlStream& stream)
{
    ScalingActivity activity;
    SeenFields seen;
    constexpr int StartTime = ActivityTexts.size();
    while (stream.nextChild()) {
        if (readTextField(stream, seen, ActivityTexts, activity))
            continue;
        const QStringView name = stream.name();
        if (name == "StartTime"_L1 && seen.first(StartTime))
            activity.startTime = AwsXml::parseTimestamp(stream.readText());
        else if (name == "EndTime"_L1 && seen.first(StartTime + 1))
            activity.endTime = AwsXml::parseTimestamp(stream.readText());
        else if (name == "Progress"_L1 && seen.first(StartTime + 2))
            activity.progress = stream.readInt(0);
        else
            stream.skip();
    }
    return activity;
}

// A result holding one <member> list (and, for paginated operations, a NextToken).
template <typename Item>
ParsedResponse<QList<Item>> readMemberList(const QByteArray& body, int httpStatus, QLatin1StringView action,
    QLatin1StringView listName, Item (*readItem)(XmlStream&))
{
    return streamResult<QList<Item>>(body, httpStatus, action, [&](XmlStream& result, auto& response) {
        bool seenList = false;
        bool seenToken = false;
        while (result.nextChild()) {
            if (!seenList && result.name() == listName) {
                seenList = true;
                readMembers(result, [&](XmlStream& member) { response.value.append(readItem(member)); });
            } else if (!seenToken && result.name() == "NextToken"_L1) {
                seenToken = true;
                response.nextToken = result.readText();
            } else {
                result.skip();
            }
        }
    });
}

} // namespace

namespace AutoScalingXml {

ParsedResponse<QList<AutoScalingGroup>> describeAutoScalingGroups(const QByteArray& body, int httpStatus)
{
    return readMemberList<AutoScalingGroup>(
        body, httpStatus, "DescribeAutoScalingGroups"_L1, "AutoScalingGroups"_L1, readGroup);
}

ParsedResponse<QList<GroupInstance>> describeAutoScalingInstances(const QByteArray& body, int httpStatus)
{
    return readMemberList<GroupInstance>(
        body, httpStatus, "DescribeAutoScalingInstances"_L1, "AutoScalingInstances"_L1, readInstance);
}

ParsedResponse<QList<LifecycleHook>> describeLifecycleHooks(const QByteArray& body, int httpStatus)
{
    return readMemberList<LifecycleHook>(body, httpStatus, "DescribeLifecycleHooks"_L1, "LifecycleHooks"_L1, readHook);
}

ParsedResponse<QStringList> describeLifecycleHookTypes(const QByteArray& body, int httpStatus)
{
    return streamResult<QStringList>(
        body, httpStatus, "DescribeLifecycleHookTypes"_L1, [](XmlStream& result, auto& response) {
            bool seenList = false;
            while (result.nextChild()) {
                if (!seenList && result.name() == "LifecycleHookTypes"_L1) {
                    seenList = true;
                    response.value = readMemberTexts(result);
                } else {
                    result.skip();
                }
            }
        });
}

ParsedResponse<QList<ScalingActivity>> describeScalingActivities(const QByteArray& body, int httpStatus)
{
    return readMemberList<ScalingActivity>(
        body, httpStatus, "DescribeScalingActivities"_L1, "Activities"_L1, readActivity);
}

ParsedResponse<WarmPool> describeWarmPool(const QByteArray& body, int httpStatus)
{
    return streamResult<WarmPool>(body, httpStatus, "DescribeWarmPool"_L1, [](XmlStream& result, auto& response) {
        SeenFields seen;
        while (result.nextChild()) {
            const QStringView name = result.name();
            if (name == "WarmPoolConfiguration"_L1 && seen.first(0))
                response.value.configuration = readWarmPoolConfiguration(result);
            else if (name == "Instances"_L1 && seen.first(1))
                readMembers(result, [&](XmlStream& member) { response.value.instances.append(readInstance(member)); });
            else if (name == "NextToken"_L1 && seen.first(2))
                response.nextToken = result.readText();
            else
                result.skip();
        }
    });
}

ParsedResponse<ScalingActivity> terminateInstanceInAutoScalingGroup(const QByteArray& body, int httpStatus)
{
    return streamResult<ScalingActivity>(
        body, httpStatus, "TerminateInstanceInAutoScalingGroup"_L1, [](XmlStream& result, auto& response) {
            bool seenActivity = false;
            while (result.nextChild()) {
                if (!seenActivity && result.name() == "Activity"_L1) {
                    seenActivity = true;
                    response.value = readActivity(result);
                } else {
                    result.skip();
                }
            }
        });
}

ParsedResponse<QList<ScalingActivity>> standbyActivities(
    const QByteArray& body, QLatin1StringView action, int httpStatus)
{
    return readMemberList<ScalingActivity>(body, httpStatus, action, "Activities"_L1, readActivity);
}

ParsedResponse<NoResult> emptyResult(const QByteArray& body, QLatin1StringView action, int httpStatus)
{
    return streamResult<NoResult>(body, httpStatus, action, [](XmlStream& result, auto&) { result.skip(); });
}

QString trailingNextToken(const QByteArray& body, QByteArrayView listElement)
{
    const QByteArray close = "</" + listElement.toByteArray() + '>';
    const qsizetype listEnd = body.lastIndexOf(close);
    if (listEnd < 0)
        return {};
    constexpr QByteArrayView open = "<NextToken>";
    const qsizetype start = body.indexOf(open, listEnd);
    if (start < 0)
        return {};
    const qsizetype end = body.indexOf("</NextToken>", start);
    if (end < 0)
        return {};
    const qsizetype textStart = start + open.size();
    // The token is opaque base64-like text; an entity in it would need the real reader.
    const QByteArray text = body.mid(textStart, end - textStart).trimmed();
    if (text.contains('&') || text.contains('<'))
        return {};
    return QString::fromUtf8(text);
}

} // namespace AutoScalingXml

namespace StsXml {

ParsedResponse<CallerIdentity> getCallerIdentity(const QByteArray& body, int httpStatus)
{
    return readResult<CallerIdentity>(
        body, httpStatus, "GetCallerIdentity"_L1, [&](const XmlNode& result, auto& response) {
            response.value.account = result.childText("Account"_L1);
            response.value.arn = result.childText("Arn"_L1);
            response.value.userId = result.childText("UserId"_L1);
            if (response.value.account.isEmpty() || response.value.arn.isEmpty())
                response.error = AwsXml::unreadableBody(httpStatus, body,
                    QCoreApplication::translate("AwsXml", "no Account or Arn in GetCallerIdentityResult"));
        });
}

ParsedResponse<Credentials> assumeRole(const QByteArray& body, int httpStatus)
{
    return temporaryCredentials(body, httpStatus, "AssumeRole"_L1);
}

ParsedResponse<Credentials> getSessionToken(const QByteArray& body, int httpStatus)
{
    return temporaryCredentials(body, httpStatus, "GetSessionToken"_L1);
}

ParsedResponse<Credentials> temporaryCredentials(const QByteArray& body, int httpStatus, QLatin1StringView action)
{
    return readResult<Credentials>(body, httpStatus, action, [&](const XmlNode& result, auto& response) {
        const XmlNode* credentials = result.child("Credentials"_L1);
        if (credentials) {
            response.value.accessKeyId = credentials->childText("AccessKeyId"_L1);
            response.value.secretAccessKey = credentials->childText("SecretAccessKey"_L1);
            response.value.sessionToken = credentials->childText("SessionToken"_L1);
            response.value.expiration = credentials->childDateTime("Expiration"_L1);
        }
        if (!response.value.isValid() || response.value.sessionToken.isEmpty()) {
            // Never echo this body: it may hold part of a secret.
            response.value = {};
            response.error = AwsXml::unreadableBody(httpStatus, QByteArray(),
                QCoreApplication::translate("AwsXml", "no complete Credentials in %1Result").arg(action));
        }
    });
}

} // namespace StsXml
