// The instance refresh operations of AutoScalingClient: reading a group's refreshes, cancelling or rolling back
// the active one. Kept apart from autoscalingclient.cpp, which reads the inventory and the lifecycle actions.
#include "autoscalingclient.h"
#include "autoscalingrefreshxml.h"
#include "clientjobs.h"
#include "lifecyclevalidation.h"

using namespace Qt::StringLiterals;
using namespace ClientJobs;

namespace {
constexpr int RefreshesPerPage = 100; // DescribeInstanceRefreshes' MaxRecords at most (the API reference)

ResultJob<QString>* refreshAction(QueryClient* query, const QString& groupName, QLatin1StringView action)
{
    if (const QString error = LifecycleValidation::groupNameError(groupName); !error.isEmpty())
        return failed<QString>(AwsError::validation(error));
    return single<QString>(query, QString(action), { { u"AutoScalingGroupName"_s, groupName } },
        [action](const QByteArray& body) { return AutoScalingRefreshXml::instanceRefreshId(body, action); });
}
} // namespace

ResultJob<QList<InstanceRefresh>>* AutoScalingClient::describeInstanceRefreshes(
    const QString& groupName, const QStringList& refreshIds)
{
    if (const QString error = LifecycleValidation::groupNameError(groupName); !error.isEmpty())
        return failed<QList<InstanceRefresh>>(AwsError::validation(error));
    QueryParameters parameters { { u"AutoScalingGroupName"_s, groupName } };
    for (qsizetype i = 0; i < refreshIds.size(); ++i)
        parameters.append({ u"InstanceRefreshIds.member.%1"_s.arg(i + 1), refreshIds.at(i) });
    parameters.append({ u"MaxRecords"_s, QString::number(RefreshesPerPage) });
    return paged<InstanceRefresh>(m_query, u"DescribeInstanceRefreshes"_s, { parameters },
        [](const QByteArray& body) { return AutoScalingRefreshXml::describeInstanceRefreshes(body); });
}

ResultJob<QString>* AutoScalingClient::cancelInstanceRefresh(const QString& groupName)
{
    return refreshAction(m_query, groupName, "CancelInstanceRefresh"_L1);
}

ResultJob<QString>* AutoScalingClient::rollbackInstanceRefresh(const QString& groupName)
{
    return refreshAction(m_query, groupName, "RollbackInstanceRefresh"_L1);
}
