#pragma once

#include "awsjob.h"
#include "ssotoken.h"

#include <QPointer>
#include <QStringList>
#include <QUrl>
#include <functional>

class SsoLoopbackReceiver;
class SsoOidcClient;
class QTimer;

// A sign-in by the authorization-code flow with PKCE (RFC 7636), as the AWS CLI v2 does by default: a loopback
// receiver on 127.0.0.1 (SsoLoopbackReceiver), a client registered for that redirect, the browser sent to the
// directory's /authorize page (the URL holds the client ID, the redirect, a random state and the S256 challenge —
// no secret), then CreateToken with the code and the verifier, which never leaves this process but for that call.
// Gives up after ten minutes without an answer; deleting the job closes the receiver.
class SsoBrowserSignIn : public ResultJob<SsoToken> {
    Q_OBJECT
public:
    // Opens `url` in the user's browser; false when no browser could be started (the URL is still shown).
    using BrowserOpener = std::function<bool(const QUrl& url)>;

    SsoBrowserSignIn(SsoOidcClient* client, QString startUrl, QString region, QStringList scopes,
        BrowserOpener openBrowser, QObject* parent = nullptr);
    ~SsoBrowserSignIn() override;
    void start();

    void setTimeoutMs(int milliseconds) { m_timeoutMs = milliseconds; }
    // base64url(SHA-256(verifier)) without padding, as RFC 7636 §4.2 defines S256.
    static QString challengeFor(const QString& verifier);
    static QString randomUrlSafe(int bytes);

Q_SIGNALS:
    // The URL the browser was sent to, for the user to open by hand if it did not open.
    void browserUrlReady(const QUrl& url, bool opened);

private:
    void registered(const QJsonObject& answer);
    void codeReceived(const QString& code);
    void fail(const QString& message);

    QPointer<SsoOidcClient> m_client;
    SsoToken m_token;
    QStringList m_scopes;
    BrowserOpener m_openBrowser;
    SsoLoopbackReceiver* m_receiver = nullptr;
    QString m_state;
    QString m_verifier;
    QTimer* m_timeout = nullptr;
    int m_timeoutMs = 10 * 60 * 1000;
};
