#include "sigv4signer.h"
#include "simengine.h"
#include "simhttpserver.h"
#include "simulatorfixture.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>
#include <QUrlQuery>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// The simulator over real HTTP: SigV4 verification with the service's error codes, XML envelopes, STS,
// pagination, keep-alive and every injected fault, as a Hookdesk client (QNetworkAccessManager) sees them.
namespace {
struct Reply {
    int status = 0;
    QByteArray body;
    QNetworkReply::NetworkError error = QNetworkReply::NoError;
    QByteArray date;
    qint64 elapsedMs = 0;

    QString element(const QString& name) const
    {
        QXmlStreamReader xml(body);
        while (xml.readNextStartElement() || !xml.atEnd()) {
            if (xml.isStartElement() && xml.name() == name)
                return xml.readElementText();
            if (xml.hasError())
                break;
        }
        return {};
    }
    QStringList elements(const QString& name) const
    {
        QStringList out;
        QXmlStreamReader xml(body);
        while (!xml.atEnd()) {
            xml.readNext();
            if (xml.isStartElement() && xml.name() == name)
                out.append(xml.readElementText());
        }
        return out;
    }
};

class Client {
public:
    Client(QUrl url, const Credentials& credentials)
        : m_url(std::move(url))
        , m_credentials(credentials)
    {
    }

