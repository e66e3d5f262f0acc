// QueryClient's retries, retry quota, adaptive rate limiting and clock-skew correction against a scripted local
// server that answers 500, Throttling, drops the connection, hangs, or sends a skewed Date.
#include "credentialprovider.h"
#include "fakeawsserver.h"
#include "queryclient.h"
#include "ratelimiter.h"
#include "retrypolicy.h"

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

} // namespace

class TestRetry : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void serverErrorsAreRetried();
    void givesUpAfterThreeAttempts();
    void clientErrorsAreNotRetried();
    void droppedConnectionIsRetried();
    void transferTimeout();
    void throttlingSlowsEveryClientOfTheBucket();
    void clockSkewIsCorrectedOnce();
    void smallSkewIsNotCorrected();
    void retryQuotaStopsRetries();
    void backoffIsJitteredAndCapped();
    void refusedConnectionIsNetworkError();
    void resourceContentionWasNotApplied();

private:
    std::unique_ptr<ResultJob<QByteArray>> call(QueryClient& client, int timeoutMs = 20000);
    std::unique_ptr<QueryClient> makeClient(const QString& region = u"eu-west-1"_s);

    QNetworkAccessManager m_network;
    std::unique_ptr<FakeAwsServer> m_server;
    std::unique_ptr<StaticCredentialProvider> m_provider;
    QString m_keyId;
};

void TestRetry::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    QVERIFY(m_server->listen());
    // A fresh access key per test: rate limiters are shared per key and region across the process.
    m_keyId = u"AKIDTEST%1"_s.arg(QDateTime::currentMSecsSinceEpoch());
    m_provider = std::make_unique<StaticCredentialProvider>(Credentials { m_keyId, u"secret"_s, {}, {} });
}

void TestRetry::cleanup()
{
    QueryClient::setClockOffset(QueryClient::endpointKey(m_server->url()), 0);
    m_server.reset();
}

std::unique_ptr<QueryClient> TestRetry::makeClient(const QString& region)
{
    ServiceEndpoint endpoint { m_server->url(), region, u"autoscaling"_s, u"2011-01-01"_s };
    auto client = std::make_unique<QueryClient>(&m_network, endpoint, m_provider.get());
    client->setRetryBaseDelay(20);
    return client;
}

std::unique_ptr<ResultJob<QByteArray>> TestRetry::call(QueryClient& client, int timeoutMs)
{
    auto* job = client.call(u"DescribeLifecycleHookTypes"_s);
    job->setAutoDelete(false);
    std::unique_ptr<ResultJob<QByteArray>> owned(job);
    QSignalSpy spy(job, &AwsJob::finished);
    if (!spy.wait(timeoutMs))
        qWarning("job did not finish");
    return owned;
}

void TestRetry::serverErrorsAreRetried()
{
    m_server->respondError(500, "InternalFailure", "boom");
    m_server->respond(503, "<html><body>Service Unavailable</body></html>");
    m_server->respond(200, Ok);
    auto client = makeClient();
    auto job = call(*client);
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result(), Ok);
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(client->requestsSent(), 3);
    // Each attempt is signed afresh: the same body, an Authorization each time.
    for (const auto& request : m_server->requests()) {
        QCOMPARE(request.body, QByteArray("Action=DescribeLifecycleHookTypes&Version=2011-01-01"));
        QVERIFY(request.header("Authorization")
                    .startsWith(QByteArray("AWS4-HMAC-SHA256 Credential=").append(m_keyId.toLatin1())));
    }
}

void TestRetry::givesUpAfterThreeAttempts()
{
    for (int i = 0; i < 4; ++i)
        m_server->respondError(500, "InternalFailure", "still broken");
    auto client = makeClient();
    auto job = call(*client);
    QVERIFY(job->hasError());
    QCOMPARE(job->error().kind, AwsError::Kind::Service);
    QCOMPARE(job->error().code, u"InternalFailure"_s);
    QCOMPARE(job->error().httpStatus, 500);
    QCOMPARE(job->error().requestId, u"req-InternalFailure"_s);
    QCOMPARE(m_server->requests().size(), 3);
    QCOMPARE(m_server->pendingAnswers(), 1);
}

void TestRetry::clientErrorsAreNotRetried()
{
    m_server->respondError(400, "ValidationError", "No active Lifecycle Action found with instance ID i-1");
    m_server->respond(200, Ok);
    auto client = makeClient();
    auto job = call(*client);
    QCOMPARE(job->error().kind, AwsError::Kind::Service);
    QVERIFY(job->error().isNoActiveLifecycleAction());
    QCOMPARE(m_server->requests().size(), 1);
}

