#include "ssoservices.h"

#include "ssooidcclient.h"
#include "ssoportalclient.h"

SsoServices::SsoServices(
    QNetworkAccessManager* network, const EndpointOverrides& endpoints, const QString& region, QObject* parent)
    : QObject(parent)
{
    const EndpointResolver::Result oidc = endpoints.resolve(EndpointResolver::Service::SsoOidc, region);
    const EndpointResolver::Result portal = endpoints.resolve(EndpointResolver::Service::Sso, region);
    m_error = !oidc.ok() ? oidc.error : portal.error;
    if (!m_error.isEmpty())
        return;
    m_oidc = new SsoOidcClient(network, oidc.endpoint.url, this);
    m_portal = new SsoPortalClient(network, portal.endpoint.url, this);
}