    Reply call(const QList<QPair<QString, QString>>& params, const QString& service = u"autoscaling"_s,
        const std::optional<QDateTime>& signedAt = std::nullopt, bool sign = true)
    {
        QUrlQuery query;
        for (const auto& [key, value] : params)
            query.addQueryItem(key, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        const QByteArray body = query.query(QUrl::FullyEncoded).toLatin1();
        SignableRequest request;
        request.method = "POST";
        request.path = "/";
        request.body = body;
        request.headers.emplaceBack("Host", "127.0.0.1:" + QByteArray::number(m_url.port()));
        request.headers.emplaceBack("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
        if (sign) {
            SigV4Signer(u"us-east-1"_s, service)
                .sign(request, m_credentials, signedAt.value_or(QDateTime::currentDateTimeUtc()));
        }
        QNetworkRequest networkRequest(m_url);
        for (const auto& [name, value] : std::as_const(request.headers)) {
            if (name.compare("Host", Qt::CaseInsensitive) != 0)
                networkRequest.setRawHeader(name, value);
        }
        QElapsedTimer timer;
        timer.start();
        QNetworkReply* reply = m_manager.post(networkRequest, body);
        QSignalSpy finished(reply, &QNetworkReply::finished);
        finished.wait(20000);
        Reply out;
        out.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        out.body = reply->readAll();
        out.error = reply->error();
        out.date = reply->rawHeader("Date");
        out.elapsedMs = timer.elapsed();
        reply->deleteLater();
        return out;
    }

    Reply as(const QString& action, QList<QPair<QString, QString>> params = {})
    {
        params.prepend({ u"Version"_s, u"2011-01-01"_s });
        params.prepend({ u"Action"_s, action });
        return call(params);
    }

    Reply sts(const QString& action, QList<QPair<QString, QString>> params = {})
    {
        params.prepend({ u"Version"_s, u"2011-06-15"_s });
        params.prepend({ u"Action"_s, action });
        return call(params, u"sts"_s);
    }

    void setCredentials(const Credentials& credentials) { m_credentials = credentials; }

private:
    QUrl m_url;
    Credentials m_credentials;
    QNetworkAccessManager m_manager;
};

// Sends one request on a fresh connection and returns every byte the server sent before it closed.
QByteArray rawExchange(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(5000))
        return "not connected";
    const QByteArray body = "Action=DescribeLifecycleHookTypes&Version=2011-01-01";
    socket.write(
        "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body);
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    // The simulator runs in this thread: spin the event loop rather than block in waitForReadyRead().
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < 10000) {
        QTest::qWait(20);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

QList<QPair<QString, QString>> groupParams(const QString& name, int desired)
{
    return {
        { u"AutoScalingGroupName"_s, name },
        { u"MinSize"_s, u"0"_s },
        { u"MaxSize"_s, u"10"_s },
        { u"DesiredCapacity"_s, QString::number(desired) },
        { u"LaunchTemplate.LaunchTemplateName"_s, u"web"_s },
        { u"AvailabilityZones.member.1"_s, u"us-east-1a"_s },
        { u"LifecycleHookSpecificationList.member.1.LifecycleHookName"_s, u"warm-up"_s },
        { u"LifecycleHookSpecificationList.member.1.LifecycleTransition"_s, u"autoscaling:EC2_INSTANCE_LAUNCHING"_s },
        { u"LifecycleHookSpecificationList.member.1.HeartbeatTimeout"_s, u"300"_s },
    };
}

// A server with a trivial handler: "/slow" is answered after 400 ms, anything else at once.
std::unique_ptr<SimHttpServer> smallServer(const SimHttpServer::Limits& limits)
{
    auto server = std::make_unique<SimHttpServer>([](const SimHttpRequest& request) {
        SimHttpResponse response;
        response.body = "ok";
        response.delayMs = request.path == "/slow" ? 400 : 0;
        return response;
    });
    server->setLimits(limits);
    return server->listen(0) ? std::move(server) : nullptr;
}

SimHttpServer::Limits smallLimits()
{
    SimHttpServer::Limits limits;
    limits.maxHeaderBytes = 1024;
    limits.maxBodyBytes = 4096;
    limits.idleTimeoutMs = 300;
    limits.maxConnections = 2;
    return limits;
}

// Everything the server sends until it closes the connection (or `ms` pass), spinning the event loop: the server
// runs in this thread.
QByteArray readUntilClosed(QTcpSocket& socket, int ms = 5000)
{
    QByteArray received;
    QElapsedTimer timer;
    timer.start();
    while (socket.state() == QAbstractSocket::ConnectedState && timer.elapsed() < ms) {
        QTest::qWait(10);
        received += socket.readAll();
    }
    return received + socket.readAll();
}

const QByteArray SlowRequest = "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
const QByteArray FastRequest = "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
} // namespace

class TestSimHttp : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void signedRequestsGetServiceXml()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Client client(sim.url(), sim.credentials());
        Reply created = client.as(u"CreateAutoScalingGroup"_s, groupParams(u"web"_s, 2));
        QCOMPARE(created.status, 200);
        QVERIFY(created.body.contains(
            "<CreateAutoScalingGroupResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"));
        QVERIFY(!created.element(u"RequestId"_s).isEmpty());

        Reply hooks = client.as(u"DescribeLifecycleHooks"_s, { { u"AutoScalingGroupName"_s, u"web"_s } });
        QCOMPARE(hooks.status, 200);
        QVERIFY(hooks.body.contains("<DescribeLifecycleHooksResult>"));
        QCOMPARE(hooks.element(u"LifecycleHookName"_s), u"warm-up"_s);
        QCOMPARE(hooks.element(u"GlobalTimeout"_s), u"30000"_s);
        QCOMPARE(hooks.element(u"DefaultResult"_s), u"ABANDON"_s);

        sim->advance(3);
        Reply groups = client.as(u"DescribeAutoScalingGroups"_s, { { u"AutoScalingGroupNames.member.1"_s, u"web"_s } });
        QCOMPARE(groups.elements(u"LifecycleState"_s), QStringList({ u"Pending:Wait"_s, u"Pending:Wait"_s }));
        const QString id = groups.element(u"InstanceId"_s);
        Reply done = client.as(u"CompleteLifecycleAction"_s,
            { { u"AutoScalingGroupName"_s, u"web"_s }, { u"LifecycleHookName"_s, u"warm-up"_s },
                { u"InstanceId"_s, id }, { u"LifecycleActionResult"_s, u"CONTINUE"_s } });
        QCOMPARE(done.status, 200);
        QVERIFY(done.body.contains("<CompleteLifecycleActionResult"));
        Reply again = client.as(u"CompleteLifecycleAction"_s,
            { { u"AutoScalingGroupName"_s, u"web"_s }, { u"LifecycleHookName"_s, u"warm-up"_s },
                { u"InstanceId"_s, id }, { u"LifecycleActionResult"_s, u"CONTINUE"_s } });
        QCOMPARE(again.status, 400);
        QCOMPARE(again.element(u"Type"_s), u"Sender"_s);
        QCOMPARE(again.element(u"Code"_s), u"ValidationError"_s);
        QCOMPARE(again.element(u"Message"_s), u"No active Lifecycle Action found with instance ID "_s + id);

        Reply missing = client.as(u"PutLifecycleHook"_s, { { u"AutoScalingGroupName"_s, u"web"_s } });
        QCOMPARE(missing.element(u"Message"_s),
            u"1 validation error detected: Value null at 'lifecycleHookName' failed to satisfy constraint: Member must not be null"_s);
        Reply unknown = client.as(u"NoSuchOperation"_s);
        QCOMPARE(unknown.element(u"Code"_s), u"InvalidAction"_s);
    }

