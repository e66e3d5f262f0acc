#include "sigv4signer.h"
#include "simulatorfixture.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// IAM Identity Center on the simulator's port (SSO OIDC and the portal, REST-JSON, unsigned) as a Hookdesk client
// sees it over QNetworkAccessManager: the device and PKCE flows with every OAuth error, refresh-token rotation,
// the portal's pages of accounts and roles, and role credentials that the Auto Scaling/STS front then accepts.
namespace {
const QString kDeviceGrant = u"urn:ietf:params:oauth:grant-type:device_code"_s;

struct Answer {
    int status = 0;
    QByteArray body;
    QByteArray errorType; // x-amzn-ErrorType
    QByteArray location;

    QJsonObject json() const { return QJsonDocument::fromJson(body).object(); }
    QString member(const QString& name) const { return json().value(name).toString(); }
};

class Http {
public:
    explicit Http(QUrl base)
        : m_base(std::move(base))
    {
    }

    Answer send(const QByteArray& method, const QString& path, const QList<QPair<QString, QString>>& query = {},
        const QByteArray& body = {}, const QList<QPair<QByteArray, QByteArray>>& headers = {})
    {
        QUrl url = m_base.resolved(QUrl(path));
        QUrlQuery q;
        for (const auto& [key, value] : query)
            q.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        url.setQuery(q);
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        for (const auto& [name, value] : headers)
            request.setRawHeader(name, value);
        if (!body.isEmpty() && !request.hasRawHeader("Content-Type"))
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
        QNetworkReply* reply = m_manager.sendCustomRequest(request, method, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        Answer out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.errorType = reply->rawHeader("x-amzn-ErrorType");
        out.location = reply->rawHeader("Location");
        reply->deleteLater();
        return out;
    }

    Answer post(const QString& path, const QJsonObject& body)
    {
        return send("POST", path, {}, QJsonDocument(body).toJson(QJsonDocument::Compact));
    }

    Answer portal(const QString& path, const QString& token, const QList<QPair<QString, QString>>& query = {},
        const QByteArray& method = "GET")
    {
        return send(method, path, query, {}, { { "x-amz-sso_bearer_token", token.toLatin1() } });
    }

    // A SigV4-signed Query request (action and version) with the given credentials.
    Answer query(const Credentials& credentials, const QString& service, const QString& action, const QString& version)
    {
        const QByteArray body = "Action=" + action.toLatin1() + "&Version=" + version.toLatin1();
        SignableRequest request;
        request.method = "POST";
        request.path = "/";
        request.body = body;
        request.headers.emplaceBack("Host", "127.0.0.1:" + QByteArray::number(m_base.port()));
        request.headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        SigV4Signer(u"us-east-1"_s, service).sign(request, credentials, QDateTime::currentDateTimeUtc());
        QList<QPair<QByteArray, QByteArray>> headers;
        for (const auto& header : std::as_const(request.headers)) {
            if (header.first.compare("Host", Qt::CaseInsensitive) != 0)
                headers.append(header);
        }
        return send("POST", u"/"_s, {}, body, headers);
    }

private:
    QUrl m_base;
    QNetworkAccessManager m_manager;
};

QString xmlElement(const QByteArray& xml, const QString& name)
{
    QXmlStreamReader reader(xml);
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement() && reader.name() == name)
            return reader.readElementText();
    }
    return {};
}

QString challengeOf(const QString& verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toUtf8(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

struct Client {
    QString id;
    QString secret;
};

SimulatorOptions manualOptions()
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.ssoApproval = SimSsoApproval::Manual;
    return options;
}
} // namespace

class TestSimSso : public QObject {
    Q_OBJECT

    Client registerClient(Http& http)
    {
        const Answer a = http.post(u"/client/register"_s,
            { { u"clientName"_s, u"hookdesk-test"_s }, { u"clientType"_s, u"public"_s },
                { u"scopes"_s, QJsonArray { u"sso:account:access"_s } } });
        if (a.status != 200)
            qWarning() << a.body;
        return { a.member(u"clientId"_s), a.member(u"clientSecret"_s) };
    }

