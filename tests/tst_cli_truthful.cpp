// hookdesk-cli against the in-process simulator, as an operator who mistypes: a wrong group, hook, instance or
// transition is refused before anything is sent (exit 2, with what the instance waits on), a made-up token fails
// (exit 1) and leaves the instance waiting, a bulk action with one wrong target exits 5; every accepted action is
// verified ("done ✓", "verified": true); --all-pending --hook acts only on that hook's waiters.
#include "auditlog.h"
#include "auditrecords.h"
#include "launchscenario.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

#ifdef Q_OS_UNIX
#include <csignal>
#include <sys/resource.h>
#endif

using namespace Qt::StringLiterals;

using LaunchScenario::waitingInstances;

class TestCliTruthful : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_mutating; // mutating requests the simulator served

    CliRun complete(const QStringList& arguments) { return m_cli->run(QStringList { u"complete"_s } + arguments); }

    // A CONTINUE on an instance of api, sent 30 s ago by a run that was killed before it recorded the outcome.
    AuditRecord killedRunsIntent(const QString& instance, const QString& hook)
    {
        return AuditRecords::intent((*m_sim)->options().region, u"api"_s, hook, instance, u"CONTINUE"_s);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded((*m_sim)->loadScenario(LaunchScenario::Json), &error), qPrintable(error));
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        m_mutating.clear();
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"CompleteLifecycleAction"_s || action == u"RecordLifecycleActionHeartbeat"_s)
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void wrongTargetsAreRefusedWithExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("expected");
        QTest::newRow("unknown group and hook") << QStringList { u"--group"_s, u"nosuchgroup"_s, u"--hook"_s,
            u"nosuchhook"_s, u"--instance"_s, u"i-0123456789abcdef0"_s }
                                                << u"There is no Auto Scaling group named nosuchgroup in us-east-1."_s;
        QTest::newRow("typo in the hook")
            << QStringList { u"--group"_s, u"web"_s, u"--hook"_s, u"warmup"_s, u"--instance"_s, u"web:wait"_s }
            << u"Group web has no lifecycle hook named warmup. Its hooks: register (launching), warm-up (launching)."_s;
        QTest::newRow("instance of another group")
            << QStringList { u"--group"_s, u"api"_s, u"--instance"_s, u"web:wait"_s } << u"is not in group api."_s;
        QTest::newRow("instance not waiting") << QStringList { u"--group"_s, u"web"_s, u"--instance"_s,
            u"web:service"_s } << u"is not waiting on a lifecycle hook: it is InService."_s;
        QTest::newRow("all pending with an unknown hook") << QStringList { u"--group"_s, u"web"_s, u"--hook"_s,
            u"warmup"_s, u"--all-pending"_s, u"--yes"_s } << u"Group web has no lifecycle hook named warmup."_s;
        QTest::newRow("all pending in an unknown group") << QStringList { u"--group"_s, u"nosuchgroup"_s,
            u"--all-pending"_s, u"--yes"_s } << u"There is no Auto Scaling group named nosuchgroup"_s;
    }

    void wrongTargetsAreRefusedWithExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, expected);
        for (QString& argument : arguments) {
            if (argument == u"web:wait"_s)
                argument = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
            else if (argument == u"web:service"_s) {
                for (const SimInstanceInfo& info : (*m_sim)->instances(u"web"_s)) {
                    if (info.lifecycleState == u"InService"_s)
                        argument = info.instanceId;
                }
            }
        }
        const int waitingBefore = int((*m_sim)->pendingActions().size());
        const CliRun run = complete(arguments + QStringList { u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(QString(run.out + run.err).contains(expected), run.describe());
        QVERIFY2(!run.out.contains(u"already-completed"_s), run.describe());
        QVERIFY2(m_mutating.isEmpty(), qPrintable(m_mutating.join(u", "_s)));
        QCOMPARE(int((*m_sim)->pendingActions().size()), waitingBefore);
    }

    void madeUpTokenFailsWithExitOne()
    {
        const SimPendingAction action = (*m_sim)->pendingActions(u"api"_s).value(0);
        const CliRun run = complete({ u"--group"_s, u"api"_s, u"--hook"_s, u"bootstrap"_s, u"--token"_s,
            u"11111111-2222-3333-4444-555555555555"_s, u"--result"_s, u"CONTINUE"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 1, run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"failed"_s);
        QCOMPARE(item.value(u"verified"_s).toBool(true), false);
        QCOMPARE(item.value(u"error"_s).toObject().value(u"code"_s).toString(), u"ValidationError"_s);
        QCOMPARE(m_mutating.size(), 1);
        QCOMPARE((*m_sim)->lifecycleState(action.instanceId), u"Pending:Wait"_s);
        QCOMPARE((*m_sim)->pendingActions(u"api"_s).size(), 3);
    }

    void bulkWithOneWrongTargetExitsFive()
    {
        const QStringList api = waitingInstances(m_sim->simulator(), u"api"_s);
        const QString web = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        const CliRun run = complete({ u"--group"_s, u"api"_s, u"--instance"_s, api.at(0), web, u"--result"_s,
            u"CONTINUE"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 5, run.describe());
        const QJsonObject summary = run.json().value(u"summary"_s).toObject();
        QCOMPARE(summary.value(u"done"_s).toInt(), 1);
        QCOMPARE(summary.value(u"refused"_s).toInt(), 1);
        QCOMPARE(summary.value(u"verified"_s).toInt(), 1);
        QCOMPARE(m_mutating.size(), 1); // only the right one was sent
        QCOMPARE((*m_sim)->lifecycleState(web), u"Pending:Wait"_s);
    }

    void acceptedActionsAreVerified()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        const CliRun json = complete({ u"--group"_s, u"api"_s, u"--instance"_s, instance, u"--result"_s, u"CONTINUE"_s,
            u"--output"_s, u"json"_s });
        QVERIFY2(json.exitCode == 0, json.describe());
        const QJsonObject item = json.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(item.value(u"verified"_s).toBool(), true);
        QVERIFY2(item.value(u"message"_s).toString().contains(u"Pending:Proceed"_s), json.describe());

        const QString other = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        const CliRun table = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"api"_s, u"--instance"_s, other });
        QVERIFY2(table.exitCode == 0, table.describe());
        QVERIFY2(table.out.contains(u"done ✓"_s), table.describe());

        // A second completion of the same instance: already completed, exit 0 — never "done" again.
        const CliRun again
            = complete({ u"--group"_s, u"api"_s, u"--instance"_s, instance, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(again.exitCode == 0, again.describe());
        QVERIFY2(again.out.contains(u"already-completed"_s), again.describe());
    }

    void interruptedIntentsAreReconciledOnce()
    {
        // A run killed between sending and recording: two intents without an outcome, written by a gone process.
        // One of them reached AWS (the instance left its wait: completed here through another log), one did not.
        const QStringList waiting = waitingInstances(m_sim->simulator(), u"api"_s);
        QVERIFY(waiting.size() >= 2);
        const QString mainLog = m_cli->auditPath;
        m_cli->auditPath = m_cli->dir.filePath(u"elsewhere.jsonl"_s);
        QCOMPARE(
            complete({ u"--group"_s, u"api"_s, u"--instance"_s, waiting.at(0), u"--result"_s, u"CONTINUE"_s }).exitCode,
            0);
        m_cli->auditPath = mainLog;
        AuditLog log(mainLog);
        for (const QString& instance : waiting.mid(0, 2))
            QVERIFY(log.append(killedRunsIntent(instance, {})));

        const CliRun first = m_cli->run({ u"pending"_s, u"--output"_s, u"json"_s });
        QVERIFY2(first.exitCode == 0, first.describe());
        const QJsonArray interrupted = first.json().value(u"interrupted"_s).toArray();
        QCOMPARE(interrupted.size(), 2);
        QCOMPARE(interrupted.at(0).toObject().value(u"instanceId"_s).toString(), waiting.at(0));
        QCOMPARE(interrupted.at(0).toObject().value(u"outcome"_s).toString(), u"applied"_s);
        QCOMPARE(interrupted.at(1).toObject().value(u"outcome"_s).toString(), u"not-applied"_s);
        QVERIFY2(first.err.contains(u"interrupted"_s), first.describe());
        int reconciled = 0;
        for (const AuditRecord& record : log.readAll())
            reconciled += record.phase == u"reconciled"_s ? 1 : 0;
        QCOMPARE(reconciled, 2);

        // Told once: the next run finds every intent settled.
        const CliRun second = m_cli->run({ u"pending"_s, u"--output"_s, u"json"_s });
        QVERIFY2(second.exitCode == 0, second.describe());
        QVERIFY(second.json().value(u"interrupted"_s).toArray().isEmpty());
        QVERIFY2(!second.err.contains(u"interrupted"_s), second.describe());
    }

    // Every send is visible: a request lost before it reached the service is read back, sent again as attempt 2,
    // shown twice by --verbose and recorded with both intents; the service applied it once.
    void everySendIsVisible()
    {
        const QString id = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        (*m_sim)->injectFault(SimFault::Drop, 1, u"CompleteLifecycleAction"_s);
        const CliRun run = m_cli->run({ u"--verbose"_s, u"--output"_s, u"json"_s, u"complete"_s, u"--group"_s, u"api"_s,
            u"--instance"_s, id, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.err.count(u"-> CompleteLifecycleAction"_s), 2);
        const QList<SimLedgerEntry> ledger = (*m_sim)->ledger();
        QCOMPARE(ledger.size(), 1);
        QCOMPARE(ledger.constFirst().instanceId, id);
        QList<int> attempts;
        for (const AuditRecord& record : AuditLog(m_cli->auditPath).readAll()) {
            if (record.phase == u"intent"_s && record.instance == id)
                attempts.append(record.attempt);
        }
        QCOMPARE(attempts, (QList<int> { 1, 2 }));
    }

    // The service acted but the answer was lost: done, verified by reading back, and the audit record says so.
    void lostAnswerIsNotedInTheAuditLog()
    {
        const QString id = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        (*m_sim)->injectFault(SimFault::DropAfterApplying, 1, u"CompleteLifecycleAction"_s);
        const CliRun run = complete({ u"--group"_s, u"api"_s, u"--instance"_s, id, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE((*m_sim)->ledger().size(), 1);
        QVERIFY((*m_sim)->ledger().constFirst().answerLost);
        const QList<AuditRecord> records = AuditLog(m_cli->auditPath).readAll();
        QVERIFY(!records.isEmpty());
        const AuditRecord& outcome = records.constLast();
        QCOMPARE(outcome.phase, u"outcome"_s);
        QCOMPARE(outcome.outcome, u"done"_s);
        QCOMPARE(outcome.verified, std::optional<bool>(true));
        QVERIFY2(outcome.note.contains(u"lost"_s), qPrintable(outcome.note));
    }

    // A Describe that fails is reported as that failure, never as "not found" or "not in the group".
    void describeFailureIsReportedAsItself()
    {
        const QString id = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        (*m_sim)->injectFault(SimFault::ServerError, 20, u"DescribeAutoScalingGroups"_s);
        (*m_sim)->injectFault(SimFault::ServerError, 20, u"DescribeAutoScalingInstances"_s);
        const CliRun run = complete({ u"--group"_s, u"api"_s, u"--instance"_s, id, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(run.exitCode != 0 && run.exitCode != 2, run.describe());
        QVERIFY2(run.out.contains(u"InternalFailure"_s) || run.err.contains(u"InternalFailure"_s), run.describe());
        QVERIFY2(!run.out.contains(u"not found"_s) && !run.err.contains(u"not found"_s), run.describe());
        QVERIFY2(!run.out.contains(u"not in group"_s) && !run.err.contains(u"not in group"_s), run.describe());
        QVERIFY((*m_sim)->ledger().isEmpty());
    }

    // Not only `pending`: every command that reads the inventory settles what a killed run left, before it does
    // its own work, and tells the operator on stderr.
    void everyInventoryCommandSettlesInterruptedIntents_data()
    {
        QTest::addColumn<QStringList>("command");
        QTest::newRow("groups") << QStringList { u"groups"_s };
        QTest::newRow("instances") << QStringList { u"instances"_s, u"--group"_s, u"web"_s };
        QTest::newRow("hooks") << QStringList { u"hooks"_s, u"--group"_s, u"web"_s };
        QTest::newRow("heartbeat") << QStringList { u"heartbeat"_s, u"--group"_s, u"api"_s, u"--all-pending"_s,
            u"--yes"_s };
        QTest::newRow("put-hook") << QStringList { u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"extra"_s,
            u"--transition"_s, u"launch"_s };
    }

    void everyInventoryCommandSettlesInterruptedIntents()
    {
        QFETCH(QStringList, command);
        const QStringList waiting = waitingInstances(m_sim->simulator(), u"api"_s);
        QVERIFY(!waiting.isEmpty());
        AuditLog log(m_cli->auditPath);
        const AuditRecord intent = killedRunsIntent(waiting.constFirst(), u"bootstrap"_s);
        QVERIFY(log.append(intent));

        const CliRun run = m_cli->run(command);
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.contains(u"interrupted"_s) && run.err.contains(waiting.constFirst()), run.describe());
        QList<AuditRecord> reconciled;
        for (const AuditRecord& record : log.readAll()) {
            if (record.phase == u"reconciled"_s)
                reconciled.append(record);
        }
        QCOMPARE(reconciled.size(), 1);
        QCOMPARE(reconciled.constFirst().id, intent.id);
        QCOMPARE(reconciled.constFirst().outcome, u"not-applied"_s); // the instance still waits
        QVERIFY2(!m_cli->run(command).err.contains(u"interrupted"_s), "told twice");
    }

#ifdef Q_OS_UNIX
    void outcomeNotRecordedExitsSix()
    {
        const QStringList waiting = waitingInstances(m_sim->simulator(), u"api"_s);
        QVERIFY(waiting.size() >= 2);
        // How long an intent line is (same group, same length of instance ID, same process).
        m_cli->auditPath = m_cli->dir.filePath(u"measure.jsonl"_s);
        QCOMPARE(
            complete({ u"--group"_s, u"api"_s, u"--instance"_s, waiting.at(0), u"--result"_s, u"CONTINUE"_s }).exitCode,
            0);
        QFile measure(m_cli->auditPath);
        QVERIFY(measure.open(QIODevice::ReadOnly));
        const qint64 intentBytes = measure.readLine().size();

        // A disk with room for the intent only (a file-size limit stands in for the full disk).
        m_cli->auditPath = m_cli->dir.filePath(u"full.jsonl"_s);
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit old {};
        ::getrlimit(RLIMIT_FSIZE, &old);
        rlimit limit = old;
        limit.rlim_cur = rlim_t(intentBytes);
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &limit) == 0);
        const CliRun run
            = complete({ u"--group"_s, u"api"_s, u"--instance"_s, waiting.at(1), u"--result"_s, u"CONTINUE"_s });
        QVERIFY(::setrlimit(RLIMIT_FSIZE, &old) == 0);
        QVERIFY2(run.exitCode == 6, run.describe());
        QVERIFY2(run.out.contains(u"done"_s), run.describe()); // the action's own result is still printed
        QVERIFY2(run.err.contains(u"outcome not recorded"_s), run.describe());
        // The disk stayed full until the command ended: only the intent is there (tst_auditlog covers the kept
        // record being written once there is room), and it is whole — no torn line.
        int skipped = -1;
        const QList<AuditRecord> records = AuditLog(m_cli->auditPath).readAll(&skipped);
        QCOMPARE(records.size(), 1);
        QCOMPARE(records.at(0).phase, u"intent"_s);
        QCOMPARE(skipped, 0);
    }
#endif

    void allPendingWithAHookActsOnItsWaitersOnly()
    {
        // web's waiting instance waits on warm-up and register; CONTINUE on register only leaves warm-up waiting.
        const QString web = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        const CliRun run = complete({ u"--group"_s, u"web"_s, u"--hook"_s, u"register"_s, u"--all-pending"_s,
            u"--yes"_s, u"--result"_s, u"CONTINUE"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray items = run.json().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 1);
        QCOMPARE(items.at(0).toObject().value(u"hook"_s).toString(), u"register"_s);
        QCOMPARE(items.at(0).toObject().value(u"instanceId"_s).toString(), web);
        QCOMPARE((*m_sim)->lifecycleState(web), u"Pending:Wait"_s);
        const QList<SimPendingAction> left = (*m_sim)->pendingActions(u"web"_s);
        QCOMPARE(left.size(), 1);
        QCOMPARE(left.constFirst().hookName, u"warm-up"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliTruthful)
#include "tst_cli_truthful.moc"