void TestRetry::droppedConnectionIsRetried()
{
    m_server->drop();
    m_server->respond(200, Ok);
    auto client = makeClient();
    auto job = call(*client);
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(job->result(), Ok);
    QCOMPARE(m_server->requests().size(), 2);

    // Dropped every time: a Network error after our three attempts. (Qt itself resends a request once when the
    // connection closes before any answer, so the server may see up to twice as many.)
    for (int i = 0; i < 8; ++i)
        m_server->drop();
    const int sentBefore = client->requestsSent();
    auto failed = call(*client);
    QCOMPARE(failed->error().kind, AwsError::Kind::Network);
    QCOMPARE(failed->error().code, u"ConnectionClosed"_s);
    QCOMPARE(client->requestsSent() - sentBefore, 3);
    QVERIFY(m_server->requests().size() >= 2 + 3);
    QVERIFY(m_server->pendingAnswers() > 0); // gave up, did not drain the server
}

void TestRetry::transferTimeout()
{
    for (int i = 0; i < 3; ++i)
        m_server->hang();
    auto client = makeClient();
    client->setTransferTimeout(300);
    QElapsedTimer timer;
    timer.start();
    auto job = call(*client);
    QCOMPARE(job->error().kind, AwsError::Kind::Timeout);
    QCOMPARE(m_server->requests().size(), 3); // timeouts are retried too
    // Three attempts that each waited out the 300 ms transfer timeout. Qt runs that timeout on a coarse timer,
    // which may fire up to 5 % early, so the floor is 3 × 285 ms rather than 900 ms.
    QVERIFY2(timer.elapsed() >= 855, qPrintable(QString::number(timer.elapsed())));
    QVERIFY(timer.elapsed() < 10000);
}

void TestRetry::throttlingSlowsEveryClientOfTheBucket()
{
    m_server->respondError(400, "Throttling", "Rate exceeded");
    m_server->respondError(400, "Throttling", "Rate exceeded");
    m_server->respond(200, Ok);
    auto client = makeClient();
    QSignalSpy throttled(client.get(), &QueryClient::throttled);
    auto job = call(*client);
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(throttled.size(), 2);
    QCOMPARE(m_server->requests().size(), 3);

    // Another client of the same account and region shares the (now enabled) limiter; another region does not.
    auto sibling = makeClient();
    auto other = makeClient(u"us-east-1"_s);
    const auto limiter = client->rateLimiter(m_keyId);
    QCOMPARE(sibling->rateLimiter(m_keyId).get(), limiter.get());
    QVERIFY(limiter->isEnabled());
    QVERIFY(!other->rateLimiter(m_keyId)->isEnabled());
    QVERIFY(limiter->fillRate() >= 0.5);

    // With the limiter on, a burst is spread out: ten tokens at once cannot all be free.
    int waited = 0;
    for (int i = 0; i < 10; ++i)
        waited = std::max(waited, limiter->acquire());
    QVERIFY2(waited > 0, "a burst after a throttle must wait for tokens");

    // Retries of a throttled call wait for the limiter: a throttle storm gives up after 3 attempts, with the error.
    for (int i = 0; i < 3; ++i)
        m_server->respondError(400, "RequestLimitExceeded", "Request limit exceeded.");
    auto sibling2 = makeClient();
    sibling2->setThrottleBucket(m_keyId); // explicit bucket, same as the key: same limiter
    QCOMPARE(sibling2->rateLimiter(u"other-key"_s).get(), limiter.get());
    auto storm = call(*sibling2, 60000);
    QVERIFY(storm->error().isThrottling());
    QCOMPARE(storm->error().code, u"RequestLimitExceeded"_s);
}

void TestRetry::clockSkewIsCorrectedOnce()
{
    // The server's clock is 2 hours ahead; it rejects the first signature as expired and accepts one made with its
    // time.
    const QDateTime serverNow = QDateTime::currentDateTimeUtc().addSecs(qint64(2) * 3600);
    m_server->respondError(403, "SignatureDoesNotMatch",
        "Signature expired: 20240101T000000Z is now earlier than 20240101T020000Z (20240101T020500Z - 5 min.)",
        serverNow);
    m_server->respond(200, Ok, serverNow);
    auto client = makeClient();
    auto job = call(*client);
    QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
    QCOMPARE(m_server->requests().size(), 2);
    const auto amzDate = [](const FakeAwsServer::Request& request) {
        QDateTime date
            = QDateTime::fromString(QString::fromLatin1(request.header("X-Amz-Date")), u"yyyyMMdd'T'HHmmss'Z'"_s);
        date.setTimeSpec(Qt::UTC);
        return date;
    };
    QVERIFY(std::abs(amzDate(m_server->requests().at(0)).secsTo(QDateTime::currentDateTimeUtc())) < 60);
    QVERIFY(std::abs(amzDate(m_server->requests().at(1)).secsTo(serverNow)) < 60);
    QVERIFY(std::abs(client->clockOffset() / 1000 - qint64(2) * 3600) < 60);

    // The offset is kept for the endpoint: the next call (any client) is signed with the server's time at once.
    m_server->respond(200, Ok, serverNow);
    auto sibling = makeClient();
    auto next = call(*sibling);
    QVERIFY(!next->hasError());
    QCOMPARE(m_server->requests().size(), 3);
    QVERIFY(std::abs(amzDate(m_server->requests().at(2)).secsTo(serverNow)) < 60);

    // Still rejected after the correction: only one re-sign, then the error.
    QueryClient::setClockOffset(QueryClient::endpointKey(m_server->url()), 0);
    m_server->respondError(403, "RequestExpired", "Request has expired.", serverNow);
    m_server->respondError(403, "RequestExpired", "Request has expired.", serverNow.addSecs(3600));
    auto twice = call(*sibling);
    QCOMPARE(twice->error().code, u"RequestExpired"_s);
    QCOMPARE(m_server->requests().size(), 5);
}

