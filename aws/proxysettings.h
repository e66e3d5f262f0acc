#pragma once

#include "proxyserver.h"

#include <QProcessEnvironment>
#include <QStringList>
#include <QUrl>

// Which proxy a request goes through, decided the way botocore and requests decide it from the environment:
// HTTPS_PROXY (https_proxy wins when both are set) for https:// endpoints, HTTP_PROXY for http:// ones, and
// NO_PROXY (no_proxy wins) listing hosts that go direct. Loopback is not exempt unless NO_PROXY lists it, as in
// requests: a TLS-inspecting proxy on a developer's machine sees local endpoints too.
class ProxySettings {
public:
    // No proxy for anything (preference "None").
    ProxySettings() = default;
    // Reads the variables. A variable that is not a usable proxy URL leaves that scheme direct and adds a problem.
    static ProxySettings fromEnvironment(const QProcessEnvironment& environment);
    // One proxy for http and https alike (preference "Manual"), with the environment's NO_PROXY.
    static ProxySettings manual(const ProxyServer& server, const QString& noProxy);

    // The proxy for a request to `url`; invalid: connect directly.
    ProxyServer proxyFor(const QUrl& url) const;
    // True when NO_PROXY says `host` (with `port`; -1 unknown) goes direct.
    bool bypasses(const QString& host, int port) const;
    bool isDirect() const { return !m_https.isValid() && !m_http.isValid(); }
    // "https via proxy.corp:3128, http via …, not for .internal, localhost" for the connection details: host:port
    // and user only, never a password. Empty when every request goes direct.
    QString describe() const;
    // What the environment named that could not be used (the value quoted without its password).
    const QStringList& problems() const { return m_problems; }

    void setNoProxy(const QString& list);
    const QStringList& noProxy() const { return m_noProxy; }

private:
    ProxyServer m_https;
    ProxyServer m_http;
    QStringList m_noProxy; // lower case, trimmed, leading dots removed; "*" for every host
    QStringList m_problems;
};
