// hookdesk-cli against moto with authentication on (SigV4 verified): the operations moto serves — whoami, groups
// with a tag filter, hooks, instances, activities, put-hook and delete-hook — with JSON checked against what
// boto3 reads from the same server.
#include "motoserver.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestPeerCliMoto : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        if (!m_moto.start())
            QSKIP(qPrintable(m_moto.errorString()));
        QString error;
        const QJsonValue seeded = m_moto.runBoto3(uR"(
asg = client("autoscaling")
lt = ensure_launch_template()
asg.create_auto_scaling_group(AutoScalingGroupName="web-blue", LaunchTemplate={"LaunchTemplateName": lt},
    MinSize=2, MaxSize=4, DesiredCapacity=2, AvailabilityZones=["us-east-1a"],
    Tags=[{"Key": "Env", "Value": "prod", "PropagateAtLaunch": True}])
asg.create_auto_scaling_group(AutoScalingGroupName="web-green", LaunchTemplate={"LaunchTemplateName": lt},
    MinSize=1, MaxSize=2, DesiredCapacity=1, AvailabilityZones=["us-east-1b"],
    Tags=[{"Key": "Env", "Value": "staging", "PropagateAtLaunch": False}])
asg.put_lifecycle_hook(AutoScalingGroupName="web-blue", LifecycleHookName="warm-up",
    LifecycleTransition="autoscaling:EC2_INSTANCE_LAUNCHING", HeartbeatTimeout=600, DefaultResult="CONTINUE")
g = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["web-blue"])["AutoScalingGroups"][0]
result = sorted(i["InstanceId"] for i in g["Instances"])
)"_s,
            &error);
        QVERIFY2(seeded.isArray(), qPrintable(error));
        for (const QJsonValue& id : seeded.toArray())
            m_webBlueInstances << id.toString();
        QCOMPARE(m_webBlueInstances.size(), 2);
        m_cli.setEnvironmentCredentials(
            m_moto.credentials().accessKeyId, m_moto.credentials().secretAccessKey, m_moto.region());
        m_cli.environment.insert(u"AWS_ENDPOINT_URL"_s, m_moto.url().toString());
    }

    void whoami()
    {
        const CliRun run = m_cli.run({ u"whoami"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"account"_s).toString(), m_moto.account());
        QVERIFY(run.json().value(u"arn"_s).toString().startsWith(u"arn:aws:iam::"_s));
    }

    void groupsWithTagFilter()
    {
        const CliRun all = m_cli.run({ u"groups"_s, u"--output"_s, u"json"_s });
        QVERIFY2(all.exitCode == 0, all.describe());
        QCOMPARE(all.json().value(u"groups"_s).toArray().size(), 2);
        const CliRun prod = m_cli.run({ u"groups"_s, u"--filter"_s, u"tag:Env=prod"_s, u"--output"_s, u"json"_s });
        QVERIFY2(prod.exitCode == 0, prod.describe());
        const QJsonArray groups = prod.json().value(u"groups"_s).toArray();
        QCOMPARE(groups.size(), 1);
        const QJsonObject web = groups.at(0).toObject();
        QCOMPARE(web.value(u"name"_s).toString(), u"web-blue"_s);
        QCOMPARE(web.value(u"minSize"_s).toInt(), 2);
        QCOMPARE(web.value(u"maxSize"_s).toInt(), 4);
        QCOMPARE(web.value(u"desiredCapacity"_s).toInt(), 2);
        QCOMPARE(web.value(u"instances"_s).toInt(), 2);
    }

    void instancesAndActivities()
    {
        const CliRun run = m_cli.run({ u"instances"_s, u"--group"_s, u"web-blue"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QStringList ids;
        for (const QJsonValue& instance : run.json().value(u"instances"_s).toArray())
            ids << instance.toObject().value(u"instanceId"_s).toString();
        QCOMPARE(ids, m_webBlueInstances);
        const CliRun activities = m_cli.run({ u"activities"_s, u"--group"_s, u"web-blue"_s, u"--output"_s, u"json"_s });
        QVERIFY2(activities.exitCode == 0, activities.describe());
        QVERIFY(activities.json().value(u"activities"_s).isArray());
    }

    void putListDeleteHook()
    {
        const CliRun put
            = m_cli.run({ u"put-hook"_s, u"--group"_s, u"web-blue"_s, u"--hook"_s, u"drain"_s, u"--transition"_s,
                u"terminate"_s, u"--heartbeat-timeout"_s, u"120"_s, u"--default-result"_s, u"ABANDON"_s });
        QVERIFY2(put.exitCode == 0, put.describe());
        const CliRun hooks = m_cli.run({ u"hooks"_s, u"--group"_s, u"web-blue"_s, u"--output"_s, u"json"_s });
        QVERIFY2(hooks.exitCode == 0, hooks.describe());
        QStringList names;
        for (const QJsonValue& hook : hooks.json().value(u"hooks"_s).toArray()) {
            names << hook.toObject().value(u"name"_s).toString();
            if (names.last() == u"drain"_s) {
                QCOMPARE(hook.toObject().value(u"heartbeatTimeout"_s).toInt(), 120);
                QCOMPARE(hook.toObject().value(u"transition"_s).toString(), u"autoscaling:EC2_INSTANCE_TERMINATING"_s);
            }
        }
        names.sort();
        QCOMPARE(names, (QStringList { u"drain"_s, u"warm-up"_s }));

        const CliRun refused = m_cli.run({ u"delete-hook"_s, u"--group"_s, u"web-blue"_s, u"--hook"_s, u"drain"_s });
        QCOMPARE(refused.exitCode, 2);
        const CliRun removed
            = m_cli.run({ u"delete-hook"_s, u"--group"_s, u"web-blue"_s, u"--hook"_s, u"drain"_s, u"--yes"_s });
        QVERIFY2(removed.exitCode == 0, removed.describe());
        const CliRun after = m_cli.run({ u"hooks"_s, u"--group"_s, u"web-blue"_s, u"--output"_s, u"json"_s });
        QCOMPARE(after.json().value(u"hooks"_s).toArray().size(), 1);
    }

    void wrongSecretIsACredentialError()
    {
        CliHarness cli;
        cli.setEnvironmentCredentials(m_moto.credentials().accessKeyId, u"wrong"_s, m_moto.region());
        cli.environment.insert(u"AWS_ENDPOINT_URL"_s, m_moto.url().toString());
        const CliRun run = cli.run({ u"groups"_s });
        QVERIFY2(run.exitCode == 3, run.describe());
    }

private:
    MotoServer m_moto;
    CliHarness m_cli;
    QStringList m_webBlueInstances;
};

QTEST_GUILESS_MAIN(TestPeerCliMoto)
#include "tst_peer_cli_moto.moc"
