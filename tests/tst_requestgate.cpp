// The per-account request gate (issue 14 item 2): a bound on the requests in flight to one throttle bucket, shared
// by every client that reaches the same account and region, with an operator's change let in ahead of background
// reads. The gate on its own, then through QueryClient against the simulator, whose server counts the requests it
// holds at once (its latency keeps each one open long enough to overlap).
#include "credentialprovider.h"
#include "queryclient.h"
#include "requestgate.h"
#include "simulator.h"

#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

struct Client {
    std::unique_ptr<StaticCredentialProvider> credentials;
    std::unique_ptr<QueryClient> query;
};

} // namespace

class TestRequestGate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void boundsWhatIsInFlight();
    void operatorChangesGoFirst();
    void cancelledAndVanishedWaitersAreSkipped();
    void raisingTheLimitLetsWaitersIn();
    void defaultLimitComesFromTheEnvironment();

    void clientsOfOneAccountShareTheBound();
    void anotherAccountHasItsOwnBound();
    void operatorCallOvertakesQueuedReads();
    void deletingWaitingCallsFreesTheirPlaces();

private:
    Client client(const Credentials& credentials);
    QList<ResultJob<QByteArray>*> describeMany(QueryClient* query, int count) const;
    static bool waitForAll(const QList<ResultJob<QByteArray>*>& jobs);

    QNetworkAccessManager m_network;
    std::unique_ptr<Simulator> m_sim;
};

void TestRequestGate::init()
{
    SimulatorOptions options;
    options.clockRunning = false;
    options.faults.latencyMs = 40; // every request stays open at the server long enough to overlap the others
    m_sim = std::make_unique<Simulator>(options);
    QVERIFY(m_sim->start());
    QVERIFY(m_sim->createGroup(u"web"_s, 0, 4, 1));
    RequestGate::setDefaultLimit(3);
}

void TestRequestGate::cleanup()
{
    RequestGate::setDefaultLimit(0);
    m_sim.reset();
}

void TestRequestGate::boundsWhatIsInFlight()
{
    RequestGate gate(2);
    QObject a;
    QObject b;
    QObject c;
    int granted = 0;
    QVERIFY(gate.enter(&a, RequestGate::Priority::Background, [] {}));
    QVERIFY(gate.enter(&b, RequestGate::Priority::Background, [] {}));
    QVERIFY(!gate.enter(&c, RequestGate::Priority::Background, [&granted] { ++granted; }));
    QCOMPARE(gate.inFlight(), 2);
    QCOMPARE(gate.waiting(), 1);
    gate.leave();
    QCOMPARE(granted, 1); // c got a's slot
    QCOMPARE(gate.inFlight(), 2);
    gate.leave();
    gate.leave();
    QCOMPARE(gate.inFlight(), 0);
    QCOMPARE(gate.peakInFlight(), 2);
}

void TestRequestGate::operatorChangesGoFirst()
{
    RequestGate gate(1);
    QObject holder;
    QObject read1;
    QObject read2;
    QObject change1;
    QObject change2;
    QStringList order;
    QVERIFY(gate.enter(&holder, RequestGate::Priority::Background, [] {}));
    auto note = [&order](const QString& name) { return [&order, name] { order << name; }; };
    QVERIFY(!gate.enter(&read1, RequestGate::Priority::Background, note(u"read1"_s)));
    QVERIFY(!gate.enter(&change1, RequestGate::Priority::Operator, note(u"change1"_s)));
    QVERIFY(!gate.enter(&read2, RequestGate::Priority::Background, note(u"read2"_s)));
    QVERIFY(!gate.enter(&change2, RequestGate::Priority::Operator, note(u"change2"_s)));
    for (int i = 0; i < 5; ++i)
        gate.leave();
    QCOMPARE(order, (QStringList { u"change1"_s, u"change2"_s, u"read1"_s, u"read2"_s }));
}

