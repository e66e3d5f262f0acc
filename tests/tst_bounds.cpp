// Bounded reads and the aws-side hardening of issue 17: an overall deadline a trickling server cannot stretch, a
// body limit, NextToken loops stopped on any token seen before and after a page cap, endpoint errors that send
// nothing, 2xx bodies never quoted (STS answers hold secrets), "localhost" trusted only when it resolves to
// loopback, core dumps off, and secret buffers wiped.
#include "autoscalingclient.h"
#include "clientjobs.h"
#include "credentialprovider.h"
#include "endpointresolver.h"
#include "fakeawsserver.h"
#include "processhardening.h"
#include "queryclient.h"
#include "retrypolicy.h"
#include "stsclient.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QByteArray Ok = "<DescribeLifecycleHookTypesResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                      "<DescribeLifecycleHookTypesResult><LifecycleHookTypes/></DescribeLifecycleHookTypesResult>"
                      "<ResponseMetadata><RequestId>ok-1</RequestId></ResponseMetadata>"
                      "</DescribeLifecycleHookTypesResponse>";

QByteArray groupsPage(const QByteArray& nextToken)
{
    return "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
           "<DescribeAutoScalingGroupsResult><AutoScalingGroups/>"
        + (nextToken.isEmpty() ? QByteArray() : "<NextToken>" + nextToken + "</NextToken>")
        + "</DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
          "</DescribeAutoScalingGroupsResponse>";
}

template <typename Job> void waitFor(Job* job)
{
    QSignalSpy spy(job, &AwsJob::finished);
    if (!job->isFinished())
        QVERIFY(spy.wait(20000));
}

} // namespace

class TestBounds : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void deadlineEndsATricklingAnswer();
    void deadlineOnAMutatingCallIsUncertain();
    void bodyLimitByContentLength();
    void bodyLimitByBytesReceived();
    void olderNextTokenStopsTheListing();
    void pageCap();
    void endpointErrorSendsNothing();
    void successBodyIsNeverQuoted();
    void localhostMustResolveToLoopback();
    void coreDumpsAreOff();
    void secretsAreWipedWhenUnshared();

private:
    std::unique_ptr<QueryClient> makeClient(const QString& signingName = u"autoscaling"_s);

    QNetworkAccessManager m_network;
    std::unique_ptr<FakeAwsServer> m_server;
    std::unique_ptr<StaticCredentialProvider> m_provider;
};

void TestBounds::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    QVERIFY(m_server->listen());
    m_provider = std::make_unique<StaticCredentialProvider>(
        Credentials { u"AKIDBOUNDS%1"_s.arg(QDateTime::currentMSecsSinceEpoch()), u"secret"_s, {}, {} });
}

void TestBounds::cleanup()
{
    m_server.reset();
    EndpointResolver::setHostLookupForTests({});
}

std::unique_ptr<QueryClient> TestBounds::makeClient(const QString& signingName)
{
    const QString version = signingName == u"sts"_s ? u"2011-06-15"_s : u"2011-01-01"_s;
    auto client = std::make_unique<QueryClient>(
        &m_network, ServiceEndpoint { m_server->url(), u"eu-west-1"_s, signingName, version }, m_provider.get());
    client->setRetryBaseDelay(20);
    return client;
}

void TestBounds::deadlineEndsATricklingAnswer()
{
    // A byte every 100 ms never trips the idle (transfer) timeout, and would take ~30 s for this body.
    for (int i = 0; i < 3; ++i)
        m_server->trickle(Ok, 100);
    auto client = makeClient();
    client->setDeadline(800);
    QElapsedTimer timer;
    timer.start();
    std::unique_ptr<ResultJob<QByteArray>> job(client->call(u"DescribeLifecycleHookTypes"_s));
    job->setAutoDelete(false);
    waitFor(job.get());
    QCOMPARE(job->error().kind, AwsError::Kind::Timeout);
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    // The deadline covers the call, retries included: not three deadlines.
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(job->error().message.contains(u"DescribeLifecycleHookTypes"_s));
}

