// hookdesk-cli's instance refresh commands against the in-process simulator: `refreshes` shows a refresh stalled on
// a launch hook as waiting (table and JSON, with the instance and the hook), `refresh cancel|rollback` change the
// simulator's refresh as AWS would (checked on the engine), write an intent and an outcome audit record, and are
// refused with nothing sent in read-only mode, without an active refresh, for a group that does not exist, for a
// refresh in a state the operation cannot act on, and without a confirmation.
#include "auditlog.h"
#include "refreshscenario.h"
#include "simengine.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliRefresh : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_mutating; // refresh requests the simulator served

    SimEngine& engine() { return m_sim->simulator().engine(); }
    SimRefresh refresh(const QString& group) { return engine().instanceRefreshes(group)->value(0); }
    QList<AuditRecord> auditRecords() const
    {
        QList<AuditRecord> records;
        const QList<AuditRecord> all = AuditLog(m_cli->auditPath).readAll();
        for (const AuditRecord& record : all) {
            if (record.action.endsWith(u"InstanceRefresh"_s))
                records.append(record);
        }
        return records;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded((*m_sim)->loadScenario(RefreshScenario::Json), &error), qPrintable(error));
        (*m_sim)->advance(120); // the first replacement launches and waits on smoke-test
        QCOMPARE((*m_sim)->pendingActions(u"rollout"_s).size(), 1);
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        m_mutating.clear();
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"CancelInstanceRefresh"_s || action == u"RollbackInstanceRefresh"_s)
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void refreshesShowsTheStalledRefreshAsWaiting()
    {
        const QString waiting = (*m_sim)->pendingActions(u"rollout"_s).first().instanceId;
        const CliRun run = m_cli->run({ u"refreshes"_s, u"--group"_s, u"rollout"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.out.contains(refresh(u"rollout"_s).id));
        QVERIFY(run.out.contains(u"InProgress"_s));
        QVERIFY2(run.out.contains(u"yes: %1 (Pending:Wait: smoke-test)"_s.arg(waiting)), run.describe());
        QVERIFY(run.out.contains(u"Waiting for"_s)); // the reason, cut to the terminal's width

        const CliRun json = m_cli->run({ u"refreshes"_s, u"--group"_s, u"rollout"_s, u"--output"_s, u"json"_s });
        QVERIFY2(json.exitCode == 0, json.describe());
        QCOMPARE(json.json().value(u"group"_s).toString(), u"rollout"_s);
        const QJsonObject item = json.json().value(u"refreshes"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"instanceRefreshId"_s).toString(), refresh(u"rollout"_s).id);
        QCOMPARE(item.value(u"status"_s).toString(), u"InProgress"_s);
        QCOMPARE(item.value(u"percentageComplete"_s).toInt(-1), 0);
        QCOMPARE(item.value(u"instancesToUpdate"_s).toInt(), 4);
        QCOMPARE(item.value(u"minHealthyPercentage"_s).toInt(), 75);
        QVERIFY(item.value(u"active"_s).toBool());
        QVERIFY(item.value(u"waitingOnLifecycleActions"_s).toBool());
        QCOMPARE(item.value(u"waitingInstances"_s).toArray().at(0).toString(),
            u"%1 (Pending:Wait: smoke-test)"_s.arg(waiting));
        QVERIFY(item.value(u"rollback"_s).isNull());

        // Completed, the hook no longer holds it: the batch moves on and the next replacement waits instead.
        QVERIFY(engine().completeAction(u"rollout"_s, u"smoke-test"_s, {}, waiting, u"CONTINUE"_s));
        (*m_sim)->advance(120);
        const CliRun after = m_cli->run({ u"refreshes"_s, u"--group"_s, u"rollout"_s, u"--output"_s, u"json"_s });
        const QJsonObject moved = after.json().value(u"refreshes"_s).toArray().at(0).toObject();
        QCOMPARE(moved.value(u"percentageComplete"_s).toInt(), 25);
        QVERIFY(!moved.value(u"waitingInstances"_s).toArray().at(0).toString().contains(waiting));
    }

    void refreshesOfAGroupWithoutAny()
    {
        const CliRun run = m_cli->run({ u"refreshes"_s, u"--group"_s, u"quiet"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"has no instance refreshes"_s));
        const CliRun json = m_cli->run({ u"refreshes"_s, u"--group"_s, u"quiet"_s, u"--output"_s, u"json"_s });
        QCOMPARE(json.json().value(u"refreshes"_s).toArray().size(), 0);
        const CliRun unknown = m_cli->run({ u"refreshes"_s, u"--group"_s, u"nosuchgroup"_s });
        QCOMPARE(unknown.exitCode, 1);
        QVERIFY(unknown.err.contains(u"no Auto Scaling group named 'nosuchgroup'"_s));
    }

    void cancelWithYes()
    {
        const QString id = refresh(u"rollout"_s).id;
        const CliRun run = m_cli->run(
            { u"refresh"_s, u"cancel"_s, u"--group"_s, u"rollout"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"starts no new ones"_s));
        QVERIFY(run.err.contains(u"waiting on lifecycle actions of i-"_s));
        QCOMPARE(refresh(u"rollout"_s).status, u"Cancelling"_s);
        QCOMPARE(m_mutating, QStringList { u"CancelInstanceRefresh"_s });
        const QJsonObject document = run.json();
        QCOMPARE(document.value(u"operation"_s).toString(), u"refresh cancel"_s);
        QCOMPARE(document.value(u"instanceRefreshId"_s).toString(), id);
        QCOMPARE(document.value(u"outcome"_s).toString(), u"done"_s);
        QVERIFY(document.value(u"verified"_s).toBool());
        QCOMPARE(document.value(u"statusBefore"_s).toString(), u"InProgress"_s);
        QCOMPARE(document.value(u"statusAfter"_s).toString(), u"Cancelling"_s);

        const QList<AuditRecord> records = auditRecords();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(records.at(0).action, u"CancelInstanceRefresh"_s);
        QCOMPARE(records.at(0).group, u"rollout"_s);
        QCOMPARE(records.at(0).account, (*m_sim)->options().accountId);
        QVERIFY(records.at(0).note.contains(id));
        QCOMPARE(records.at(1).phase, u"outcome"_s);
        QCOMPARE(records.at(1).id, records.at(0).id);
        QCOMPARE(records.at(1).outcome, u"done"_s);
        QCOMPARE(records.at(1).verified, std::optional<bool>(true));
    }

    void rollbackWithYes()
    {
        const CliRun run = m_cli->run({ u"refresh"_s, u"rollback"_s, u"--group"_s, u"rollout"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY(run.err.contains(u"previous configuration"_s));
        QVERIFY(run.out.contains(u"done ✓"_s));
        QCOMPARE(refresh(u"rollout"_s).status, u"RollbackInProgress"_s);
        QCOMPARE(m_mutating, QStringList { u"RollbackInstanceRefresh"_s });
        QCOMPARE(auditRecords().size(), 2);
        QCOMPARE(auditRecords().at(1).action, u"RollbackInstanceRefresh"_s);
    }

    void refusedWithNothingSent_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<bool>("cancelFirst"); // the refresh is Cancelling before the command runs
        QTest::newRow("cancel, read-only")
            << QStringList { u"--read-only"_s, u"refresh"_s, u"cancel"_s, u"--group"_s, u"rollout"_s }
            << u"read-only mode: nothing was sent"_s << false;
        QTest::newRow("rollback, read-only")
            << QStringList { u"refresh"_s, u"rollback"_s, u"--read-only"_s, u"--group"_s, u"rollout"_s }
            << u"read-only mode: nothing was sent"_s << false;
        QTest::newRow("cancel, no active refresh")
            << QStringList { u"refresh"_s, u"cancel"_s, u"--group"_s, u"quiet"_s }
            << u"group quiet has no active instance refresh"_s << false;
        QTest::newRow("rollback, no active refresh")
            << QStringList { u"refresh"_s, u"rollback"_s, u"--group"_s, u"quiet"_s }
            << u"group quiet has no active instance refresh"_s << false;
        QTest::newRow("cancel, unknown group")
            << QStringList { u"refresh"_s, u"cancel"_s, u"--group"_s, u"nosuchgroup"_s }
            << u"Auto Scaling group nosuchgroup does not exist"_s << false;
        QTest::newRow("rollback, cancelling") << QStringList { u"refresh"_s, u"rollback"_s, u"--group"_s, u"rollout"_s }
                                              << u"is Cancelling and cannot be rolled back"_s << true;
    }

    void refusedWithNothingSent()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        QFETCH(bool, cancelFirst);
        if (cancelFirst)
            QVERIFY(engine().cancelInstanceRefresh(u"rollout"_s));
        const QString statusBefore = refresh(u"rollout"_s).status;
        const int requestsBefore = (*m_sim)->requestCount();
        const CliRun run = m_cli->run(arguments + QStringList { u"--yes"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(expected), run.describe());
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(refresh(u"rollout"_s).status, statusBefore);
        if (arguments.contains(u"--read-only"_s))
            QCOMPARE((*m_sim)->requestCount(), requestsBefore); // not even a read
        QVERIFY(auditRecords().isEmpty());
    }

    void withoutYesOffATerminalNothingIsSent()
    {
        const CliRun run = m_cli->run({ u"refresh"_s, u"cancel"_s, u"--group"_s, u"rollout"_s });
        QCOMPARE(run.exitCode, 2);
        QVERIFY(run.err.contains(u"without --yes"_s));
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(refresh(u"rollout"_s).status, u"InProgress"_s);
    }

    void confirmedOnATerminalByTypingTheGroup()
    {
        m_cli->terminal = true;
        m_cli->input = "quiet\n"; // another group's name is not a confirmation
        const CliRun wrong = m_cli->run({ u"refresh"_s, u"cancel"_s, u"--group"_s, u"rollout"_s });
        QCOMPARE(wrong.exitCode, 2);
        QVERIFY(m_mutating.isEmpty());
        m_cli->input = "rollout\n";
        const CliRun run = m_cli->run({ u"refresh"_s, u"cancel"_s, u"--group"_s, u"rollout"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(refresh(u"rollout"_s).status, u"Cancelling"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliRefresh)
#include "tst_cli_refresh.moc"
