// IAM Identity Center's browser side (the /authorize and /device pages, the approval endpoints tests use) and the
// portal (accounts, roles, role credentials, logout). The front and SSO OIDC are in simssoapi.cpp.
#include "simauth.h"
#include "simengine.h"
#include "simqueryapi.h"
#include "simssoapi.h"

#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
constexpr int kDefaultPageSize = 20;
constexpr int kMaxPageSize = 100;

// A redirect_uri the simulator will send a browser to: the loopback interface only (RFC 8252 §7.3), as the
// service allows for public clients, so that nothing on the network ever receives a code.
bool loopbackRedirect(const QUrl& uri)
{
    const QString host = uri.host();
    return uri.isValid() && uri.scheme() == u"http" && (host == u"127.0.0.1" || host == u"localhost" || host == u"::1");
}

QUrl withQuery(const QString& base, const QList<QPair<QString, QString>>& items)
{
    QUrl url(base);
    QUrlQuery query(url);
    for (const auto& [key, value] : items) {
        if (!value.isEmpty())
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
    }
    url.setQuery(query);
    return url;
}

QString userCodeOf(const QJsonObject& json, const QHash<QString, QString>& query)
{
    const QString fromJson = json.value(u"userCode"_s).toString();
    if (!fromJson.isEmpty())
        return fromJson;
    return query.value(u"userCode"_s, query.value(u"user_code"_s)).trimmed().toUpper();
}
} // namespace

// ---- authorization code with PKCE -----------------------------------------------------------------------

SimHttpResponse SimSsoApi::authorize(const Call& call)
{
    SimSso::AuthRequest request;
    request.clientId = call.query.value(u"client_id"_s);
    request.redirectUri = call.query.value(u"redirect_uri"_s);
    request.state = call.query.value(u"state"_s);
    request.codeChallenge = call.query.value(u"code_challenge"_s);
    // Until the client and its redirect_uri are known good, errors are shown here and never redirected.
    if (!m_sso.knowsClient(request.clientId))
        return page(400, u"Sign-in failed"_s, u"<p>Unknown client_id.</p>"_s);
    if (!loopbackRedirect(QUrl(request.redirectUri)))
        return page(400, u"Sign-in failed"_s, u"<p>redirect_uri must be http://127.0.0.1:PORT/… (loopback).</p>"_s);
    if (call.query.value(u"response_type"_s) != u"code")
        return redirect(withQuery(
            request.redirectUri, { { u"error"_s, u"unsupported_response_type"_s }, { u"state"_s, request.state } }));
    if (request.codeChallenge.isEmpty() || call.query.value(u"code_challenge_method"_s) != u"S256")
        return redirect(withQuery(request.redirectUri,
            { { u"error"_s, u"invalid_request"_s },
                { u"error_description"_s, u"code_challenge with code_challenge_method S256 is required"_s },
                { u"state"_s, request.state } }));
    if (m_sso.approval() == SimSsoApproval::Auto) {
        const QString code = m_sso.issueCode(request, m_engine.now());
        return redirect(withQuery(request.redirectUri, { { u"code"_s, code }, { u"state"_s, request.state } }));
    }
    const QString id = m_sso.addAuthRequest(request);
    return page(200, u"Allow access?"_s,
        u"<p>An application asks to sign in to the simulated IAM Identity Center.</p>\n"
        "<p><a id=\"approve\" href=\"/authorize/approve?request=%1\">Allow</a> "
        "<a id=\"deny\" href=\"/authorize/deny?request=%1\">Deny</a></p>"_s.arg(id));
}

SimHttpResponse SimSsoApi::authorizeApprove(const Call& call)
{
    const std::optional<SimSso::AuthRequest> request = m_sso.takeAuthRequest(call.query.value(u"request"_s));
    if (!request)
        return page(404, u"Not found"_s, u"<p>No such sign-in request (it may have been answered).</p>"_s);
    const QString code = m_sso.issueCode(*request, m_engine.now());
    return redirect(withQuery(request->redirectUri, { { u"code"_s, code }, { u"state"_s, request->state } }));
}

SimHttpResponse SimSsoApi::authorizeDeny(const Call& call)
{
    const std::optional<SimSso::AuthRequest> request = m_sso.takeAuthRequest(call.query.value(u"request"_s));
    if (!request)
        return page(404, u"Not found"_s, u"<p>No such sign-in request (it may have been answered).</p>"_s);
    return redirect(
        withQuery(request->redirectUri, { { u"error"_s, u"access_denied"_s }, { u"state"_s, request->state } }));
}

// ---- device authorization: the page and the user's answer ----------------------------------------------

SimHttpResponse SimSsoApi::devicePage(const Call& call)
{
    const QString code = userCodeOf({}, call.query).toHtmlEscaped();
    if (code.isEmpty() || !m_sso.knowsUserCode(code))
        return page(code.isEmpty() ? 200 : 404, u"Authorize request"_s,
            u"<form method=\"post\" action=\"/sso/approve\"><label>Code <input name=\"userCode\"></label> "
            "<button>Allow</button></form>"_s);
    return page(200, u"Authorize request"_s,
        u"<p>Confirm that this code matches the one the application shows: <strong id=\"code\">%1</strong></p>\n"
        "<form method=\"post\" action=\"/sso/approve\"><input type=\"hidden\" name=\"userCode\" value=\"%1\">"
        "<button>Allow</button></form>\n"
        "<form method=\"post\" action=\"/sso/deny\"><input type=\"hidden\" name=\"userCode\" value=\"%1\">"
        "<button>Deny</button></form>"_s.arg(code));
}

