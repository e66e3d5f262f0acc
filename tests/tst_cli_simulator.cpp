// Every hookdesk-cli command against the in-process simulator (real HTTP, SigV4 verified, waits on a stopped
// clock): JSON parsed field by field, exit codes, confirmations, and bulk actions with items no longer waiting.
#include "tst_cli_simsession.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

using LaunchScenario::waitingInstances;

class TestCliSimulator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        QString error;
        QVERIFY2(startCliSimulator(m_sim, m_cli, &error), qPrintable(error));
    }

    void cleanup()
    {
        m_cli.reset();
        m_sim.reset();
    }

    void whoami()
    {
        const CliRun run = m_cli->run({ u"whoami"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject identity = run.json();
        QCOMPARE(identity.value(u"account"_s).toString(), (*m_sim)->options().accountId);
        QCOMPARE(identity.value(u"arn"_s).toString(),
            u"arn:aws:iam::%1:user/%2"_s.arg((*m_sim)->options().accountId, (*m_sim)->options().userName));
        QCOMPARE(identity.value(u"region"_s).toString(), (*m_sim)->options().region);
        QVERIFY(identity.value(u"profile"_s).isNull());
        const CliRun table = m_cli->run({ u"whoami"_s });
        QVERIFY(table.out.contains((*m_sim)->options().accountId));
    }

    void groupsHooksInstancesActivities()
    {
        const CliRun groups = m_cli->run({ u"groups"_s, u"--output"_s, u"json"_s });
        QVERIFY2(groups.exitCode == 0, groups.describe());
        const QJsonArray list = groups.json().value(u"groups"_s).toArray();
        QCOMPARE(list.size(), 2);
        const QJsonObject api = list.at(0).toObject();
        QCOMPARE(api.value(u"name"_s).toString(), u"api"_s);
        QCOMPARE(api.value(u"instances"_s).toInt(), 3);
        QCOMPARE(api.value(u"waiting"_s).toInt(), 3);
        QCOMPARE(api.value(u"maxSize"_s).toInt(), 10);
        const QJsonObject web = list.at(1).toObject();
        QCOMPARE(web.value(u"instances"_s).toInt(), 2);
        QCOMPARE(web.value(u"waiting"_s).toInt(), 1);

        const CliRun hooks = m_cli->run({ u"hooks"_s, u"--group"_s, u"web"_s, u"--output"_s, u"json"_s });
        QVERIFY2(hooks.exitCode == 0, hooks.describe());
        QCOMPARE(hooks.json().value(u"group"_s).toString(), u"web"_s);
        const QJsonArray hookList = hooks.json().value(u"hooks"_s).toArray();
        QCOMPARE(hookList.size(), 2);
        QJsonObject warmUp;
        for (const QJsonValue hook : hookList) {
            if (hook.toObject().value(u"name"_s).toString() == u"warm-up"_s)
                warmUp = hook.toObject();
        }
        QCOMPARE(warmUp.value(u"transition"_s).toString(), u"autoscaling:EC2_INSTANCE_LAUNCHING"_s);
        QCOMPARE(warmUp.value(u"heartbeatTimeout"_s).toInt(), 600);
        QCOMPARE(warmUp.value(u"globalTimeout"_s).toInt(), 60000);
        QCOMPARE(warmUp.value(u"defaultResult"_s).toString(), u"ABANDON"_s);

        const CliRun instances = m_cli->run({ u"instances"_s, u"--group"_s, u"web"_s, u"--output"_s, u"json"_s });
        QVERIFY2(instances.exitCode == 0, instances.describe());
        const QJsonArray instanceList = instances.json().value(u"instances"_s).toArray();
        QCOMPARE(instanceList.size(), 2);
        QStringList states;
        for (const QJsonValue instance : instanceList) {
            states << instance.toObject().value(u"lifecycleState"_s).toString();
            QVERIFY(instance.toObject().value(u"instanceId"_s).toString().startsWith(u"i-"_s));
            QVERIFY(!instance.toObject().value(u"availabilityZone"_s).toString().isEmpty());
        }
        states.sort();
        QCOMPARE(states, (QStringList { u"InService"_s, u"Pending:Wait"_s }));

        const CliRun missing = m_cli->run({ u"instances"_s, u"--group"_s, u"nope"_s });
        QCOMPARE(missing.exitCode, 1);

        const CliRun activities
            = m_cli->run({ u"activities"_s, u"--group"_s, u"api"_s, u"--max"_s, u"2"_s, u"--output"_s, u"json"_s });
        QVERIFY2(activities.exitCode == 0, activities.describe());
        const QJsonArray activityList = activities.json().value(u"activities"_s).toArray();
        QVERIFY(!activityList.isEmpty() && activityList.size() <= 2);
        QVERIFY(!activityList.at(0).toObject().value(u"startTime"_s).toString().isEmpty());
        QVERIFY(!activityList.at(0).toObject().value(u"statusCode"_s).toString().isEmpty());
    }

    void pendingJsonAndTable()
    {
        const CliRun run = m_cli->run({ u"pending"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonArray pending = run.json().value(u"pending"_s).toArray();
        QCOMPARE(pending.size(), 4);
        const QString webInstance = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        bool foundWeb = false;
        for (const QJsonValue value : pending) {
            const QJsonObject action = value.toObject();
            QCOMPARE(action.value(u"lifecycleState"_s).toString(), u"Pending:Wait"_s);
            QCOMPARE(action.value(u"transition"_s).toString(), u"launch"_s);
            QCOMPARE(action.value(u"actionable"_s).toBool(), true);
            // What doing nothing leads to: web's warm-up ABANDON ends the launch although register (CONTINUE)
            // times out first; api's only hook is bootstrap (ABANDON).
            QCOMPARE(action.value(u"defaultResult"_s).toString(), u"ABANDON"_s);
            QVERIFY(!action.value(u"deadlineEstimate"_s).toString().isEmpty());
            QVERIFY(action.value(u"secondsLeft"_s).isDouble());
            if (action.value(u"instanceId"_s).toString() == webInstance) {
                foundWeb = true;
                QCOMPARE(action.value(u"group"_s).toString(), u"web"_s);
                QStringList hooks;
                for (const QJsonValue hook : action.value(u"hooks"_s).toArray())
                    hooks << hook.toObject().value(u"name"_s).toString();
                hooks.sort();
                QCOMPARE(hooks, (QStringList { u"register"_s, u"warm-up"_s }));
            }
        }
        QVERIFY(foundWeb);

        const CliRun filtered = m_cli->run({ u"pending"_s, u"--group"_s, u"web"_s });
        QVERIFY2(filtered.exitCode == 0, filtered.describe());
        const QStringList lines = filtered.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 2);
        QVERIFY(lines.at(0).startsWith(u"GROUP"_s));
        QVERIFY(lines.at(1).contains(webInstance));
        QCOMPARE(lines.at(1).indexOf(u"Pending:Wait"_s), lines.at(0).indexOf(u"STATE"_s));
        for (const QString& line : lines)
            QVERIFY(line.size() <= 100);
    }

    void completeContinueEveryHook()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"web"_s).value(0);
        const CliRun run = m_cli->run({ u"complete"_s, u"--group"_s, u"web"_s, u"--instance"_s, instance, u"--result"_s,
            u"CONTINUE"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        const QJsonObject document = run.json();
        QCOMPARE(document.value(u"operation"_s).toString(), u"complete"_s);
        QCOMPARE(document.value(u"result"_s).toString(), u"CONTINUE"_s);
        const QJsonArray items = document.value(u"items"_s).toArray();
        QCOMPARE(items.size(), 2); // both hooks of the launch
        for (const QJsonValue item : items) {
            QCOMPARE(item.toObject().value(u"outcome"_s).toString(), u"done"_s);
            QCOMPARE(item.toObject().value(u"instanceId"_s).toString(), instance);
            QVERIFY(!item.toObject().value(u"requestId"_s).toString().isEmpty());
        }
        QCOMPARE(document.value(u"summary"_s).toObject().value(u"done"_s).toInt(), 2);
        (*m_sim)->advance(10);
        QCOMPARE((*m_sim)->lifecycleState(instance), u"InService"_s);

        // The same again: AWS says there is no active action any more; that is "already completed", exit 0.
        const CliRun again = m_cli->run({ u"complete"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"warm-up"_s,
            u"--instance"_s, instance, u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(again.exitCode == 0, again.describe());
        QVERIFY(again.out.contains(u"already-completed"_s));

        // Audit: intent and outcome records with the account, for each hook.
        QFile audit(m_cli->auditPath);
        QVERIFY(audit.open(QIODevice::ReadOnly));
        const QByteArray log = audit.readAll();
        QVERIFY(log.contains("\"phase\":\"intent\""));
        QVERIFY(log.contains("\"account\":\"123456789012\""));
        QVERIFY(log.contains(instance.toUtf8()));
    }

    void bulkWithSomeNoLongerWaiting()
    {
        const QStringList api = waitingInstances(m_sim->simulator(), u"api"_s);
        QCOMPARE(api.size(), 3);
        const CliRun first = m_cli->run(
            { u"complete"_s, u"--group"_s, u"api"_s, u"--instance"_s, api.at(0), u"--result"_s, u"CONTINUE"_s });
        QVERIFY2(first.exitCode == 0, first.describe());
        (*m_sim)->advance(10);

        const CliRun bulk = m_cli->run({ u"complete"_s, u"--group"_s, u"api"_s, u"--instance"_s, api.at(0), api.at(1),
            api.at(2), u"--result"_s, u"CONTINUE"_s, u"--output"_s, u"json"_s });
        QVERIFY2(bulk.exitCode == 0, bulk.describe());
        const QJsonObject summary = bulk.json().value(u"summary"_s).toObject();
        QCOMPARE(summary.value(u"done"_s).toInt(), 2);
        QCOMPARE(summary.value(u"alreadyCompleted"_s).toInt(), 1);
        QCOMPARE(summary.value(u"failed"_s).toInt(), 0);
        for (const QJsonValue item : bulk.json().value(u"items"_s).toArray()) {
            const QJsonObject object = item.toObject();
            QCOMPARE(object.value(u"outcome"_s).toString(),
                object.value(u"instanceId"_s).toString() == api.at(0) ? u"already-completed"_s : u"done"_s);
        }
    }

    void partialFailureExitsFive()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        const CliRun run = m_cli->run(
            { u"heartbeat"_s, u"--group"_s, u"api"_s, u"--instance"_s, instance, u"i-0000000000000dead"_s });
        QVERIFY2(run.exitCode == 5, run.describe());
        // The table (header + two rows), then the refusal's reason in full.
        const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 4);
        QVERIFY(lines.at(1).contains(instance) || lines.at(2).contains(instance));
        QVERIFY2(lines.at(3).startsWith(u"i-0000000000000dead: Instance i-0000000000000dead is not in group api"_s),
            qPrintable(lines.at(3)));
        QVERIFY(run.out.contains(u"done"_s));
        QVERIFY(run.out.contains(u"refused"_s)); // checked against the group before sending: never sent
    }

    void heartbeatExtendsTheDeadline()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        auto deadline = [&] {
            for (const SimPendingAction& action : (*m_sim)->pendingActions(u"api"_s)) {
                if (action.instanceId == instance)
                    return action.deadline;
            }
            return QDateTime();
        };
        const QDateTime before = deadline();
        (*m_sim)->advance(120);
        const CliRun run = m_cli->run({ u"heartbeat"_s, u"--group"_s, u"api"_s, u"--hook"_s, u"bootstrap"_s,
            u"--instance"_s, instance, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"operation"_s).toString(), u"heartbeat"_s);
        QCOMPARE(run.json().value(u"items"_s).toArray().at(0).toObject().value(u"outcome"_s).toString(), u"done"_s);
        // The full heartbeat timeout again, counted from the heartbeat (the wait had started 100 s before `before`).
        QCOMPARE(deadline(), (*m_sim)->now().addSecs(1800));
        QVERIFY(deadline() > before);
    }

    // `pending` in a later run sees the heartbeat an earlier `heartbeat` run sent (AWS does not report it): the
    // countdown restarts from the heartbeat instead of running out from the wait's start.
    void pendingCountsAnEarlierRunsHeartbeat()
    {
        const QString instance = waitingInstances(m_sim->simulator(), u"api"_s).value(0);
        const auto bootstrapDeadline = [&] {
            const CliRun run = m_cli->run({ u"pending"_s, u"--group"_s, u"api"_s, u"--output"_s, u"json"_s });
            for (const QJsonValue value : run.json().value(u"pending"_s).toArray()) {
                if (value.toObject().value(u"instanceId"_s).toString() != instance)
                    continue;
                for (const QJsonValue hook : value.toObject().value(u"hooks"_s).toArray()) {
                    if (hook.toObject().value(u"name"_s).toString() == u"bootstrap"_s)
                        return QDateTime::fromString(hook.toObject().value(u"deadline"_s).toString(), Qt::ISODate);
                }
            }
            return QDateTime();
        };
        const QDateTime sent = QDateTime::currentDateTimeUtc();
        const QDateTime before = bootstrapDeadline();
        QVERIFY(before.isValid());
        // The scenario's wait began 100 s ago: without the heartbeat the estimate is well short of a full timeout.
        QVERIFY2(before < sent.addSecs(1800 - 60), qPrintable(before.toString(Qt::ISODate)));
        const CliRun heartbeat = m_cli->run(
            { u"heartbeat"_s, u"--group"_s, u"api"_s, u"--hook"_s, u"bootstrap"_s, u"--instance"_s, instance });
        QVERIFY2(heartbeat.exitCode == 0, heartbeat.describe());
        const QDateTime after = bootstrapDeadline();
        QVERIFY2(after >= sent.addSecs(1800 - 1), qPrintable(after.toString(Qt::ISODate)));
        QVERIFY2(after <= QDateTime::currentDateTimeUtc().addSecs(1800), qPrintable(after.toString(Qt::ISODate)));
    }

    void abandonAllPendingAsksOnTerminal()
    {
        m_cli->terminal = true;
        m_cli->input = "2\n"; // three are waiting: typing 2 is not a confirmation
        const CliRun refused
            = m_cli->run({ u"complete"_s, u"--group"_s, u"api"_s, u"--all-pending"_s, u"--result"_s, u"ABANDON"_s });
        QVERIFY2(refused.exitCode == 2, refused.describe());
        QVERIFY(refused.err.contains(u"Type 3 to confirm"_s));
        QVERIFY(refused.err.contains(u"terminated and replaced"_s));
        QCOMPARE(waitingInstances(m_sim->simulator(), u"api"_s).size(), 3);

        m_cli->input = "3\n";
        const CliRun confirmed
            = m_cli->run({ u"complete"_s, u"--group"_s, u"api"_s, u"--all-pending"_s, u"--result"_s, u"ABANDON"_s });
        QVERIFY2(confirmed.exitCode == 0, confirmed.describe());
        QVERIFY(waitingInstances(m_sim->simulator(), u"api"_s).isEmpty()
            || !waitingInstances(m_sim->simulator(), u"api"_s)
                    .contains(confirmed.out.section(u'\n', 1, 1).section(u' ', 0, 0)));
        QCOMPARE(confirmed.out.count(u"done"_s), 3);

        // --yes without a terminal: nothing left to do is success.
        m_cli->terminal = false;
        (*m_sim)->advance(1);
        const CliRun nothing = m_cli->run(
            { u"heartbeat"_s, u"--group"_s, u"web"_s, u"--all-pending"_s, u"--yes"_s, u"--output"_s, u"json"_s });
        QVERIFY2(nothing.exitCode == 0, nothing.describe());
    }

    void putAndDeleteHook()
    {
        const CliRun put = m_cli->run({ u"put-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"drain"_s,
            u"--transition"_s, u"terminate"_s, u"--heartbeat-timeout"_s, u"900"_s, u"--default-result"_s, u"continue"_s,
            u"--metadata"_s, u"team=web"_s, u"--output"_s, u"json"_s });
        QVERIFY2(put.exitCode == 0, put.describe());
        QCOMPARE(put.json().value(u"operation"_s).toString(), u"put-hook"_s);
        QCOMPARE(put.json().value(u"items"_s).toArray().at(0).toObject().value(u"outcome"_s).toString(), u"done"_s);
        const CliRun hooks = m_cli->run({ u"hooks"_s, u"--group"_s, u"web"_s, u"--output"_s, u"json"_s });
        QJsonObject drain;
        for (const QJsonValue hook : hooks.json().value(u"hooks"_s).toArray()) {
            if (hook.toObject().value(u"name"_s).toString() == u"drain"_s)
                drain = hook.toObject();
        }
        QCOMPARE(drain.value(u"transition"_s).toString(), u"autoscaling:EC2_INSTANCE_TERMINATING"_s);
        QCOMPARE(drain.value(u"heartbeatTimeout"_s).toInt(), 900);
        QCOMPARE(drain.value(u"defaultResult"_s).toString(), u"CONTINUE"_s);
        QCOMPARE(drain.value(u"notificationMetadata"_s).toString(), u"team=web"_s);

        m_cli->terminal = true;
        m_cli->input = "drain\n";
        const CliRun removed = m_cli->run({ u"delete-hook"_s, u"--group"_s, u"web"_s, u"--hook"_s, u"drain"_s });
        QVERIFY2(removed.exitCode == 0, removed.describe());
        QVERIFY(removed.err.contains(u"Type drain to confirm"_s));
        const CliRun after = m_cli->run({ u"hooks"_s, u"--group"_s, u"web"_s, u"--output"_s, u"json"_s });
        QCOMPARE(after.json().value(u"hooks"_s).toArray().size(), 2);
    }

    // Issue 17: AWS takes U+202E and C1 controls in a group name (XmlString); the table shows them escaped.
    void groupNameWithBidiAndControlsIsEscaped()
    {
        const QString name = u"evil\u202E\u009B2Jgroup"_s;
        QString error;
        QVERIFY2(succeeded((*m_sim)->createGroup(name, 0, 2, 0), &error), qPrintable(error));
        const CliRun run = m_cli->run({ u"groups"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QVERIFY2(run.out.contains(u"evil\\u202e\\u009b2Jgroup"_s), run.describe());
        QVERIFY(!run.out.contains(QChar(0x202E)) && !run.out.contains(QChar(0x9B)));
        // JSON carries the name as it is: a script gets the real name.
        const CliRun json = m_cli->run({ u"groups"_s, u"--output"_s, u"json"_s });
        QVERIFY(json.out.contains(u"\\u009b"_s) || json.out.contains(name));
    }

    void rejectedKeysExitThree()
    {
        m_cli->environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, u"not-the-right-secret"_s);
        const CliRun run = m_cli->run({ u"groups"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 3, run.describe());
        QCOMPARE(run.json().value(u"error"_s).toObject().value(u"kind"_s).toString(), u"service"_s);
    }

private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
};

QTEST_GUILESS_MAIN(TestCliSimulator)
#include "tst_cli_simulator.moc"
