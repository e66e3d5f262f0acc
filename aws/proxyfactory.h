#pragma once

#include "proxysettings.h"

#include <QNetworkProxyFactory>

// Picks the proxy per request from ProxySettings. Installed on the one QNetworkAccessManager a window or a CLI run
// uses (QNetworkAccessManager::setProxyFactory takes ownership), never as the application's factory, so tests and
// other managers in the process keep their own choice.
class ProxyFactory : public QNetworkProxyFactory {
public:
    explicit ProxyFactory(ProxySettings settings);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery& query) override;
    const ProxySettings& settings() const { return m_settings; }

private:
    ProxySettings m_settings;
};
