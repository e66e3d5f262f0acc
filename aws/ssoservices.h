#pragma once

#include "endpointoverrides.h"

#include <QObject>

class QNetworkAccessManager;
class SsoOidcClient;
class SsoPortalClient;

// The two IAM Identity Center services of one directory's region — OIDC (sign-in) and the portal (accounts, role
// credentials) — at the endpoints the SDKs would use: AWS_ENDPOINT_URL_SSO_OIDC / AWS_ENDPOINT_URL_SSO, then
// AWS_ENDPOINT_URL, or an explicit endpoint for every service (EndpointOverrides), else the region's AWS hosts.
class SsoServices : public QObject {
    Q_OBJECT
public:
    SsoServices(QNetworkAccessManager* network, const EndpointOverrides& endpoints, const QString& region,
        QObject* parent = nullptr);

    // A refused endpoint override (plain http to a non-loopback host…): the clients are null then.
    QString error() const { return m_error; }
    bool ok() const { return m_error.isEmpty(); }
    SsoOidcClient* oidc() const { return m_oidc; }
    SsoPortalClient* portal() const { return m_portal; }

private:
    QString m_error;
    SsoOidcClient* m_oidc = nullptr;
    SsoPortalClient* m_portal = nullptr;
};
