// models/Connection (issue 14 item 1): one object builds and tears down everything a connection works with. Against
// the in-process simulator: a connection loads and acts; a heartbeat another process sent (a second connection
// writing the same audit log, as hookdesk-cli does) moves this connection's deadline through the feed it brings;
// tearing a connection down in the middle of a bulk action leaves every item with an outcome record.
#include "actioncontroller.h"
#include "bulkactionjob.h"
#include "connection.h"
#include "keepalive.h"
#include "keepaliveregistry.h"
#include "launchscenario.h"
#include "refreshcontroller.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

class TestConnection : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void loadsAndActs();
    void heartbeatFromAnotherConnectionMovesTheDeadline();
    void tearDownDuringBulkActionRecordsEveryOutcome();
    void keepAlivesCountAsBusyAndStopWithTheConnection();

private:
    std::unique_ptr<Connection> connect(const QString& profile);
    static bool refreshed(Connection* connection);

    std::unique_ptr<SimSession> m_sim;
};

void TestConnection::init()
{
    m_sim = std::make_unique<SimSession>();
    QString error;
    QVERIFY2(m_sim->start(LaunchScenario::Json, &error), qPrintable(error));
}

void TestConnection::cleanup()
{
    m_sim.reset();
}

std::unique_ptr<Connection> TestConnection::connect(const QString& profile)
{
    ConnectionSettings settings;
    settings.profileName = profile;
    settings.region = m_sim->fixture->options().region;
    settings.endpointUrl = m_sim->fixture.url();
    auto connection
        = std::make_unique<Connection>(&m_sim->network, m_sim->credentials.get(), settings, m_sim->audit.get());
    connection->session()->autoScalingQuery()->setRetryBaseDelay(5);
    Simulator* sim = &m_sim->fixture.simulator();
    connection->store()->estimator()->setClock([sim] { return sim->now(); });
    return connection;
}

bool TestConnection::refreshed(Connection* connection)
{
    QSignalSpy finished(connection->store(), &InventoryStore::refreshFinished);
    return connection->store()->refresh() && finished.wait(10000) && finished.constFirst().at(0).toBool();
}

void TestConnection::loadsAndActs()
{
    auto connection = connect(u"window"_s);
    QVERIFY(connection->label().startsWith(u"window · "_s + m_sim->fixture->options().region));
    QVERIFY(refreshed(connection.get()));
    const QString id = LaunchScenario::waitingInstances(m_sim->fixture.simulator(), u"api"_s).value(0);
    QVERIFY(connection->store()->pendingAction(u"api"_s, id));
    QVERIFY(!connection->isBusy());

    BulkActionJob* job = connection->actions()->complete({ { u"api"_s, {}, id, {} } }, u"CONTINUE"_s);
    QVERIFY(connection->isBusy()); // queued counts: tearing down now would interrupt it
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);
    QCOMPARE(m_sim->fixture->lifecycleState(id), u"Pending:Proceed"_s);
    QVERIFY(!connection->isBusy());

    // The refresh controller only exists once someone asks for it (a window), and belongs to the connection.
    QPointer<RefreshController> refresh = connection->refresh();
    QCOMPARE(connection->refresh(), refresh.data());
    connection->session()->fetchIdentity();
    QTRY_VERIFY(connection->session()->hasIdentity());
    QVERIFY(connection->label().endsWith(m_sim->fixture->options().accountId));
    QTRY_VERIFY(!connection->store()->isRefreshing());
    connection.reset();
    QVERIFY(refresh.isNull());
}

void TestConnection::heartbeatFromAnotherConnectionMovesTheDeadline()
{
    Simulator& sim = m_sim->fixture.simulator();
    auto window = connect(u"window"_s);
    auto terminal = connect(u"terminal"_s);
    QVERIFY(refreshed(window.get()));
    QVERIFY(refreshed(terminal.get()));
    const QString id = LaunchScenario::waitingInstances(sim, u"api"_s).value(0);
    const QDateTime before = window->store()->pendingAction(u"api"_s, id)->estimate.deadline;

    sim.advance(600);
    BulkActionJob* job = terminal->actions()->heartbeat({ { u"api"_s, u"bootstrap"_s, id, {} } });
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);

    // The window's connection never saw the request; it reads the heartbeat from the audit log after its refresh.
    QVERIFY(refreshed(window.get()));
    const PendingAction* after = window->store()->pendingAction(u"api"_s, id);
    QVERIFY(after);
    QVERIFY2(
        after->estimate.deadline > before.addSecs(300), qPrintable(after->estimate.deadline.toString(Qt::ISODate)));
    QVERIFY(qAbs(after->estimate.deadline.secsTo(sim.now().addSecs(1800))) <= 2);
    QTRY_VERIFY(!terminal->store()->isRefreshing());
}

void TestConnection::tearDownDuringBulkActionRecordsEveryOutcome()
{
    Simulator& sim = m_sim->fixture.simulator();
    SimFaults slow;
    slow.latencyMs = 150; // the answers are still out when the connection goes
    sim.setFaults(slow);
    auto connection = connect(u"window"_s);
    QVERIFY(refreshed(connection.get()));
    QList<LifecycleActionTarget> targets;
    for (const QString& id : LaunchScenario::waitingInstances(sim, u"api"_s))
        targets.append({ u"api"_s, u"bootstrap"_s, id, {} });
    connection->actions()->setMaxConcurrentRequests(1);
    QPointer<BulkActionJob> job = connection->actions()->complete(targets, u"CONTINUE"_s);
    QTRY_VERIFY(!m_sim->audit->readAll().isEmpty()); // the first intent is on disk: it was sent
    QVERIFY(connection->isBusy());
    connection.reset();

    // Every intent has its final record: sent ones may or may not have been applied, queued ones were not sent.
    const QList<AuditRecord> records = m_sim->audit->readAll();
    int intents = 0;
    int outcomes = 0;
    for (const AuditRecord& record : records) {
        if (record.phase == u"intent"_s)
            ++intents;
        else
            ++outcomes;
    }
    QVERIFY(intents >= 1);
    QCOMPARE(outcomes, intents);
    // Nothing was applied that was not sent: the queued instances still wait.
    QVERIFY(LaunchScenario::waitingInstances(sim, u"api"_s).size() >= 3 - intents);
}

void TestConnection::keepAlivesCountAsBusyAndStopWithTheConnection()
{
    Simulator& sim = m_sim->fixture.simulator();
    auto connection = connect(u"window"_s);
    QVERIFY(refreshed(connection.get()));
    const QString id = LaunchScenario::waitingInstances(sim, u"api"_s).value(0);
    QPointer<KeepAlive> keepAlive
        = connection->keepAlives()->start({ u"api"_s, u"bootstrap"_s, id, {} }, sim.now().addSecs(3600));
    QVERIFY(keepAlive);
    QCOMPARE(connection->runningKeepAlives(), 1);
    QVERIFY(connection->isBusy());
    connection.reset();
    QVERIFY(keepAlive.isNull()); // stopped and deleted with its connection: no heartbeat after the window closed
}

QTEST_GUILESS_MAIN(TestConnection)
#include "tst_connection.moc"