    void authenticationErrorsUseTheServiceCodes()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Client client(sim.url(), sim.credentials());
        const Reply unsigned_
            = client.call({ { u"Action"_s, u"DescribeAutoScalingGroups"_s } }, u"autoscaling"_s, {}, false);
        QCOMPARE(unsigned_.status, 403);
        QCOMPARE(unsigned_.element(u"Code"_s), u"MissingAuthenticationToken"_s);

        Credentials wrongSecret = sim.credentials();
        wrongSecret.secretAccessKey += u"x"_s;
        client.setCredentials(wrongSecret);
        Reply bad = client.as(u"DescribeAutoScalingGroups"_s);
        QCOMPARE(bad.status, 403);
        QCOMPARE(bad.element(u"Code"_s), u"SignatureDoesNotMatch"_s);

        client.setCredentials(Simulator::randomCredentials());
        QCOMPARE(client.as(u"DescribeAutoScalingGroups"_s).element(u"Code"_s), u"InvalidClientTokenId"_s);

        client.setCredentials(sim.credentials());
        const Reply expired = client.call({ { u"Action"_s, u"DescribeAutoScalingGroups"_s } }, u"autoscaling"_s,
            QDateTime::currentDateTimeUtc().addSecs(qint64(-20) * 60));
        QCOMPARE(expired.status, 403);
        QCOMPARE(expired.element(u"Code"_s), u"SignatureDoesNotMatch"_s);
        QVERIFY2(expired.element(u"Message"_s).startsWith(u"Signature expired: "_s), expired.body.constData());
        const Reply early = client.call({ { u"Action"_s, u"DescribeAutoScalingGroups"_s } }, u"autoscaling"_s,
            QDateTime::currentDateTimeUtc().addSecs(qint64(20) * 60));
        QVERIFY2(early.element(u"Message"_s).startsWith(u"Signature not yet current: "_s), early.body.constData());
        QCOMPARE(client.as(u"DescribeAutoScalingGroups"_s).status, 200);

        // --credentials none: anything goes.
        SimulatorOptions open = SimulatorFixture::defaultOptions();
        open.verifySignatures = false;
        Simulator openSim(open);
        QVERIFY(openSim.start());
        Client anonymous(openSim.url(), {});
        QCOMPARE(
            anonymous.call({ { u"Action"_s, u"DescribeLifecycleHookTypes"_s } }, u"autoscaling"_s, {}, false).status,
            200);
    }

    void stsIdentityAssumeRoleAndMfa()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        const QString mfaRole = u"arn:aws:iam::123456789012:role/admin"_s;
        options.rolesRequiringMfa = { mfaRole };
        options.mfaCode = u"424242"_s;
        SimulatorFixture sim(options);
        QVERIFY(sim.start());
        Client client(sim.url(), sim.credentials());
        const Reply who = client.sts(u"GetCallerIdentity"_s);
        QCOMPARE(who.status, 200);
        QVERIFY(who.body.contains("xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\""));
        QCOMPARE(who.element(u"Account"_s), u"123456789012"_s);

