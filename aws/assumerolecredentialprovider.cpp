#include "assumerolecredentialprovider.h"

#include "autoscalingtypes.h"
#include "awslogging.h"
#include "mfaprompter.h"
#include "secretstore.h"
#include "sessioncache.h"
#include "stsclient.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QTimer>

using namespace Qt::StringLiterals;

AssumeRoleCredentialProvider::AssumeRoleCredentialProvider(QString profileName, RoleSettings role,
    const ServiceEndpoint& sts, CredentialProvider* source, QNetworkAccessManager* network, MfaPrompter* prompter,
    QObject* parent)
    : CredentialProvider(parent)
    , m_profile(std::move(profileName))
    , m_role(std::move(role))
    , m_source(source)
    , m_prompter(prompter)
    , m_query(new QueryClient(network, sts, source, this))
    , m_sts(new StsClient(m_query, this))
    , m_now([] { return QDateTime::currentDateTimeUtc(); })
{
    m_source->setParent(this);
}

AssumeRoleCredentialProvider::~AssumeRoleCredentialProvider() = default;

bool AssumeRoleCredentialProvider::cacheIsFresh() const
{
    return isFresh(m_cached);
}

bool AssumeRoleCredentialProvider::isFresh(const Credentials& credentials) const
{
    if (!credentials.isValid())
        return false;
    // Without an expiration STS broke its contract; do not trust it for long.
    if (!credentials.expiration.isValid())
        return false;
    return m_now().secsTo(credentials.expiration) > RefreshMarginSeconds;
}

void AssumeRoleCredentialProvider::setSessionCache(SecretStore* store)
{
    m_sessionStore = store;
}

QString AssumeRoleCredentialProvider::cacheFingerprint() const
{
    return SessionCache::fingerprint({ m_role.isSet() ? u"AssumeRole"_s : u"GetSessionToken"_s, m_role.roleArn,
        m_role.mfaSerial, m_role.externalId, m_role.sourceProfile, m_query->endpoint().url.toString() });
}

void AssumeRoleCredentialProvider::readKeychainSession()
{
    m_inFlight = true;
    m_keychainRead = true;
    m_sessionStore->read(m_profile, SessionCache::field(), this,
        [this](const QString& value, const SecretError& error) { onKeychainSession(value, error); });
}

void AssumeRoleCredentialProvider::onKeychainSession(const QString& value, const SecretError& error)
{
    std::optional<Credentials> session;
    if (!error.isError()) {
        session = SessionCache::decode(value, cacheFingerprint());
    } else if (error.kind != SecretError::Kind::NotFound) {
        // No keychain here (or a locked one): sign in as before, and do not wait on it again to keep the session.
        qCInfo(lcAws) << "no kept session for profile" << m_profile << "-" << error.message;
        m_keychainUnusable = true;
    }
    if (!session || !isFresh(*session))
        return start();
    m_cached.wipeSecrets();
    m_cached = *session;
    m_fromKeychain = true;
    qCInfo(lcAws) << "session of profile" << m_profile << "from the keychain:" << m_cached.redacted() << "until"
                  << m_cached.expiration.toString(Qt::ISODate);
    finishAll(m_cached, {});
}

void AssumeRoleCredentialProvider::keepInKeychain()
{
    if (!m_sessionStore || m_keychainUnusable)
        return;
    // A failure costs the next run an MFA prompt, nothing else: say so in the log and go on.
    const QString profile = m_profile;
    m_sessionStore->write(m_profile, SessionCache::field(), SessionCache::encode(m_cached, cacheFingerprint()), this,
        [profile](const SecretError& error) {
            if (error.isError())
                qCWarning(lcAws) << "the session of profile" << profile
                                 << "is not kept for the next run:" << error.message;
        });
}