SimHttpResponse SimSsoApi::approveDevice(const Call& call)
{
    if (!m_sso.approveUserCode(userCodeOf(call.json, call.query)))
        return page(404, u"Not found"_s, u"<p>Unknown or already used code.</p>"_s);
    return page(200, u"Request approved"_s, u"<p>You may close this window.</p>"_s);
}

SimHttpResponse SimSsoApi::denyDevice(const Call& call)
{
    if (!m_sso.denyUserCode(userCodeOf(call.json, call.query)))
        return page(404, u"Not found"_s, u"<p>Unknown or already used code.</p>"_s);
    return page(200, u"Request denied"_s, u"<p>You may close this window.</p>"_s);
}

// ---- the portal -----------------------------------------------------------------------------------------

std::optional<SimHttpResponse> SimSsoApi::checkBearer(const Call& call) const
{
    if (m_sso.tokenValid(call.bearer, m_engine.now()))
        return std::nullopt;
    return portalError(u"UnauthorizedException"_s, 401, u"Session token not found or invalid"_s);
}

// The slice of `total` items that max_result and next_token ask for, or the InvalidRequestException.
std::optional<SimHttpResponse> SimSsoApi::pageOf(
    const Call& call, const QString& kind, qsizetype total, Page* out) const
{
    int size = kDefaultPageSize;
    if (call.query.contains(u"max_result"_s)) {
        bool ok = false;
        size = call.query.value(u"max_result"_s).toInt(&ok);
        if (!ok || size < 1 || size > kMaxPageSize)
            return portalError(u"InvalidRequestException"_s, 400, u"max_result must be between 1 and 100"_s);
    }
    out->offset = 0;
    if (call.query.contains(u"next_token"_s)) {
        const std::optional<qsizetype> offset = SimXml::pageOffset(kind, call.query.value(u"next_token"_s));
        if (!offset || *offset > total)
            return portalError(u"InvalidRequestException"_s, 400, u"Invalid next_token"_s);
        out->offset = *offset;
    }
    out->end = qMin(total, out->offset + size);
    out->next = out->end < total ? SimXml::pageToken(kind, out->end) : QString();
    return std::nullopt;
}

SimHttpResponse SimSsoApi::listAccounts(const Call& call)
{
    if (auto refused = checkBearer(call))
        return *refused;
    const QList<SimSsoAccount>& accounts = m_sso.accounts();
    Page slice;
    if (auto refused = pageOf(call, u"accounts"_s, accounts.size(), &slice))
        return *refused;
    QJsonArray list;
    for (qsizetype i = slice.offset; i < slice.end; ++i) {
        list.append(QJsonObject { { u"accountId"_s, accounts[i].accountId },
            { u"accountName"_s, accounts[i].accountName }, { u"emailAddress"_s, accounts[i].emailAddress } });
    }
    QJsonObject body { { u"accountList"_s, list } };
    if (!slice.next.isEmpty())
        body.insert(u"nextToken"_s, slice.next);
    return json(200, body);
}

SimHttpResponse SimSsoApi::listAccountRoles(const Call& call)
{
    if (auto refused = checkBearer(call))
        return *refused;
    const QString accountId = call.query.value(u"account_id"_s);
    if (accountId.isEmpty())
        return portalError(u"InvalidRequestException"_s, 400, u"account_id is required"_s);
    const SimSsoAccount* account = m_sso.account(accountId);
    if (!account)
        return portalError(u"ResourceNotFoundException"_s, 404, u"No access to account %1"_s.arg(accountId));
    Page slice;
    if (auto refused = pageOf(call, u"roles:"_s + accountId, account->roles.size(), &slice))
        return *refused;
    QJsonArray list;
    for (qsizetype i = slice.offset; i < slice.end; ++i)
        list.append(QJsonObject { { u"roleName"_s, account->roles[i] }, { u"accountId"_s, accountId } });
    QJsonObject body { { u"roleList"_s, list } };
    if (!slice.next.isEmpty())
        body.insert(u"nextToken"_s, slice.next);
    return json(200, body);
}

SimHttpResponse SimSsoApi::getRoleCredentials(const Call& call)
{
    if (auto refused = checkBearer(call))
        return *refused;
    const QString accountId = call.query.value(u"account_id"_s);
    const QString roleName = call.query.value(u"role_name"_s);
    if (accountId.isEmpty() || roleName.isEmpty())
        return portalError(u"InvalidRequestException"_s, 400, u"role_name and account_id are required"_s);
    const SimSsoAccount* account = m_sso.account(accountId);
    // The model lists no ForbiddenException; a role the user has no assignment for is "not found" to them.
    if (!account || !account->roles.contains(roleName))
        return portalError(u"ResourceNotFoundException"_s, 404, u"No access"_s);
    // The session the service opens: the permission set's role in that account, named after the user.
    SimCaller role;
    role.arn = u"arn:aws:sts::%1:assumed-role/%2/%3"_s.arg(accountId, roleName, m_userName);
    role.userId = SimAuthenticator::randomKeyId(u"AROA"_s).left(21) + u':' + m_userName;
    const Credentials issued = m_auth.issueSession(role, m_roleCredentialSeconds, m_engine.now());
    return json(200,
        { { u"roleCredentials"_s,
            QJsonObject { { u"accessKeyId"_s, issued.accessKeyId }, { u"secretAccessKey"_s, issued.secretAccessKey },
                { u"sessionToken"_s, issued.sessionToken },
                { u"expiration"_s, issued.expiration.toMSecsSinceEpoch() } } } });
}

SimHttpResponse SimSsoApi::logout(const Call& call)
{
    if (auto refused = checkBearer(call))
        return *refused;
    m_sso.logout(call.bearer);
    return base(200);
}
