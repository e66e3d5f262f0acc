#include "proxyfactory.h"

using namespace Qt::StringLiterals;

ProxyFactory::ProxyFactory(ProxySettings settings)
    : m_settings(std::move(settings))
{
}

QList<QNetworkProxy> ProxyFactory::queryProxy(const QNetworkProxyQuery& query)
{
    QUrl url = query.url();
    if (url.isEmpty()) {
        // A socket-level query (no URL): judge it by the host and port it names, as a tunnelled https request.
        url.setScheme(query.protocolTag().isEmpty() ? u"https"_s : query.protocolTag());
        url.setHost(query.peerHostName());
        url.setPort(query.peerPort());
    }
    const ProxyServer server = m_settings.proxyFor(url);
    return { server.isValid() ? server.toNetworkProxy() : QNetworkProxy(QNetworkProxy::NoProxy) };
}
