#include "autoscalingclient.h"

#include "clientjobs.h"
#include "lifecyclevalidation.h"
#include "queryencoder.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;
using namespace ClientJobs;

namespace {

constexpr int NamesPerCall = 50; // AutoScalingGroupNames (more with MaxRecords), InstanceIds, LifecycleHookNames
constexpr int MaxRecordsLimit = 100;

QList<QStringList> chunked(const QStringList& names, int perCall = NamesPerCall)
{
    QList<QStringList> chunks;
    for (qsizetype i = 0; i < names.size(); i += perCall)
        chunks.append(names.mid(i, perCall));
    return chunks;
}

// AutoScalingGroupNames takes 50 names a call, or up to MaxRecords when that is larger (the service model).
int groupNamesPerCall(int maxRecords)
{
    return std::max(NamesPerCall, maxRecords);
}

QString maxRecordsError(int maxRecords)
{
    if (maxRecords < 1 || maxRecords > MaxRecordsLimit)
        return QCoreApplication::translate("AutoScalingClient", "MaxRecords must be between 1 and %1 (got %2).")
            .arg(MaxRecordsLimit)
            .arg(maxRecords);
    return {};
}

void addTarget(QueryParameters& parameters, const LifecycleActionTarget& target)
{
    parameters.append({ u"LifecycleHookName"_s, target.hookName });
    parameters.append({ u"AutoScalingGroupName"_s, target.groupName });
    QueryEncoder::addOptional(parameters, u"InstanceId"_s, target.instanceId);
    QueryEncoder::addOptional(parameters, u"LifecycleActionToken"_s, target.token);
}

// A list answer as one page: the items and the NextToken side by side in the value.
template <typename Page, typename Item>
ParsedResponse<Page> asPage(const ParsedResponse<QList<Item>>& parsed, QList<Item> Page::*items)
{
    ParsedResponse<Page> page;
    page.value.*items = parsed.value;
    page.value.nextToken = parsed.nextToken;
    page.requestId = parsed.requestId;
    page.error = parsed.error;
    return page;
}

} // namespace

AutoScalingClient::AutoScalingClient(QueryClient* query, QObject* parent)
    : QObject(parent)
    , m_query(query)
{
}

// The checks and the parameters every DescribeAutoScalingGroups call of `request` shares (names excepted), or the
// validation error that refuses it.
AwsError AutoScalingClient::groupsCommonParameters(const DescribeGroupsRequest& request, QueryParameters* common)
{
    if (const QString error = maxRecordsError(request.maxRecords); !error.isEmpty())
        return AwsError::validation(error);
    for (const QString& name : request.groupNames) {
        if (const QString error = LifecycleValidation::groupNameError(name); !error.isEmpty())
            return AwsError::validation(error);
    }
    QList<QPair<QString, QStringList>> filters;
    for (const GroupFilter& filter : request.filters) {
        if (filter.name.isEmpty() || filter.values.isEmpty())
            return AwsError::validation(QCoreApplication::translate(
                "AutoScalingClient", "A group filter needs a name and at least one value."));
        filters.append({ filter.name, filter.values });
    }
    QueryEncoder::addFilters(*common, u"Filters"_s, filters);
    common->append({ u"MaxRecords"_s, QString::number(request.maxRecords) });
    if (!request.includeInstances)
        common->append({ u"IncludeInstances"_s, u"false"_s });
    return {};
}

ResultJob<QList<AutoScalingGroup>>* AutoScalingClient::describeAutoScalingGroups(const DescribeGroupsRequest& request)
{
    QueryParameters common;
    if (const AwsError error = groupsCommonParameters(request, &common); error.isError())
        return failed<QList<AutoScalingGroup>>(error);
    QList<QueryParameters> chunks;
    for (const QStringList& names : chunked(request.groupNames, groupNamesPerCall(request.maxRecords))) {
        QueryParameters parameters;
        QueryEncoder::addList(parameters, u"AutoScalingGroupNames"_s, names);
        chunks.append(parameters + common);
    }
    if (chunks.isEmpty())
        chunks.append(common);
    return paged<AutoScalingGroup>(m_query, u"DescribeAutoScalingGroups"_s, chunks,
        [](const QByteArray& body) { return AutoScalingXml::describeAutoScalingGroups(body); });
}

