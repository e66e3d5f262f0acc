// What goes on the wire: the Query form body (encoding, Name.member.N and filter flattening), the signed headers,
// session tokens, and how AutoScalingClient pages through NextToken and splits name lists.
#include "autoscalingclient.h"
#include "credentialprovider.h"
#include "fakeawsserver.h"
#include "queryclient.h"
#include "queryencoder.h"
#include "sigv4signer.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {

QByteArray groupsPage(const QStringList& names, const QByteArray& nextToken)
{
    QByteArray members;
    for (const QString& name : names)
        members += "<member><AutoScalingGroupName>" + name.toUtf8() + "</AutoScalingGroupName></member>";
    return "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
           "<DescribeAutoScalingGroupsResult><AutoScalingGroups>"
        + members + "</AutoScalingGroups>"
        + (nextToken.isEmpty() ? QByteArray() : "<NextToken>" + nextToken + "</NextToken>")
        + "</DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
          "</DescribeAutoScalingGroupsResponse>";
}

// The body's parameters, decoded, in order.
QList<QPair<QString, QString>> formOf(const QByteArray& body)
{
    QList<QPair<QString, QString>> pairs;
    for (const QByteArray& item : body.split('&')) {
        const qsizetype eq = item.indexOf('=');
        auto decode = [](QByteArray part) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part.replace('+', ' ')));
        };
        pairs.append({ decode(item.left(eq)), decode(item.mid(eq + 1)) });
    }
    return pairs;
}

QString valueOf(const QList<QPair<QString, QString>>& form, const QString& key)
{
    for (const auto& [k, v] : form) {
        if (k == key)
            return v;
    }
    return {};
}

template <typename Job> std::unique_ptr<Job> run(Job* job)
{
    job->setAutoDelete(false);
    std::unique_ptr<Job> owned(job);
    if (!owned->isFinished()) {
        QSignalSpy spy(owned.get(), &AwsJob::finished);
        spy.wait(20000);
    }
    return owned;
}

} // namespace

class TestQueryClient : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void encoding_data();
    void encoding();
    void flattening();
    void signedRequestShape();
    void sessionTokenIsSentAndSigned();
    void credentialErrorSendsNothing();
    void jobFinishesExactlyOnce();
    void describeGroupsFollowsNextToken();
    void describeGroupsSplitsNamesAndSendsFilters();
    void completeLifecycleActionParameters();
    void putHookSendsAnEmptyTargetToRemoveIt();
    void unreadableSuccessBody();

private:
    std::unique_ptr<FakeAwsServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticCredentialProvider> m_provider;
    std::unique_ptr<QueryClient> m_query;
    std::unique_ptr<AutoScalingClient> m_client;
};

void TestQueryClient::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    QVERIFY(m_server->listen());
    m_provider
        = std::make_unique<StaticCredentialProvider>(Credentials { u"AKIDQUERYTEST"_s, u"query-secret"_s, {}, {} });
    m_query = std::make_unique<QueryClient>(&m_network,
        ServiceEndpoint { m_server->url(), u"eu-west-1"_s, u"autoscaling"_s, u"2011-01-01"_s }, m_provider.get());
    m_query->setRetryBaseDelay(5);
    m_client = std::make_unique<AutoScalingClient>(m_query.get());
}

void TestQueryClient::encoding_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("unreserved") << u"Az09-_.~"_s << QByteArray("Az09-_.~");
    QTest::newRow("space is +") << u"a b"_s << QByteArray("a+b");
    QTest::newRow("plus itself") << u"a+b"_s << QByteArray("a%2Bb");
    QTest::newRow("reserved") << u"&=/:,?#[]@!$'()*;"_s
                              << QByteArray("%26%3D%2F%3A%2C%3F%23%5B%5D%40%21%24%27%28%29%2A%3B");
    QTest::newRow("json") << u"{\"a\": 1}"_s << QByteArray("%7B%22a%22%3A+1%7D");
    QTest::newRow("utf-8") << u"é✓"_s << QByteArray("%C3%A9%E2%9C%93");
    QTest::newRow("newline tab") << u"a\n\tb"_s << QByteArray("a%0A%09b");
    QTest::newRow("percent") << u"100%"_s << QByteArray("100%25");
}

