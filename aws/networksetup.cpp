#include "networksetup.h"

#include "cabundle.h"
#include "proxyauthenticator.h"
#include "proxyfactory.h"

#include <QCoreApplication>
#include <QNetworkAccessManager>

using namespace Qt::StringLiterals;

NetworkSetup NetworkSetup::install(
    QNetworkAccessManager* network, const NetworkPreferences& preferences, const QProcessEnvironment& environment)
{
    NetworkSetup setup;
    setup.proxy = preferences.proxySettings(environment, &setup.problems);
    network->setProxyFactory(new ProxyFactory(setup.proxy));
    // Applied again for each new connection: the manager keeps its one authenticator and what it has learnt.
    setup.authenticator = network->findChild<ProxyAuthenticator*>(QString(), Qt::FindDirectChildrenOnly);
    if (!setup.authenticator) {
        setup.authenticator = new ProxyAuthenticator(network, network);
        QObject::connect(setup.authenticator, &ProxyAuthenticator::userKept, &NetworkPreferences::keepProxyUser);
    }
    setup.authenticator->setDefaultUser(preferences.proxyUser);
    setup.authenticator->setKeptUsers(preferences.proxyUsers);
    setup.environmentCaBundle = environment.value(u"AWS_CA_BUNDLE"_s);
    if (!preferences.caBundle.isEmpty()) {
        QString problem;
        if (CaBundle::trustFile(preferences.caBundle, &problem))
            setup.caBundle = preferences.caBundle;
        else
            setup.problems.append(problem);
    }
    return setup;
}

QStringList NetworkSetup::describe() const
{
    QStringList lines;
    const QString proxies = proxy.describe();
    lines.append(QCoreApplication::translate("NetworkSetup", "Proxy: %1")
                     .arg(proxies.isEmpty() ? QCoreApplication::translate("NetworkSetup", "none (direct)") : proxies));
    if (!environmentCaBundle.isEmpty())
        lines.append(QCoreApplication::translate("NetworkSetup", "AWS_CA_BUNDLE: %1").arg(environmentCaBundle));
    if (!caBundle.isEmpty())
        lines.append(QCoreApplication::translate("NetworkSetup", "Extra CA bundle: %1").arg(caBundle));
    return lines;
}

QStringList NetworkSetup::proxyHostPorts() const
{
    QStringList hostPorts;
    for (const QString& scheme : { u"https"_s, u"http"_s }) {
        // Any host NO_PROXY does not name stands for "the proxy of this scheme".
        const ProxyServer server = proxy.proxyFor(QUrl(scheme + u"://hookdesk.invalid/"_s));
        if (server.isValid() && server.password.isEmpty() && !hostPorts.contains(server.hostPort()))
            hostPorts.append(server.hostPort());
    }
    return hostPorts;
}