void AssumeRoleCredentialProvider::fetchCredentials(const Callback& done)
{
    if (cacheIsFresh()) {
        const Credentials cached = m_cached;
        QTimer::singleShot(0, this, [done, cached] { done(cached, {}); });
        return;
    }
    m_waiting << done;
    if (m_inFlight)
        return;
    if (m_sessionStore && !m_keychainRead)
        readKeychainSession();
    else
        start();
}

void AssumeRoleCredentialProvider::invalidate()
{
    m_cached.wipeSecrets();
    m_cached = Credentials();
    m_fromKeychain = false;
    m_source->invalidate();
    // AWS refused the session: the next run must not start with it either.
    if (m_sessionStore)
        m_sessionStore->remove(m_profile, SessionCache::field(), this, {});
}

void AssumeRoleCredentialProvider::start()
{
    m_inFlight = true;
    m_cached.wipeSecrets();
    m_cached = Credentials();
    if (m_role.mfaSerial.isEmpty()) {
        QTimer::singleShot(0, this, [this] { assume({}); });
        return;
    }
    if (!m_prompter) {
        finishAll({},
            AwsError::credentials(QCoreApplication::translate(
                "AssumeRole", "Profile %1 needs an MFA code to sign in, but nothing can ask for one here.")
                                      .arg(m_profile)));
        return;
    }
    m_prompter->requestCode({ m_profile, m_role.roleArn, m_role.mfaSerial }, [this](const QString& code) {
        if (code.trimmed().isEmpty()) {
            finishAll({},
                AwsError::credentials(
                    QCoreApplication::translate("AssumeRole", "No MFA code was entered for profile %1.")
                        .arg(m_profile)));
            return;
        }
        assume(code.trimmed());
    });
}

QString AssumeRoleCredentialProvider::roleSessionName() const
{
    if (!m_roleSessionName.isEmpty())
        return m_roleSessionName; // StsClient checks it before sending and names the rule it breaks
    static const QRegularExpression unsafe(u"[^\\w+=,.@-]"_s);
    return QString(u"hookdesk-"_s + QString(m_profile).replace(unsafe, u"-"_s)).left(64);
}

void AssumeRoleCredentialProvider::assume(const QString& tokenCode)
{
    AssumeRoleRequest request;
    request.roleArn = m_role.roleArn;
    request.roleSessionName = roleSessionName();
    request.durationSeconds = m_role.durationSeconds;
    request.externalId = m_role.externalId;
    if (!tokenCode.isEmpty()) {
        request.serialNumber = m_role.mfaSerial;
        request.tokenCode = tokenCode;
    }
    ++m_calls;
    // A user profile with an MFA device and no role: the user's own session, made with the code.
    auto* job = m_role.isSet()
        ? m_sts->assumeRole(request)
        : m_sts->getSessionToken(m_role.durationSeconds, request.serialNumber, request.tokenCode);
    connect(job, &AwsJob::finished, this, [this, job] {
        if (job->hasError()) {
            AwsError error = job->error();
            if (error.code == u"ExpiredToken"_s || error.code == u"InvalidClientTokenId"_s)
                m_source->invalidate();
            error.message = m_role.isSet()
                ? QCoreApplication::translate("AssumeRole", "Could not assume the role of profile %1: %2")
                      .arg(m_profile, error.message)
                : QCoreApplication::translate("AssumeRole", "Could not get an MFA session for profile %1: %2")
                      .arg(m_profile, error.message);
            finishAll({}, error);
            return;
        }
        m_cached.wipeSecrets();
        m_cached = job->result();
        m_fromKeychain = false;
        qCInfo(lcAws) << (m_role.isSet() ? "assumed role for profile" : "MFA session for profile") << m_profile << "as"
                      << m_cached.redacted() << "until" << m_cached.expiration.toString(Qt::ISODate);
        keepInKeychain();
        finishAll(m_cached, {});
    });
}

void AssumeRoleCredentialProvider::finishAll(const Credentials& credentials, const AwsError& error)
{
    m_inFlight = false;
    const QList<Callback> waiting = std::exchange(m_waiting, {});
    for (const Callback& done : waiting)
        done(credentials, error);
}