void TestBounds::deadlineOnAMutatingCallIsUncertain()
{
    m_server->trickle(Ok, 100);
    auto client = makeClient();
    client->setDeadline(500);
    std::unique_ptr<ResultJob<QByteArray>> job(
        client->call(u"RecordLifecycleActionHeartbeat"_s, { { u"AutoScalingGroupName"_s, u"web"_s } }));
    job->setAutoDelete(false);
    waitFor(job.get());
    QCOMPARE(job->error().kind, AwsError::Kind::Timeout);
    QVERIFY(RetryPolicy::mayHaveBeenApplied(job->error()));
    QCOMPARE(m_server->requests().size(), 1); // never sent again behind the caller's back
}

void TestBounds::bodyLimitByContentLength()
{
    FakeAwsServer::Answer huge;
    huge.body = QByteArray(64, 'x');
    huge.contentLength = 10LL * 1024 * 1024 * 1024; // announces 10 GiB, then stalls
    huge.trickleMs = 1000;
    m_server->enqueue(huge);
    auto client = makeClient();
    client->setBodyLimit(4096);
    std::unique_ptr<ResultJob<QByteArray>> job(client->call(u"DescribeLifecycleHookTypes"_s));
    job->setAutoDelete(false);
    waitFor(job.get());
    QCOMPARE(job->error().code, u"ResponseTooLarge"_s);
    QCOMPARE(m_server->requests().size(), 1); // not retried: it would be as large again
}

void TestBounds::bodyLimitByBytesReceived()
{
    FakeAwsServer::Answer endless;
    endless.body = QByteArray(64 * 1024, 'x');
    endless.contentLength = -2; // no Content-Length: only counting the bytes catches it
    m_server->enqueue(endless);
    auto client = makeClient();
    client->setBodyLimit(4096);
    std::unique_ptr<ResultJob<QByteArray>> job(client->call(u"DescribeLifecycleHookTypes"_s));
    job->setAutoDelete(false);
    waitFor(job.get());
    QCOMPARE(job->error().code, u"ResponseTooLarge"_s);
    QVERIFY2(job->error().toString().contains(u"4 KiB"_s), qPrintable(job->error().toString()));
}

void TestBounds::olderNextTokenStopsTheListing()
{
    // t1, t2, then t1 again: not an immediate repeat, a cycle that the old check missed.
    m_server->respond(200, groupsPage("t1"));
    m_server->respond(200, groupsPage("t2"));
    m_server->respond(200, groupsPage("t1"));
    for (int i = 0; i < 5; ++i)
        m_server->respond(200, groupsPage("t2"));
    auto client = makeClient();
    AutoScalingClient autoScaling(client.get());
    auto* job = autoScaling.describeAutoScalingGroups();
    job->setAutoDelete(false);
    std::unique_ptr<AwsJob> owned(job);
    waitFor(job);
    QCOMPARE(job->error().code, u"PaginationLoop"_s);
    QCOMPARE(m_server->requests().size(), 3);
}

void TestBounds::pageCap()
{
    ClientJobs::PageTokens tokens;
    for (int page = 1; page < ClientJobs::PageTokens::MaxPages; ++page)
        QVERIFY(!tokens.check(u"Describe"_s, u"t%1"_s.arg(page)).isError());
    const AwsError error = tokens.check(u"Describe"_s, u"last"_s);
    QCOMPARE(error.code, u"PaginationLoop"_s);
    QVERIFY(error.message.contains(QString::number(ClientJobs::PageTokens::MaxPages)));
    QVERIFY(!tokens.check(u"Describe"_s, QString()).isError()); // the last page is always fine
}

void TestBounds::endpointErrorSendsNothing()
{
    const auto resolved = EndpointResolver::resolve(
        EndpointResolver::Service::AutoScaling, u"eu-west-1"_s, false, QUrl(u"http://192.168.1.20:5000"_s));
    QVERIFY(!resolved.ok());
    auto client = makeClient();
    client->setEndpointError(resolved.error);
    std::unique_ptr<ResultJob<QByteArray>> job(client->call(u"DescribeLifecycleHookTypes"_s));
    job->setAutoDelete(false);
    waitFor(job.get());
    QCOMPARE(job->error().kind, AwsError::Kind::Validation);
    QCOMPARE(job->error().message, resolved.error);
    QCOMPARE(m_server->requests().size(), 0);
    QCOMPARE(client->requestsSent(), 0);
}

