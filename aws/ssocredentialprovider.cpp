#include "ssocredentialprovider.h"

#include "awslogging.h"
#include "ssooidcclient.h"
#include "ssoportalclient.h"
#include "ssorolecache.h"
#include "ssoservices.h"
#include "ssotokenstore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
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
    m_waiting.append(done);
    if (m_waiting.size() > 1)
        return;
    if (!m_keptRead)
        return readKeptRoleCredentials();
    fetchWithToken();
}

void SsoCredentialProvider::readKeptRoleCredentials()
{
    m_keptRead = true;
    SsoRoleCache::read(m_secrets, m_session, m_role, this, [this](const std::optional<Credentials>& kept) {
        // Kept by an earlier run and good for more than the renewal margin: no GetRoleCredentials, no token needed.
        if (kept && kept->expiration > now().addSecs(kRenewBeforeSeconds)) {
            m_cached = *kept;
            return answer(*kept, {});
        }
        fetchWithToken();
    });
}

void SsoCredentialProvider::fetchWithToken()
{
    // Signed out: only the keychain is asked again (a sign-in since, by `sso login` or the window, is found there);
    // nothing goes to AWS until it holds a sign-in other than the one refused.
    if (m_tokenRead && !m_signedOut.isError())
        useToken();
    else
        readToken();
}

void SsoCredentialProvider::invalidate()
{
    // AWS refused them: neither this provider nor the next run may use them again.
    if (m_cached.isValid())
        SsoRoleCache::remove(m_secrets, m_session.name, m_role);
    m_cached.wipeSecrets();
    m_cached = {};
}

void SsoCredentialProvider::readToken()
{
    SsoTokenStore::read(
        m_secrets, m_session.name, this, [this](const std::optional<SsoToken>& token, const SecretError& error) {
            if (error.isError())
                return answer({}, error.toAwsError());
            m_tokenRead = true;
            m_token.reset();
            // A token of another directory (the session was pointed elsewhere since) is no sign-in for this one, and
            // one AWS refused stays refused.
            if (token && token->startUrl == m_session.startUrl && token->region == m_session.region
                && fingerprintOf(*token) != m_refused)
                m_token = token;
            if (m_token)
                m_signedOut = {};
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
            // Only a refusal (4xx) ends the sign-in; a dead network or a server error leaves it for the next attempt.
            if (!isRefusal(error))
                return answer({}, error);
            return signOut(error.message);
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
            SsoRoleCache::write(m_secrets, m_session, m_role, credentials);
            return answer(credentials, {});
        }
        // 401: the portal no longer knows the token (signed out elsewhere, revoked): renew once, else sign in.
        if (call->error().httpStatus == 401) {
            if (mayRefresh && m_token->canRefresh(now()))
                return refreshToken();
            return signOut(call->error().message);
        }
        answer({}, call->error());
    });
}

bool SsoCredentialProvider::isRefusal(const AwsError& error)
{
    return error.kind == AwsError::Kind::Service && error.httpStatus >= 400 && error.httpStatus < 500
        && error.code != u"SlowDownException"_s && error.code != u"TooManyRequestsException"_s;
}

QByteArray SsoCredentialProvider::fingerprintOf(const SsoToken& token)
{
    return QCryptographicHash::hash(
        (token.accessToken + u'\n' + token.refreshToken).toUtf8(), QCryptographicHash::Sha256);
}

void SsoCredentialProvider::signOut(const QString& why)
{
    m_refused = fingerprintOf(*m_token);
    m_token.reset();
    m_signedOut = signInRequired(m_session.name, why);
    answer({}, m_signedOut);
}

void SsoCredentialProvider::answer(const Credentials& credentials, const AwsError& error)
{
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting)
        done(credentials, error);
}
