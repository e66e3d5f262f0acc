// hookdesk-cli and warm pools, against the in-process simulator: `groups` shows each group's pool (AWS's field
// names under "warmPool"), `instances` and `pending` list the pool's instances with their Warmed:* state and the hook
// their wait is on, and `complete` moves a Warmed:Pending:Wait instance on — on its way into the pool (launch hook)
// and returning to it on scale in (terminate hook) — checked on the simulator, with wrong targets and read-only
// mode refused before anything is sent.
#include "simengine.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
const QByteArray kScenario = R"({ "groups": [
  { "name": "pooled", "minSize": 0, "maxSize": 4,
    "hooks": [ { "name": "boot", "transition": "launching", "heartbeatTimeout": 1800 },
               { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 1 } ],
    "warmPool": { "minSize": 2, "maxGroupPreparedCapacity": 3, "poolState": "Hibernated", "reuseOnScaleIn": true,
                  "instances": [ { "state": "Warmed:Hibernated" }, { "state": "Warmed:Pending:Wait", "elapsed": 120 } ] } },
  { "name": "plain", "minSize": 0, "maxSize": 2,
    "hooks": [ { "name": "boot", "transition": "launching" } ],
    "instances": [ { "state": "InService" } ] } ] })";

QJsonObject byKey(const QJsonArray& items, const QString& key, const QString& value)
{
    for (const auto& item : items) {
        if (item.toObject().value(key).toString() == value)
            return item.toObject();
    }
    return {};
}
} // namespace

class TestCliWarmPool : public QObject {
    Q_OBJECT

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    QStringList m_completions; // CompleteLifecycleAction requests the simulator served