void TestRequestGate::cancelledAndVanishedWaitersAreSkipped()
{
    RequestGate gate(1);
    QObject holder;
    QObject kept;
    auto vanished = std::make_unique<QObject>();
    auto cancelled = std::make_unique<QObject>();
    QStringList order;
    QVERIFY(gate.enter(&holder, RequestGate::Priority::Background, [] {}));
    QVERIFY(!gate.enter(cancelled.get(), RequestGate::Priority::Background, [&order] { order << u"cancelled"_s; }));
    QVERIFY(!gate.enter(vanished.get(), RequestGate::Priority::Background, [&order] { order << u"vanished"_s; }));
    QVERIFY(!gate.enter(&kept, RequestGate::Priority::Background, [&order] { order << u"kept"_s; }));
    QVERIFY(gate.cancel(cancelled.get()));
    QVERIFY(!gate.cancel(cancelled.get()));
    vanished.reset();
    gate.leave();
    QCOMPARE(order, QStringList { u"kept"_s });
    QCOMPARE(gate.inFlight(), 1);
    QCOMPARE(gate.waiting(), 0);
}

void TestRequestGate::raisingTheLimitLetsWaitersIn()
{
    RequestGate gate(1);
    QObject a;
    QObject b;
    QObject c;
    int granted = 0;
    QVERIFY(gate.enter(&a, RequestGate::Priority::Background, [] {}));
    QVERIFY(!gate.enter(&b, RequestGate::Priority::Background, [&granted] { ++granted; }));
    QVERIFY(!gate.enter(&c, RequestGate::Priority::Background, [&granted] { ++granted; }));
    gate.setLimit(3);
    QCOMPARE(granted, 2);
    QCOMPARE(gate.inFlight(), 3);
    gate.setLimit(0); // clamped: a gate always lets one through
    QCOMPARE(gate.limit(), 1);
}

void TestRequestGate::defaultLimitComesFromTheEnvironment()
{
    RequestGate::setDefaultLimit(0);
    qputenv("HOOKDESK_MAX_IN_FLIGHT", "5");
    QCOMPARE(RequestGate::defaultLimit(), 5);
    qputenv("HOOKDESK_MAX_IN_FLIGHT", "0"); // out of range: the built-in value, not a gate that sends nothing
    QCOMPARE(RequestGate::defaultLimit(), RequestGate::BuiltInLimit);
    qputenv("HOOKDESK_MAX_IN_FLIGHT", "many");
    QCOMPARE(RequestGate::defaultLimit(), RequestGate::BuiltInLimit);
    qunsetenv("HOOKDESK_MAX_IN_FLIGHT");
    QCOMPARE(RequestGate::defaultLimit(), RequestGate::BuiltInLimit);
    RequestGate::setDefaultLimit(2); // the application's setting wins
    QCOMPARE(RequestGate::defaultLimit(), 2);
}

Client TestRequestGate::client(const Credentials& credentials)
{
    Client made;
    made.credentials = std::make_unique<StaticCredentialProvider>(credentials);
    const ServiceEndpoint endpoint { m_sim->url(), u"us-east-1"_s, u"autoscaling"_s, u"2011-01-01"_s };
    made.query = std::make_unique<QueryClient>(&m_network, endpoint, made.credentials.get());
    return made;
}

QList<ResultJob<QByteArray>*> TestRequestGate::describeMany(QueryClient* query, int count) const
{
    QList<ResultJob<QByteArray>*> jobs;
    for (int i = 0; i < count; ++i) {
        auto* job = query->call(u"DescribeAutoScalingGroups"_s);
        job->setAutoDelete(false);
        jobs << job;
    }
    return jobs;
}

bool TestRequestGate::waitForAll(const QList<ResultJob<QByteArray>*>& jobs)
{
    return QTest::qWaitFor(
        [&jobs] { return std::all_of(jobs.cbegin(), jobs.cend(), [](auto* job) { return job->isFinished(); }); },
        20000);
}

