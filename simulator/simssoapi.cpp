// The front of IAM Identity Center: routing, the JSON and page answers, and the SSO OIDC operations. The portal,
// the browser pages and the approval endpoints are in simssoportal.cpp.
#include "simssoapi.h"

#include "simengine.h"
#include "simfaultinjector.h"
#include "simlogging.h"
#include "simqueryapi.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QLocale>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace {
const QString kDeviceGrant = u"urn:ietf:params:oauth:grant-type:device_code"_s;

SimSsoError invalidRequest(const QString& description)
{
    return { u"InvalidRequestException"_s, u"invalid_request"_s, description };
}

// The first required member the body lacks (or has empty), as the service's invalid_request.
std::optional<SimSsoError> missingMember(const QJsonObject& body, const QStringList& names)
{
    for (const QString& name : names) {
        if (body.value(name).toString().isEmpty())
            return invalidRequest(u"Missing required parameter: %1"_s.arg(name));
    }
    return std::nullopt;
}

QJsonObject tokenAnswer(const SimSsoTokens& tokens)
{
    return { { u"accessToken"_s, tokens.accessToken }, { u"tokenType"_s, u"Bearer"_s },
        { u"expiresIn"_s, tokens.expiresIn }, { u"refreshToken"_s, tokens.refreshToken } };
}
} // namespace

SimSsoApi::SimSsoApi(SimSso& sso, SimEngine& engine, SimAuthenticator& auth, SimFaultInjector& faults,
    const SimulatorOptions& options, std::function<QUrl()> baseUrl)
    : m_sso(sso)
    , m_engine(engine)
    , m_auth(auth)
    , m_faults(faults)
    , m_userName(options.userName)
    , m_roleCredentialSeconds(options.ssoRoleCredentialSeconds)
    , m_baseUrl(std::move(baseUrl))
{
}

const QList<SimSsoApi::Route>& SimSsoApi::routes()
{
    // The action names are the operations' own, so that a fault can be aimed at one; the pages and approval
    // endpoints are not AWS operations and get names that no fault list would use by accident.
    static const QList<Route> table {
        { "POST", "/client/register", u"RegisterClient"_s, &SimSsoApi::registerClient, true },
        { "POST", "/device_authorization", u"StartDeviceAuthorization"_s, &SimSsoApi::startDeviceAuthorization, true },
        { "POST", "/token", u"CreateToken"_s, &SimSsoApi::createToken, true },
        { "GET", "/authorize", u"sso:Authorize"_s, &SimSsoApi::authorize, false },
        { "GET", "/authorize/approve", u"sso:AuthorizeApprove"_s, &SimSsoApi::authorizeApprove, false },
        { "GET", "/authorize/deny", u"sso:AuthorizeDeny"_s, &SimSsoApi::authorizeDeny, false },
        { "GET", "/device", u"sso:DevicePage"_s, &SimSsoApi::devicePage, false },
        { "POST", "/sso/approve", u"sso:Approve"_s, &SimSsoApi::approveDevice, false },
        { "POST", "/sso/deny", u"sso:Deny"_s, &SimSsoApi::denyDevice, false },
        { "GET", "/assignment/accounts", u"ListAccounts"_s, &SimSsoApi::listAccounts, true },
        { "GET", "/assignment/roles", u"ListAccountRoles"_s, &SimSsoApi::listAccountRoles, true },
        { "GET", "/federation/credentials", u"GetRoleCredentials"_s, &SimSsoApi::getRoleCredentials, true },
        { "POST", "/logout", u"Logout"_s, &SimSsoApi::logout, true },
    };
    return table;
}

std::optional<SimHttpResponse> SimSsoApi::handle(const SimHttpRequest& request, QString* action)
{
    const Route* route = nullptr;
    bool known = false;
    for (const Route& candidate : routes()) {
        if (candidate.path != request.path)
            continue;
        known = true;
        if (candidate.method == request.method)
            route = &candidate;
    }
    if (!known)
        return std::nullopt;
    ++m_requests;
    if (!route)
        return page(405, u"Method not allowed"_s, u"<p>This path does not take that method.</p>"_s);
    if (action)
        *action = route->action;
    const bool portal
        = request.path.startsWith("/assignment") || request.path.startsWith("/federation") || request.path == "/logout";
    if (route->service) {
        if (std::optional<SimHttpResponse> faulted = faultAnswer(route->action, portal))
            return faulted;
    }
    Call call;
    call.query = SimParams::decodeForm(request.query);
    call.bearer = QString::fromUtf8(request.header("x-amz-sso_bearer_token"));
    if (!request.body.trimmed().isEmpty()) {
        const QJsonDocument doc = QJsonDocument::fromJson(request.body);
        call.json = doc.object();
        if (!doc.isObject()) {
            // Not JSON: the browser's form on the device page, or a client error the OIDC operations refuse.
            call.badJson = true;
            call.query.insert(SimParams::decodeForm(request.body));
        }
    }
    const SimHttpResponse response = (this->*route->handler)(call);
    // Only the operation and the status: bodies, queries and headers carry tokens and secrets.
    qCDebug(lcSim) << route->action << response.status;
    return response;
}

