// hookdesk-cli on groups with an instance lifecycle policy (issue 12 item 2), against the in-process simulator: the
// ABANDON confirmation says "retained, not terminated" where the group retains and "terminated" where it does not;
// an ABANDON (sent or by timeout) leaves Terminating:Retained; `terminate` ends a retained instance, its read-back
// counting only Terminating:Proceed / Terminated / gone as done; `groups`, `instances` and `pending` show the policy
// and the retained instance. Every outcome is checked on the simulator's state, not on the CLI's word.
#include "auditlog.h"
#include "simengine.h"
#include "tst_cli_simsession.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// ledger retains (one instance already retained, one waiting on its terminating hook, one waiting on launch);
// plain has no policy (one waiting on its terminating hook).
const QByteArray Scenario = R"({ "groups": [
  { "name": "ledger", "minSize": 1, "maxSize": 6,
    "instanceLifecyclePolicy": { "retentionTriggers": { "terminateHookAbandon": "retain" } },
    "hooks": [ { "name": "flush", "transition": "terminating", "heartbeatTimeout": 600, "defaultResult": "ABANDON" },
               { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 2 }, { "state": "Terminating:Retained", "elapsed": 900 },
                   { "state": "Terminating:Wait", "elapsed": 60 }, { "state": "Pending:Wait", "elapsed": 60 } ] },
  { "name": "plain", "minSize": 0, "maxSize": 6,
    "hooks": [ { "name": "flush", "transition": "terminating", "heartbeatTimeout": 600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Terminating:Wait", "elapsed": 60 } ] }
] })";
const QString kRetained = u"Terminating:Retained"_s;
} // namespace

