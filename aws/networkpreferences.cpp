#include "networkpreferences.h"

#include <QCoreApplication>
#include <QSettings>

using namespace Qt::StringLiterals;

namespace {
const QString ModeKey = u"network/proxyMode"_s;
const QString ManualKey = u"network/manualProxy"_s;
const QString UserKey = u"network/proxyUser"_s;
const QString CaBundleKey = u"network/caBundle"_s;
const QString ProxyUsersGroup = u"network/proxyUsers"_s;
} // namespace

QString NetworkPreferences::modeName(ProxyMode mode)
{
    switch (mode) {
    case ProxyMode::None:
        return u"none"_s;
    case ProxyMode::Manual:
        return u"manual"_s;
    case ProxyMode::Environment:
        break;
    }
    return u"environment"_s;
}

NetworkPreferences::ProxyMode NetworkPreferences::modeFromName(const QString& name)
{
    if (name == u"none"_s)
        return ProxyMode::None;
    if (name == u"manual"_s)
        return ProxyMode::Manual;
    return ProxyMode::Environment;
}

NetworkPreferences NetworkPreferences::load(const QSettings& settings)
{
    NetworkPreferences preferences;
    preferences.proxyMode = modeFromName(settings.value(ModeKey).toString());
    preferences.manualProxy = settings.value(ManualKey).toString();
    preferences.proxyUser = settings.value(UserKey).toString();
    preferences.caBundle = settings.value(CaBundleKey).toString();
    // QSettings cannot enter a group of a const object: read the keys by their full path.
    const QStringList keys = settings.allKeys();
    for (const QString& key : keys) {
        if (key.startsWith(ProxyUsersGroup + u'/'))
            preferences.proxyUsers.insert(key.mid(ProxyUsersGroup.size() + 1), settings.value(key).toString());
    }
    return preferences;
}

NetworkPreferences NetworkPreferences::load()
{
    return load(QSettings());
}

void NetworkPreferences::save(QSettings& settings) const
{
    settings.setValue(ModeKey, modeName(proxyMode));
    settings.setValue(ManualKey, manualProxy);
    settings.setValue(UserKey, proxyUser);
    settings.setValue(CaBundleKey, caBundle);
}

void NetworkPreferences::save() const
{
    QSettings settings;
    save(settings);
}

void NetworkPreferences::keepProxyUser(const QString& proxyHostPort, const QString& user)
{
    QSettings settings;
    settings.setValue(ProxyUsersGroup + u'/' + proxyHostPort, user);
}

ProxySettings NetworkPreferences::proxySettings(const QProcessEnvironment& environment, QStringList* problems) const
{
    switch (proxyMode) {
    case ProxyMode::None:
        return {};
    case ProxyMode::Manual: {
        QString problem;
        ProxyServer server = ProxyServer::parse(manualProxy, &problem);
        if (!server.isValid()) {
            problems->append(problem.isEmpty()
                    ? QCoreApplication::translate("NetworkPreferences", "No manual proxy is set.")
                    : problem);
            return {};
        }
        // proxyUser is offered by the authenticator when the proxy asks, not sent up front with no password.
        const ProxySettings fromEnvironment = ProxySettings::fromEnvironment(environment);
        return ProxySettings::manual(server, fromEnvironment.noProxy().join(u','));
    }
    case ProxyMode::Environment:
        break;
    }
    ProxySettings settings = ProxySettings::fromEnvironment(environment);
    problems->append(settings.problems());
    return settings;
}
