#include "proxyauthenticator.h"

#include "proxyserver.h"
#include "secretstore.h"

#include <QAuthenticator>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <memory>

using namespace Qt::StringLiterals;

ProxyAuthenticator::ProxyAuthenticator(QNetworkAccessManager* network, QObject* parent)
    : QObject(parent)
{
    connect(network, &QNetworkAccessManager::proxyAuthenticationRequired, this, &ProxyAuthenticator::onRequired);
}

QString ProxyAuthenticator::passwordField(const QString& proxyHostPort)
{
    // SecretStore keys allow [A-Za-z0-9_.@+=,-]: "proxy.corp:3128" becomes "password.proxy.corp_3128".
    static const QRegularExpression disallowed(u"[^A-Za-z0-9_.@+=,-]+"_s);
    QString field = proxyHostPort;
    field.remove(u'[').remove(u']');
    return u"password."_s + field.replace(disallowed, u"_"_s);
}

void ProxyAuthenticator::setCredentials(const QString& proxyHostPort, const ProxyCredentials& credentials)
{
    State& state = m_states[proxyHostPort];
    state.known = credentials;
    state.knownTried = false;
    if (credentials.remember)
        remember(proxyHostPort, credentials);
}

void ProxyAuthenticator::loadSaved(const QStringList& hostPorts, const std::function<void()>& done)
{
    QHash<QString, QString> users; // host:port → user name
    for (const QString& hostPort : hostPorts) {
        if (const QString user = m_keptUsers.value(hostPort, m_defaultUser); !user.isEmpty())
            users.insert(hostPort, user);
    }
    SecretStore* store = users.isEmpty() || !m_store ? nullptr : m_store();
    if (!store) {
        done();
        return;
    }
    auto remaining = std::make_shared<qsizetype>(users.size());
    for (auto it = users.cbegin(); it != users.cend(); ++it) {
        store->read(keychainProfile(), passwordField(it.key()), this,
            [this, hostPort = it.key(), user = it.value(), remaining, done](
                const QString& value, const SecretError& error) {
                if (!error.isError() && !value.isEmpty())
                    m_states[hostPort].known = ProxyCredentials { user, value, false };
                if (--*remaining == 0)
                    done();
            });
    }
}

void ProxyAuthenticator::onRequired(const QNetworkProxy& proxy, QAuthenticator* authenticator)
{
    ++m_challenges;
    const QString hostPort = ProxyServer { proxy.hostName(), proxy.port(), {}, {} }.hostPort();
    State& state = m_states[hostPort];
    const auto answer = [authenticator](const ProxyCredentials& credentials) {
        authenticator->setUser(credentials.user);
        authenticator->setPassword(credentials.password);
    };
    // Known credentials, unless they are the proxy URL's own, which Qt has just sent and the proxy refused.
    if (state.known && !state.knownTried) {
        state.knownTried = true;
        if (state.known->user != proxy.user() || state.known->password != proxy.password()) {
            answer(*state.known);
            return;
        }
    }
    if (state.asked)
        return; // nothing more to offer: Qt fails the request with ProxyAuthenticationRequiredError
    state.asked = true;
    const QString user = proxy.user().isEmpty() ? m_defaultUser : proxy.user();
    const std::optional<ProxyCredentials> given = m_asker ? m_asker(hostPort, user) : std::nullopt;
    if (!given) {
        Q_EMIT credentialsNeeded(hostPort, user);
        return;
    }
    state.known = *given;
    state.knownTried = true;
    if (given->remember)
        remember(hostPort, *given);
    answer(*given);
}

void ProxyAuthenticator::remember(const QString& proxyHostPort, const ProxyCredentials& credentials)
{
    SecretStore* store = m_store ? m_store() : nullptr;
    if (!store)
        return;
    // A keychain that cannot keep it only costs a question next time; the answer is used either way.
    store->write(keychainProfile(), passwordField(proxyHostPort), credentials.password, this,
        [this, proxyHostPort, user = credentials.user](const SecretError& error) {
            if (!error.isError())
                Q_EMIT userKept(proxyHostPort, user);
        });
}