class TestCliRetention : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_mutating;

    Simulator& sim() { return m_sim->simulator(); }
    QString inState(const QString& group, const QString& state)
    {
        for (const SimInstanceInfo& info : sim().instances(group)) {
            if (info.lifecycleState == state)
                return info.instanceId;
        }
        return {};
    }
    // `complete --result ABANDON` for one instance, confirmed on a terminal by typing 1.
    CliRun abandonOnTerminal(const QString& group, const QString& id)
    {
        m_cli->terminal = true;
        m_cli->input = "1\n";
        return m_cli->run({ u"complete"_s, u"--group"_s, group, u"--instance"_s, id, u"--result"_s, u"ABANDON"_s });
    }
    CliRun terminate(const QString& group, const QString& id, const QStringList& more = {})
    {
        return m_cli->run(QStringList { u"terminate"_s, u"--group"_s, group, u"--instance"_s, id, u"--yes"_s,
                              u"--output"_s, u"json"_s }
            + more);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error, Scenario), qPrintable(error));
        m_mutating.clear();
        connect(&sim(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"TerminateInstanceInAutoScalingGroup"_s || action == u"CompleteLifecycleAction"_s)
                m_mutating << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void abandonConfirmationSaysRetainedAndTheInstanceIsRetained()
    {
        const QString id = inState(u"ledger"_s, u"Terminating:Wait"_s);
        QVERIFY(!id.isEmpty());
        const CliRun run = abandonOnTerminal(u"ledger"_s, id);
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.contains(u"remaining hooks skipped, instance retained, not terminated"_s), run.describe());
        QVERIFY2(!run.err.contains(u"instance terminated"_s), run.describe());
        QCOMPARE(sim().lifecycleState(id), u"Terminating:Proceed"_s);
        sim().advance(3);
        QCOMPARE(sim().lifecycleState(id), kRetained);
    }

    void abandonThatTerminatesSaysTerminated_data()
    {
        QTest::addColumn<QString>("group");
        QTest::addColumn<QString>("state");
        QTest::addColumn<QString>("effect");
        QTest::newRow("terminating, group without a policy")
            << u"plain"_s << u"Terminating:Wait"_s << u"remaining hooks skipped, instance terminated"_s;
        QTest::newRow("launching, group that retains")
            << u"ledger"_s << u"Pending:Wait"_s << u"instance terminated and replaced"_s;
    }

    void abandonThatTerminatesSaysTerminated()
    {
        QFETCH(QString, group);
        QFETCH(QString, state);
        QFETCH(QString, effect);
        const QString id = inState(group, state);
        const CliRun run = abandonOnTerminal(group, id);
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.contains(effect), run.describe());
        QVERIFY2(!run.err.contains(u"retained"_s), run.describe());
        sim().advance(10);
        QVERIFY2(sim().lifecycleState(id).isEmpty() || sim().lifecycleState(id) == u"Terminated"_s,
            qPrintable(sim().lifecycleState(id)));
    }

    void terminateEndsARetainedInstance()
    {
        const QString id = inState(u"ledger"_s, kRetained);
        QVERIFY(!id.isEmpty());
        const int desired = sim().engine().group(u"ledger"_s)->desiredCapacity;
        const CliRun run = terminate(u"ledger"_s, id);
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.err.contains(u"is retained, not terminated (Terminating:Retained): this terminates it now"_s),
            run.describe());
        QVERIFY2(!run.err.contains(u"terminating lifecycle hooks run first"_s), run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(item.value(u"verified"_s).toBool(), true);
        QCOMPARE(item.value(u"state"_s).toString(), u"Terminating:Proceed"_s);
        // The simulator: on its way out without any hook, the capacity untouched, then gone.
        QCOMPARE(sim().lifecycleState(id), u"Terminating:Proceed"_s);
        QVERIFY(sim().pendingTokens(id).isEmpty());
        QCOMPARE(sim().engine().group(u"ledger"_s)->desiredCapacity, desired);
        sim().advance(3);
        QCOMPARE(sim().lifecycleState(id), u"Terminated"_s);
        const QList<AuditRecord> records = AuditLog(m_cli->auditPath).readAll();
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).outcome, u"done"_s);
        QVERIFY(records.at(1).verified);
    }

    void theReadBackDecidesWhetherARetainedInstanceWasTerminated()
    {
        // Still retained after the call: not done, even though a retained instance is "terminating" by its state's
        // name (the read-back of any other instance counts Terminating:* as on its way out).
        const QString id = inState(u"ledger"_s, kRetained);
        sim().injectFault(SimFault::ServerError, 1, u"TerminateInstanceInAutoScalingGroup"_s);
        const CliRun refused = terminate(u"ledger"_s, id);
        QVERIFY2(refused.exitCode != 0, refused.describe());
        QCOMPARE(m_mutating.size(), 1); // not retried: one answer, an error
        const QJsonObject failed = refused.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(failed.value(u"outcome"_s).toString(), u"failed"_s);
        QCOMPARE(failed.value(u"state"_s).toString(), kRetained);
        QCOMPARE(sim().lifecycleState(id), kRetained);

        // Applied, then the answer lost: the read-back shows it moved on, so it is done.
        sim().injectFault(SimFault::ServerErrorAfterApplying, 1, u"TerminateInstanceInAutoScalingGroup"_s);
        const CliRun lost = terminate(u"ledger"_s, id);
        const QJsonObject done = lost.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(done.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(done.value(u"verified"_s).toBool(), true);
        QCOMPARE(sim().lifecycleState(id), u"Terminating:Proceed"_s);
    }

    void timeoutRetainsAndTerminateEndsIt()
    {
        const QString id = inState(u"ledger"_s, u"Terminating:Wait"_s);
        sim().advance(530); // the wait began 60 s before the scenario loaded: 600 s heartbeat timeout, default ABANDON
        QCOMPARE(sim().lifecycleState(id), u"Terminating:Wait"_s);
        sim().advance(15); // the timeout applies ABANDON, :Proceed lasts 2 s
        QCOMPARE(sim().lifecycleState(id), kRetained);
        const CliRun run = terminate(u"ledger"_s, id);
        QVERIFY2(run.exitCode == 0, run.describe());
        sim().advance(3);
        QCOMPARE(sim().lifecycleState(id), u"Terminated"_s);
    }

    void terminatingARetainedInstanceIsRefusedWhenTheTargetIsWrong_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("message");
        QTest::newRow("read-only") << QStringList { u"--read-only"_s, u"--group"_s, u"ledger"_s } << 2
                                   << u"read-only mode: nothing was sent"_s;
        QTest::newRow("another group") << QStringList { u"--group"_s, u"plain"_s } << 2
                                       << u"not an instance of group plain"_s;
        QTest::newRow("no such group") << QStringList { u"--group"_s, u"nope"_s } << 2 << u"nope"_s;
    }

    void terminatingARetainedInstanceIsRefusedWhenTheTargetIsWrong()
    {
        QFETCH(QStringList, arguments);
        QFETCH(int, exitCode);
        QFETCH(QString, message);
        const QString id = inState(u"ledger"_s, kRetained);
        const CliRun run = m_cli->run(QStringList { u"terminate"_s, u"--instance"_s, id, u"--yes"_s } + arguments);
        QVERIFY2(run.exitCode == exitCode, run.describe());
        QVERIFY2(run.err.contains(message), run.describe());
        QVERIFY(m_mutating.isEmpty());
        QCOMPARE(sim().lifecycleState(id), kRetained);
    }

    void decrementBelowTheMinimumIsAnAwsErrorAndNothingChanges()
    {
        // ledger: min 1; scaled to 1 so a decrement would break the minimum.
        QVERIFY(sim().setDesiredCapacity(u"ledger"_s, 1));
        const QString id = inState(u"ledger"_s, kRetained);
        const CliRun run = terminate(u"ledger"_s, id, { u"--decrement-desired-capacity"_s });
        QVERIFY2(run.exitCode != 0 && run.exitCode != 2, run.describe());
        QVERIFY2(run.err.contains(u"still drops from 1 to 0"_s), run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"failed"_s);
        QCOMPARE(sim().lifecycleState(id), kRetained);
    }

    void groupsInstancesAndPendingShowRetention()
    {
        const CliRun groups = m_cli->run({ u"groups"_s });
        QVERIFY2(groups.exitCode == 0, groups.describe());
        QVERIFY(groups.out.contains(u"ON ABANDON"_s));
        const QStringList lines = groups.out.split(u'\n');
        const auto line = [&lines](const QString& group) {
            for (const QString& l : lines) {
                if (l.startsWith(group + u' '))
                    return l;
            }
            return QString();
        };
        QVERIFY2(line(u"ledger"_s).contains(u"retained, not terminated"_s), qPrintable(groups.out));
        QVERIFY2(line(u"plain"_s).contains(u"terminated"_s) && !line(u"plain"_s).contains(u"retained"_s),
            qPrintable(groups.out));
        const CliRun json = m_cli->run({ u"groups"_s, u"--output"_s, u"json"_s });
        for (const auto& value : json.json().value(u"groups"_s).toArray()) {
            const QJsonObject group = value.toObject();
            const bool ledger = group.value(u"name"_s).toString() == u"ledger"_s;
            QCOMPARE(group.value(u"retainsOnAbandon"_s).toBool(), ledger);
            QCOMPARE(group.value(u"terminateHookAbandon"_s).toString(), ledger ? u"retain"_s : QString());
        }

        const QString retained = inState(u"ledger"_s, kRetained);
        const QString waiting = inState(u"ledger"_s, u"Terminating:Wait"_s);
        const QString note = u"%1 in ledger is retained, not terminated: waiting for someone to terminate it "
                             "(hookdesk-cli terminate --group ledger --instance %1)"_s.arg(retained);
        const CliRun instances = m_cli->run({ u"instances"_s, u"--group"_s, u"ledger"_s });
        QVERIFY2(instances.exitCode == 0, instances.describe());
        QVERIFY2(instances.err.contains(note), instances.describe());
        QVERIFY2(!instances.err.contains(waiting), instances.describe());
        QVERIFY2(instances.out.contains(retained + u"  "_s), instances.describe());

        const CliRun pending = m_cli->run({ u"pending"_s }); // both groups: only ledger's instances get a line
        QVERIFY2(pending.exitCode == 0, pending.describe());
        const auto pendingLine = [&pending](const QString& id) {
            for (const QString& l : pending.out.split(u'\n')) {
                if (l.contains(id))
                    return l;
            }
            return QString();
        };
        QVERIFY2(pendingLine(retained).contains(u"Terminating:Retained"_s), qPrintable(pending.out));
        QVERIFY2(pending.err.contains(note), pending.describe());
        QVERIFY2(pendingLine(waiting).contains(u"ABANDON"_s), qPrintable(pending.out));
        QVERIFY2(pending.err.contains(u"%1 in ledger: ABANDON, sent or applied by a timeout, leaves it retained, not "
                                      "terminated"_s.arg(waiting)),
            pending.describe());
        QVERIFY2(!pending.err.contains(u"in plain"_s), pending.describe());
        // Tables keep within their width: the note is not squeezed into a cell.
        for (const QString& l : pending.out.split(u'\n'))
            QVERIFY2(l.size() <= 100, qPrintable(l));
        const CliRun pendingJson = m_cli->run({ u"pending"_s, u"--output"_s, u"json"_s });
        for (const auto& value : pendingJson.json().value(u"pending"_s).toArray()) {
            const QJsonObject row = value.toObject();
            const bool ledger = row.value(u"group"_s).toString() == u"ledger"_s;
            QCOMPARE(row.value(u"retainsOnAbandon"_s).toBool(), ledger);
            QCOMPARE(row.value(u"retained"_s).toBool(), row.value(u"instanceId"_s).toString() == retained);
        }
    }
};

QTEST_GUILESS_MAIN(TestCliRetention)
#include "tst_cli_retention.moc"
