#include "awssession.h"

#include "autoscalingclient.h"
#include "modelslogging.h"
#include "queryclient.h"
#include "stsclient.h"

using namespace Qt::StringLiterals;

AwsSession::AwsSession(QNetworkAccessManager* network, CredentialProvider* credentials,
    const ConnectionSettings& settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_credentials(credentials)
{
    m_autoScalingQuery = new QueryClient(network,
        ServiceEndpoint { autoScalingEndpoint(), m_settings.region, u"autoscaling"_s, u"2011-01-01"_s }, credentials,
        this);
    m_stsQuery = new QueryClient(
        network, ServiceEndpoint { stsEndpoint(), m_settings.region, u"sts"_s, u"2011-06-15"_s }, credentials, this);
    m_autoScaling = new AutoScalingClient(m_autoScalingQuery, this);
    m_sts = new StsClient(m_stsQuery, this);

    for (QueryClient* query : { m_autoScalingQuery, m_stsQuery })
        connect(query, &QueryClient::requestSent, this, &AwsSession::requestSent);
    connect(m_autoScalingQuery, &QueryClient::throttled, this, &AwsSession::throttled);
}

AwsSession::~AwsSession() = default;

QUrl AwsSession::defaultEndpoint(const QString& service, const QString& region)
{
    const QString suffix = region.startsWith("cn-"_L1) ? u"amazonaws.com.cn"_s : u"amazonaws.com"_s;
    return QUrl(u"https://%1.%2.%3/"_s.arg(service, region, suffix));
}

QUrl AwsSession::autoScalingEndpoint() const
{
    return m_settings.endpointUrl.isEmpty() ? defaultEndpoint(u"autoscaling"_s, m_settings.region)
                                            : m_settings.endpointUrl;
}

QUrl AwsSession::stsEndpoint() const
{
    // An override serves both services (VPC endpoints aside, this is the simulator or moto).
    return m_settings.endpointUrl.isEmpty() ? defaultEndpoint(u"sts"_s, m_settings.region) : m_settings.endpointUrl;
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
        Q_EMIT identityChanged(m_identity);
    });
}

int AwsSession::requestCount() const
{
    return m_autoScalingQuery->requestsSent() + m_stsQuery->requestsSent();
}
