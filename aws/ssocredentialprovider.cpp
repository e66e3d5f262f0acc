#include "ssocredentialprovider.h"

#include "awslogging.h"
#include "ssooidcclient.h"
#include "ssoportalclient.h"
#include "ssoservices.h"
#include "ssotokenstore.h"

#include <QCoreApplication>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace {
constexpr int kRenewBeforeSeconds = 5 * 60;

QDateTime now()
{
    return QDateTime::currentDateTimeUtc();
}
} // namespace

SsoCredentialProvider::SsoCredentialProvider(
    SsoSession session, SsoRoleSettings role, SecretStore* secrets, SsoServices* services, QObject* parent)
    : CredentialProvider(parent)
    , m_session(std::move(session))
    , m_role(std::move(role))
    , m_secrets(secrets)
    , m_services(services)
{
    m_services->setParent(this);
}

SsoCredentialProvider::~SsoCredentialProvider() = default;

AwsError SsoCredentialProvider::signInRequired(const QString& session, const QString& why)
{
    AwsError error = AwsError::credentials(QCoreApplication::translate("SsoCredentialProvider",
        "Signed out of IAM Identity Center session '%1'%2. Sign in with 'hookdesk-cli sso login --session %1' "
        "or Sign in with IAM Identity Center… in the profile manager.")
                                               .arg(session, why.isEmpty() ? QString() : u" ("_s + why + u')'));
    error.code = signInRequiredCode();
    return error;
}

void SsoCredentialProvider::fetchCredentials(const Callback& done)
{
    if (m_cached.isValid() && m_cached.expiration > now().addSecs(kRenewBeforeSeconds)) {
        const Credentials cached = m_cached;
        QTimer::singleShot(0, this, [done, cached] { done(cached, {}); });
        return;
    }
    if (m_signedOut.isError()) {
        const AwsError error = m_signedOut;
        QTimer::singleShot(0, this, [done, error] { done({}, error); });
        return;
    }
    m_waiting.append(done);
    if (m_waiting.size() > 1)
        return;
    if (m_tokenRead)
        useToken();
    else
        readToken();
}

void SsoCredentialProvider::invalidate()
{
    m_cached.wipeSecrets();
    m_cached = {};
}

void SsoCredentialProvider::resetSignIn()
{
    invalidate();
    m_token.reset();
    m_tokenRead = false;
    m_signedOut = {};
}

void SsoCredentialProvider::readToken()
{
    SsoTokenStore::read(
        m_secrets, m_session.name, this, [this](const std::optional<SsoToken>& token, const SecretError& error) {
            if (error.isError())
                return answer({}, error.toAwsError());
            m_tokenRead = true;
            // A token of another directory (the session was pointed elsewhere since) is no sign-in for this one.
            if (token && token->startUrl == m_session.startUrl && token->region == m_session.region)
                m_token = token;
            useToken();
        });
}

void SsoCredentialProvider::useToken()
{
    if (!m_token) {
        m_signedOut = signInRequired(m_session.name);
        return answer({}, m_signedOut);
    }
    if (m_token->hasAccessToken(now()))
        return getRoleCredentials(true);
    if (m_token->canRefresh(now()))
        return refreshToken();
    m_signedOut = signInRequired(
        m_session.name, QCoreApplication::translate("SsoCredentialProvider", "the sign-in has expired"));
    answer({}, m_signedOut);
}

void SsoCredentialProvider::refreshToken()
{
    auto* job = new SsoTokenRefresh(m_services->oidc(), *m_token, this);
    connect(job, &AwsJob::finished, this, [this, job] {
        if (job->hasError()) {
            const AwsError& error = job->error();
            // Only a refusal ends the sign-in; a dead network leaves it for the next attempt.
            if (error.kind != AwsError::Kind::Service)
                return answer({}, error);
            m_token.reset();
            m_signedOut = signInRequired(m_session.name, error.message);
            return answer({}, m_signedOut);
        }
        m_token = job->result();
        SsoTokenStore::write(m_secrets, m_session.name, *m_token, this, [](const SecretError& error) {
            if (error.isError())
                qCWarning(lcAws) << "the renewed sign-in could not be kept:" << error.message;
        });
        getRoleCredentials(false);
    });
}

void SsoCredentialProvider::getRoleCredentials(bool mayRefresh)
{
    SsoJsonCall* call
        = m_services->portal()->getRoleCredentials(m_token->accessToken, m_role.accountId, m_role.roleName);
    call->setParent(this);
    connect(call, &AwsJob::finished, this, [this, call, mayRefresh] {
        if (!call->hasError()) {
            const Credentials credentials = SsoPortalClient::roleCredentials(call->result());
            if (!credentials.isValid())
                return answer({},
                    AwsError::credentials(QCoreApplication::translate(
                        "SsoCredentialProvider", "IAM Identity Center answered without complete role credentials.")));
            m_cached = credentials;
            return answer(credentials, {});
        }
        // 401: the portal no longer knows the token (signed out elsewhere, revoked): renew once, else sign in.
        if (call->error().httpStatus == 401) {
            if (mayRefresh && m_token->canRefresh(now()))
                return refreshToken();
            m_token.reset();
            m_signedOut = signInRequired(m_session.name, call->error().message);
            return answer({}, m_signedOut);
        }
        answer({}, call->error());
    });
}

void SsoCredentialProvider::answer(const Credentials& credentials, const AwsError& error)
{
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting)
        done(credentials, error);
}
