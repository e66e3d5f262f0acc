// The group reader on InstanceLifecyclePolicy (tests/data/xml/describe-auto-scaling-groups-retention.xml): a group
// that retains, one that terminates explicitly, one without a policy, and the answer's odd shapes (a repeated
// policy, an empty one, triggers AWS may add later).
#include "autoscalingxml.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray groupAnswer(const QByteArray& groupBody)
{
    return "<DescribeAutoScalingGroupsResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
           "<DescribeAutoScalingGroupsResult><AutoScalingGroups><member><AutoScalingGroupName>g</AutoScalingGroupName>"
        + groupBody
        + "</member></AutoScalingGroups></DescribeAutoScalingGroupsResult>"
          "<ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DescribeAutoScalingGroupsResponse>";
}

QString policyOf(const QByteArray& groupBody)
{
    const auto parsed = AutoScalingXml::describeAutoScalingGroups(groupAnswer(groupBody));
    if (!parsed.ok() || parsed.value.size() != 1)
        return u"(unreadable)"_s;
    return parsed.value.constFirst().terminateHookAbandon;
}
} // namespace

class TestRetentionXml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void sampleAnswerGivesEachGroupsPolicy()
    {
        const auto parsed = AutoScalingXml::describeAutoScalingGroups(
            TestSupport::dataFile(u"xml/describe-auto-scaling-groups-retention.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"3f1e2d4c-5b6a-4978-8c1d-2e3f4a5b6c7d"_s);
        QCOMPARE(parsed.value.size(), 3);
        const AutoScalingGroup& ledger = parsed.value.at(0);
        QCOMPARE(ledger.name, u"ledger"_s);
        QCOMPARE(ledger.terminateHookAbandon, u"retain"_s);
        QVERIFY(ledger.retainsOnTerminateAbandon());
        // The fields around the policy are read as before.
        QCOMPARE(ledger.desiredCapacity, 2);
        QCOMPARE(ledger.instances.size(), 2);
        QCOMPARE(ledger.instances.at(1).lifecycleState, u"Terminating:Retained"_s);
        QCOMPARE(ledger.instances.at(1).groupName, u"ledger"_s);

        const AutoScalingGroup& web = parsed.value.at(1);
        QCOMPARE(web.terminateHookAbandon, u"terminate"_s);
        QVERIFY(!web.retainsOnTerminateAbandon());
        const AutoScalingGroup& batch = parsed.value.at(2);
        QCOMPARE(batch.terminateHookAbandon, QString());
        QVERIFY(!batch.retainsOnTerminateAbandon());
    }

    void oddShapesOfThePolicy_data()
    {
        QTest::addColumn<QByteArray>("groupBody");
        QTest::addColumn<QString>("expected");
        QTest::newRow("empty policy") << QByteArray("<InstanceLifecyclePolicy/>") << QString();
        QTest::newRow("empty triggers") << QByteArray("<InstanceLifecyclePolicy><RetentionTriggers/>"
                                                      "</InstanceLifecyclePolicy>")
                                        << QString();
        QTest::newRow("a later trigger beside it") << QByteArray(
            "<InstanceLifecyclePolicy><RetentionTriggers><LaunchHookAbandon>retain</LaunchHookAbandon>"
            "<TerminateHookAbandon>retain</TerminateHookAbandon></RetentionTriggers>"
            "<Other><TerminateHookAbandon>terminate</TerminateHookAbandon></Other>"
            "</InstanceLifecyclePolicy>") << u"retain"_s;
        QTest::newRow("first policy wins")
            << QByteArray("<InstanceLifecyclePolicy><RetentionTriggers><TerminateHookAbandon>terminate"
                          "</TerminateHookAbandon></RetentionTriggers></InstanceLifecyclePolicy>"
                          "<InstanceLifecyclePolicy><RetentionTriggers><TerminateHookAbandon>retain"
                          "</TerminateHookAbandon></RetentionTriggers></InstanceLifecyclePolicy>")
            << u"terminate"_s;
        QTest::newRow("trigger outside RetentionTriggers is not the trigger") << QByteArray(
            "<InstanceLifecyclePolicy><TerminateHookAbandon>retain</TerminateHookAbandon>"
            "</InstanceLifecyclePolicy>") << QString();
        QTest::newRow("policy before the instances")
            << QByteArray("<InstanceLifecyclePolicy><RetentionTriggers><TerminateHookAbandon> retain "
                          "</TerminateHookAbandon></RetentionTriggers></InstanceLifecyclePolicy><Instances/>")
            << u"retain"_s;
    }

    void oddShapesOfThePolicy()
    {
        QFETCH(QByteArray, groupBody);
        QFETCH(QString, expected);
        QCOMPARE(policyOf(groupBody), expected);
    }

    void aValueAwsMayAddIsKeptButDoesNotRetain()
    {
        // Only "retain" retains: another value is shown as AWS sent it, never read as retaining.
        const auto parsed = AutoScalingXml::describeAutoScalingGroups(
            groupAnswer("<InstanceLifecyclePolicy><RetentionTriggers><TerminateHookAbandon>Retain"
                        "</TerminateHookAbandon></RetentionTriggers></InstanceLifecyclePolicy>"));
        QVERIFY(parsed.ok());
        QCOMPARE(parsed.value.constFirst().terminateHookAbandon, u"Retain"_s);
        QVERIFY(!parsed.value.constFirst().retainsOnTerminateAbandon());
    }
};

QTEST_GUILESS_MAIN(TestRetentionXml)
#include "tst_retentionxml.moc"
