#pragma once

#include "credentialprovider.h"
#include "ssosettings.h"
#include "ssotoken.h"

#include <QList>
#include <optional>

class SecretStore;
class SsoServices;

// Role credentials of an IAM Identity Center account and permission set (a profile with sso_session,
// sso_account_id and sso_role_name). The sign-in token is read from the keychain once (SsoTokenStore), renewed with
// its refresh token when it has expired (the renewed token is written back), and traded for role credentials by
// GetRoleCredentials; those are held in memory and in the keychain (SsoRoleCache: the next run starts with them)
// and fetched again five minutes before they expire. When no token
// can be had — never signed in, signed out, the refresh refused — every fetch fails with the same "sign in" error
// (code SsoSignInRequired) after asking only the keychain again, so a sign-in made since (`sso login`, the window)
// is picked up, while nothing is sent to AWS: a signed-out session asks for sign-in once, not on every request.
class SsoCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    // Takes `services` (the session region's OIDC and portal clients).
    SsoCredentialProvider(SsoSession session, SsoRoleSettings role, SecretStore* secrets, SsoServices* services,
        QObject* parent = nullptr);
    ~SsoCredentialProvider() override;

    void fetchCredentials(const Callback& done) override;
    void invalidate() override;
    // An answer that ends a sign-in (a 4xx refusal), unlike a network fault, a server error or throttling.
    static bool isRefusal(const AwsError& error);

    static QString signInRequiredCode() { return QStringLiteral("SsoSignInRequired"); }
    // "Sign in to IAM Identity Center session S: hookdesk-cli sso login --session S".
    static AwsError signInRequired(const QString& session, const QString& why = {});

private:
    void readKeptRoleCredentials();
    void fetchWithToken();
    void readToken();
    void useToken();
    void refreshToken();
    void getRoleCredentials(bool mayRefresh);
    void answer(const Credentials& credentials, const AwsError& error);
    // AWS refused the sign-in: forget it (and never use that token again), and answer "sign in".
    void signOut(const QString& why);
    static QByteArray fingerprintOf(const SsoToken& token);

    SsoSession m_session;
    SsoRoleSettings m_role;
    SecretStore* m_secrets;
    SsoServices* m_services;
    std::optional<SsoToken> m_token;
    bool m_tokenRead = false;
    bool m_keptRead = false; // the keychain's role credentials were looked at (once per provider)
    AwsError m_signedOut;
    QByteArray m_refused; // SHA-256 of the last token AWS refused
    Credentials m_cached;
    QList<Callback> m_waiting;
};
