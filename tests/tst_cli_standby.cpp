// hookdesk-cli's `set-health` and `standby enter|exit` against the in-process simulator: each changes the
// simulator's state as AWS would (checked on the engine: a replacement through the terminating hooks, the desired
// capacity, the launch hooks running again on the way out of Standby), says what AWS will do before it acts,
// writes an intent and an outcome audit record per instance, and refuses read-only mode, a wrong group, a stranger,
// an instance in the wrong state, a capacity bound and a mistyped --status with no request sent.
#include "auditrecords.h"
#include "simengine.h"
#include "tst_cli_simsession.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliStandby : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_mutating; // SetInstanceHealth / EnterStandby / ExitStandby requests the simulator served

    SimEngine& engine() { return m_sim->simulator().engine(); }
    QString inService(const QString& group) { return LaunchScenario::inServiceInstance(m_sim->simulator(), group); }
    QString lifecycleState(const QString& id) { return m_sim->simulator().lifecycleState(id); }
    // The web group's InService instance, moved to Standby (desired capacity lowered) behind the CLI's back.
    QString standbyInstance()
    {
        const QString id = inService(u"web"_s);
        if (!engine().enterStandby(u"web"_s, { id }, true))
            return {};
        m_sim->simulator().advance(3);
        return lifecycleState(id) == u"Standby"_s ? id : QString();
    }
    QList<AuditRecord> auditRecords(const QString& action) const
    {
        return AuditRecords::ofAction(m_cli->auditPath, action);
    }
    static QJsonObject firstItem(const CliRun& run) { return run.json().value(u"items"_s).toArray().at(0).toObject(); }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
        m_mutating.clear();
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"SetInstanceHealth"_s || action == u"EnterStandby"_s || action == u"ExitStandby"_s)
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void unhealthyIsReplacedThroughTheTerminatingHook()
    {
        QVERIFY(m_sim->simulator().putLifecycleHook(
            u"web"_s, u"drain"_s, QString::fromLatin1(LifecycleTransition::Terminating), 600, u"CONTINUE"_s));
        const QString id = inService(u"web"_s);
        const qsizetype instancesBefore = engine().instancesOf(u"web"_s).size();
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const CliRun run = m_cli->run({ u"set-health"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--status"_s,
            u"Unhealthy"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"the group terminates and replaces it; its terminating hooks run first"_s));
        // The simulator: marked, on its way out, replaced at the same desired capacity.
        QCOMPARE(engine().instance(id)->healthStatus, u"Unhealthy"_s);
        QCOMPARE(lifecycleState(id), u"Terminating"_s);
        QCOMPARE(engine().instancesOf(u"web"_s).size(), instancesBefore + 1);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        QCOMPARE(m_mutating, QStringList { u"SetInstanceHealth"_s });
        m_sim->simulator().advance(3);
        QCOMPARE(lifecycleState(id), u"Terminating:Wait"_s); // the terminating hook runs

        const QJsonObject document = run.json();
        QCOMPARE(document.value(u"operation"_s).toString(), u"set-health"_s);
        QCOMPARE(document.value(u"healthStatus"_s).toString(), u"Unhealthy"_s);
        QCOMPARE(firstItem(run).value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(firstItem(run).value(u"verified"_s).toBool());
        QCOMPARE(firstItem(run).value(u"state"_s).toString(), u"Terminating"_s);
        const QList<AuditRecord> records = auditRecords(u"SetInstanceHealth"_s);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(records.at(1).phase, u"outcome"_s);
        QCOMPARE(records.at(1).id, records.at(0).id);
        QCOMPARE(records.at(0).instance, id);
        QVERIFY(records.at(0).note.contains(u"HealthStatus=Unhealthy"_s));
        QCOMPARE(records.at(1).verified, std::optional<bool>(true));
    }

    void healthyKeepsTheInstanceInService()
    {
        const QString id = inService(u"web"_s);
        const CliRun run = m_cli->run(
            { u"set-health"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--status"_s, u"healthy"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"Healthy: the group keeps it in service"_s));
        QVERIFY(run.out.contains(u"done ✓"_s));
        QCOMPARE(lifecycleState(id), u"InService"_s);
        QCOMPARE(engine().instance(id)->healthStatus, u"Healthy"_s);
        QCOMPARE(m_mutating.size(), 1);
    }

    void enterStandbyDecrementingCapacity()
    {
        const QString id = inService(u"web"_s);
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const qsizetype instancesBefore = engine().instancesOf(u"web"_s).size();
        const CliRun run = m_cli->run({ u"standby"_s, u"enter"_s, u"--group"_s, u"web"_s, u"--instance"_s, id,
            u"--decrement-desired-capacity"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(
            run.err.contains(u"lowers desired capacity from %1 to %2: no replacement"_s.arg(desired).arg(desired - 1)));
        QCOMPARE(lifecycleState(id), u"EnteringStandby"_s);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired - 1);
        QCOMPARE(engine().instancesOf(u"web"_s).size(), instancesBefore); // nothing launched
        const QJsonObject document = run.json();
        QCOMPARE(document.value(u"operation"_s).toString(), u"standby enter"_s);
        QCOMPARE(document.value(u"desiredCapacityBefore"_s).toInt(), desired);
        QCOMPARE(document.value(u"desiredCapacityAfter"_s).toInt(), desired - 1);
        QVERIFY(firstItem(run).value(u"verified"_s).toBool());
        const SimActivity* activity = engine().activity(firstItem(run).value(u"activityId"_s).toString());
        QVERIFY(activity);
        QCOMPARE(activity->description, u"Moving EC2 instance to Standby: "_s + id);
        QVERIFY(auditRecords(u"EnterStandby"_s).at(0).note.contains(u"ShouldDecrementDesiredCapacity=true"_s));
        m_sim->simulator().advance(3);
        QCOMPARE(lifecycleState(id), u"Standby"_s);
    }

    void enterStandbyLaunchesAReplacement()
    {
        const QString id = inService(u"web"_s);
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const qsizetype instancesBefore = engine().instancesOf(u"web"_s).size();
        const CliRun run
            = m_cli->run({ u"standby"_s, u"enter"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.contains(u"desired capacity stays %1, so the group launches 1 replacement"_s.arg(desired)),
            run.describe());
        QCOMPARE(lifecycleState(id), u"EnteringStandby"_s);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        QCOMPARE(engine().instancesOf(u"web"_s).size(), instancesBefore + 1);
        QCOMPARE(m_mutating, QStringList { u"EnterStandby"_s });
    }

    void exitStandbyRunsTheLaunchHooksAgain()
    {
        const QString id = standbyInstance();
        QVERIFY(!id.isEmpty());
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const CliRun run = m_cli->run({ u"standby"_s, u"exit"_s, u"--group"_s, u"web"_s, u"--instance"_s, id,
            u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"its launch lifecycle hooks run again (Pending:Wait)"_s));
        QVERIFY(run.err.contains(u"desired capacity from %1 to %2"_s.arg(desired).arg(desired + 1)));
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired + 1);
        QCOMPARE(firstItem(run).value(u"state"_s).toString(), u"Pending"_s);
        QVERIFY(firstItem(run).value(u"verified"_s).toBool());
        QCOMPARE(run.json().value(u"desiredCapacityAfter"_s).toInt(), desired + 1);
        // Both of web's launch hooks hold it again, and the CLI's own listing shows it waiting.
        m_sim->simulator().advance(3);
        QCOMPARE(lifecycleState(id), u"Pending:Wait"_s);
        QCOMPARE(m_sim->simulator().pendingTokens(id).size(), 2);
        const CliRun pending = m_cli->run({ u"pending"_s, u"--group"_s, u"web"_s });
        QVERIFY2(pending.exitCode == 0, pending.describe());
        const QStringList lines = pending.out.split(u'\n');
        QVERIFY2(std::any_of(lines.cbegin(), lines.cend(),
                     [&id](const QString& line) { return line.contains(id) && line.contains(u"Pending:Wait"_s); }),
            pending.describe());
        QCOMPARE(auditRecords(u"ExitStandby"_s).size(), 2);
    }

    void theReadBackDecidesWhenTheAnswerIsLost()
    {
        // EnterStandby is applied, then answered 500: the group shows the instance on its way to Standby, so the
        // outcome is done (verified), with the error kept, rather than a failure.
        const QString id = inService(u"web"_s);
        m_sim->simulator().injectFault(SimFault::ServerErrorAfterApplying, 1, u"EnterStandby"_s);
        const CliRun run = m_cli->run({ u"standby"_s, u"enter"_s, u"--group"_s, u"web"_s, u"--instance"_s, id,
            u"--decrement-desired-capacity"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(lifecycleState(id), u"EnteringStandby"_s);
        const QJsonObject item = firstItem(run);
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(item.value(u"verified"_s).toBool());
        QVERIFY2(item.value(u"message"_s).toString().contains(u"the group shows the change"_s), run.describe());
        QVERIFY(item.value(u"error"_s).isObject());
        QCOMPARE(auditRecords(u"EnterStandby"_s).at(1).outcome, u"done"_s);
    }

    void refusedWithNothingSent_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        const QStringList health { u"set-health"_s, u"--status"_s, u"Unhealthy"_s };
        const QStringList enter { u"standby"_s, u"enter"_s };
        const QStringList exit { u"standby"_s, u"exit"_s };
        const QStringList web { u"--group"_s, u"web"_s, u"--instance"_s };
        QTest::newRow("set-health, read-only")
            << health + QStringList { u"--read-only"_s } + web + QStringList { u"web:inservice"_s }
            << u"read-only mode: nothing was sent"_s;
        QTest::newRow("standby enter, read-only")
            << QStringList { u"--read-only"_s } + enter + web + QStringList { u"web:inservice"_s }
            << u"read-only mode: nothing was sent"_s;
        QTest::newRow("standby exit, read-only")
            << QStringList { u"--read-only"_s } + exit + web + QStringList { u"web:standby"_s }
            << u"read-only mode: nothing was sent"_s;
        QTest::newRow("set-health, unknown group")
            << health + QStringList { u"--group"_s, u"nosuchgroup"_s, u"--instance"_s, u"web:inservice"_s }
            << u"Auto Scaling group nosuchgroup does not exist"_s;
        QTest::newRow("standby enter, instance of another group")
            << enter + web + QStringList { u"api:waiting"_s } << u"not an instance of group web"_s;
        QTest::newRow("standby exit, unknown instance") << exit + web + QStringList { u"i-0123456789abcdef0"_s }
                                                        << u"not an instance of group web: i-0123456789abcdef0"_s;
        QTest::newRow("standby enter, not InService")
            << enter + web + QStringList { u"web:waiting"_s } << u"only InService instances can enter Standby"_s;
        QTest::newRow("standby exit, not in Standby")
            << exit + web + QStringList { u"web:inservice"_s } << u"only Standby instances can exit Standby"_s;
        QTest::newRow("set-health, --status typo")
            << QStringList { u"set-health"_s, u"--status"_s, u"Unhelthy"_s } + web + QStringList { u"web:inservice"_s }
            << u"--status takes Healthy or Unhealthy, not \"Unhelthy\""_s;
    }

    void refusedWithNothingSent()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        const QString standby = arguments.contains(u"web:standby"_s) ? standbyInstance() : QString();
        const QString web = inService(u"web"_s);
        const QString waiting = LaunchScenario::waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        arguments.replaceInStrings(u"web:inservice"_s, web);
        arguments.replaceInStrings(u"web:standby"_s, standby);
        arguments.replaceInStrings(u"web:waiting"_s, waiting);
        arguments.replaceInStrings(
            u"api:waiting"_s, LaunchScenario::waitingInstances(m_sim->simulator(), u"api"_s).value(0));
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        const int requestsBefore = (*m_sim)->requestCount();
        const CliRun run = m_cli->run(arguments + QStringList { u"--yes"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), run.describe());
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired);
        if (!web.isEmpty()) {
            QCOMPARE(lifecycleState(web), u"InService"_s);
            QCOMPARE(engine().instance(web)->healthStatus, u"Healthy"_s);
        }
        if (!standby.isEmpty())
            QCOMPARE(lifecycleState(standby), u"Standby"_s);
        QCOMPARE(lifecycleState(waiting), u"Pending:Wait"_s);
        if (arguments.contains(u"--read-only"_s) || arguments.contains(u"Unhelthy"_s))
            QCOMPARE((*m_sim)->requestCount(), requestsBefore); // not even a read
        for (const QString& action : { u"SetInstanceHealth"_s, u"EnterStandby"_s, u"ExitStandby"_s })
            QVERIFY(auditRecords(action).isEmpty());
    }

    void capacityBoundsRefusedBeforeSending()
    {
        // min size = desired: entering Standby with the decrement would go below it.
        SimEngine::GroupSpec bounds;
        bounds.name = u"web"_s;
        bounds.minSize = engine().group(u"web"_s)->desiredCapacity;
        QVERIFY(engine().updateGroup(bounds));
        const QString id = inService(u"web"_s);
        const CliRun below = m_cli->run({ u"standby"_s, u"enter"_s, u"--group"_s, u"web"_s, u"--instance"_s, id,
            u"--decrement-desired-capacity"_s, u"--yes"_s });
        QCOMPARE(below.exitCode, 2);
        QVERIFY2(below.err.contains(u"below the group's min size"_s), below.describe());
        QCOMPARE(lifecycleState(id), u"InService"_s);

        // max size = desired after entering Standby with a replacement: exiting would go above it.
        bounds.minSize = 0;
        bounds.maxSize = engine().group(u"web"_s)->desiredCapacity;
        QVERIFY(engine().updateGroup(bounds));
        QVERIFY(engine().enterStandby(u"web"_s, { id }, false));
        m_sim->simulator().advance(3);
        const CliRun above
            = m_cli->run({ u"standby"_s, u"exit"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--yes"_s });
        QCOMPARE(above.exitCode, 2);
        QVERIFY2(above.err.contains(u"above the group's max size"_s), above.describe());
        QCOMPARE(lifecycleState(id), u"Standby"_s);
        QVERIFY(m_mutating.isEmpty());
    }

    void withoutYesOffATerminalNothingIsSent()
    {
        const QString id = inService(u"web"_s);
        const CliRun run = m_cli->run({ u"standby"_s, u"enter"_s, u"--group"_s, u"web"_s, u"--instance"_s, id });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"refusing to move instances to Standby without --yes"_s), run.describe());
        const CliRun health = m_cli->run(
            { u"set-health"_s, u"--group"_s, u"web"_s, u"--instance"_s, id, u"--status"_s, u"Unhealthy"_s });
        QCOMPARE(health.exitCode, 2);
        QVERIFY(health.err.contains(u"without --yes"_s));
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(lifecycleState(id), u"InService"_s);
    }

    void confirmedOnATerminalByTypingTheGroup()
    {
        const QString id = standbyInstance();
        QVERIFY(!id.isEmpty());
        m_cli->terminal = true;
        m_cli->input = "api\n"; // the wrong group: refused
        const CliRun wrong = m_cli->run({ u"standby"_s, u"exit"_s, u"--group"_s, u"web"_s, u"--instance"_s, id });
        QCOMPARE(wrong.exitCode, 2);
        QCOMPARE(lifecycleState(id), u"Standby"_s);
        m_cli->input = "web\n";
        const CliRun run = m_cli->run({ u"standby"_s, u"exit"_s, u"--group"_s, u"web"_s, u"--instance"_s, id });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(lifecycleState(id), u"Pending"_s);
        QCOMPARE(m_mutating, QStringList { u"ExitStandby"_s });
    }
};

QTEST_GUILESS_MAIN(TestCliStandby)
#include "tst_cli_standby.moc"
