#pragma once

#include <QHash>
#include <QObject>
#include <QString>
#include <functional>
#include <optional>

class QAuthenticator;
class QNetworkAccessManager;
class QNetworkProxy;
class SecretStore;

struct ProxyCredentials {
    QString user;
    QString password;
    bool remember = false; // keep the password in the keychain ("hookdesk/proxy/password.<host>_<port>")
};

// Answers QNetworkAccessManager::proxyAuthenticationRequired for one manager. Qt itself first sends the user and
// password of the proxy URL (HTTPS_PROXY=http://user:pass@host:port); this is asked only when there were none or
// the proxy refused them. Per proxy it offers, once each: the credentials known beforehand (keychain, an earlier
// answer), then a person's answer (the asker). After that the request fails as "proxy authentication failed", so a
// wrong password costs a bounded number of 407s, never a loop.
//
// Qt wants the answer before the signal returns, so the keychain is read ahead (loadSaved()) and the asker answers
// synchronously: the CLI prompts on its terminal; the window has no asker, gets credentialsNeeded() and answers
// later with setCredentials() for the next request.
class ProxyAuthenticator : public QObject {
    Q_OBJECT
public:
    using Asker = std::function<std::optional<ProxyCredentials>(const QString& proxyHostPort, const QString& user)>;

    explicit ProxyAuthenticator(QNetworkAccessManager* network, QObject* parent = nullptr);

    void setAsker(Asker asker) { m_asker = std::move(asker); }
    // Where kept passwords are read and written; none: they are not kept. Asked for only when one is needed, so
    // a run without a proxy password never opens the keychain.
    void setSecretStore(std::function<SecretStore*()> store) { m_store = std::move(store); }
    // The user name to offer when the proxy URL names none (preference "network/proxyUser").
    void setDefaultUser(const QString& user) { m_defaultUser = user; }
    // The user name kept for each proxy (NetworkPreferences::proxyUsers); it wins over the default user.
    void setKeptUsers(const QHash<QString, QString>& users) { m_keptUsers = users; }
    // Credentials for the next challenge of `proxyHostPort` ("host:port").
    void setCredentials(const QString& proxyHostPort, const ProxyCredentials& credentials);
    // Reads the kept password of each proxy in `hostPorts` that has a user name (kept, or the default), then calls
    // `done` once. Without a user name the keychain is not opened: a locked one would ask to unlock for nothing.
    void loadSaved(const QStringList& hostPorts, const std::function<void()>& done);
    // The proxy challenges (HTTP 407) this authenticator saw, for diagnostics and tests.
    int challenges() const { return m_challenges; }

    // The keychain field for a proxy: "password.<host>_<port>", in the characters SecretStore allows.
    static QString passwordField(const QString& proxyHostPort);
    static QString keychainProfile() { return QStringLiteral("proxy"); }

Q_SIGNALS:
    // Nothing was left to answer `proxyHostPort` with: the request fails; a window asks and calls setCredentials().
    void credentialsNeeded(const QString& proxyHostPort, const QString& user);
    // An answer's password went to the keychain: keep `user` with it (NetworkPreferences::keepProxyUser).
    void userKept(const QString& proxyHostPort, const QString& user);

private:
    struct State {
        std::optional<ProxyCredentials> known;
        bool knownTried = false;
        bool asked = false;
    };
    void onRequired(const QNetworkProxy& proxy, QAuthenticator* authenticator);
    void remember(const QString& proxyHostPort, const ProxyCredentials& credentials);

    Asker m_asker;
    std::function<SecretStore*()> m_store;
    QString m_defaultUser;
    QHash<QString, QString> m_keptUsers;
    QHash<QString, State> m_states; // per "host:port"
    int m_challenges = 0;
};
