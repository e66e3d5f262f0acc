// hookdesk-cli against the in-process simulator for issue 11, items 5 and 6: `complete`/`heartbeat --instance`
// without --group find each instance's group first (instances in two groups at once; an unknown one is refused
// and nothing is sent for it), and `put-hook --target-arn ''` removes a hook's target and role.
#include "tst_cli_simsession.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

using LaunchScenario::waitingInstances;

class TestCliLocate : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
        m_served = std::make_unique<QSignalSpy>(&m_sim->simulator(), &Simulator::requestServed);
    }

    void cleanup()
    {
        m_served.reset();
        m_cli.reset();
        m_sim.reset();
    }

    void completeWithoutGroupInTwoGroups()
    {
        const QString web = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        const QString api = waitingInstances(m_sim->simulator(), u"api"_s).value(1);
        const CliRun run = m_cli->run({ u"complete"_s, u"--instance"_s, web, api, u"--result"_s, u"CONTINUE"_s,
            u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray items = run.json().value(u"items"_s).toArray();
        QCOMPARE(items.size(), 3); // web waits on two hooks, api on one
        for (const QJsonValue& value : items) {
            const QJsonObject item = value.toObject();
            QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
            QCOMPARE(
                item.value(u"group"_s).toString(), item.value(u"instanceId"_s).toString() == web ? u"web"_s : u"api"_s);
        }
        // One call finds both groups; one more reads both instances back to verify the outcome (batched too).
        QCOMPARE(served(u"DescribeAutoScalingInstances"_s), 2);
        for (const QJsonValue& value : items)
            QVERIFY(value.toObject().value(u"verified"_s).toBool());
        (*m_sim)->advance(10);
        QCOMPARE((*m_sim)->lifecycleState(web), u"InService"_s);
        QCOMPARE((*m_sim)->lifecycleState(api), u"InService"_s);
        // The other instances of api are still waiting: only the one named was completed.
        QCOMPARE(waitingInstances(m_sim->simulator(), u"api"_s).size(), 2);
    }

    void unknownInstanceIsRefusedAndNothingSent()
    {
        const CliRun run = m_cli->run({ u"complete"_s, u"--instance"_s, u"i-0000000000000dead"_s, u"--result"_s,
            u"CONTINUE"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 2, run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"outcome"_s).toString(), u"refused"_s);
        QCOMPARE(item.value(u"message"_s).toString(),
            u"Instance i-0000000000000dead is not in any Auto Scaling group (in region %1)"_s.arg(
                (*m_sim)->options().region));
        QCOMPARE(served(u"CompleteLifecycleAction"_s), 0);
        QCOMPARE(waitingInstances(m_sim->simulator(), u"web"_s).size(), 1);

        // Beside a known one: that one is completed, the unknown one refused, exit 5 (some went through).
        const QString web = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        const CliRun mixed = m_cli->run({ u"complete"_s, u"--instance"_s, u"i-0000000000000dead"_s, web, u"--hook"_s,
            u"warm-up"_s, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(mixed.exitCode == 5, mixed.describe());
        QVERIFY(mixed.out.contains(u"refused"_s));
        QVERIFY(mixed.out.contains(u"done"_s));
        QCOMPARE(served(u"CompleteLifecycleAction"_s), 1);
    }

    void heartbeatWithoutGroup()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        (*m_sim)->advance(120);
        const CliRun run = m_cli->run({ u"heartbeat"_s, u"--instance"_s, instance, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
        QCOMPARE(item.value(u"group"_s).toString(), u"api"_s);
        QCOMPARE(item.value(u"hook"_s).toString(), u"bootstrap"_s);
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        for (const SimPendingAction& action : (*m_sim)->pendingActions(u"api"_s)) {
            if (action.instanceId == instance)
                QCOMPARE(action.deadline, (*m_sim)->now().addSecs(1800));
        }
    }

    void putHookRemovesTheTarget()
    {
        const QString target = u"arn:aws:sns:us-east-1:123456789012:lifecycle"_s;
        const QString role = u"arn:aws:iam::123456789012:role/asg-notify"_s;
        const CliRun set = m_cli->run({ u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"warm-up"_s,
            u"--target-arn"_s, target, u"--role-arn"_s, role });
        QVERIFY2(set.exitCode == 0, set.describe());
        QCOMPARE(hook(u"warm-up"_s).value(u"notificationTargetArn"_s).toString(), target);

        // Leaving the options out keeps the target.
        const CliRun other = m_cli->run(
            { u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"warm-up"_s, u"--heartbeat-timeout"_s, u"900"_s });
        QVERIFY2(other.exitCode == 0, other.describe());
        QCOMPARE(hook(u"warm-up"_s).value(u"notificationTargetArn"_s).toString(), target);

        // An empty role alone cannot be sent (RoleARN has a minimum length of 1): refused before sending.
        const int puts = served(u"PutLifecycleHook"_s);
        const CliRun roleOnly = m_cli->run(
            { u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"warm-up"_s, u"--role-arn"_s, QString() });
        QVERIFY2(roleOnly.exitCode == 2, roleOnly.describe());
        QCOMPARE(served(u"PutLifecycleHook"_s), puts);

        const CliRun cleared = m_cli->run(
            { u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"warm-up"_s, u"--target-arn"_s, QString() });
        QVERIFY2(cleared.exitCode == 0, cleared.describe());
        const QJsonObject after = hook(u"warm-up"_s);
        QVERIFY2(after.value(u"notificationTargetArn"_s).isNull(), cleared.describe().constData());
        QVERIFY(after.value(u"roleArn"_s).isNull());
        QCOMPARE(after.value(u"heartbeatTimeout"_s).toInt(), 900);
    }

private:
    int served(const QString& action) const
    {
        int count = 0;
        for (const QList<QVariant>& request : std::as_const(*m_served))
            count += request.at(0).toString() == action;
        return count;
    }

    QJsonObject hook(const QString& name)
    {
        const CliRun run = m_cli->run({ u"hooks"_s, u"--group"_s, u"web"_s, u"--output"_s, u"json"_s });
        for (const QJsonValue& value : run.json().value(u"hooks"_s).toArray()) {
            if (value.toObject().value(u"name"_s).toString() == name)
                return value.toObject();
        }
        return {};
    }

    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
    std::unique_ptr<QSignalSpy> m_served;
};

QTEST_GUILESS_MAIN(TestCliLocate)
#include "tst_cli_locate.moc"