    Answer startDevice(Http& http, const Client& client)
    {
        return http.post(u"/device_authorization"_s,
            { { u"clientId"_s, client.id }, { u"clientSecret"_s, client.secret },
                { u"startUrl"_s, u"https://d-1234567890.awsapps.com/start"_s } });
    }

    Answer poll(Http& http, const Client& client, const QString& deviceCode)
    {
        return http.post(u"/token"_s,
            { { u"clientId"_s, client.id }, { u"clientSecret"_s, client.secret }, { u"grantType"_s, kDeviceGrant },
                { u"deviceCode"_s, deviceCode } });
    }

    Answer refresh(Http& http, const Client& client, const QString& refreshToken)
    {
        return http.post(u"/token"_s,
            { { u"clientId"_s, client.id }, { u"clientSecret"_s, client.secret },
                { u"grantType"_s, u"refresh_token"_s }, { u"refreshToken"_s, refreshToken } });
    }

    // An access token by the device flow with automatic approval (the first poll succeeds).
    QString signIn(Http& http, Answer* tokens = nullptr)
    {
        const Client client = registerClient(http);
        const Answer answer = poll(http, client, startDevice(http, client).member(u"deviceCode"_s));
        if (tokens)
            *tokens = answer;
        return answer.member(u"accessToken"_s);
    }

    Answer authorize(Http& http, const Client& client, const QString& redirect, const QString& verifier)
    {
        return http.send("GET", u"/authorize"_s,
            { { u"response_type"_s, u"code"_s }, { u"client_id"_s, client.id }, { u"redirect_uri"_s, redirect },
                { u"state"_s, u"st ate&1"_s }, { u"code_challenge"_s, challengeOf(verifier) },
                { u"code_challenge_method"_s, u"S256"_s }, { u"scopes"_s, u"sso:account:access"_s } });
    }

