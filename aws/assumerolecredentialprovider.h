#pragma once

#include "credentialprovider.h"
#include "profile.h"
#include "queryclient.h"

#include <QDateTime>
#include <QList>
#include <QPointer>
#include <functional>

class MfaPrompter;
class QNetworkAccessManager;
class SecretStore;
struct SecretError;
class StsClient;

// Credentials of a role, from STS AssumeRole signed with a source provider's credentials. When the role has an MFA
// device, the MfaPrompter is asked for a code. The result is held in memory until RefreshMargin before it expires,
// and, with a session cache (setSessionCache), in the keychain too, so the next run starts with it; invalidate()
// drops both so the next fetch assumes the role again. Concurrent fetches share one call (and one MFA prompt).
//
// A RoleSettings without a role but with an MFA device stands for a user profile whose policies ask for MFA: the
// session is then the user's own, from GetSessionToken with the device and a code, kept the same way.
class AssumeRoleCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    static constexpr int RefreshMarginSeconds = 5 * 60;

    // `source` becomes a child of this provider. `prompter` may be null when the role has no MFA device.
    AssumeRoleCredentialProvider(QString profileName, RoleSettings role, const ServiceEndpoint& sts,
        CredentialProvider* source, QNetworkAccessManager* network, MfaPrompter* prompter, QObject* parent = nullptr);
    ~AssumeRoleCredentialProvider() override;

    void fetchCredentials(const Callback& done) override;
    void invalidate() override;

    // Keeps the session in `store` (SessionCache): read once, before the first AssumeRole, written after each one,
    // removed by invalidate(). The store must outlive this provider.
    void setSessionCache(SecretStore* store);
    // role_session_name of a ~/.aws profile: the name CloudTrail shows for the session. Without one:
    // hookdesk-<profile>, so the tool and the profile show up as who did what.
    void setRoleSessionName(const QString& name) { m_roleSessionName = name; }
    QString roleSessionName() const;
    // True when the credentials in use came from the keychain rather than from an AssumeRole of this process.
    bool sessionFromKeychain() const { return m_fromKeychain; }

    // For tests that need "later" without waiting an hour.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    int assumeRoleCalls() const { return m_calls; }
    QDateTime cachedExpiration() const { return m_cached.expiration; }
    CredentialProvider* source() const { return m_source; }
    const RoleSettings& role() const { return m_role; }

private:
    bool cacheIsFresh() const;
    bool isFresh(const Credentials& credentials) const;
    QString cacheFingerprint() const;
    void readKeychainSession();
    void onKeychainSession(const QString& value, const SecretError& error);
    void keepInKeychain();
    void start();
    void assume(const QString& tokenCode);
    void finishAll(const Credentials& credentials, const AwsError& error);

    QString m_profile;
    QString m_roleSessionName;
    RoleSettings m_role;
    CredentialProvider* m_source;
    QPointer<MfaPrompter> m_prompter;
    QueryClient* m_query;
    StsClient* m_sts;
    Credentials m_cached;
    QList<Callback> m_waiting;
    bool m_inFlight = false;
    int m_calls = 0;
    std::function<QDateTime()> m_now;
    QPointer<SecretStore> m_sessionStore;
    bool m_keychainRead = false;
    bool m_keychainUnusable = false; // the read found no usable keychain: no write either
    bool m_fromKeychain = false;
};