    SimEngine& engine() { return m_sim->simulator().engine(); }
    QString poolInstance(const QString& state)
    {
        for (const SimInstance* instance : engine().warmPoolInstances(u"pooled"_s)) {
            if (instance->state.toString() == state)
                return instance->id;
        }
        return {};
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        m_sim = std::make_unique<SimulatorFixture>();
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded((*m_sim)->loadScenario(kScenario), &error), qPrintable(error));
        m_cli = std::make_unique<CliHarness>();
        m_cli->setEnvironmentCredentials(
            m_sim->credentials().accessKeyId, m_sim->credentials().secretAccessKey, (*m_sim)->options().region);
        m_cli->environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->url().toString());
        m_completions.clear();
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            if (action == u"CompleteLifecycleAction"_s)
                m_completions << action;
        });
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void groupsShowThePool()
    {
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"groups"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray groups = run.json().value(u"groups"_s).toArray();
        const QJsonObject pooled = byKey(groups, u"name"_s, u"pooled"_s);
        QCOMPARE(pooled.value(u"instances"_s).toInt(), 1); // the pool's are not the group's
        const QJsonObject pool = pooled.value(u"warmPool"_s).toObject();
        QCOMPARE(pool.value(u"minSize"_s).toInt(), 2);
        QCOMPARE(pool.value(u"maxGroupPreparedCapacity"_s).toInt(), 3);
        QCOMPARE(pool.value(u"poolState"_s).toString(), u"Hibernated"_s);
        QCOMPARE(pool.value(u"reuseOnScaleIn"_s).toBool(), true);
        QCOMPARE(pool.value(u"size"_s).toInt(), 2);
        QVERIFY(pool.value(u"status"_s).isNull());
        QVERIFY(byKey(groups, u"name"_s, u"plain"_s).value(u"warmPool"_s).isNull());

        const CliRun table = m_cli->run({ u"groups"_s });
        QVERIFY2(table.exitCode == 0, table.describe());
        QVERIFY2(table.out.contains(u"2: min 2, max 3, Hibernated, reuse"_s), qPrintable(table.out));
    }

    void instancesAndPendingListThePool()
    {
        const QString waiting = poolInstance(u"Warmed:Pending:Wait"_s);
        const QString warmed = poolInstance(u"Warmed:Hibernated"_s);
        QVERIFY(!waiting.isEmpty() && !warmed.isEmpty());
        const CliRun instances = m_cli->run({ u"--output"_s, u"json"_s, u"instances"_s, u"--group"_s, u"pooled"_s });
        QVERIFY2(instances.exitCode == 0, instances.describe());
        const QJsonArray items = instances.json().value(u"instances"_s).toArray();
        QCOMPARE(items.size(), 3);
        QCOMPARE(byKey(items, u"instanceId"_s, warmed).value(u"lifecycleState"_s).toString(), u"Warmed:Hibernated"_s);
        QCOMPARE(byKey(items, u"instanceId"_s, warmed).value(u"warmPool"_s).toBool(), true);
        QCOMPARE(byKey(items, u"lifecycleState"_s, u"InService"_s).value(u"warmPool"_s).toBool(), false);

        const CliRun pending = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s });
        QVERIFY2(pending.exitCode == 0, pending.describe());
        const QJsonObject row = byKey(pending.json().value(u"pending"_s).toArray(), u"instanceId"_s, waiting);
        QCOMPARE(row.value(u"lifecycleState"_s).toString(), u"Warmed:Pending:Wait"_s);
        QCOMPARE(row.value(u"lifecycleTransition"_s).toString(), u"autoscaling:EC2_INSTANCE_LAUNCHING"_s);
        QCOMPARE(row.value(u"hooks"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"boot"_s);
        QCOMPARE(row.value(u"waitStartSource"_s).toString(), u"activity"_s);
        const CliRun table = m_cli->run({ u"pending"_s, u"--group"_s, u"pooled"_s });
        QVERIFY2(table.out.contains(waiting) && table.out.contains(u"Warmed:Pending:Wait"_s), qPrintable(table.out));
    }

    void continueMovesAWarmPoolInstanceIntoThePool()
    {
        const QString waiting = poolInstance(u"Warmed:Pending:Wait"_s);
        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--group"_s, u"pooled"_s,
            u"--instance"_s, waiting, u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(item.value(u"hook"_s).toString(), u"boot"_s);
        QVERIFY(item.value(u"verified"_s).toBool());
        QCOMPARE(m_completions.size(), 1);
        // The simulator: past its wait, and into the pool in the pool's state once the Proceed phase is over.
        QCOMPARE(engine().instance(waiting)->state.toString(), u"Warmed:Pending:Proceed"_s);
        m_sim->simulator().advance(5);
        QCOMPARE(engine().instance(waiting)->state.toString(), u"Warmed:Hibernated"_s);
    }

    void returningOnScaleInCompletesTheTerminateHook()
    {
        const QString member = engine().instancesOf(u"pooled"_s).constFirst()->id;
        QVERIFY(m_sim->simulator().setDesiredCapacity(u"pooled"_s, 0));
        m_sim->simulator().advance(3);
        QCOMPARE(engine().instance(member)->state.toString(), u"Warmed:Pending:Wait"_s);
        // The launch hook is not what it waits on: refused with what it waits on, nothing sent.
        const CliRun wrongHook = m_cli->run({ u"complete"_s, u"--group"_s, u"pooled"_s, u"--instance"_s, member,
            u"--hook"_s, u"boot"_s, u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(wrongHook.exitCode != 0, wrongHook.describe());
        QVERIFY2(wrongHook.out.contains(u"drain"_s) || wrongHook.err.contains(u"drain"_s), wrongHook.describe());
        QVERIFY(m_completions.isEmpty());
        QCOMPARE(engine().instance(member)->state.toString(), u"Warmed:Pending:Wait"_s);

        const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--group"_s, u"pooled"_s,
            u"--instance"_s, member, u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"hook"_s).toString(), u"drain"_s);
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        m_sim->simulator().advance(5);
        QCOMPARE(engine().instance(member)->state.toString(), u"Warmed:Hibernated"_s);
        QVERIFY(engine().warmPoolInstances(u"pooled"_s).contains(engine().instance(member)));
    }

    void wrongTargetsAndReadOnlyAreRefused()
    {
        const QString waiting = poolInstance(u"Warmed:Pending:Wait"_s);
        // Another group's name: the instance is not in it.
        const CliRun wrongGroup = m_cli->run({ u"complete"_s, u"--group"_s, u"plain"_s, u"--instance"_s, waiting,
            u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(wrongGroup.exitCode != 0, wrongGroup.describe());
        // A warmed instance waits on nothing.
        const CliRun notWaiting = m_cli->run({ u"complete"_s, u"--group"_s, u"pooled"_s, u"--instance"_s,
            poolInstance(u"Warmed:Hibernated"_s), u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(notWaiting.exitCode != 0, notWaiting.describe());
        const CliRun readOnly = m_cli->run({ u"--read-only"_s, u"complete"_s, u"--group"_s, u"pooled"_s,
            u"--instance"_s, waiting, u"--result"_s, u"CONTINUE"_s, u"--yes"_s });
        QVERIFY2(readOnly.exitCode != 0, readOnly.describe());
        QVERIFY(m_completions.isEmpty());
        QCOMPARE(engine().instance(waiting)->state.toString(), u"Warmed:Pending:Wait"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliWarmPool)
#include "tst_cli_warmpool.moc"
