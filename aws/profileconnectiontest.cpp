#include "profileconnectiontest.h"

#include "credentialchain.h"
#include "stsclient.h"

#include <QTimer>

ProfileConnectionTest::ProfileConnectionTest(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
    , m_network(network)
{
}

ResultJob<CallerIdentity>* ProfileConnectionTest::run(const ResolvedCredentials& resolved)
{
    auto* job = new ResultJob<CallerIdentity>(this);
    const EndpointResolver::Result sts = resolved.endpoint(EndpointResolver::Service::Sts);
    if (!sts.ok() || !resolved.provider) {
        const AwsError error = AwsError::validation(sts.ok() ? tr("No credentials to test.") : sts.error);
        QTimer::singleShot(0, job, [job, error] { job->finishWithError(error); });
        return job;
    }
    // The clients live as long as the call; the provider is the caller's.
    auto* query = new QueryClient(m_network, sts.endpoint, resolved.provider, job);
    auto* client = new StsClient(query, job);
    auto* call = client->getCallerIdentity();
    connect(call, &AwsJob::finished, job, [job, call] {
        job->setRequestId(call->requestId());
        if (call->hasError())
            job->finishWithError(call->error());
        else
            job->finishWithResult(call->result());
    });
    return job;
}