void TestRetry::smallSkewIsNotCorrected()
{
    // Within 5 minutes the clock is not the cause: report the error, do not re-sign.
    m_server->respondError(403, "SignatureDoesNotMatch", "Signature expired: a is now earlier than b",
        QDateTime::currentDateTimeUtc().addSecs(60));
    auto client = makeClient();
    auto job = call(*client);
    QCOMPARE(job->error().code, u"SignatureDoesNotMatch"_s);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(client->clockOffset(), 0);
}

void TestRetry::retryQuotaStopsRetries()
{
    RetryPolicy policy;
    AwsError serverError;
    serverError.kind = AwsError::Kind::Service;
    serverError.httpStatus = 500;
    AwsError timeout;
    timeout.kind = AwsError::Kind::Timeout;
    int cost = 0;
    int granted = 0;
    while (policy.acquireRetry(serverError, &cost))
        ++granted;
    QCOMPARE(granted, RetryPolicy::InitialQuota / RetryPolicy::RetryCost);
    QCOMPARE(cost, RetryPolicy::InitialQuota);
    QVERIFY(!policy.acquireRetry(timeout, &cost));
    policy.releaseOnSuccess(10); // a success gives back what its retries took
    QVERIFY(policy.acquireRetry(timeout, &cost));
    QVERIFY(!policy.acquireRetry(serverError, &cost));
    policy.releaseOnSuccess(0); // a first-try success refills by one
    QCOMPARE(policy.quota(), 1);

    // In a client: once the quota is spent, a failing call is not retried at all.
    auto client = makeClient();
    int drained = 0;
    while (client->retryPolicy().acquireRetry(serverError, &drained)) { }
    m_server->respondError(500, "InternalFailure", "boom");
    m_server->respond(200, Ok);
    auto job = call(*client);
    QCOMPARE(job->error().code, u"InternalFailure"_s);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestRetry::backoffIsJitteredAndCapped()
{
    RetryPolicy policy; // base 1 s
    QSet<int> distinct;
    for (int i = 0; i < 200; ++i) {
        const int first = policy.backoffMs(1);
        QVERIFY(first >= 0 && first <= 1000);
        distinct.insert(first);
        const int third = policy.backoffMs(3);
        QVERIFY(third >= 0 && third <= 4000);
        QVERIFY(policy.backoffMs(30) <= RetryPolicy::MaxBackoffMs);
    }
    QVERIFY(distinct.size() > 20); // jittered, not a fixed delay
}

void TestRetry::refusedConnectionIsNetworkError()
{
    QTcpServer placeholder;
    QVERIFY(placeholder.listen(QHostAddress::LocalHost, 0));
    const quint16 port = placeholder.serverPort();
    placeholder.close();
    ServiceEndpoint endpoint { QUrl(u"http://127.0.0.1:%1/"_s.arg(port)), u"eu-west-1"_s, u"autoscaling"_s,
        u"2011-01-01"_s };
    QueryClient client(&m_network, endpoint, m_provider.get());
    client.setRetryBaseDelay(5);
    auto job = call(client);
    QCOMPARE(job->error().kind, AwsError::Kind::Network);
    QCOMPARE(job->error().code, u"ConnectionRefused"_s);
    QCOMPARE(client.requestsSent(), 3);
}

void TestRetry::resourceContentionWasNotApplied()
{
    // ResourceContention is a 500, but AWS sends it instead of acting: a mutating call may be sent again. A plain
    // 500 InternalFailure may come after the service acted, so it is not.
    AwsError contention;
    contention.kind = AwsError::Kind::Service;
    contention.httpStatus = 500;
    contention.code = u"ResourceContention"_s;
    QVERIFY(RetryPolicy::isRetryable(contention));
    QVERIFY(!RetryPolicy::mayHaveBeenApplied(contention));
    AwsError internal = contention;
    internal.code = u"InternalFailure"_s;
    QVERIFY(RetryPolicy::isRetryable(internal));
    QVERIFY(RetryPolicy::mayHaveBeenApplied(internal));
}

QTEST_GUILESS_MAIN(TestRetry)
#include "tst_retry.moc"
