// KeepAlive against the in-process simulator with its clock running 60 times faster than real time (and the
// keep-alive's timers scaled to match): the number of heartbeats a duration gives, and each way a keep-alive ends
// (duration, the instance leaving the wait, the GlobalTimeout, stop()), with intent + outcome in the audit log for
// every heartbeat sent.
#include "actioncontroller.h"
#include "keepalive.h"
#include "launchscenario.h"
#include "simengine.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

namespace {

// batch: a 60 s hook (a heartbeat every 30 s); short: a 30 s hook whose wait began 2950 s ago, so its global
// timeout (100 × 30 s = 3000 s) is 50 s away.
const QByteArray Scenario = R"({ "groups": [
  { "name": "batch", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "drain", "transition": "launching", "heartbeatTimeout": 60, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "elapsed": 10 } ] },
  { "name": "short", "minSize": 0, "maxSize": 10,
    "hooks": [ { "name": "quick", "transition": "launching", "heartbeatTimeout": 30, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "Pending:Wait", "elapsed": 2950 } ] }
] })";

constexpr double TimeScale = 60;

SimulatorOptions fastClock()
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.timeScale = TimeScale;
    return options;
}

} // namespace

class TestKeepAlive : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    std::unique_ptr<ActionController> m_controller;

    // A keep-alive of the group's waiting instance until `seconds` from now, started with the simulator's clock.
    std::unique_ptr<KeepAlive> keepAlive(const QString& group, qint64 seconds)
    {
        const QString id = LaunchScenario::waitingInstances(m_sim->fixture.simulator(), group).value(0);
        auto keepAlive = std::make_unique<KeepAlive>(m_controller.get(), m_sim->store.get(),
            LifecycleActionTarget { group, {}, id, {} }, m_sim->fixture->now().addSecs(seconds));
        keepAlive->setTimeScale(TimeScale);
        m_sim->fixture->setClockRunning(true);
        keepAlive->start();
        return keepAlive;
    }

    static bool waitFinished(KeepAlive* keepAlive)
    {
        QSignalSpy finished(keepAlive, &KeepAlive::finished);
        return keepAlive->isFinished() || finished.wait(20000);
    }

    // Every heartbeat intent has its outcome; returns the number of "done" outcomes.
    int auditedHeartbeats()
    {
        int intents = 0;
        int outcomes = 0;
        int done = 0;
        for (const AuditRecord& record : m_sim->audit->readAll()) {
            if (record.action != u"RecordLifecycleActionHeartbeat"_s)
                continue;
            if (record.phase == u"intent"_s)
                ++intents;
            else if (record.phase == u"outcome"_s) {
                ++outcomes;
                done += record.outcome == u"done"_s ? 1 : 0;
            }
        }
        return intents == outcomes ? done : -1;
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>(fastClock());
        QString error;
        QVERIFY2(m_sim->start(Scenario, &error), qPrintable(error));
        QVERIFY(m_sim->refresh());
        m_controller = std::make_unique<ActionController>(m_sim->session.get(), m_sim->store.get(), m_sim->audit.get());
    }

    void cleanup()
    {
        m_sim->fixture->setClockRunning(false);
        m_controller.reset();
        m_sim.reset();
    }

    void plannedCount()
    {
        const QDateTime from = QDateTime::currentDateTimeUtc();
        QCOMPARE(KeepAlive::plannedHeartbeats(60, from, from.addSecs(100)), 4); // at 0, 30, 60, 90 s
        QCOMPARE(KeepAlive::plannedHeartbeats(3600, from, from.addSecs(5400)), 3);
        QCOMPARE(KeepAlive::plannedHeartbeats(60, from, from), 0);
    }

    // 100 s with a 60 s hook: heartbeats at 0, 30, 60 and 90 s, then the duration ends it, the instance still waiting.
    void durationSendsTheExpectedNumber()
    {
        auto keepAlive = this->keepAlive(u"batch"_s, 100);
        QSignalSpy sent(keepAlive.get(), &KeepAlive::heartbeatSent);
        QVERIFY(waitFinished(keepAlive.get()));
        QCOMPARE(keepAlive->stopReason(), KeepAlive::StopReason::Duration);
        QVERIFY(keepAlive->endedNormally());
        QCOMPARE(keepAlive->heartbeatsSent(), 4);
        QCOMPARE(sent.count(), 4);
        for (const QList<QVariant>& round : std::as_const(sent))
            QVERIFY2(round.at(1).toBool(), qPrintable(round.at(2).toString()));
        QCOMPARE(keepAlive->intervalSeconds(), 30);
        QCOMPARE(auditedHeartbeats(), 4);
        QVERIFY(m_sim->fixture->lifecycleState(keepAlive->target().instanceId).endsWith(u":Wait"_s));
    }

    // Someone else completes the instance after the second heartbeat: the next read notices, nothing more is sent.
    void instanceLeavesTheWait()
    {
        auto keepAlive = this->keepAlive(u"batch"_s, 3600);
        const QString id = keepAlive->target().instanceId;
        connect(keepAlive.get(), &KeepAlive::heartbeatSent, this, [this, id](int round) {
            if (round == 2) {
                QVERIFY(m_sim->fixture->engine().completeAction(u"batch"_s, u"drain"_s, {}, id, u"CONTINUE"_s));
            }
        });
        QVERIFY(waitFinished(keepAlive.get()));
        QCOMPARE(keepAlive->stopReason(), KeepAlive::StopReason::LeftWait);
        QVERIFY(keepAlive->endedNormally());
        QCOMPARE(keepAlive->heartbeatsSent(), 2);
        QCOMPARE(auditedHeartbeats(), 2);
        QVERIFY2(keepAlive->stopMessage().contains(id), qPrintable(keepAlive->stopMessage()));
    }

    // The global deadline is 50 s away: heartbeats at 0 and 15 s still extend the wait, the one at 30 s reaches the
    // global deadline, after which another heartbeat would change nothing.
    void globalTimeoutMakesHeartbeatsUseless()
    {
        auto keepAlive = this->keepAlive(u"short"_s, 3600);
        QVERIFY(waitFinished(keepAlive.get()));
        QCOMPARE(keepAlive->stopReason(), KeepAlive::StopReason::GlobalTimeout);
        QVERIFY(!keepAlive->endedNormally());
        QCOMPARE(keepAlive->heartbeatsSent(), 3);
        QCOMPARE(auditedHeartbeats(), 3);
        QVERIFY2(keepAlive->stopMessage().contains(u"global timeout"_s), qPrintable(keepAlive->stopMessage()));
    }

    // stop() while a heartbeat is in flight: its answer is awaited and audited, then nothing more is sent.
    void stopWaitsForTheHeartbeatInFlight()
    {
        auto keepAlive = this->keepAlive(u"batch"_s, 3600);
        KeepAlive* raw = keepAlive.get();
        int started = 0;
        connect(m_controller.get(), &ActionController::jobStarted, this, [raw, &started] {
            if (++started == 2)
                raw->stop();
        });
        QVERIFY(waitFinished(keepAlive.get()));
        QCOMPARE(keepAlive->stopReason(), KeepAlive::StopReason::Stopped);
        QVERIFY(keepAlive->endedNormally());
        QCOMPARE(keepAlive->heartbeatsSent(), 2);
        QCOMPARE(auditedHeartbeats(), 2);
        QTest::qWait(int(60 * 1000 / TimeScale)); // a full interval: no third heartbeat
        QCOMPARE(auditedHeartbeats(), 2);
    }

    // Read-only mode: the controller refuses, the keep-alive ends as failed at once, nothing sent.
    void readOnlyFails()
    {
        m_sim->session->setReadOnly(true);
        auto keepAlive = this->keepAlive(u"batch"_s, 3600);
        QVERIFY(waitFinished(keepAlive.get()));
        QCOMPARE(keepAlive->stopReason(), KeepAlive::StopReason::Failed);
        QCOMPARE(keepAlive->heartbeatsSent(), 0);
        QCOMPARE(auditedHeartbeats(), 0);
    }
};

QTEST_MAIN(TestKeepAlive)
#include "tst_keepalive.moc"
