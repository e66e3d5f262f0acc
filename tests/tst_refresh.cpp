// RefreshController: the interval setting, automatic refreshes, pause/resume around dialogs, no overlapping
// refreshes, and backoff while AWS throttles.
#include "refreshcontroller.h"
#include "tst_models_simsession.h"

#include <QSettings>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace {
const QByteArray Scenario = R"({ "groups": [ { "name": "web",
    "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600 } ],
    "instances": [ { "state": "Pending:Wait" } ] } ] })";
}

class TestRefresh : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;

    void startSim(int latencyMs = 0)
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.faults.latencyMs = latencyMs;
        m_sim = std::make_unique<SimSession>(options);
        QString error;
        QVERIFY2(m_sim->start(Scenario, &error), qPrintable(error));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(u"hookdesk-tests"_s);
        QCoreApplication::setApplicationName(u"tst_refresh"_s);
    }

    void init() { QSettings().remove(RefreshController::settingsKey()); }
    void cleanup() { m_sim.reset(); }

    void intervalFromSettings()
    {
        InventoryStore store(nullptr);
        QCOMPARE(RefreshController::settingsKey(), u"refresh/intervalSeconds"_s);
        QCOMPARE(RefreshController(&store).intervalSeconds(), 15);
        QSettings().setValue(RefreshController::settingsKey(), 40);
        QCOMPARE(RefreshController(&store).intervalSeconds(), 40);
        QSettings().setValue(RefreshController::settingsKey(), 1); // below the minimum: ignored
        QCOMPARE(RefreshController(&store).intervalSeconds(), 15);
        QSettings().setValue(RefreshController::settingsKey(), u"soon"_s);
        QCOMPARE(RefreshController(&store).intervalSeconds(), 15);

        RefreshController controller(&store);
        controller.setIntervalSeconds(25);
        QCOMPARE(QSettings().value(RefreshController::settingsKey()).toInt(), 25);
    }

    void refreshesOnItsOwn()
    {
        startSim();
        RefreshController controller(m_sim->store.get());
        controller.setIntervalSeconds(1);
        QSignalSpy started(m_sim->store.get(), &InventoryStore::refreshStarted);
        controller.start();
        QCOMPARE(started.count(), 1); // at once
        QVERIFY(controller.isActive());
        QTRY_VERIFY_WITH_TIMEOUT(started.count() >= 3, 5000);
        QVERIFY(controller.nextRefresh().isValid() || m_sim->store->isRefreshing());
        controller.stop();
        QTRY_VERIFY(!m_sim->store->isRefreshing());
        const int count = int(started.count());
        QTest::qWait(1500);
        QCOMPARE(started.count(), count);
        QVERIFY(!controller.nextRefresh().isValid());
    }

    void pausedWhileADialogIsOpen()
    {
        startSim();
        RefreshController controller(m_sim->store.get());
        controller.setIntervalSeconds(1);
        QSignalSpy started(m_sim->store.get(), &InventoryStore::refreshStarted);
        controller.start();
        QTRY_VERIFY(!m_sim->store->isRefreshing());
        controller.pause();
        controller.pause(); // a dialog over a dialog
        QVERIFY(controller.isPaused());
        QVERIFY(!controller.nextRefresh().isValid());
        const int count = int(started.count());
        QTest::qWait(2200);
        QCOMPARE(started.count(), count);
        controller.resume();
        QVERIFY(controller.isPaused());
        QTest::qWait(300);
        QCOMPARE(started.count(), count);
        controller.resume(); // overdue: refreshes at once
        QVERIFY(!controller.isPaused());
        QCOMPARE(started.count(), count + 1);
        controller.resume(); // unbalanced resume is harmless
        QVERIFY(!controller.isPaused());
    }

    void manualRefreshNeverOverlaps()
    {
        startSim(800);
        RefreshController controller(m_sim->store.get());
        controller.setIntervalSeconds(60);
        QSignalSpy started(m_sim->store.get(), &InventoryStore::refreshStarted);
        QSignalSpy finished(m_sim->store.get(), &InventoryStore::refreshFinished);
        controller.start();
        controller.refreshNow();
        controller.refreshNow();
        QCOMPARE(started.count(), 1);
        QVERIFY(finished.wait(10000));
        // The requests made during the first collapse into exactly one follow-up.
        QCOMPARE(started.count(), 2);
        QVERIFY(finished.wait(10000));
        QTest::qWait(300);
        QCOMPARE(started.count(), 2);
        QCOMPARE(finished.count(), 2);
    }

    void backsOffWhileThrottled()
    {
        startSim();
        RefreshController controller(m_sim->store.get());
        controller.setIntervalSeconds(5);
        QCOMPARE(controller.currentDelaySeconds(), 5);
        QSignalSpy finished(m_sim->store.get(), &InventoryStore::refreshFinished);
        SimFaults throttling;
        throttling.throttleAboveRps = 0.01; // every request is over the rate
        m_sim->fixture->setFaults(throttling);
        controller.start();
        QVERIFY(finished.wait(20000));
        QVERIFY(finished.constFirst().at(1).toBool());
        QCOMPARE(controller.currentDelaySeconds(), 10);
        const QDateTime next = controller.nextRefresh();
        QVERIFY(next.isValid());
        QVERIFY(QDateTime::currentDateTimeUtc().secsTo(next) > 7);

        // Throttled again: doubles, up to the cap; a clean refresh returns to the interval.
        controller.refreshNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(controller.currentDelaySeconds(), 20);
        m_sim->fixture->setFaults({});
        controller.refreshNow();
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.last().at(1).toBool(), false);
        QCOMPARE(controller.currentDelaySeconds(), 5);
    }
};

QTEST_GUILESS_MAIN(TestRefresh)
#include "tst_refresh.moc"
