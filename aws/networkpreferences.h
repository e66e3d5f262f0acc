#pragma once

#include "proxysettings.h"

#include <QHash>
#include <QProcessEnvironment>
#include <QString>

class QSettings;

// The window's Network preferences (QSettings group "network"), shared with hookdesk-cli through the same settings
// scope: how to pick a proxy, the proxy user name, and an extra CA bundle. Read when a connection is set up, so a
// change applies to the next connection, not to requests already under way.
struct NetworkPreferences {
    enum class ProxyMode {
        Environment, // HTTPS_PROXY / HTTP_PROXY / NO_PROXY, as the AWS CLI reads them (the default)
        None, // always direct, whatever the environment says
        Manual, // manualProxy for http and https, with the environment's NO_PROXY
    };

    ProxyMode proxyMode = ProxyMode::Environment;
    QString manualProxy; // "host:port"; never holds a password (that lives in the keychain)
    QString proxyUser; // for a proxy that asks and whose URL names no user
    QString caBundle; // PEM file trusted beside AWS_CA_BUNDLE and the system's roots; empty: none
    // The user name last given to each proxy ("host:port") whose password the keychain keeps, so that the next run
    // (or window) reads that password and answers without asking. Not secret; the password never leaves the keychain.
    QHash<QString, QString> proxyUsers;

    static NetworkPreferences load(const QSettings& settings);
    static NetworkPreferences load(); // the application's QSettings
    void save(QSettings& settings) const;
    void save() const;
    // Records `user` as the one for `proxyHostPort` in the application's settings (group "network/proxyUsers").
    static void keepProxyUser(const QString& proxyHostPort, const QString& user);

    // The proxy choice these preferences and `environment` make. `problems`: what could not be used (a manual proxy
    // that is not host:port, an environment variable that is not a proxy URL), without any password.
    ProxySettings proxySettings(const QProcessEnvironment& environment, QStringList* problems) const;

    static QString modeName(ProxyMode mode);
    static ProxyMode modeFromName(const QString& name);
};
