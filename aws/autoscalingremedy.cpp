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

QString booleanText(bool value)
{
    return value ? u"true"_s : u"false"_s;
}

} // namespace

ResultJob<ScalingActivity>* AutoScalingClient::terminateInstanceInAutoScalingGroup(
    const QString& instanceId, bool decrementDesiredCapacity)
{
    // InstanceId is an XmlStringMaxLen19 and required: the model's check, before anything is sent.
    QString error = LifecycleValidation::instanceIdError(instanceId);
    if (error.isEmpty() && instanceId.isEmpty())
        error = QCoreApplication::translate("AutoScalingClient", "An instance ID is required.");
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
    QString error = LifecycleValidation::groupNameError(groupName);
    if (error.isEmpty() && (instanceIds.isEmpty() || instanceIds.size() > InstanceIdsPerCall))
        error = QCoreApplication::translate("AutoScalingClient", "SetInstanceProtection takes 1 to %1 instance IDs.")
                    .arg(InstanceIdsPerCall);
    for (const QString& id : instanceIds) {
        if (!error.isEmpty())
            break;
        error = LifecycleValidation::instanceIdError(id);
        if (error.isEmpty() && id.isEmpty())
            error = QCoreApplication::translate("AutoScalingClient", "An instance ID is required.");
    }
    if (!error.isEmpty())
        return failed<NoResult>(AwsError::validation(error));
    QueryParameters parameters;
    for (qsizetype i = 0; i < instanceIds.size(); ++i)
        parameters.append({ u"InstanceIds.member.%1"_s.arg(i + 1), instanceIds.at(i) });
    parameters.append({ u"AutoScalingGroupName"_s, groupName });
    parameters.append({ u"ProtectedFromScaleIn"_s, booleanText(protectedFromScaleIn) });
    return single<NoResult>(m_query, u"SetInstanceProtection"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "SetInstanceProtection"_L1); });
}
