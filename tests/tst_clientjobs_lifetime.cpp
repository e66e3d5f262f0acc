// A multi-page listing outlives its QueryClient when the user switches profile or signs out during a refresh:
// the job must end exactly once with an error (or be deleted silently), never call the destroyed client.
#include "autoscalingclient.h"
#include "credentialprovider.h"
#include "fakeawsserver.h"
#include "queryclient.h"
#include "retrypolicy.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QPointer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QByteArray groupsPage(const QString& name, const QByteArray& nextToken)
{
    return "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
           "<DescribeAutoScalingGroupsResult><AutoScalingGroups><member><AutoScalingGroupName>"
        + name.toUtf8() + "</AutoScalingGroupName></member></AutoScalingGroups>"
        + (nextToken.isEmpty() ? QByteArray() : "<NextToken>" + nextToken + "</NextToken>")
        + "</DescribeAutoScalingGroupsResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>"
          "</DescribeAutoScalingGroupsResponse>";
}

} // namespace

class TestClientJobsLifetime : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void clientDestroyedBeforeFirstPage();
    void clientDestroyedBetweenPages();
    void clientDestroyedWhilePageInFlight();
    void jobDeletedWithItsClient();
    void callWaitingToRetryEndsWithItsClient();
    void callOnTheWireEndsWithItsClientAsMaybeApplied();

private:
    // The job, watched: how often it finished, and with what.
    struct Watch {
        QPointer<AwsJob> job;
        int finishedCount = 0;
        AwsError error;
        bool hadResult = false;
    };
    void watch(AwsJob* job, Watch* w);

    std::unique_ptr<FakeAwsServer> m_server;
    QNetworkAccessManager m_network;
    std::unique_ptr<StaticCredentialProvider> m_provider;
    QPointer<QueryClient> m_query;
    QPointer<AutoScalingClient> m_client;
};

void TestClientJobsLifetime::init()
{
    m_server = std::make_unique<FakeAwsServer>();
    QVERIFY(m_server->listen());
    m_provider = std::make_unique<StaticCredentialProvider>(Credentials { u"AKIDLIFETIME"_s, u"lifetime"_s, {}, {} });
    m_query = new QueryClient(&m_network,
        ServiceEndpoint { m_server->url(), u"eu-west-1"_s, u"autoscaling"_s, u"2011-01-01"_s }, m_provider.get());
    m_query->setRetryBaseDelay(5);
    m_client = new AutoScalingClient(m_query, m_query); // as in AwsSession: the client goes with its QueryClient
}

void TestClientJobsLifetime::cleanup()
{
    delete m_query;
    m_server.reset();
}

void TestClientJobsLifetime::watch(AwsJob* job, Watch* w)
{
    w->job = job;
    connect(job, &AwsJob::finished, this, [w, job] {
        ++w->finishedCount;
        w->error = job->error();
        w->hadResult = !job->hasError();
    });
}

void TestClientJobsLifetime::clientDestroyedBeforeFirstPage()
{
    // The first page is only requested from the event loop: destroy the client before that.
    Watch w;
    watch(m_client->describeAutoScalingGroups(), &w);
    delete m_query;
    QTRY_COMPARE(w.finishedCount, 1);
    QCOMPARE(w.error.kind, AwsError::Kind::Network);
    QVERIFY(w.error.message.contains(u"DescribeAutoScalingGroups"_s));
    QVERIFY(m_server->requests().isEmpty()); // nothing went out for a session that is gone
    QTRY_VERIFY(w.job.isNull()); // still auto-deletes
    QTest::qWait(50);
    QCOMPARE(w.finishedCount, 1);
}

void TestClientJobsLifetime::clientDestroyedBetweenPages()
{
    // Page 1 arrives with a NextToken; the client dies as soon as that request is answered, before page 2.
    m_server->respond(200, groupsPage(u"a"_s, "tok-1"));
    m_server->respond(200, groupsPage(u"b"_s, {}));
    Watch w;
    auto* job = m_client->describeAutoScalingGroups();
    watch(job, &w);
    // requestSent fires for page 1; the reply is processed later from the event loop, so deleting the client on
    // the first send leaves the walker with a dead client exactly when it wants page 2.
    connect(m_query, &QueryClient::requestSent, this, [this] { m_query->deleteLater(); });
    QTRY_COMPARE(w.finishedCount, 1);
    QVERIFY(m_query.isNull());
    QVERIFY(!w.hadResult);
    QCOMPARE(w.error.kind, AwsError::Kind::Network);
    QVERIFY(m_server->requests().size() <= 1); // page 2 was never requested
    QTRY_VERIFY(w.job.isNull());
    QTest::qWait(50);
    QCOMPARE(w.finishedCount, 1);
}

