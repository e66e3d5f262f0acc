#include "awssession.h"

#include "autoscalingclient.h"
#include "endpointresolver.h"
#include "modelslogging.h"
#include "queryclient.h"
#include "stsclient.h"

using namespace Qt::StringLiterals;

AwsSession::AwsSession(
    QNetworkAccessManager* network, CredentialProvider* credentials, ConnectionSettings settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
    , m_credentials(credentials)
{
    const EndpointOverrides endpoints = m_settings.endpointUrl.isEmpty()
        ? m_settings.endpoints
        : EndpointOverrides::forAll(m_settings.endpointUrl, u"--endpoint-url"_s);
    const auto autoScaling
        = endpoints.resolve(EndpointResolver::Service::AutoScaling, m_settings.region, m_settings.fips);
    const auto sts = endpoints.resolve(EndpointResolver::Service::Sts, m_settings.region, m_settings.fips);
    m_endpointError = !autoScaling.ok() ? autoScaling.error : sts.error;
    if (!m_endpointError.isEmpty())
        qCWarning(lcModels) << "endpoint:" << m_endpointError;
    m_autoScalingQuery = new QueryClient(network, autoScaling.endpoint, credentials, this);
    m_stsQuery = new QueryClient(network, sts.endpoint, credentials, this);
    m_autoScalingQuery->setEndpointError(autoScaling.error);
    m_stsQuery->setEndpointError(sts.error);
    setDeadlineSeconds(m_settings.deadlineSeconds);
    m_autoScaling = new AutoScalingClient(m_autoScalingQuery, this);
    m_sts = new StsClient(m_stsQuery, this);

    for (QueryClient* query : { m_autoScalingQuery, m_stsQuery })
        connect(query, &QueryClient::requestSent, this, &AwsSession::requestSent);
    connect(m_autoScalingQuery, &QueryClient::throttled, this, &AwsSession::throttled);
}

AwsSession::~AwsSession()
{
    // The clients go first, while this session is whole: their calls end now ("the connection was closed"), and a
    // finished() handler that looks at the session must not find it half destroyed.
    delete m_autoScaling;
    delete m_sts;
    delete m_autoScalingQuery;
    delete m_stsQuery;
}

void AwsSession::setDeadlineSeconds(int seconds)
{
    m_settings.deadlineSeconds = seconds;
    for (QueryClient* query : { m_autoScalingQuery, m_stsQuery })
        query->setDeadline(seconds * 1000);
}

QUrl AwsSession::defaultEndpoint(const QString& service, const QString& region)
{
    const auto which = service == "sts"_L1 ? EndpointResolver::Service::Sts : EndpointResolver::Service::AutoScaling;
    return EndpointResolver::resolve(which, region).endpoint.url;
}

QUrl AwsSession::autoScalingEndpoint() const
{
    return m_autoScalingQuery->endpoint().url;
}

QUrl AwsSession::stsEndpoint() const
{
    return m_stsQuery->endpoint().url;
}

void AwsSession::setReadOnly(bool readOnly)
{
    if (m_settings.readOnly == readOnly)
        return;
    m_settings.readOnly = readOnly;
    Q_EMIT readOnlyChanged(readOnly);
}

void AwsSession::fetchIdentity()
{
    if (m_fetchingIdentity)
        return;
    m_fetchingIdentity = true;
    auto* job = m_sts->getCallerIdentity();
    connect(job, &AwsJob::finished, this, [this, job] {
        m_fetchingIdentity = false;
        if (job->hasError()) {
            qCInfo(lcModels) << "GetCallerIdentity failed:" << job->error().toString();
            Q_EMIT identityFailed(job->error());
            return;
        }
        m_identity = job->result();
        // All Auto Scaling APIs share one throttle bucket per account and region: key the rate limiter by account.
        m_autoScalingQuery->setThrottleBucket(m_identity.account);
        Q_EMIT identityChanged(m_identity);
    });
}

int AwsSession::requestCount() const
{
    return m_autoScalingQuery->requestsSent() + m_stsQuery->requestsSent();
}
