#pragma once

#include <QNetworkProxy>
#include <QString>

// One HTTP proxy as HTTPS_PROXY / HTTP_PROXY name it for the AWS CLI, botocore and requests: "http://host:port",
// "host:port" (http assumed), either with "user:password@" (percent-decoded). Only plain http proxies: Qt cannot
// speak TLS to the proxy itself, and a SOCKS or https:// proxy silently ignored would look like a network fault.
struct ProxyServer {
    QString host;
    quint16 port = 0;
    QString user;
    QString password; // never shown: describe() and hostPort() leave it out

    bool isValid() const { return !host.isEmpty() && port != 0; }
    bool hasCredentials() const { return !user.isEmpty(); }
    // "proxy.corp:3128" ("[::1]:3128" for IPv6): what status lines and `whoami` show.
    QString hostPort() const;
    // "proxy.corp:3128" or "alice@proxy.corp:3128"; the password is never part of it.
    QString describe() const;
    QNetworkProxy toNetworkProxy() const;

    // Empty text: an invalid server and no error. `error` names the variable's value without its password.
    static ProxyServer parse(const QString& text, QString* error);
};