void TestQueryClient::encoding()
{
    QFETCH(QString, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(QueryEncoder::encodeComponent(value), encoded);
    const QByteArray body
        = QueryEncoder::encode(u"PutLifecycleHook"_s, u"2011-01-01"_s, { { u"NotificationMetadata"_s, value } });
    QCOMPARE(body, "Action=PutLifecycleHook&Version=2011-01-01&NotificationMetadata=" + encoded);
    QCOMPARE(valueOf(formOf(body), u"NotificationMetadata"_s), value); // decodes back to the same text
}

void TestQueryClient::flattening()
{
    QueryParameters parameters;
    QueryEncoder::addList(parameters, u"AutoScalingGroupNames"_s, { u"a"_s, u"b c"_s });
    QueryEncoder::addFilters(
        parameters, u"Filters"_s, { { u"tag:Env"_s, { u"prod"_s, u"stage"_s } }, { u"tag-key"_s, { u"team"_s } } });
    QueryEncoder::addList(parameters, u"Empty"_s, {});
    QueryEncoder::addOptional(parameters, u"NextToken"_s, {});
    const QueryParameters expected { { u"AutoScalingGroupNames.member.1"_s, u"a"_s },
        { u"AutoScalingGroupNames.member.2"_s, u"b c"_s }, { u"Filters.member.1.Name"_s, u"tag:Env"_s },
        { u"Filters.member.1.Values.member.1"_s, u"prod"_s }, { u"Filters.member.1.Values.member.2"_s, u"stage"_s },
        { u"Filters.member.2.Name"_s, u"tag-key"_s }, { u"Filters.member.2.Values.member.1"_s, u"team"_s } };
    QCOMPARE(parameters, expected);
}

void TestQueryClient::signedRequestShape()
{
    m_server->respond(200,
        "<DescribeLifecycleHookTypesResponse><DescribeLifecycleHookTypesResult/></DescribeLifecycleHookTypesResponse>");
    auto job = run(m_query->call(u"DescribeLifecycleHookTypes"_s, { { u"Extra"_s, u"x y"_s } }));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(m_server->requests().size(), 1);
    const auto& request = m_server->requests().at(0);
    QCOMPARE(request.method, QByteArray("POST"));
    QCOMPARE(request.target, QByteArray("/"));
    QCOMPARE(request.body, QByteArray("Action=DescribeLifecycleHookTypes&Version=2011-01-01&Extra=x+y"));
    QCOMPARE(request.header("Content-Type"), QByteArray("application/x-www-form-urlencoded; charset=utf-8"));
    QCOMPARE(request.header("Host"), "127.0.0.1:" + QByteArray::number(m_server->url().port()));
    QVERIFY(request.header("User-Agent").startsWith("Hookdesk/"));
    QVERIFY(request.header("X-Amz-Security-Token").isEmpty());

    // Recompute the signature from what arrived, as AWS does.
    const auto authorization = SigV4Authorization::parse(request.header("Authorization"));
    QVERIFY(authorization);
    QCOMPARE(authorization->accessKeyId, QByteArray("AKIDQUERYTEST"));
    QCOMPARE(authorization->region, QByteArray("eu-west-1"));
    QCOMPARE(authorization->service, QByteArray("autoscaling"));
    QCOMPARE(authorization->signedHeaders, QList<QByteArray>({ "content-type", "host", "x-amz-date" }));
    SignableRequest received { request.method, "/", {}, request.headers, request.body };
    SigV4Signer signer(u"eu-west-1"_s, u"autoscaling"_s);
    const QByteArray amzDate = request.header("X-Amz-Date");
    const QByteArray expected = signer.signature("query-secret", amzDate,
        signer.stringToSign(amzDate, SigV4Signer::canonicalRequest(received, authorization->signedHeaders)));
    QCOMPARE(authorization->signature, expected);
}

void TestQueryClient::sessionTokenIsSentAndSigned()
{
    StaticCredentialProvider temporary(Credentials { u"ASIATEMP"_s, u"temp-secret"_s, u"token/with+chars=="_s, {} });
    QueryClient query(&m_network, m_query->endpoint(), &temporary);
    m_server->respond(200, "<GetCallerIdentityResponse/>");
    auto job = run(query.call(u"GetCallerIdentity"_s));
    QVERIFY(!job->hasError());
    const auto& request = m_server->requests().at(0);
    QCOMPARE(request.header("X-Amz-Security-Token"), QByteArray("token/with+chars=="));
    QVERIFY(
        request.header("Authorization").contains("SignedHeaders=content-type;host;x-amz-date;x-amz-security-token,"));
}

void TestQueryClient::credentialErrorSendsNothing()
{
    StaticCredentialProvider none(Credentials {});
    QueryClient query(&m_network, m_query->endpoint(), &none);
    auto job = run(query.call(u"DescribeLifecycleHookTypes"_s));
    QCOMPARE(job->error().kind, AwsError::Kind::Credentials);
    QVERIFY(m_server->requests().isEmpty());
    QCOMPARE(query.requestsSent(), 0);
}

void TestQueryClient::jobFinishesExactlyOnce()
{
    m_server->respond(200, "<X/>");
    auto* job = m_query->call(u"X"_s);
    QSignalSpy spy(job, &AwsJob::finished);
    QSignalSpy destroyed(job, &QObject::destroyed);
    QVERIFY(spy.wait());
    QVERIFY(destroyed.wait()); // auto-deletes after finishing
    QCOMPARE(spy.size(), 1);
}

void TestQueryClient::describeGroupsFollowsNextToken()
{
    m_server->respond(200, groupsPage({ u"a"_s, u"b"_s }, "tok-1"));
    m_server->respond(200, groupsPage({ u"c"_s }, "tok+2/="));
    m_server->respond(200, groupsPage({ u"d"_s }, {}));
    DescribeGroupsRequest request;
    request.maxRecords = 2;
    auto job = run(m_client->describeAutoScalingGroups(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QStringList names;
    for (const AutoScalingGroup& group : job->result())
        names << group.name;
    QCOMPARE(names, QStringList({ u"a"_s, u"b"_s, u"c"_s, u"d"_s }));
    QCOMPARE(m_server->requests().size(), 3);
    const auto first = formOf(m_server->requests().at(0).body);
    QCOMPARE(valueOf(first, u"MaxRecords"_s), u"2"_s);
    QVERIFY(valueOf(first, u"NextToken"_s).isEmpty());
    QCOMPARE(valueOf(formOf(m_server->requests().at(1).body), u"NextToken"_s), u"tok-1"_s);
    QCOMPARE(valueOf(formOf(m_server->requests().at(2).body), u"NextToken"_s), u"tok+2/="_s);

    // A page that repeats its own token is an error, not an endless loop.
    m_server->respond(200, groupsPage({ u"a"_s }, "same"));
    m_server->respond(200, groupsPage({ u"a"_s }, "same"));
    auto looping = run(m_client->describeAutoScalingGroups());
    QCOMPARE(looping->error().kind, AwsError::Kind::UnreadableBody);
}

void TestQueryClient::describeGroupsSplitsNamesAndSendsFilters()
{
    DescribeGroupsRequest request;
    for (int i = 1; i <= 120; ++i)
        request.groupNames << u"g%1"_s.arg(i);
    request.filters = { { u"tag:Env"_s, { u"prod"_s } } };
    // MaxRecords 100 (the default) lets one call name 100 groups; 50 is the limit without it.
    m_server->respond(200, groupsPage({ u"g1"_s }, {}));
    m_server->respond(200, groupsPage({ u"g101"_s }, {}));
    auto job = run(m_client->describeAutoScalingGroups(request));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result().size(), 2);
    QCOMPARE(m_server->requests().size(), 2);
    const int expectedCounts[] = { 100, 20 };
    for (int call = 0; call < 2; ++call) {
        const auto form = formOf(m_server->requests().at(call).body);
        int names = 0;
        for (const auto& [key, value] : form)
            names += key.startsWith(u"AutoScalingGroupNames.member."_s);
        QCOMPARE(names, expectedCounts[call]);
        QCOMPARE(valueOf(form, u"AutoScalingGroupNames.member.1"_s), u"g%1"_s.arg(call * 100 + 1));
        QCOMPARE(valueOf(form, u"MaxRecords"_s), u"100"_s);
        QCOMPARE(valueOf(form, u"Filters.member.1.Name"_s), u"tag:Env"_s);
        QCOMPARE(valueOf(form, u"Filters.member.1.Values.member.1"_s), u"prod"_s);
    }
}

void TestQueryClient::completeLifecycleActionParameters()
{
    m_server->respond(200,
        "<CompleteLifecycleActionResponse><CompleteLifecycleActionResult/><ResponseMetadata><RequestId>c-1</"
        "RequestId></ResponseMetadata></CompleteLifecycleActionResponse>");
    auto job = run(m_client->completeLifecycleAction(
        { u"web blue"_s, u"warm-up"_s, {}, u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"_s }, u"ABANDON"_s));
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->requestId(), u"c-1"_s);
    const auto form = formOf(m_server->requests().at(0).body);
    QCOMPARE(valueOf(form, u"Action"_s), u"CompleteLifecycleAction"_s);
    QCOMPARE(valueOf(form, u"AutoScalingGroupName"_s), u"web blue"_s);
    QCOMPARE(valueOf(form, u"LifecycleHookName"_s), u"warm-up"_s);
    QCOMPARE(valueOf(form, u"LifecycleActionToken"_s), u"bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635"_s);
    QCOMPARE(valueOf(form, u"LifecycleActionResult"_s), u"ABANDON"_s);
    QVERIFY(!m_server->requests().at(0).body.contains("InstanceId"));
}

// NotificationTargetARN= (present, empty) is how PutLifecycleHook removes a target; an unset target is left out,
// and an empty RoleARN is never sent (the model's minimum length is 1: the empty target removes the role too).
void TestQueryClient::putHookSendsAnEmptyTargetToRemoveIt()
{
    const QByteArray ok = "<PutLifecycleHookResponse><PutLifecycleHookResult/><ResponseMetadata><RequestId>p-1"
                          "</RequestId></ResponseMetadata></PutLifecycleHookResponse>";
    m_server->respond(200, ok);
    m_server->respond(200, ok);
    PutLifecycleHookRequest request;
    request.groupName = u"web"_s;
    request.hookName = u"warm-up"_s;
    request.notificationTargetArn = QString();
    request.roleArn = QString();
    auto cleared = run(m_client->putLifecycleHook(request));
    QVERIFY2(!cleared->hasError(), qPrintable(cleared->error().toString()));
    const QByteArray body = m_server->requests().at(0).body;
    QVERIFY2(body.endsWith("&NotificationTargetARN=") || body.contains("&NotificationTargetARN=&"), body.constData());
    QVERIFY2(!body.contains("RoleARN"), body.constData());

    request.notificationTargetArn.reset();
    request.roleArn.reset();
    request.heartbeatTimeout = 900;
    auto unchanged = run(m_client->putLifecycleHook(request));
    QVERIFY2(!unchanged->hasError(), qPrintable(unchanged->error().toString()));
    QVERIFY(!m_server->requests().at(1).body.contains("NotificationTargetARN"));
    QCOMPARE(valueOf(formOf(m_server->requests().at(1).body), u"HeartbeatTimeout"_s), u"900"_s);
}

void TestQueryClient::unreadableSuccessBody()
{
    m_server->respond(200, "<html><body>captive portal</body></html>");
    auto job = run(m_client->describeLifecycleHooks(u"web"_s));
    QCOMPARE(job->error().kind, AwsError::Kind::UnreadableBody);
    QCOMPARE(job->error().httpStatus, 200);
    // Issue 17: a success body is never quoted into the error (an STS answer holds a secret key).
    QVERIFY(job->error().bodyStart.isEmpty());
    QVERIFY(!job->error().toString().contains(u"captive portal"_s));
    QVERIFY(job->result().isEmpty());
}

QTEST_GUILESS_MAIN(TestQueryClient)
#include "tst_queryclient.moc"