ResultJob<AutoScalingGroupsPage>* AutoScalingClient::describeAutoScalingGroupsPage(const DescribeGroupsRequest& request,
    const QString& nextToken, const std::function<void(const QString&)>& earlyNextToken)
{
    QueryParameters common;
    AwsError error = groupsCommonParameters(request, &common);
    if (!error.isError() && request.groupNames.size() > groupNamesPerCall(request.maxRecords))
        error = AwsError::validation(
            QCoreApplication::translate("AutoScalingClient", "At most %1 group names can be described at once.")
                .arg(groupNamesPerCall(request.maxRecords)));
    if (error.isError())
        return failed<AutoScalingGroupsPage>(error);
    QueryParameters parameters;
    QueryEncoder::addList(parameters, u"AutoScalingGroupNames"_s, request.groupNames);
    parameters += common;
    QueryEncoder::addOptional(parameters, u"NextToken"_s, nextToken);
    return single<AutoScalingGroupsPage>(
        m_query, u"DescribeAutoScalingGroups"_s, parameters,
        [](const QByteArray& body) {
            return asPage(AutoScalingXml::describeAutoScalingGroups(body), &AutoScalingGroupsPage::groups);
        },
        earlyNextToken ? std::function<void(const QByteArray&)>([earlyNextToken](const QByteArray& body) {
            earlyNextToken(AutoScalingXml::trailingNextToken(body, "AutoScalingGroups"));
        })
                       : std::function<void(const QByteArray&)>());
}

ResultJob<QList<GroupInstance>>* AutoScalingClient::describeAutoScalingInstances(const QStringList& instanceIds)
{
    for (const QString& id : instanceIds) {
        if (const QString error = LifecycleValidation::instanceIdError(id); !error.isEmpty() || id.isEmpty())
            return failed<QList<GroupInstance>>(AwsError::validation(error.isEmpty()
                    ? QCoreApplication::translate("AutoScalingClient", "An instance ID is empty.")
                    : error));
    }
    QList<QueryParameters> chunks;
    for (const QStringList& ids : chunked(instanceIds)) {
        QueryParameters parameters;
        QueryEncoder::addList(parameters, u"InstanceIds"_s, ids);
        parameters.append({ u"MaxRecords"_s, QString::number(NamesPerCall) });
        chunks.append(parameters);
    }
    if (chunks.isEmpty()) // no IDs: every instance of every group, page by page
        chunks.append({ { u"MaxRecords"_s, QString::number(NamesPerCall) } });
    return paged<GroupInstance>(m_query, u"DescribeAutoScalingInstances"_s, chunks,
        [](const QByteArray& body) { return AutoScalingXml::describeAutoScalingInstances(body); });
}

ResultJob<QList<LifecycleHook>>* AutoScalingClient::describeLifecycleHooks(
    const QString& groupName, const QStringList& hookNames)
{
    QString error = LifecycleValidation::groupNameError(groupName);
    if (error.isEmpty() && hookNames.size() > NamesPerCall)
        error = QCoreApplication::translate("AutoScalingClient", "At most %1 hook names can be described at once.")
                    .arg(NamesPerCall);
    for (const QString& name : hookNames) {
        if (error.isEmpty())
            error = LifecycleValidation::hookNameError(name);
    }
    if (!error.isEmpty())
        return failed<QList<LifecycleHook>>(AwsError::validation(error));
    QueryParameters parameters { { u"AutoScalingGroupName"_s, groupName } };
    QueryEncoder::addList(parameters, u"LifecycleHookNames"_s, hookNames);
    return single<QList<LifecycleHook>>(m_query, u"DescribeLifecycleHooks"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::describeLifecycleHooks(body); });
}

ResultJob<QStringList>* AutoScalingClient::describeLifecycleHookTypes()
{
    return single<QStringList>(m_query, u"DescribeLifecycleHookTypes"_s, {},
        [](const QByteArray& body) { return AutoScalingXml::describeLifecycleHookTypes(body); });
}

ResultJob<ScalingActivitiesPage>* AutoScalingClient::describeScalingActivities(
    const QString& groupName, int maxRecords, const QString& nextToken)
{
    DescribeActivitiesRequest request;
    request.groupName = groupName;
    request.maxRecords = maxRecords;
    request.nextToken = nextToken;
    return describeScalingActivities(request);
}