void TestRequestGate::clientsOfOneAccountShareTheBound()
{
    // Two connections to the same account and region (a window and a CLI run, two profiles of one user): twelve
    // reads each, never more than three at the server at once.
    const Credentials key = Simulator::randomCredentials();
    m_sim->addCredentials(key);
    Client first = client(key);
    Client second = client(key);
    m_sim->resetPeakConcurrentRequests();
    const auto jobs = describeMany(first.query.get(), 12) + describeMany(second.query.get(), 12);
    QVERIFY(waitForAll(jobs));
    for (auto* job : jobs) {
        QVERIFY2(!job->error().isError(), qPrintable(job->error().toString()));
        delete job;
    }
    QCOMPARE(m_sim->peakConcurrentRequests(), 3);
    QCOMPARE(first.query->requestGate(key.accessKeyId)->inFlight(), 0);
}

void TestRequestGate::anotherAccountHasItsOwnBound()
{
    // Another account's bucket is not this one's: its reads do not wait for ours.
    const Credentials mine = Simulator::randomCredentials();
    const Credentials theirs = Simulator::randomCredentials();
    m_sim->addCredentials(mine);
    m_sim->addCredentials(theirs);
    Client first = client(mine);
    Client second = client(theirs);
    m_sim->resetPeakConcurrentRequests();
    const auto jobs = describeMany(first.query.get(), 9) + describeMany(second.query.get(), 9);
    QVERIFY(waitForAll(jobs));
    qDeleteAll(jobs);
    QVERIFY2(m_sim->peakConcurrentRequests() > 3, qPrintable(QString::number(m_sim->peakConcurrentRequests())));
    QVERIFY(m_sim->peakConcurrentRequests() <= 6);
}

void TestRequestGate::operatorCallOvertakesQueuedReads()
{
    RequestGate::setDefaultLimit(1);
    const Credentials key = Simulator::randomCredentials();
    m_sim->addCredentials(key);
    Client made = client(key);
    QStringList served;
    connect(m_sim.get(), &Simulator::requestServed, this,
        [&served](const QString& action, int /*status*/) { served << action; });
    auto jobs = describeMany(made.query.get(), 4);
    auto* change = made.query->call(
        u"SetDesiredCapacity"_s, { { u"AutoScalingGroupName"_s, u"web"_s }, { u"DesiredCapacity"_s, u"2"_s } });
    change->setAutoDelete(false);
    jobs << change;
    QVERIFY(waitForAll(jobs));
    QVERIFY2(!change->error().isError(), qPrintable(change->error().toString()));
    qDeleteAll(jobs);
    // The first read was already on its way; the change went next, ahead of the three reads queued before it.
    QCOMPARE(served.size(), 5);
    QCOMPARE(served.at(1), u"SetDesiredCapacity"_s);
}

void TestRequestGate::deletingWaitingCallsFreesTheirPlaces()
{
    // A window closed while its refresh waits for the gate: the calls go away without ever being sent, and the
    // gate is free for the next connection.
    const Credentials key = Simulator::randomCredentials();
    m_sim->addCredentials(key);
    Client made = client(key);
    const std::shared_ptr<RequestGate> gate = made.query->requestGate(key.accessKeyId);
    auto jobs = describeMany(made.query.get(), 10);
    QVERIFY(QTest::qWaitFor([&gate] { return gate->inFlight() == 3; }, 5000));
    QCOMPARE(gate->waiting(), 7);
    qDeleteAll(jobs.mid(3));
    jobs = jobs.mid(0, 3);
    QCOMPARE(gate->waiting(), 0);
    QVERIFY(waitForAll(jobs));
    qDeleteAll(jobs);
    QCOMPARE(gate->inFlight(), 0);
    const int before = m_sim->requestCount();
    const auto next = describeMany(made.query.get(), 2);
    QVERIFY(waitForAll(next));
    QCOMPARE(m_sim->requestCount(), before + 2);
    qDeleteAll(next);
}

QTEST_GUILESS_MAIN(TestRequestGate)
#include "tst_requestgate.moc"
