#pragma once

#include "ssojsoncall.h"
#include "ssotoken.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

class QNetworkAccessManager;
class QTimer;

// The OIDC service of IAM Identity Center (oidc.{region}.amazonaws.com, unsigned REST-JSON): client registration,
// device authorization and tokens, as the AWS CLI v2 uses them.
class SsoOidcClient : public QObject {
    Q_OBJECT
public:
    SsoOidcClient(QNetworkAccessManager* network, QUrl endpoint, QObject* parent = nullptr);

    QUrl endpoint() const { return m_endpoint; }
    QNetworkAccessManager* network() const { return m_network; }

    // redirectUris and issuerUrl (the start URL) for an authorization-code client only.
    SsoJsonCall* registerClient(const QStringList& scopes, const QStringList& grantTypes,
        const QStringList& redirectUris = {}, const QString& issuerUrl = {});
    SsoJsonCall* startDeviceAuthorization(const SsoToken& client, const QString& startUrl);
    // `grant` holds grantType and its members (deviceCode, refreshToken, code…); the client's ID and secret are
    // added here.
    SsoJsonCall* createToken(const SsoToken& client, QJsonObject grant);

    static QString deviceCodeGrant() { return QStringLiteral("urn:ietf:params:oauth:grant-type:device_code"); }

private:
    QNetworkAccessManager* m_network;
    QUrl m_endpoint;
};

// What the user must see to approve a device sign-in: the code and where to enter it.
struct SsoDeviceCode {
    QString userCode;
    QString verificationUri;
    QString verificationUriComplete;
    QDateTime expiresAt;
};

// A sign-in by the device-code flow (for machines without a browser, and for `--no-browser`): registers a client
// unless `previous` holds a registration still valid, starts a device authorization, reports the user code
// (deviceCodeReady), then polls CreateToken every `interval` seconds — pending answers wait, SlowDown adds five
// seconds, ExpiredToken or the code's own end stop with "the code expired", AccessDenied with "sign-in was
// denied". Finishes with the new token (registration included); deleting the job stops the polling.
class SsoDeviceSignIn : public ResultJob<SsoToken> {
    Q_OBJECT
public:
    SsoDeviceSignIn(SsoOidcClient* client, QString startUrl, QString region, QStringList scopes,
        const SsoToken& previous, QObject* parent = nullptr);
    void start();

    // Polling interval in use (seconds), for tests of SlowDown.
    int intervalSeconds() const { return m_intervalSeconds; }

Q_SIGNALS:
    void deviceCodeReady(const SsoDeviceCode& code);

private:
    void registered(const QJsonObject& answer);
    void authorize();
    void authorizationStarted(const QJsonObject& answer);
    void poll();
    void polled(SsoJsonCall* call);
    void fail(const QString& message);

    QPointer<SsoOidcClient> m_client;
    SsoToken m_token;
    QStringList m_scopes;
    QString m_deviceCode;
    QDateTime m_codeExpiresAt;
    int m_intervalSeconds = 5;
    QTimer* m_pollTimer = nullptr;
};

// Renews an access token with the refresh token (grant "refresh_token"); the result keeps the old refresh token
// when the service sends no new one. An InvalidGrant error means: sign in again.
class SsoTokenRefresh : public ResultJob<SsoToken> {
    Q_OBJECT
public:
    SsoTokenRefresh(SsoOidcClient* client, const SsoToken& token, QObject* parent = nullptr);
};

namespace SsoOidc {
// The client registration of a RegisterClient answer; false when it lacks the ID or the secret.
bool applyRegistration(const QJsonObject& answer, SsoToken* token);
// The token's access part from a CreateToken answer (expiresIn counted from now); false when the answer lacks it.
bool applyTokenAnswer(const QJsonObject& answer, SsoToken* token);
} // namespace SsoOidc