    Answer redeem(
        Http& http, const Client& client, const QString& code, const QString& redirect, const QString& verifier)
    {
        return http.post(u"/token"_s,
            { { u"clientId"_s, client.id }, { u"clientSecret"_s, client.secret },
                { u"grantType"_s, u"authorization_code"_s }, { u"code"_s, code }, { u"redirectUri"_s, redirect },
                { u"codeVerifier"_s, verifier } });
    }

private Q_SLOTS:
    void registerAndStartDeviceAuthorization()
    {
        SimulatorFixture sim(manualOptions());
        QVERIFY(sim.start());
        Http http(sim.url());
        const Answer reg = http.post(
            u"/client/register"_s, { { u"clientName"_s, u"hookdesk-test"_s }, { u"clientType"_s, u"public"_s } });
        QCOMPARE(reg.status, 200);
        const QJsonObject r = reg.json();
        QVERIFY(!r.value(u"clientId"_s).toString().isEmpty() && r.value(u"clientSecret"_s).toString().size() > 40);
        const qint64 issued = qint64(r.value(u"clientIdIssuedAt"_s).toDouble());
        QCOMPARE(issued, sim->now().toSecsSinceEpoch());
        QCOMPARE(qint64(r.value(u"clientSecretExpiresAt"_s).toDouble()) - issued, qint64(90) * 86400);

        const Client client { r.value(u"clientId"_s).toString(), r.value(u"clientSecret"_s).toString() };
        const QJsonObject device = startDevice(http, client).json();
        const QString userCode = device.value(u"userCode"_s).toString();
        QVERIFY2(QRegularExpression(u"^[A-Z]{4}-[A-Z]{4}$"_s).match(userCode).hasMatch(), qPrintable(userCode));
        QCOMPARE(device.value(u"verificationUri"_s).toString(), sim.url().resolved(QUrl(u"/device"_s)).toString());
        QCOMPARE(device.value(u"verificationUriComplete"_s).toString(),
            sim.url().resolved(QUrl(u"/device?user_code="_s + userCode)).toString());
        QCOMPARE(device.value(u"expiresIn"_s).toInt(), 600);
        QCOMPARE(device.value(u"interval"_s).toInt(), 1);
        QCOMPARE(sim->pendingUserCodes(), QStringList { userCode });

        const Answer page = http.send("GET", u"/device"_s, { { u"user_code"_s, userCode } });
        QCOMPARE(page.status, 200);
        QVERIFY(page.body.contains(userCode.toLatin1()));
        QVERIFY(!page.body.contains(device.value(u"deviceCode"_s).toString().toLatin1()));

        const Answer wrongSecret = startDevice(http, { client.id, client.secret + u"x"_s });
        QCOMPARE(wrongSecret.status, 401);
        QCOMPARE(wrongSecret.errorType, "InvalidClientException");
        QCOMPARE(wrongSecret.member(u"error"_s), u"invalid_client"_s);
        const Answer missing = http.post(u"/device_authorization"_s, { { u"clientId"_s, client.id } });
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorType, "InvalidRequestException");
        QCOMPARE(missing.member(u"error"_s), u"invalid_request"_s);
        const Answer badType
            = http.post(u"/client/register"_s, { { u"clientName"_s, u"x"_s }, { u"clientType"_s, u"confidential"_s } });
        QCOMPARE(badType.errorType, "InvalidClientMetadataException");
    }

    void deviceFlowPendingSlowDownApprovedConsumed()
    {
        SimulatorFixture sim(manualOptions());
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QJsonObject device = startDevice(http, client).json();
        const QString deviceCode = device.value(u"deviceCode"_s).toString();

        const Answer pending = poll(http, client, deviceCode);
        QCOMPARE(pending.status, 400);
        QCOMPARE(pending.errorType, "AuthorizationPendingException");
        QCOMPARE(pending.member(u"error"_s), u"authorization_pending"_s);
        const Answer tooFast = poll(http, client, deviceCode);
        QCOMPARE(tooFast.status, 400);
        QCOMPARE(tooFast.errorType, "SlowDownException");
        QCOMPARE(tooFast.member(u"error"_s), u"slow_down"_s);

        QCOMPARE(http.post(u"/sso/approve"_s, { { u"userCode"_s, u"ZZZZ-ZZZZ"_s } }).status, 404);
        QCOMPARE(http.post(u"/sso/approve"_s, { { u"userCode"_s, device.value(u"userCode"_s) } }).status, 200);
        QVERIFY(sim->pendingUserCodes().isEmpty());
        // Each slow_down adds 5 s to the interval (RFC 8628): 1.5 s later is still too fast (now 11 s).
        sim->advance(1.5);
        QCOMPARE(poll(http, client, deviceCode).errorType, "SlowDownException");
        sim->advance(11.5);
        const Answer tokens = poll(http, client, deviceCode);
        QCOMPARE(tokens.status, 200);
        const QJsonObject t = tokens.json();
        QVERIFY(t.value(u"accessToken"_s).toString().size() > 40);
        QVERIFY(!t.value(u"refreshToken"_s).toString().isEmpty());
        QCOMPARE(t.value(u"tokenType"_s).toString(), u"Bearer"_s);
        QCOMPARE(t.value(u"expiresIn"_s).toInt(), 3600);

        sim->advance(20);
        const Answer again = poll(http, client, deviceCode);
        QCOMPARE(again.status, 400);
        QCOMPARE(again.errorType, "InvalidGrantException");
        QCOMPARE(again.member(u"error"_s), u"invalid_grant"_s);
        const Answer grant = http.post(u"/token"_s,
            { { u"clientId"_s, client.id }, { u"clientSecret"_s, client.secret }, { u"grantType"_s, u"password"_s } });
        QCOMPARE(grant.errorType, "UnsupportedGrantTypeException");
        QCOMPARE(grant.member(u"error"_s), u"unsupported_grant_type"_s);
    }

    void deviceCodeExpiresOnTheSimulatedClock()
    {
        SimulatorFixture sim(manualOptions());
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QJsonObject device = startDevice(http, client).json();
        QVERIFY(sim->approveUserCode(device.value(u"userCode"_s).toString()));
        sim->advance(601);
        const Answer expired = poll(http, client, device.value(u"deviceCode"_s).toString());
        QCOMPARE(expired.status, 400);
        QCOMPARE(expired.errorType, "ExpiredTokenException");
        QCOMPARE(expired.member(u"error"_s), u"expired_token"_s);
    }

    void deniedDeviceAuthorization()
    {
        SimulatorFixture sim(manualOptions());
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QJsonObject first = startDevice(http, client).json();
        QVERIFY(sim->denyUserCode(first.value(u"userCode"_s).toString()));
        const Answer denied = poll(http, client, first.value(u"deviceCode"_s).toString());
        QCOMPARE(denied.errorType, "AccessDeniedException");
        QCOMPARE(denied.member(u"error"_s), u"access_denied"_s);
        // The browser's form posts the code form-encoded.
        const QJsonObject second = startDevice(http, client).json();
        const Answer form
            = http.send("POST", u"/sso/deny"_s, {}, "userCode=" + second.value(u"userCode"_s).toString().toLatin1(),
                { { "Content-Type", "application/x-www-form-urlencoded" } });
        QCOMPARE(form.status, 200);
        QCOMPARE(poll(http, client, second.value(u"deviceCode"_s).toString()).errorType, "AccessDeniedException");
        QVERIFY(!sim->approveUserCode(u"ABCD-EFGH"_s));
    }

    void automaticApprovalSucceedsOnTheFirstPoll()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        QCOMPARE(sim->ssoApproval(), SimSsoApproval::Auto);
        Http http(sim.url());
        Answer tokens;
        QVERIFY(!signIn(http, &tokens).isEmpty());
        QCOMPARE(tokens.status, 200);
        QVERIFY(sim->pendingUserCodes().isEmpty());
        sim->setSsoApproval(SimSsoApproval::Manual);
        const Client client = registerClient(http);
        const QString deviceCode = startDevice(http, client).member(u"deviceCode"_s);
        QCOMPARE(poll(http, client, deviceCode).errorType, "AuthorizationPendingException");
    }

    void refreshTokensRotate()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QJsonObject first = poll(http, client, startDevice(http, client).member(u"deviceCode"_s)).json();
        const QString oldRefresh = first.value(u"refreshToken"_s).toString();
        const Answer renewed = refresh(http, client, oldRefresh);
        QCOMPARE(renewed.status, 200);
        const QString newAccess = renewed.member(u"accessToken"_s);
        const QString newRefresh = renewed.member(u"refreshToken"_s);
        QVERIFY(newAccess != first.value(u"accessToken"_s).toString() && newRefresh != oldRefresh);
        QCOMPARE(http.portal(u"/assignment/accounts"_s, newAccess).status, 200);
        const Answer reused = refresh(http, client, oldRefresh);
        QCOMPARE(reused.errorType, "InvalidGrantException");
        const Client other = registerClient(http);
        QCOMPARE(refresh(http, other, newRefresh).errorType, "InvalidGrantException");
        QCOMPARE(refresh(http, client, newRefresh).status, 200);
    }

    void authorizationCodeWithPkce()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QString redirect = u"http://127.0.0.1:4711/oauth/callback"_s;
        const QString verifier = u"a-verifier-of-forty-three-characters-or-more-0123"_s;
        auto codeOf = [](const Answer& a) {
            return QUrlQuery(QUrl::fromEncoded(a.location)).queryItemValue(u"code"_s, QUrl::FullyDecoded);
        };

        const Answer first = authorize(http, client, redirect, verifier);
        QCOMPARE(first.status, 302);
        const QUrl location = QUrl::fromEncoded(first.location);
        QCOMPARE(location.toString(QUrl::RemoveQuery), redirect);
        QCOMPARE(QUrlQuery(location).queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st ate&1"_s);
        QVERIFY(!codeOf(first).isEmpty());
        const Answer wrong = redeem(http, client, codeOf(first), redirect, verifier + u"x"_s);
        QCOMPARE(wrong.status, 400);
        QCOMPARE(wrong.errorType, "InvalidGrantException");

        const QString code = codeOf(authorize(http, client, redirect, verifier));
        const Answer right = redeem(http, client, code, redirect, verifier);
        QCOMPARE(right.status, 200);
        QVERIFY(!right.member(u"accessToken"_s).isEmpty());
        QCOMPARE(redeem(http, client, code, redirect, verifier).errorType, "InvalidGrantException");
        const QString third = codeOf(authorize(http, client, redirect, verifier));
        QCOMPARE(redeem(http, client, third, u"http://127.0.0.1:4712/oauth/callback"_s, verifier).errorType,
            "InvalidGrantException");

        const Answer outside = authorize(http, client, u"https://attacker.example/cb"_s, verifier);
        QCOMPARE(outside.status, 400);
        QVERIFY(outside.location.isEmpty());
        QCOMPARE(authorize(http, client, u"http://localhost:4711/cb"_s, verifier).status, 302);
    }

    void authorizationPageInManualMode()
    {
        SimulatorFixture sim(manualOptions());
        QVERIFY(sim.start());
        Http http(sim.url());
        const Client client = registerClient(http);
        const QString redirect = u"http://127.0.0.1:4711/cb"_s;
        const Answer page = authorize(http, client, redirect, u"v"_s.repeated(50));
        QCOMPARE(page.status, 200);
        const QRegularExpressionMatch approve = QRegularExpression(u"/authorize/approve\\?request=([A-Za-z0-9_-]+)"_s)
                                                    .match(QString::fromUtf8(page.body));
        QVERIFY2(approve.hasMatch(), page.body.constData());
        QVERIFY(page.body.contains(QByteArray("/authorize/deny?request=" + approve.captured(1).toLatin1())));
        const Answer approved = http.send("GET", u"/authorize/approve"_s, { { u"request"_s, approve.captured(1) } });
        QCOMPARE(approved.status, 302);
        QVERIFY(approved.location.startsWith(QByteArray(redirect.toLatin1() + "?code=")));
        QCOMPARE(http.send("GET", u"/authorize/approve"_s, { { u"request"_s, approve.captured(1) } }).status, 404);

        const QString other = QRegularExpression(u"/authorize/deny\\?request=([A-Za-z0-9_-]+)"_s)
                                  .match(QString::fromUtf8(authorize(http, client, redirect, u"w"_s.repeated(50)).body))
                                  .captured(1);
        const Answer denied = http.send("GET", u"/authorize/deny"_s, { { u"request"_s, other } });
        QCOMPARE(denied.status, 302);
        const QUrlQuery deniedQuery(QUrl::fromEncoded(denied.location));
        QCOMPARE(deniedQuery.queryItemValue(u"error"_s), u"access_denied"_s);
        QCOMPARE(deniedQuery.queryItemValue(u"state"_s, QUrl::FullyDecoded), u"st ate&1"_s);
    }

    void portalListsAccountsAndRolesInPages()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Http http(sim.url());
        const QString token = signIn(http);
        const Answer first = http.portal(u"/assignment/accounts"_s, token, { { u"max_result"_s, u"2"_s } });
        QCOMPARE(first.status, 200);
        const QJsonArray page1 = first.json().value(u"accountList"_s).toArray();
        QCOMPARE(page1.size(), 2);
        QCOMPARE(page1[0].toObject().value(u"accountId"_s).toString(), sim->options().accountId);
        QCOMPARE(page1[0].toObject().value(u"accountName"_s).toString(), u"Production"_s);
        QVERIFY(!page1[0].toObject().value(u"emailAddress"_s).toString().isEmpty());
        const QString next = first.member(u"nextToken"_s);
        QVERIFY(!next.isEmpty());
        const Answer second
            = http.portal(u"/assignment/accounts"_s, token, { { u"max_result"_s, u"2"_s }, { u"next_token"_s, next } });
        QCOMPARE(second.json().value(u"accountList"_s).toArray().size(), 1);
        QVERIFY(!second.json().contains(u"nextToken"_s));
        QCOMPARE(http.portal(u"/assignment/accounts"_s, token).json().value(u"accountList"_s).toArray().size(), 3);
        QCOMPARE(http.portal(u"/assignment/accounts"_s, token, { { u"next_token"_s, u"bogus"_s } }).errorType,
            "InvalidRequestException");

        const Answer roles = http.portal(
            u"/assignment/roles"_s, token, { { u"account_id"_s, u"111122223333"_s }, { u"max_result"_s, u"1"_s } });
        QCOMPARE(roles.status, 200);
        const QJsonObject role = roles.json().value(u"roleList"_s).toArray().first().toObject();
        QCOMPARE(role.value(u"roleName"_s).toString(), u"AdministratorAccess"_s);
        QCOMPARE(role.value(u"accountId"_s).toString(), u"111122223333"_s);
        QVERIFY(!roles.member(u"nextToken"_s).isEmpty());
        const Answer unknown = http.portal(u"/assignment/roles"_s, token, { { u"account_id"_s, u"999999999999"_s } });
        QCOMPARE(unknown.status, 404);
        QCOMPARE(unknown.errorType, "ResourceNotFoundException");
    }

    void roleCredentialsSignAutoScalingAndSts()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.ssoRoleCredentialSeconds = 900;
        SimulatorFixture sim(options);
        QVERIFY(sim.start());
        Http http(sim.url());
        const QString token = signIn(http);
        auto credentialsFor = [&](const QString& account, const QString& role, Answer* raw = nullptr) {
            const Answer a = http.portal(
                u"/federation/credentials"_s, token, { { u"role_name"_s, role }, { u"account_id"_s, account } });
            if (raw)
                *raw = a;
            const QJsonObject c = a.json().value(u"roleCredentials"_s).toObject();
            Credentials credentials;
            credentials.accessKeyId = c.value(u"accessKeyId"_s).toString();
            credentials.secretAccessKey = c.value(u"secretAccessKey"_s).toString();
            credentials.sessionToken = c.value(u"sessionToken"_s).toString();
            credentials.expiration
                = QDateTime::fromMSecsSinceEpoch(qint64(c.value(u"expiration"_s).toDouble()), Qt::UTC);
            return credentials;
        };
        const QString own = sim->options().accountId;
        const Credentials admin = credentialsFor(own, u"AdministratorAccess"_s);
        QVERIFY(admin.accessKeyId.startsWith(u"ASIA"_s) && !admin.sessionToken.isEmpty());
        QCOMPARE(admin.expiration, sim->now().addSecs(900));
        const Answer who = http.query(admin, u"sts"_s, u"GetCallerIdentity"_s, u"2011-06-15"_s);
        QCOMPARE(who.status, 200);
        QCOMPARE(xmlElement(who.body, u"Arn"_s),
            u"arn:aws:sts::%1:assumed-role/AdministratorAccess/%2"_s.arg(own, sim->options().userName));
        QCOMPARE(xmlElement(who.body, u"Account"_s), own);
        QCOMPARE(http.query(admin, u"autoscaling"_s, u"DescribeAutoScalingGroups"_s, u"2011-01-01"_s).status, 200);

        const Credentials staging = credentialsFor(u"111122223333"_s, u"ReadOnlyAccess"_s);
        const Answer stagingWho = http.query(staging, u"sts"_s, u"GetCallerIdentity"_s, u"2011-06-15"_s);
        QVERIFY2(xmlElement(stagingWho.body, u"Arn"_s).startsWith(u"arn:aws:sts::111122223333:assumed-role/"_s),
            stagingWho.body.constData());

        Answer refused;
        credentialsFor(own, u"NoSuchRole"_s, &refused);
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorType, "ResourceNotFoundException");

        sim->advance(901);
        const Answer stale = http.query(admin, u"sts"_s, u"GetCallerIdentity"_s, u"2011-06-15"_s);
        QCOMPARE(stale.status, 403);
        QCOMPARE(xmlElement(stale.body, u"Code"_s), u"ExpiredToken"_s);
    }

    void accessTokenExpiresAndLogoutEndsIt()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.ssoAccessTokenSeconds = 60;
        SimulatorFixture sim(options);
        QVERIFY(sim.start());
        Http http(sim.url());
        Answer tokens;
        const QString token = signIn(http, &tokens);
        QCOMPARE(tokens.json().value(u"expiresIn"_s).toInt(), 60);
        QCOMPARE(http.portal(u"/assignment/accounts"_s, token).status, 200);
        sim->advance(61);
        const Answer expired = http.portal(u"/assignment/accounts"_s, token);
        QCOMPARE(expired.status, 401);
        QCOMPARE(expired.errorType, "UnauthorizedException");
        QCOMPARE(expired.member(u"message"_s), u"Session token not found or invalid"_s);
        QCOMPARE(http.portal(u"/assignment/accounts"_s, QString()).status, 401);

        const QString fresh = signIn(http, &tokens);
        const Answer out = http.portal(u"/logout"_s, fresh, {}, "POST");
        QCOMPARE(out.status, 200);
        QVERIFY(out.body.isEmpty());
        QCOMPARE(http.portal(u"/assignment/accounts"_s, fresh).status, 401);
        QCOMPARE(http.portal(u"/logout"_s, fresh, {}, "POST").status, 401);
        QVERIFY(sim->ssoRequestCount() >= 10);
    }

    void scenarioNamesTheAccounts()
    {
        SimulatorFixture sim;
        QVERIFY(sim->loadScenario(R"({"sso": {"accounts": [
            {"accountId": "210987654321", "accountName": "Ops", "emailAddress": "ops@example.com",
             "roles": ["Operator"]}]}})")
                    .ok());
        QCOMPARE(sim->ssoAccountIds(), QStringList { u"210987654321"_s });
        QVERIFY(!sim->loadScenario(R"({"sso": {"accounts": [{"accountId": "12"}]}})").ok());
        QVERIFY(sim.start());
        Http http(sim.url());
        const QString token = signIn(http);
        const Answer roles = http.portal(u"/assignment/roles"_s, token, { { u"account_id"_s, u"210987654321"_s } });
        QCOMPARE(roles.json().value(u"roleList"_s).toArray().size(), 1);
    }

    void commandLineApprovalOption()
    {
        QProcess bad;
        bad.start(TestSupport::executable(u"hookdesk-sim"_s), { u"--empty"_s, u"--sso-approve"_s, u"maybe"_s });
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY2(bad.readAllStandardError().contains("--sso-approve"), "the message names the option");

        SimulatorProcess manual;
        QString error;
        QVERIFY2(manual.start({ u"--empty"_s, u"--sso-approve"_s, u"manual"_s }, &error), qPrintable(error));
        Http http(manual.url());
        const Client client = registerClient(http);
        QCOMPARE(poll(http, client, startDevice(http, client).member(u"deviceCode"_s)).errorType,
            "AuthorizationPendingException");
        QVERIFY(manual.stop());
    }
};

QTEST_GUILESS_MAIN(TestSimSso)
#include "tst_sim_sso.moc"
