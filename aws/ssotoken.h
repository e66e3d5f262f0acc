#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <optional>

// What a sign-in to IAM Identity Center leaves behind: the OIDC client registration and the tokens. Kept only in
// the keychain (SsoTokenStore), never in a file as the AWS CLI's ~/.aws/sso/cache does. Every member but the
// times is a secret: never log or print one.
struct SsoToken {
    QString startUrl; // what the token was issued for: a session edited to another directory does not reuse it
    QString region;
    QString clientId;
    QString clientSecret;
    QDateTime clientExpiresAt;
    QStringList grantTypes; // what the client was registered for: a device sign-in cannot use a browser's client
    QString accessToken;
    QDateTime expiresAt;
    QString refreshToken; // empty when the service gave none

    ~SsoToken() { wipe(); }
    void wipe();

    bool hasClient(const QDateTime& now) const;
    // Usable for portal calls for at least `marginSeconds` more.
    bool hasAccessToken(const QDateTime& now, int marginSeconds = 60) const;
    bool canRefresh(const QDateTime& now) const { return !refreshToken.isEmpty() && hasClient(now); }

    // JSON for the keychain, and back; nullopt for a damaged entry or one of a later format.
    QString encode() const;
    static std::optional<SsoToken> decode(const QString& value);
};