std::optional<SimHttpResponse> SimSsoApi::faultAnswer(const QString& action, bool portal)
{
    const std::optional<SimFault> fault = m_faults.next(action);
    if (!fault)
        return std::nullopt;
    switch (*fault) {
    case SimFault::Drop:
    case SimFault::DropAfterApplying: {
        SimHttpResponse dropped;
        dropped.delivery = SimHttpResponse::Delivery::Drop;
        dropped.delayMs = m_faults.latencyMs();
        return dropped;
    }
    case SimFault::ServerError:
    case SimFault::ServerErrorAfterApplying:
        return portal ? portalError(u"InternalServerException"_s, 500, u"Internal error"_s)
                      : oidcError({ u"InternalServerException"_s, u"server_error"_s, u"Internal error"_s, 500 });
    case SimFault::Unavailable:
        return portal ? portalError(u"ServiceUnavailableException"_s, 503, u"Service unavailable"_s)
                      : oidcError({ u"ServiceUnavailableException"_s, u"server_error"_s, u"Unavailable"_s, 503 });
    case SimFault::Throttle:
        return portal ? portalError(u"TooManyRequestsException"_s, 429, u"Rate exceeded"_s)
                      : oidcError({ u"SlowDownException"_s, u"slow_down"_s, u"Rate exceeded"_s });
    default:
        // Truncation and ResourceContention are Query-protocol faults; these paths answer normally.
        return std::nullopt;
    }
}

// ---- answers --------------------------------------------------------------------------------------------

SimHttpResponse SimSsoApi::base(int status) const
{
    SimHttpResponse response;
    response.status = status;
    response.delayMs = m_faults.latencyMs();
    const QDateTime now = QDateTime::currentDateTimeUtc().addSecs(m_faults.clockSkewSeconds());
    response.headers.emplaceBack("Date", QLocale::c().toString(now, u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s).toLatin1());
    response.headers.emplaceBack("x-amzn-RequestId", QUuid::createUuid().toString(QUuid::WithoutBraces).toLatin1());
    return response;
}

SimHttpResponse SimSsoApi::json(int status, const QJsonObject& body) const
{
    SimHttpResponse response = base(status);
    response.headers.emplaceBack("Content-Type", "application/json");
    response.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    return response;
}

SimHttpResponse SimSsoApi::oidcError(const SimSsoError& error) const
{
    SimHttpResponse response
        = json(error.httpStatus, { { u"error"_s, error.oauth }, { u"error_description"_s, error.description } });
    response.headers.emplaceBack("x-amzn-ErrorType", error.type.toLatin1());
    return response;
}

SimHttpResponse SimSsoApi::portalError(const QString& type, int status, const QString& message) const
{
    SimHttpResponse response = json(status, { { u"message"_s, message } });
    response.headers.emplaceBack("x-amzn-ErrorType", type.toLatin1());
    return response;
}

SimHttpResponse SimSsoApi::page(int status, const QString& title, const QString& bodyHtml) const
{
    SimHttpResponse response = base(status);
    response.headers.emplaceBack("Content-Type", "text/html; charset=utf-8");
    response.body
        = (u"<!DOCTYPE html>\n<html><head><title>%1</title></head>\n<body><h1>%1</h1>\n%2\n</body></html>\n"_s.arg(
               title.toHtmlEscaped(), bodyHtml))
              .toUtf8();
    return response;
}

SimHttpResponse SimSsoApi::redirect(const QUrl& location) const
{
    SimHttpResponse response = base(302);
    response.headers.emplaceBack("Location", location.toEncoded());
    return response;
}

// ---- SSO OIDC -------------------------------------------------------------------------------------------

