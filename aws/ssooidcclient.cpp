#include "ssooidcclient.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int kSlowDownSeconds = 5; // RFC 8628 §3.5
constexpr int kMaxIntervalSeconds = 60;

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}

// Runs `next` with the answer of `call` when it succeeds, else ends `job` with the call's error.
template <typename Job, typename Next> void onAnswer(SsoJsonCall* call, Job* job, Next next)
{
    QObject::connect(call, &AwsJob::finished, job, [call, job, next] {
        if (call->hasError())
            job->finishWithError(call->error());
        else
            next(call->result());
    });
}
} // namespace

SsoOidcClient::SsoOidcClient(QNetworkAccessManager* network, QUrl endpoint, QObject* parent)
    : QObject(parent)
    , m_network(network)
    , m_endpoint(std::move(endpoint))
{
}

SsoJsonCall* SsoOidcClient::registerClient(
    const QStringList& scopes, const QStringList& grantTypes, const QStringList& redirectUris, const QString& issuerUrl)
{
    QJsonObject body { { u"clientName"_s, u"hookdesk"_s }, { u"clientType"_s, u"public"_s },
        { u"scopes"_s, QJsonArray::fromStringList(scopes) } };
    if (!grantTypes.isEmpty())
        body.insert(u"grantTypes"_s, QJsonArray::fromStringList(grantTypes));
    if (!redirectUris.isEmpty())
        body.insert(u"redirectUris"_s, QJsonArray::fromStringList(redirectUris));
    if (!issuerUrl.isEmpty())
        body.insert(u"issuerUrl"_s, issuerUrl);
    return new SsoJsonCall(m_network, SsoJson::operationUrl(m_endpoint, u"/client/register"_s), true, body, {});
}

SsoJsonCall* SsoOidcClient::startDeviceAuthorization(const SsoToken& client, const QString& startUrl)
{
    const QJsonObject body { { u"clientId"_s, client.clientId }, { u"clientSecret"_s, client.clientSecret },
        { u"startUrl"_s, startUrl } };
    return new SsoJsonCall(m_network, SsoJson::operationUrl(m_endpoint, u"/device_authorization"_s), true, body, {});
}

SsoJsonCall* SsoOidcClient::createToken(const SsoToken& client, QJsonObject grant)
{
    grant.insert(u"clientId"_s, client.clientId);
    grant.insert(u"clientSecret"_s, client.clientSecret);
    return new SsoJsonCall(m_network, SsoJson::operationUrl(m_endpoint, u"/token"_s), true, grant, {});
}

bool SsoOidc::applyRegistration(const QJsonObject& answer, SsoToken* token)
{
    token->clientId = answer.value(u"clientId"_s).toString();
    token->clientSecret = answer.value(u"clientSecret"_s).toString();
    token->clientExpiresAt
        = QDateTime::fromSecsSinceEpoch(qint64(answer.value(u"clientSecretExpiresAt"_s).toDouble()), Qt::UTC);
    return !token->clientId.isEmpty() && !token->clientSecret.isEmpty();
}

bool SsoOidc::applyTokenAnswer(const QJsonObject& answer, SsoToken* token)
{
    const QString accessToken = answer.value(u"accessToken"_s).toString();
    const int expiresIn = answer.value(u"expiresIn"_s).toInt();
    if (accessToken.isEmpty() || expiresIn <= 0)
        return false;
    token->accessToken = accessToken;
    token->expiresAt = now().addSecs(expiresIn);
    if (const QString refresh = answer.value(u"refreshToken"_s).toString(); !refresh.isEmpty())
        token->refreshToken = refresh;
    return true;
}

SsoDeviceSignIn::SsoDeviceSignIn(SsoOidcClient* client, QString startUrl, QString region, QStringList scopes,
    const SsoToken& previous, QObject* parent)
    : ResultJob<SsoToken>(parent)
    , m_client(client)
    , m_token(previous)
    , m_scopes(std::move(scopes))
{
    // A registration is bound to its directory's region only; the start URL comes with each authorization.
    if (m_token.region != region || !m_token.grantTypes.contains(SsoOidcClient::deviceCodeGrant()))
        m_token = SsoToken();
    m_token.startUrl = std::move(startUrl);
    m_token.region = std::move(region);
    m_token.accessToken.clear();
    m_token.refreshToken.clear();
    m_pollTimer = new QTimer(this);
    m_pollTimer->setSingleShot(true);
    connect(m_pollTimer, &QTimer::timeout, this, &SsoDeviceSignIn::poll);
}

