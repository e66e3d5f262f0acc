#pragma once

#include "simhttpserver.h"
#include "simsso.h"

#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QUrl>
#include <functional>
#include <optional>

class SimAuthenticator;
class SimEngine;
class SimFaultInjector;

// The REST-JSON front of IAM Identity Center on the simulator's port, as botocore's sso-oidc and sso (portal)
// models describe it, plus the pages a user would see in a browser and two approval endpoints for tests:
//   POST /client/register, /device_authorization, /token          SSO OIDC (unsigned, JSON both ways)
//   GET  /authorize, /authorize/approve, /authorize/deny           authorization code + PKCE (302 to a loopback)
//   GET  /device                                                    the verification page
//   POST /sso/approve, /sso/deny                                   the user's answer to a device authorization
//   GET  /assignment/accounts, /assignment/roles, /federation/credentials, POST /logout
//                                                                  the portal (x-amz-sso_bearer_token)
// None of these is signed; SimQueryApi keeps SigV4 for its own path "/".
class SimSsoApi {
public:
    SimSsoApi(SimSso& sso, SimEngine& engine, SimAuthenticator& auth, SimFaultInjector& faults,
        const SimulatorOptions& options, std::function<QUrl()> baseUrl);

    // The answer for an Identity Center request, or nullopt when the request is not one (method and path decide).
    // `action` gets the operation name (CreateToken, ListAccounts, …), which faults may be aimed at.
    std::optional<SimHttpResponse> handle(const SimHttpRequest& request, QString* action);
    int requestCount() const { return m_requests; }

private:
    struct Call {
        QJsonObject json; // the JSON body (OIDC and /sso/*)
        QHash<QString, QString> query; // the URL query, decoded
        QString bearer; // x-amz-sso_bearer_token
        bool badJson = false;
    };
    using Handler = SimHttpResponse (SimSsoApi::*)(const Call&);
    struct Route {
        QByteArray method;
        QByteArray path;
        QString action;
        Handler handler;
        bool service; // an AWS operation (faults apply), not a page or a test's approval endpoint
    };
    static const QList<Route>& routes();
    std::optional<SimHttpResponse> faultAnswer(const QString& action, bool portal);

    // SSO OIDC (simssoapi.cpp).
    SimHttpResponse registerClient(const Call& call);
    SimHttpResponse startDeviceAuthorization(const Call& call);
    SimHttpResponse createToken(const Call& call);
    // Browser pages and approvals.
    SimHttpResponse authorize(const Call& call);
    SimHttpResponse authorizeApprove(const Call& call);
    SimHttpResponse authorizeDeny(const Call& call);
    SimHttpResponse devicePage(const Call& call);
    SimHttpResponse approveDevice(const Call& call);
    SimHttpResponse denyDevice(const Call& call);
    // The portal.
    SimHttpResponse listAccounts(const Call& call);
    SimHttpResponse listAccountRoles(const Call& call);
    SimHttpResponse getRoleCredentials(const Call& call);
    SimHttpResponse logout(const Call& call);
    std::optional<SimHttpResponse> checkBearer(const Call& call) const;
    struct Page {
        qsizetype offset = 0;
        qsizetype end = 0;
        QString next; // nextToken, empty on the last page
    };
    std::optional<SimHttpResponse> pageOf(const Call& call, const QString& kind, qsizetype total, Page* out) const;

    SimHttpResponse base(int status) const;
    SimHttpResponse json(int status, const QJsonObject& body) const;
    SimHttpResponse oidcError(const SimSsoError& error) const;
    SimHttpResponse portalError(const QString& type, int status, const QString& message) const;
    SimHttpResponse page(int status, const QString& title, const QString& bodyHtml) const;
    SimHttpResponse redirect(const QUrl& location) const;

    SimSso& m_sso;
    SimEngine& m_engine;
    SimAuthenticator& m_auth;
    SimFaultInjector& m_faults;
    QString m_userName;
    int m_roleCredentialSeconds;
    std::function<QUrl()> m_baseUrl;
    int m_requests = 0;
};