SimHttpResponse SimSsoApi::registerClient(const Call& call)
{
    if (call.badJson)
        return oidcError(invalidRequest(u"The request body is not a JSON object"_s));
    if (auto missing = missingMember(call.json, { u"clientName"_s, u"clientType"_s }))
        return oidcError(*missing);
    if (call.json.value(u"clientType"_s).toString() != u"public")
        return oidcError({ u"InvalidClientMetadataException"_s, u"invalid_client_metadata"_s,
            u"Invalid client type: only public clients are supported"_s });
    for (const auto& grant : call.json.value(u"grantTypes"_s).toArray()) {
        static const QStringList kGrants { kDeviceGrant, u"authorization_code"_s, u"refresh_token"_s };
        if (!kGrants.contains(grant.toString()))
            return oidcError({ u"UnsupportedGrantTypeException"_s, u"unsupported_grant_type"_s,
                u"Unsupported grant type: %1"_s.arg(grant.toString()) });
    }
    const QDateTime now = m_engine.now();
    SimSso::Client client;
    const QString id = m_sso.registerClient(call.json.value(u"clientName"_s).toString(), now, &client);
    return json(200,
        { { u"clientId"_s, id }, { u"clientSecret"_s, client.secret },
            { u"clientIdIssuedAt"_s, now.toSecsSinceEpoch() },
            { u"clientSecretExpiresAt"_s, client.secretExpires.toSecsSinceEpoch() } });
}

SimHttpResponse SimSsoApi::startDeviceAuthorization(const Call& call)
{
    if (call.badJson)
        return oidcError(invalidRequest(u"The request body is not a JSON object"_s));
    if (auto missing = missingMember(call.json, { u"clientId"_s, u"clientSecret"_s, u"startUrl"_s }))
        return oidcError(*missing);
    const QDateTime now = m_engine.now();
    const QString clientId = call.json.value(u"clientId"_s).toString();
    if (auto refused = m_sso.checkClient(clientId, call.json.value(u"clientSecret"_s).toString(), now))
        return oidcError(*refused);
    SimSso::Device device;
    const QString deviceCode = m_sso.startDevice(clientId, now, &device);
    const QUrl verification = m_baseUrl().resolved(QUrl(u"/device"_s));
    QUrl complete = verification;
    complete.setQuery(u"user_code="_s + device.userCode);
    return json(200,
        { { u"deviceCode"_s, deviceCode }, { u"userCode"_s, device.userCode },
            { u"verificationUri"_s, verification.toString() }, { u"verificationUriComplete"_s, complete.toString() },
            { u"expiresIn"_s, qint64(now.secsTo(device.expires)) }, { u"interval"_s, device.interval } });
}

SimHttpResponse SimSsoApi::createToken(const Call& call)
{
    if (call.badJson)
        return oidcError(invalidRequest(u"The request body is not a JSON object"_s));
    if (auto missing = missingMember(call.json, { u"clientId"_s, u"clientSecret"_s, u"grantType"_s }))
        return oidcError(*missing);
    const QDateTime now = m_engine.now();
    const QString clientId = call.json.value(u"clientId"_s).toString();
    if (auto refused = m_sso.checkClient(clientId, call.json.value(u"clientSecret"_s).toString(), now))
        return oidcError(*refused);
    const QString grant = call.json.value(u"grantType"_s).toString();
    auto member = [&call](const QString& name) { return call.json.value(name).toString(); };
    SimSsoResult<SimSsoTokens> result = invalidRequest(QString());
    if (grant == kDeviceGrant) {
        if (auto missing = missingMember(call.json, { u"deviceCode"_s }))
            return oidcError(*missing);
        result = m_sso.pollDevice(clientId, member(u"deviceCode"_s), now);
    } else if (grant == u"authorization_code") {
        if (auto missing = missingMember(call.json, { u"code"_s, u"redirectUri"_s }))
            return oidcError(*missing);
        result
            = m_sso.redeemCode(clientId, member(u"code"_s), member(u"redirectUri"_s), member(u"codeVerifier"_s), now);
    } else if (grant == u"refresh_token") {
        if (auto missing = missingMember(call.json, { u"refreshToken"_s }))
            return oidcError(*missing);
        result = m_sso.refresh(clientId, member(u"refreshToken"_s), now);
    } else {
        return oidcError({ u"UnsupportedGrantTypeException"_s, u"unsupported_grant_type"_s,
            u"Unsupported grant type: %1"_s.arg(grant) });
    }
    if (const auto* error = std::get_if<SimSsoError>(&result))
        return oidcError(*error);
    return json(200, tokenAnswer(std::get<SimSsoTokens>(result)));
}
