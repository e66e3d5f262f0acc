#pragma once

#include "networkpreferences.h"
#include "proxysettings.h"

#include <QStringList>

class ProxyAuthenticator;
class QNetworkAccessManager;

// The network path of one QNetworkAccessManager: the proxy factory and proxy authenticator installed on it, and
// the extra CA bundle of the preferences trusted. Built where a window or a CLI run creates its manager; what it
// holds is what the connection details show.
struct NetworkSetup {
    ProxySettings proxy;
    QString caBundle; // the preferences' bundle in use
    QString environmentCaBundle; // AWS_CA_BUNDLE, trusted by the entry point before the first connection
    QStringList problems; // settings that could not be used: shown, and the request goes direct / untrusted
    ProxyAuthenticator* authenticator = nullptr; // a child of the manager

    // Installs on `network`: a new proxy factory each time (the preferences may have changed), one authenticator
    // per manager. A preferences bundle that cannot be read is a problem, not trusted.
    static NetworkSetup install(
        QNetworkAccessManager* network, const NetworkPreferences& preferences, const QProcessEnvironment& environment);

    // "Proxy: https via proxy.corp:3128" / "Proxy: none (direct)" and "Extra CA bundle: /path": never a password.
    QStringList describe() const;
    // The proxies a request may meet, "host:port", for reading their kept passwords ahead.
    QStringList proxyHostPorts() const;
};