ResultJob<ScalingActivitiesPage>* AutoScalingClient::describeScalingActivities(const DescribeActivitiesRequest& request)
{
    QString error = maxRecordsError(request.maxRecords);
    if (error.isEmpty() && !request.groupName.isEmpty())
        error = LifecycleValidation::groupNameError(request.groupName);
    // AWS answers a ValidationError for this; refusing it here says why without spending a call.
    if (error.isEmpty() && !request.statuses.isEmpty() && request.groupName.isEmpty())
        error = QCoreApplication::translate(
            "AutoScalingClient", "The Status filter of scaling activities needs an Auto Scaling group name.");
    if (!error.isEmpty())
        return failed<ScalingActivitiesPage>(AwsError::validation(error));
    QList<QPair<QString, QStringList>> filters;
    if (!request.statuses.isEmpty())
        filters.append({ u"Status"_s, request.statuses });
    // Milliseconds only when there are some, so a bound taken from an activity's StartTime keeps it inclusive.
    const auto bound = [&filters](const QString& name, const QDateTime& time) {
        if (time.isValid()) {
            const QDateTime utc = time.toUTC();
            filters.append({ name, { utc.toString(utc.time().msec() ? Qt::ISODateWithMs : Qt::ISODate) } });
        }
    };
    bound(u"StartTimeLowerBound"_s, request.startTimeLowerBound);
    bound(u"StartTimeUpperBound"_s, request.startTimeUpperBound);

    QueryParameters parameters;
    QueryEncoder::addOptional(parameters, u"AutoScalingGroupName"_s, request.groupName);
    QueryEncoder::addFilters(parameters, u"Filters"_s, filters);
    parameters.append({ u"MaxRecords"_s, QString::number(request.maxRecords) });
    QueryEncoder::addOptional(parameters, u"NextToken"_s, request.nextToken);
    return single<ScalingActivitiesPage>(
        m_query, u"DescribeScalingActivities"_s, parameters, [](const QByteArray& body) {
            return asPage(AutoScalingXml::describeScalingActivities(body), &ScalingActivitiesPage::activities);
        });
}

ResultJob<NoResult>* AutoScalingClient::putLifecycleHook(const PutLifecycleHookRequest& request)
{
    if (const AwsError error = LifecycleValidation::validate(request); error.isError())
        return failed<NoResult>(error);
    QueryParameters parameters { { u"LifecycleHookName"_s, request.hookName },
        { u"AutoScalingGroupName"_s, request.groupName } };
    QueryEncoder::addOptional(parameters, u"LifecycleTransition"_s, request.transition);
    // An empty role goes with an empty target (validated above); the empty target alone removes both.
    QueryEncoder::addOptional(parameters, u"RoleARN"_s, request.roleArn.value_or(QString()));
    if (request.notificationTargetArn) // present even when empty: that is how a target is removed
        parameters.append({ u"NotificationTargetARN"_s, *request.notificationTargetArn });
    QueryEncoder::addOptional(parameters, u"NotificationMetadata"_s, request.notificationMetadata);
    if (request.heartbeatTimeout)
        parameters.append({ u"HeartbeatTimeout"_s, QString::number(*request.heartbeatTimeout) });
    QueryEncoder::addOptional(parameters, u"DefaultResult"_s, request.defaultResult);
    return single<NoResult>(m_query, u"PutLifecycleHook"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "PutLifecycleHook"_L1); });
}

ResultJob<NoResult>* AutoScalingClient::deleteLifecycleHook(const QString& groupName, const QString& hookName)
{
    QString error = LifecycleValidation::groupNameError(groupName);
    if (error.isEmpty())
        error = LifecycleValidation::hookNameError(hookName);
    if (!error.isEmpty())
        return failed<NoResult>(AwsError::validation(error));
    const QueryParameters parameters { { u"LifecycleHookName"_s, hookName }, { u"AutoScalingGroupName"_s, groupName } };
    return single<NoResult>(m_query, u"DeleteLifecycleHook"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "DeleteLifecycleHook"_L1); });
}

ResultJob<NoResult>* AutoScalingClient::completeLifecycleAction(
    const LifecycleActionTarget& target, const QString& result)
{
    AwsError error = LifecycleValidation::validate(target);
    if (!error.isError()) {
        if (const QString message = LifecycleValidation::actionResultError(result); !message.isEmpty())
            error = AwsError::validation(message);
    }
    if (error.isError())
        return failed<NoResult>(error);
    QueryParameters parameters;
    addTarget(parameters, target);
    parameters.append({ u"LifecycleActionResult"_s, result });
    return single<NoResult>(m_query, u"CompleteLifecycleAction"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "CompleteLifecycleAction"_L1); });
}

ResultJob<NoResult>* AutoScalingClient::recordLifecycleActionHeartbeat(const LifecycleActionTarget& target)
{
    if (const AwsError error = LifecycleValidation::validate(target); error.isError())
        return failed<NoResult>(error);
    QueryParameters parameters;
    addTarget(parameters, target);
    return single<NoResult>(m_query, u"RecordLifecycleActionHeartbeat"_s, parameters,
        [](const QByteArray& body) { return AutoScalingXml::emptyResult(body, "RecordLifecycleActionHeartbeat"_L1); });
}