void TestClientJobsLifetime::clientDestroyedWhilePageInFlight()
{
    // Page 2 never comes back; the profile is switched meanwhile. The job must not wait for the transfer timeout.
    m_query->setTransferTimeout(20000);
    m_server->respond(200, groupsPage(u"a"_s, "tok-1"));
    m_server->hang();
    Watch w;
    watch(m_client->describeAutoScalingGroups(), &w);
    QTRY_COMPARE(m_server->requests().size(), 2);
    QCOMPARE(w.finishedCount, 0);
    QElapsedTimer timer;
    timer.start();
    delete m_query;
    QTRY_COMPARE(w.finishedCount, 1);
    QVERIFY2(timer.elapsed() < 5000, "the job ends when its client goes, not at the transfer timeout");
    QCOMPARE(w.error.kind, AwsError::Kind::Network);
    QTRY_VERIFY(w.job.isNull());
    QTest::qWait(50);
    QCOMPARE(w.finishedCount, 1);
}

void TestClientJobsLifetime::jobDeletedWithItsClient()
{
    // A caller that owns the job (no auto-delete) may delete it together with the session: the job hears once that
    // its connection closed, and nothing is emitted afterwards or touches the freed objects.
    m_server->respond(200, groupsPage(u"a"_s, "tok-1"));
    m_server->hang();
    Watch w;
    auto* job = m_client->describeAutoScalingGroups();
    job->setAutoDelete(false);
    watch(job, &w);
    QTRY_COMPARE(m_server->requests().size(), 2);
    delete m_query;
    QCOMPARE(w.finishedCount, 1);
    QCOMPARE(w.error.kind, AwsError::Kind::Network);
    delete job;
    QTest::qWait(200);
    QCOMPARE(w.finishedCount, 1);
}

void TestClientJobsLifetime::callWaitingToRetryEndsWithItsClient()
{
    // Throttled, then a long backoff: a connection closed meanwhile must not leave the job waiting for the timer
    // (nor alive at exit). Nothing was acted on, and the error says so.
    m_query->setRetryBaseDelay(60000);
    m_server->respondError(400, "Throttling", "Rate exceeded");
    Watch w;
    watch(m_query->call(u"CompleteLifecycleAction"_s, {}), &w);
    QTRY_COMPARE(m_server->requests().size(), 1);
    QTest::qWait(50); // the throttle answer is read and the retry scheduled
    QCOMPARE(w.finishedCount, 0);
    delete m_query;
    QCOMPARE(w.finishedCount, 1); // at once, from the client's destructor
    QVERIFY(w.error.message.contains(u"connection was closed"_s));
    QVERIFY(!RetryPolicy::mayHaveBeenApplied(w.error));
    QTRY_VERIFY(w.job.isNull());
    QCOMPARE(m_server->requests().size(), 1);
}

void TestClientJobsLifetime::callOnTheWireEndsWithItsClientAsMaybeApplied()
{
    // The request went out and no answer came: AWS may have acted on it, and the error must not claim otherwise.
    m_server->hang();
    Watch w;
    watch(m_query->call(u"CompleteLifecycleAction"_s, {}), &w);
    QTRY_COMPARE(m_server->requests().size(), 1);
    delete m_query;
    QCOMPARE(w.finishedCount, 1);
    QCOMPARE(w.error.kind, AwsError::Kind::Network);
    QVERIFY(RetryPolicy::mayHaveBeenApplied(w.error));
    QTest::qWait(50);
    QCOMPARE(w.finishedCount, 1);
}

QTEST_GUILESS_MAIN(TestClientJobsLifetime)
#include "tst_clientjobs_lifetime.moc"