void TestBounds::successBodyIsNeverQuoted()
{
    m_server->respond(200,
        "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult><Credentials>"
        "<AccessKeyId>ASIAFAKE</AccessKeyId><SecretAccessKey>TOPSECRETVALUE");
    auto client = makeClient(u"sts"_s);
    StsClient sts(client.get());
    AssumeRoleRequest request;
    request.roleArn = u"arn:aws:iam::123456789012:role/r"_s;
    request.roleSessionName = u"s"_s;
    auto* job = sts.assumeRole(request);
    job->setAutoDelete(false);
    std::unique_ptr<AwsJob> owned(job);
    waitFor(job);
    QVERIFY(job->hasError());
    QVERIFY2(!job->error().toString().contains(u"TOPSECRET"_s), qPrintable(job->error().toString()));
    QVERIFY(job->error().bodyStart.isEmpty());
}

void TestBounds::localhostMustResolveToLoopback()
{
    const QUrl url(u"http://localhost:5000/"_s);
    EndpointResolver::setHostLookupForTests(
        [](const QString&) { return QList<QHostAddress> { QHostAddress(u"10.1.2.3"_s) }; });
    QVERIFY(!EndpointResolver::overrideUrlError(url).isEmpty());
    EndpointResolver::setHostLookupForTests([](const QString&) {
        return QList<QHostAddress> { QHostAddress(u"127.0.0.1"_s), QHostAddress(u"192.168.0.9"_s) };
    });
    QVERIFY(!EndpointResolver::overrideUrlError(url).isEmpty()); // every address, not just one
    EndpointResolver::setHostLookupForTests([](const QString&) { return QList<QHostAddress> {}; });
    QVERIFY(!EndpointResolver::overrideUrlError(url).isEmpty());
    EndpointResolver::setHostLookupForTests([](const QString&) {
        return QList<QHostAddress> { QHostAddress(u"127.0.0.1"_s), QHostAddress(u"::1"_s) };
    });
    QVERIFY(EndpointResolver::overrideUrlError(url).isEmpty());
    QVERIFY(EndpointResolver::overrideUrlError(QUrl(u"http://127.0.0.1:5000/"_s)).isEmpty()); // no lookup for IPs
}

void TestBounds::coreDumpsAreOff()
{
#if defined(Q_OS_UNIX)
    QVERIFY(ProcessHardening::disableCoreDumps());
    QVERIFY(ProcessHardening::coreDumpsDisabled());
#else
    QSKIP("core files are a Unix matter");
#endif
}

void TestBounds::secretsAreWipedWhenUnshared()
{
    Credentials credentials { u"AKID"_s, QString(u"wipe-me-secret"_s), QString(u"token-value"_s), {} };
    credentials.secretAccessKey.detach();
    credentials.sessionToken.detach();
    const Credentials copy = credentials; // shares the buffers: wiping must not reach the copy
    credentials.wipeSecrets();
    QCOMPARE(copy.secretAccessKey, u"wipe-me-secret"_s);

    Credentials only { u"AKID"_s, QString(u"wipe-me-secret"_s), QString(u"token-value"_s), {} };
    only.secretAccessKey.detach();
    only.sessionToken.detach();
    const char16_t* secret = reinterpret_cast<const char16_t*>(only.secretAccessKey.constData());
    const char16_t* token = reinterpret_cast<const char16_t*>(only.sessionToken.constData());
    only.wipeSecrets();
    // Same buffers (wiped in place, not replaced), now zeros.
    QCOMPARE(reinterpret_cast<const char16_t*>(only.secretAccessKey.constData()), secret);
    QVERIFY(std::all_of(secret, secret + 14, [](char16_t c) { return c == 0; }));
    QVERIFY(std::all_of(token, token + 11, [](char16_t c) { return c == 0; }));
}

QTEST_GUILESS_MAIN(TestBounds)
#include "tst_bounds.moc"
