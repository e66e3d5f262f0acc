// DescribeWarmPool on AutoScalingClient: every page of one group's warm pool (the pool's instances are never in the
// group's own Instances). Apart from autoscalingclient.cpp, which reads groups, hooks and activities.
#include "autoscalingclient.h"
#include "autoscalingxml.h"
#include "clientjobs.h"
#include "lifecyclevalidation.h"

#include <memory>

using namespace Qt::StringLiterals;
using namespace ClientJobs;

namespace {
constexpr int WarmPoolRecordsPerPage = 50; // DescribeWarmPool's largest MaxRecords (the service model)
} // namespace

ResultJob<WarmPool>* AutoScalingClient::describeWarmPool(const QString& groupName)
{
    if (const QString error = LifecycleValidation::groupNameError(groupName); !error.isEmpty())
        return failed<WarmPool>(AwsError::validation(error));
    auto* job = new ResultJob<WarmPool>();
    auto pool = std::make_shared<WarmPool>();
    const QueryParameters parameters { { u"AutoScalingGroupName"_s, groupName },
        { u"MaxRecords"_s, QString::number(WarmPoolRecordsPerPage) } };
    auto* walker = new PageWalker(
        m_query, u"DescribeWarmPool"_s, { parameters },
        [pool, groupName](const QByteArray& body, QString* nextToken, QString* requestId) {
            ParsedResponse<WarmPool> page = AutoScalingXml::describeWarmPool(body);
            *requestId = page.requestId;
            if (!page.ok())
                return page.error;
            *nextToken = page.nextToken;
            // Every page repeats the configuration; the last one read is the newest.
            if (page.value.configuration)
                pool->configuration = page.value.configuration;
            for (GroupInstance& instance : page.value.instances) {
                instance.groupName = groupName; // the answer names the group only in the request
                instance.inWarmPool = true;
                pool->instances.append(std::move(instance));
            }
            return AwsError {};
        },
        job, [job, pool] { job->finishWithResult(*pool); });
    QTimer::singleShot(0, walker, [walker] { walker->start(); });
    return job;
}