void SsoDeviceSignIn::start()
{
    if (m_token.hasClient(now())) {
        authorize();
        return;
    }
    m_token.grantTypes = QStringList { SsoOidcClient::deviceCodeGrant(), u"refresh_token"_s };
    SsoJsonCall* call = m_client->registerClient(m_scopes, m_token.grantTypes);
    call->setParent(this);
    onAnswer(call, this, [this](const QJsonObject& answer) { registered(answer); });
}

void SsoDeviceSignIn::registered(const QJsonObject& answer)
{
    if (!SsoOidc::applyRegistration(answer, &m_token))
        return fail(QCoreApplication::translate("SsoSignIn", "IAM Identity Center registered no client."));
    authorize();
}

void SsoDeviceSignIn::authorize()
{
    SsoJsonCall* call = m_client->startDeviceAuthorization(m_token, m_token.startUrl);
    call->setParent(this);
    onAnswer(call, this, [this](const QJsonObject& answer) { authorizationStarted(answer); });
}

void SsoDeviceSignIn::authorizationStarted(const QJsonObject& answer)
{
    SsoDeviceCode code;
    code.userCode = answer.value(u"userCode"_s).toString();
    code.verificationUri = answer.value(u"verificationUri"_s).toString();
    code.verificationUriComplete = answer.value(u"verificationUriComplete"_s).toString();
    code.expiresAt = now().addSecs(answer.value(u"expiresIn"_s).toInt(600));
    m_deviceCode = answer.value(u"deviceCode"_s).toString();
    m_codeExpiresAt = code.expiresAt;
    m_intervalSeconds = qBound(1, answer.value(u"interval"_s).toInt(5), kMaxIntervalSeconds);
    if (m_deviceCode.isEmpty() || code.userCode.isEmpty() || code.verificationUri.isEmpty())
        return fail(QCoreApplication::translate("SsoSignIn", "IAM Identity Center started no device sign-in."));
    Q_EMIT deviceCodeReady(code);
    m_pollTimer->start(m_intervalSeconds * 1000);
}

void SsoDeviceSignIn::poll()
{
    if (now() >= m_codeExpiresAt)
        return fail(QCoreApplication::translate(
            "SsoSignIn", "The sign-in code expired before it was approved. Sign in again for a new code."));
    SsoJsonCall* call = m_client->createToken(
        m_token, { { u"grantType"_s, SsoOidcClient::deviceCodeGrant() }, { u"deviceCode"_s, m_deviceCode } });
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call] { polled(call); });
}

void SsoDeviceSignIn::polled(SsoJsonCall* call)
{
    const QString code = call->error().code;
    if (!call->hasError()) {
        if (!SsoOidc::applyTokenAnswer(call->result(), &m_token))
            return fail(QCoreApplication::translate("SsoSignIn", "IAM Identity Center answered with no token."));
        finishWithResult(m_token);
    } else if (code == u"AuthorizationPendingException"_s) {
        m_pollTimer->start(m_intervalSeconds * 1000);
    } else if (code == u"SlowDownException"_s) {
        m_intervalSeconds = qMin(m_intervalSeconds + kSlowDownSeconds, kMaxIntervalSeconds);
        m_pollTimer->start(m_intervalSeconds * 1000);
    } else if (code == u"ExpiredTokenException"_s) {
        fail(QCoreApplication::translate(
            "SsoSignIn", "The sign-in code expired before it was approved. Sign in again for a new code."));
    } else if (code == u"AccessDeniedException"_s) {
        fail(QCoreApplication::translate("SsoSignIn", "The sign-in was denied in the browser."));
    } else {
        finishWithError(call->error());
    }
}

void SsoDeviceSignIn::fail(const QString& message)
{
    m_pollTimer->stop();
    finishWithError(AwsError::credentials(message));
}

SsoTokenRefresh::SsoTokenRefresh(SsoOidcClient* client, const SsoToken& token, QObject* parent)
    : ResultJob<SsoToken>(parent)
{
    SsoJsonCall* call = client->createToken(
        token, { { u"grantType"_s, u"refresh_token"_s }, { u"refreshToken"_s, token.refreshToken } });
    call->setParent(this);
    onAnswer(call, this, [this, token](const QJsonObject& answer) {
        SsoToken renewed = token;
        if (!SsoOidc::applyTokenAnswer(answer, &renewed))
            return finishWithError(AwsError::credentials(
                QCoreApplication::translate("SsoSignIn", "IAM Identity Center renewed no token.")));
        finishWithResult(renewed);
    });
}
