// The remediation operations of AutoScalingClient: they change an instance rather than a lifecycle action. Kept
// apart from autoscalingclient.cpp so that file stays about reading the inventory and the lifecycle actions.
#include "autoscalingclient.h"
#include "autoscalingxml.h"
#include "clientjobs.h"
#include "lifecyclevalidation.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;
using namespace ClientJobs;

namespace {

constexpr int InstanceIdsPerCall = 50; // SetInstanceProtection's InstanceIds (the service model)
constexpr int StandbyIdsPerCall = 20; // EnterStandby / ExitStandby's InstanceIds (the service model)

QString booleanText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

QString instanceIdRequiredError(const QString& id)
{
    QString error = LifecycleValidation::instanceIdError(id);
    if (error.isEmpty() && id.isEmpty())
        error = QCoreApplication::translate("AutoScalingClient", "An instance ID is required.");
    return error;
}

// The group name and 1 to `limit` valid instance IDs, checked as the service model does; empty when they are fine.
QString instanceListError(const QString& operation, const QString& groupName, const QStringList& ids, int limit)
{
    QString error = LifecycleValidation::groupNameError(groupName);
    if (error.isEmpty() && (ids.isEmpty() || ids.size() > limit))
        error = QCoreApplication::translate("AutoScalingClient", "%1 takes 1 to %2 instance IDs.")
                    .arg(operation)
                    .arg(limit);
    for (const QString& id : ids) {
        if (!error.isEmpty())
            break;
        error = instanceIdRequiredError(id);
    }
    return error;
}

QueryParameters instanceListParameters(const QString& groupName, const QStringList& ids)
{
    QueryParameters parameters;
    for (qsizetype i = 0; i < ids.size(); ++i)
        parameters.append({ u"InstanceIds.member.%1"_s.arg(i + 1), ids.at(i) });
    parameters.append({ u"AutoScalingGroupName"_s, groupName });
    return parameters;
}

} // namespace

ResultJob<ScalingActivity>* AutoScalingClient::terminateInstanceInAutoScalingGroup(
    const QString& instanceId, bool decrementDesiredCapacity)
{
    // InstanceId is an XmlStringMaxLen19 and required: the model's check, before anything is sent.
    const QString error = instanceIdRequiredError(instanceId);
    if (!error.isEmpty())
        return failed<ScalingActivity>(AwsError::validation(error));
    const QueryParameters parameters { { u"InstanceId"_s, instanceId },
        { u"ShouldDecrementDesiredCapacity"_s, booleanText(decrementDesiredCapacity) } };
    return single<ScalingActivity>(m_query, u"TerminateInstanceInAutoScalingGroup"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::terminateInstanceInAutoScalingGroup(body); });
}

ResultJob<NoResult>* AutoScalingClient::setInstanceProtection(
    const QString& groupName, const QStringList& instanceIds, bool protectedFromScaleIn)
{
    const QString error = instanceListError(u"SetInstanceProtection"_s, groupName, instanceIds, InstanceIdsPerCall);
    if (!error.isEmpty())
        return failed<NoResult>(AwsError::validation(error));
    QueryParameters parameters = instanceListParameters(groupName, instanceIds);
    parameters.append({ u"ProtectedFromScaleIn"_s, booleanText(protectedFromScaleIn) });
    return single<NoResult>(m_query, u"SetInstanceProtection"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "SetInstanceProtection"_L1); });
}

ResultJob<NoResult>* AutoScalingClient::setInstanceHealth(
    const QString& instanceId, const QString& healthStatus, bool respectGracePeriod)
{
    QString error = instanceIdRequiredError(instanceId);
    if (error.isEmpty() && healthStatus != "Healthy"_L1 && healthStatus != "Unhealthy"_L1)
        error = QCoreApplication::translate("AutoScalingClient", "The health status must be Healthy or Unhealthy.");
    if (!error.isEmpty())
        return failed<NoResult>(AwsError::validation(error));
    const QueryParameters parameters { { u"InstanceId"_s, instanceId }, { u"HealthStatus"_s, healthStatus },
        { u"ShouldRespectGracePeriod"_s, booleanText(respectGracePeriod) } };
    return single<NoResult>(m_query, u"SetInstanceHealth"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "SetInstanceHealth"_L1); });
}

ResultJob<QList<ScalingActivity>>* AutoScalingClient::enterStandby(
    const QString& groupName, const QStringList& instanceIds, bool decrementDesiredCapacity)
{
    const QString error = instanceListError(u"EnterStandby"_s, groupName, instanceIds, StandbyIdsPerCall);
    if (!error.isEmpty())
        return failed<QList<ScalingActivity>>(AwsError::validation(error));
    QueryParameters parameters = instanceListParameters(groupName, instanceIds);
    parameters.append({ u"ShouldDecrementDesiredCapacity"_s, booleanText(decrementDesiredCapacity) });
    return single<QList<ScalingActivity>>(m_query, u"EnterStandby"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::standbyActivities(body, "EnterStandby"_L1); });
}

ResultJob<QList<ScalingActivity>>* AutoScalingClient::exitStandby(
    const QString& groupName, const QStringList& instanceIds)
{
    const QString error = instanceListError(u"ExitStandby"_s, groupName, instanceIds, StandbyIdsPerCall);
    if (!error.isEmpty())
        return failed<QList<ScalingActivity>>(AwsError::validation(error));
    return single<QList<ScalingActivity>>(m_query, u"ExitStandby"_s, instanceListParameters(groupName, instanceIds),
        [](const QByteArray& body) { return AutoScalingXml::standbyActivities(body, "ExitStandby"_L1); });
}
