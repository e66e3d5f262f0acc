// Readers of the instance refresh answers and what InstanceRefresh derives from them. The answers are small (a
// group's refreshes of six weeks), so they are read through the element tree rather than streamed.
#include "autoscalingrefreshxml.h"

#include "lifecycle.h"
#include "xmlnode.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {

std::optional<int> optionalInt(const XmlNode& node, QLatin1StringView name)
{
    bool ok = false;
    const int value = node.childText(name).toInt(&ok);
    return ok ? std::optional<int>(value) : std::nullopt;
}

InstanceRefresh readRefresh(const XmlNode& member)
{
    InstanceRefresh refresh;
    refresh.instanceRefreshId = member.childText("InstanceRefreshId"_L1);
    refresh.groupName = member.childText("AutoScalingGroupName"_L1);
    refresh.status = member.childText("Status"_L1);
    refresh.statusReason = member.childText("StatusReason"_L1);
    refresh.startTime = member.childDateTime("StartTime"_L1);
    refresh.endTime = member.childDateTime("EndTime"_L1);
    refresh.percentageComplete = optionalInt(member, "PercentageComplete"_L1);
    refresh.instancesToUpdate = optionalInt(member, "InstancesToUpdate"_L1);
    refresh.strategy = member.childText("Strategy"_L1);
    if (const XmlNode* preferences = member.child("Preferences"_L1)) {
        refresh.minHealthyPercentage = optionalInt(*preferences, "MinHealthyPercentage"_L1);
        refresh.instanceWarmup = optionalInt(*preferences, "InstanceWarmup"_L1);
    }
    if (const XmlNode* rollback = member.child("RollbackDetails"_L1)) {
        refresh.rollbackReason = rollback->childText("RollbackReason"_L1);
        refresh.rollbackStartTime = rollback->childDateTime("RollbackStartTime"_L1);
        refresh.percentageCompleteOnRollback = optionalInt(*rollback, "PercentageCompleteOnRollback"_L1);
        refresh.instancesToUpdateOnRollback = optionalInt(*rollback, "InstancesToUpdateOnRollback"_L1);
    }
    return refresh;
}

} // namespace

bool InstanceRefresh::isActive() const
{
    static const QStringList active { QString::fromLatin1(InstanceRefreshStatus::Pending), u"InProgress"_s,
        u"Cancelling"_s, u"RollbackInProgress"_s, u"Baking"_s };
    return active.contains(status);
}

QStringList InstanceRefresh::waitingInstances(const QList<GroupInstance>& instances) const
{
    QStringList waiting;
    if (!isActive())
        return waiting;
    for (const GroupInstance& instance : instances) {
        if (Lifecycle::phaseOf(Lifecycle::parseState(instance.lifecycleState)) == Lifecycle::Phase::Wait)
            waiting.append(instance.instanceId);
    }
    return waiting;
}

bool InstanceRefresh::waitsOnLifecycleActions(const QList<GroupInstance>& instances) const
{
    if (!isActive())
        return false;
    return statusReason.contains(u"lifecycle action"_s, Qt::CaseInsensitive) || !waitingInstances(instances).isEmpty();
}

std::optional<InstanceRefresh> activeRefresh(const QList<InstanceRefresh>& refreshes)
{
    // DescribeInstanceRefreshes lists the newest first.
    for (const InstanceRefresh& refresh : refreshes) {
        if (refresh.isActive())
            return refresh;
    }
    return std::nullopt;
}

namespace AutoScalingRefreshXml {

ParsedResponse<QList<InstanceRefresh>> describeInstanceRefreshes(const QByteArray& body, int httpStatus)
{
    ParsedResponse<QList<InstanceRefresh>> response;
    const AwsXml::ActionResult parsed = AwsXml::parseActionResult(body, httpStatus, "DescribeInstanceRefreshes"_L1);
    response.requestId = parsed.requestId;
    response.error = parsed.error;
    if (parsed.error.isError())
        return response;
    for (const XmlNode* member : parsed.result.members("InstanceRefreshes"_L1))
        response.value.append(readRefresh(*member));
    response.nextToken = parsed.result.childText("NextToken"_L1);
    return response;
}

ParsedResponse<QString> instanceRefreshId(const QByteArray& body, QLatin1StringView action, int httpStatus)
{
    ParsedResponse<QString> response;
    const AwsXml::ActionResult parsed = AwsXml::parseActionResult(body, httpStatus, action);
    response.requestId = parsed.requestId;
    response.error = parsed.error;
    if (parsed.error.isError())
        return response;
    response.value = parsed.result.childText("InstanceRefreshId"_L1);
    if (response.value.isEmpty())
        response.error = AwsXml::unreadableBody(httpStatus, body,
            QCoreApplication::translate("AwsXml", "no InstanceRefreshId in %1Result").arg(QString(action)));
    return response;
}

} // namespace AutoScalingRefreshXml