        const Reply assumed = client.sts(u"AssumeRole"_s,
            { { u"RoleArn"_s, u"arn:aws:iam::123456789012:role/ops"_s }, { u"RoleSessionName"_s, u"hookdesk"_s } });
        QCOMPARE(assumed.status, 200);
        Credentials temporary;
        temporary.accessKeyId = assumed.element(u"AccessKeyId"_s);
        temporary.secretAccessKey = assumed.element(u"SecretAccessKey"_s);
        temporary.sessionToken = assumed.element(u"SessionToken"_s);
        QVERIFY(temporary.accessKeyId.startsWith(u"ASIA"_s));
        QVERIFY(QDateTime::fromString(assumed.element(u"Expiration"_s), Qt::ISODate) > QDateTime::currentDateTimeUtc());
        Client roleClient(sim.url(), temporary);
        const Reply asRole = roleClient.sts(u"GetCallerIdentity"_s);
        QCOMPARE(asRole.element(u"Arn"_s), u"arn:aws:sts::123456789012:assumed-role/ops/hookdesk"_s);
        QCOMPARE(roleClient.as(u"DescribeAutoScalingGroups"_s).status, 200);
        temporary.sessionToken.clear();
        roleClient.setCredentials(temporary);
        QCOMPARE(roleClient.as(u"DescribeAutoScalingGroups"_s).element(u"Code"_s), u"InvalidClientTokenId"_s);

        const Reply noMfa
            = client.sts(u"AssumeRole"_s, { { u"RoleArn"_s, mfaRole }, { u"RoleSessionName"_s, u"hookdesk"_s } });
        QCOMPARE(noMfa.status, 403);
        QCOMPARE(noMfa.element(u"Code"_s), u"AccessDenied"_s);
        const Reply wrongCode = client.sts(u"AssumeRole"_s,
            { { u"RoleArn"_s, mfaRole }, { u"RoleSessionName"_s, u"hookdesk"_s },
                { u"SerialNumber"_s, u"arn:aws:iam::123456789012:mfa/me"_s }, { u"TokenCode"_s, u"111111"_s } });
        QCOMPARE(wrongCode.element(u"Code"_s), u"AccessDenied"_s);
        const Reply withMfa = client.sts(u"AssumeRole"_s,
            { { u"RoleArn"_s, mfaRole }, { u"RoleSessionName"_s, u"hookdesk"_s },
                { u"SerialNumber"_s, u"arn:aws:iam::123456789012:mfa/me"_s }, { u"TokenCode"_s, u"424242"_s } });
        QCOMPARE(withMfa.status, 200);
    }

    // An assumed-role session ends on the simulated clock, as STS sessions end on real time: advance() past its
    // Expiration and the same keys get ExpiredToken, while a freshly assumed session works again.
    void temporaryCredentialsExpireOnTheSimulatedClock()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Client client(sim.url(), sim.credentials());
        const QList<QPair<QString, QString>> assumeParams = { { u"RoleArn"_s, u"arn:aws:iam::123456789012:role/ops"_s },
            { u"RoleSessionName"_s, u"hookdesk"_s }, { u"DurationSeconds"_s, u"900"_s } };
        const Reply assumed = client.sts(u"AssumeRole"_s, assumeParams);
        QCOMPARE(assumed.status, 200);
        const QDateTime expiration = QDateTime::fromString(assumed.element(u"Expiration"_s), Qt::ISODate);
        QCOMPARE(expiration.toSecsSinceEpoch(), sim->now().addSecs(900).toSecsSinceEpoch());
        Credentials temporary;
        temporary.accessKeyId = assumed.element(u"AccessKeyId"_s);
        temporary.secretAccessKey = assumed.element(u"SecretAccessKey"_s);
        temporary.sessionToken = assumed.element(u"SessionToken"_s);
        Client roleClient(sim.url(), temporary);

        sim->advance(899);
        QCOMPARE(roleClient.as(u"DescribeAutoScalingGroups"_s).status, 200);

        sim->advance(2);
        const Reply expired = roleClient.as(u"DescribeAutoScalingGroups"_s);
        QCOMPARE(expired.status, 403);
        QCOMPARE(expired.element(u"Code"_s), u"ExpiredToken"_s);
        QCOMPARE(expired.element(u"Message"_s), u"The security token included in the request is expired"_s);
        QCOMPARE(roleClient.sts(u"GetCallerIdentity"_s).element(u"Code"_s), u"ExpiredToken"_s);

        // Long-term keys do not expire, and a new session is good for its own 900 s.
        const Reply renewed = client.sts(u"AssumeRole"_s, assumeParams);
        QCOMPARE(renewed.status, 200);
        temporary.accessKeyId = renewed.element(u"AccessKeyId"_s);
        temporary.secretAccessKey = renewed.element(u"SecretAccessKey"_s);
        temporary.sessionToken = renewed.element(u"SessionToken"_s);
        roleClient.setCredentials(temporary);
        QCOMPARE(roleClient.as(u"DescribeAutoScalingGroups"_s).status, 200);
    }

    void paginationFollowsNextToken()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        QVERIFY(sim->generate(u"groups=7,instances=3,hooks=1,waiting=0.4"_s));
        Client client(sim.url(), sim.credentials());
        QStringList names;
        QString token;
        int pages = 0;
        do {
            QList<QPair<QString, QString>> params { { u"MaxRecords"_s, u"3"_s } };
            if (!token.isEmpty())
                params.append({ u"NextToken"_s, token });
            const Reply page = client.as(u"DescribeAutoScalingGroups"_s, params);
            QCOMPARE(page.status, 200);
            names += page.elements(u"AutoScalingGroupName"_s);
            token = page.element(u"NextToken"_s);
            ++pages;
        } while (!token.isEmpty() && pages < 10);
        QCOMPARE(pages, 3);
        QCOMPARE(names, sim->groupNames());

        QStringList activityIds;
        token.clear();
        do {
            QList<QPair<QString, QString>> params { { u"MaxRecords"_s, u"2"_s } };
            if (!token.isEmpty())
                params.append({ u"NextToken"_s, token });
            const Reply page = client.as(u"DescribeScalingActivities"_s, params);
            activityIds += page.elements(u"ActivityId"_s);
            QVERIFY(page.elements(u"StatusCode"_s).contains(u"MidLifecycleAction"_s) || !activityIds.isEmpty());
            token = page.element(u"NextToken"_s);
        } while (!token.isEmpty());
        QCOMPARE(activityIds.size(), sim->engine().activities({}).size());
        QCOMPARE(QSet<QString>(activityIds.cbegin(), activityIds.cend()).size(), activityIds.size());

        QCOMPARE(client.as(u"DescribeAutoScalingGroups"_s, { { u"NextToken"_s, u"bogus"_s } }).element(u"Code"_s),
            u"InvalidNextToken"_s);
        QCOMPARE(client.as(u"DescribeAutoScalingGroups"_s, { { u"MaxRecords"_s, u"101"_s } }).element(u"Code"_s),
            u"ValidationError"_s);
        QCOMPARE(client.as(u"DescribeAutoScalingInstances"_s, { { u"MaxRecords"_s, u"51"_s } }).element(u"Code"_s),
            u"ValidationError"_s);
    }

    void faultInjection()
    {
        SimulatorFixture sim;
        QVERIFY(sim.start());
        Client client(sim.url(), sim.credentials());

        sim->injectFault(SimFault::ServerError);
        Reply r = client.as(u"DescribeLifecycleHookTypes"_s);
        QCOMPARE(r.status, 500);
        QCOMPARE(r.element(u"Code"_s), u"InternalFailure"_s);
        QCOMPARE(r.element(u"Type"_s), u"Receiver"_s);

        sim->injectFault(SimFault::Unavailable);
        QCOMPARE(client.as(u"DescribeLifecycleHookTypes"_s).status, 503);

        sim->injectFault(SimFault::Throttle);
        r = client.as(u"DescribeLifecycleHookTypes"_s);
        QCOMPARE(r.status, 400);
        QCOMPARE(r.element(u"Code"_s), u"Throttling"_s);
        QCOMPARE(r.element(u"Message"_s), u"Rate exceeded"_s);

        // Dropped and truncated answers, seen on a raw socket (QNetworkAccessManager would silently resend).
        sim->injectFault(SimFault::Drop);
        QByteArray raw = rawExchange(sim->port());
        QVERIFY2(raw.isEmpty(), raw.constData());
        sim->injectFault(SimFault::Truncate);
        raw = rawExchange(sim->port());
        QVERIFY2(raw.startsWith("HTTP/1.1 "), raw.constData());
        const qsizetype headerEnd = raw.indexOf("\r\n\r\n");
        const QByteArray lengthLine = raw.mid(raw.indexOf("Content-Length: ") + 16);
        const qsizetype promised = lengthLine.left(lengthLine.indexOf('\r')).toLongLong();
        QVERIFY(promised > 0);
        QVERIFY2(raw.size() - (headerEnd + 4) < promised, raw.constData());

        QCOMPARE(client.as(u"DescribeLifecycleHookTypes"_s).status, 200); // queued faults are used up

        SimFaults faults;
        faults.latencyMs = 300;
        sim->setFaults(faults);
        r = client.as(u"DescribeLifecycleHookTypes"_s);
        QCOMPARE(r.status, 200);
        QVERIFY2(r.elapsedMs >= 290, qPrintable(QString::number(r.elapsedMs)));

        faults = {};
        faults.throttleAboveRps = 2;
        sim->setFaults(faults);
        int throttled = 0;
        for (int i = 0; i < 6; ++i)
            throttled += client.as(u"DescribeLifecycleHookTypes"_s).element(u"Code"_s) == u"Throttling" ? 1 : 0;
        QVERIFY2(throttled >= 3, qPrintable(QString::number(throttled)));

        faults = {};
        faults.serverErrorRate = 1.0;
        sim->setFaults(faults);
        QCOMPARE(client.as(u"DescribeLifecycleHookTypes"_s).status, 500);

        // A server clock an hour ahead: its Date header says so, and our fresh signature is "expired" to it.
        faults = {};
        faults.clockSkewSeconds = 3600;
        sim->setFaults(faults);
        r = client.as(u"DescribeLifecycleHookTypes"_s);
        QCOMPARE(r.element(u"Code"_s), u"SignatureDoesNotMatch"_s);
        QVERIFY(r.element(u"Message"_s).startsWith(u"Signature expired"_s));
        const QDateTime serverDate
            = QLocale::c().toDateTime(QString::fromLatin1(r.date), u"ddd, dd MMM yyyy hh:mm:ss 'GMT'"_s);
        QVERIFY(serverDate.isValid());
        QVERIFY(qAbs(QDateTime(serverDate.date(), serverDate.time(), Qt::UTC).secsTo(QDateTime::currentDateTimeUtc())
                    + 3600)
            < 60);
    }

    void keepAliveServesSeveralRequestsOnOneConnection()
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.verifySignatures = false;
        Simulator sim(options);
        QVERIFY(sim.start());
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, sim.port());
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = "Action=DescribeLifecycleHookTypes&Version=2011-01-01";
        const QByteArray request
            = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
              "Content-Length: "
            + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        socket.write(request + request); // pipelined
        QByteArray received;
        QTRY_VERIFY_WITH_TIMEOUT(
            (received += socket.readAll()).count("</DescribeLifecycleHookTypesResponse>") == 2, 10000);
        QCOMPARE(received.count("HTTP/1.1 200 OK"), 2);
        QVERIFY(received.contains("Connection: keep-alive"));
        QCOMPARE(socket.state(), QAbstractSocket::ConnectedState);
        QCOMPARE(sim.requestCount(), 2);
    }

    // A connection that brings no complete request within the idle timeout is closed, whether it trickles a
    // header or sits after an answer; one waiting for a delayed answer longer than that is not.
    void idleConnectionsAreClosed()
    {
        SimHttpServer::Limits limits = smallLimits();
        const auto server = smallServer(limits);
        QVERIFY(server);
        QTcpSocket trickling;
        trickling.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(trickling.waitForConnected(5000));
        trickling.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        QElapsedTimer timer;
        timer.start();
        QCOMPARE(readUntilClosed(trickling), QByteArray());
        QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
        QTRY_COMPARE(server->connectionCount(), 0);

        QTcpSocket served;
        served.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(served.waitForConnected(5000));
        served.write(SlowRequest); // answered after 400 ms, more than the idle timeout: kept open
        const QByteArray answer = readUntilClosed(served);
        QVERIFY2(answer.startsWith("HTTP/1.1 200 OK") && answer.endsWith("\r\n\r\nok"), answer.constData());
    }

    void connectionsBeyondTheLimitAreRefused()
    {
        SimHttpServer::Limits limits = smallLimits();
        limits.idleTimeoutMs = 0; // none
        const auto server = smallServer(limits);
        QVERIFY(server);
        QTcpSocket first;
        QTcpSocket second;
        QTcpSocket third;
        for (QTcpSocket* socket : { &first, &second }) {
            socket->connectToHost(QHostAddress::LocalHost, server->port());
            QVERIFY(socket->waitForConnected(5000));
        }
        QTRY_COMPARE(server->connectionCount(), 2);
        third.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(third.waitForConnected(5000));
        third.write(FastRequest);
        const QByteArray refused = readUntilClosed(third);
        QVERIFY2(refused.startsWith("HTTP/1.1 503 Service Unavailable\r\n"), refused.constData());
        QVERIFY(refused.contains("Connection: close"));
        QCOMPARE(server->connectionCount(), 2);
        // The two within the limit are still served.
        first.write(FastRequest);
        QTRY_VERIFY((first.bytesAvailable() > 0 ? first.peek(20) : QByteArray()).startsWith("HTTP/1.1 200 OK"));
    }

    void headerAndBodyLimits()
    {
        const auto server = smallServer(smallLimits());
        QVERIFY(server);
        QTcpSocket longHeader;
        longHeader.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(longHeader.waitForConnected(5000));
        longHeader.write("GET / HTTP/1.1\r\nX-Filler: " + QByteArray(2000, 'a'));
        const QByteArray tooLarge = readUntilClosed(longHeader);
        QVERIFY2(tooLarge.startsWith("HTTP/1.1 431 "), tooLarge.constData());

        // Refused from its Content-Length, without waiting for (or reading) the body.
        QTcpSocket bigBody;
        bigBody.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(bigBody.waitForConnected(5000));
        bigBody.write("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 4097\r\n\r\n");
        const QByteArray payloadTooLarge = readUntilClosed(bigBody);
        QVERIFY2(payloadTooLarge.startsWith("HTTP/1.1 413 Payload Too Large\r\n"), payloadTooLarge.constData());

        // At the limits exactly: served.
        QTcpSocket atLimit;
        atLimit.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(atLimit.waitForConnected(5000));
        QByteArray head = "POST / HTTP/1.1\r\nContent-Length: 4096\r\nConnection: close\r\nX-Filler: ";
        head += QByteArray(1024 - head.size() - 4, 'a') + "\r\n\r\n";
        QCOMPARE(head.size(), 1024);
        atLimit.write(head + QByteArray(4096, 'b'));
        const QByteArray served = readUntilClosed(atLimit);
        QVERIFY2(served.startsWith("HTTP/1.1 200 OK"), served.constData());
    }

    // While an answer is delayed, what the client sends behind it is checked at once and not kept beyond the
    // limits; the delayed answer still goes out first, then the refusal.
    void busyConnectionBufferStaysBounded()
    {
        SimHttpServer::Limits limits = smallLimits();
        limits.idleTimeoutMs = 0;
        const auto server = smallServer(limits);
        QVERIFY(server);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, server->port());
        QVERIFY(socket.waitForConnected(5000));
        socket.write(SlowRequest);
        QTest::qWait(50);
        const QByteArray junk(qsizetype(256) * 1024, 'x'); // a header that never ends
        socket.write(junk);
        QTest::qWait(250); // still within the 400 ms delay
        QVERIFY2(server->bufferedBytes() <= limits.maxHeaderBytes + limits.maxBodyBytes,
            qPrintable(QString::number(server->bufferedBytes())));
        const QByteArray received = readUntilClosed(socket);
        QVERIFY2(received.startsWith("HTTP/1.1 200 OK"), received.constData());
        QVERIFY2(received.contains("\r\n\r\nokHTTP/1.1 431 "), received.constData());
        QCOMPARE(server->connectionCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestSimHttp)
#include "tst_sim_http.moc"
