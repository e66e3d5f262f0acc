// The warm-pool readers on AWS's documented sample answers (tests/data/xml/): DescribeWarmPool (the configuration,
// the pool's instances and the page's NextToken) and the WarmPoolConfiguration / WarmPoolSize of a group, plus the
// answers they must refuse.
#include "autoscalingxml.h"
#include "testsupport.h"

#include <QTest>

using namespace Qt::StringLiterals;

namespace {
QByteArray fixture(const QString& name)
{
    return TestSupport::dataFile(u"xml/"_s + name);
}
} // namespace

class TestWarmPoolXml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void describeWarmPoolReadsConfigurationAndInstances()
    {
        const auto parsed = AutoScalingXml::describeWarmPool(fixture(u"describe-warm-pool.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"e8ba0a3c-6f5b-11e1-a1a9-9f4aEXAMPLE"_s);
        QCOMPARE(parsed.nextToken, u"eyJzZWNvbmQiOnRydWV9"_s);
        QVERIFY(parsed.value.configuration);
        const WarmPoolConfiguration& pool = *parsed.value.configuration;
        QCOMPARE(pool.maxGroupPreparedCapacity, 2);
        QCOMPARE(pool.minSize, 2);
        QCOMPARE(pool.poolState, u"Stopped"_s);
        QVERIFY(pool.status.isEmpty());
        QVERIFY(pool.reuseOnScaleIn);
        QCOMPARE(parsed.value.instances.size(), 2);
        const GroupInstance& first = parsed.value.instances.at(0);
        QCOMPARE(first.instanceId, u"i-070a5bbc7e7f40dfa"_s);
        QCOMPARE(first.lifecycleState, u"Warmed:Stopped"_s);
        QCOMPARE(first.availabilityZone, u"us-west-2c"_s);
        QCOMPARE(first.launchTemplateName, u"my-template-for-auto-scaling"_s);
        QCOMPARE(parsed.value.instances.at(1).lifecycleState, u"Warmed:Pending:Wait"_s);
    }

    void aGroupWithoutAPoolAnswersNoConfiguration()
    {
        const QByteArray empty = "<DescribeWarmPoolResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                                 "<DescribeWarmPoolResult><Instances/></DescribeWarmPoolResult>"
                                 "<ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>"
                                 "</DescribeWarmPoolResponse>";
        const auto parsed = AutoScalingXml::describeWarmPool(empty);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QVERIFY(!parsed.value.configuration);
        QVERIFY(parsed.value.instances.isEmpty());
        QVERIFY(parsed.nextToken.isEmpty());
    }

    void describeWarmPoolRefusesWhatIsNotItsAnswer()
    {
        QVERIFY(!AutoScalingXml::describeWarmPool(fixture(u"describe-auto-scaling-groups-warm-pool.xml"_s)).ok());
        const auto error = AutoScalingXml::describeWarmPool(fixture(u"error-throttling.xml"_s), 400);
        QVERIFY(!error.ok());
        QVERIFY(!AutoScalingXml::describeWarmPool(fixture(u"truncated.xml"_s)).ok());
        QVERIFY(!AutoScalingXml::describeWarmPool(fixture(u"html-500.html"_s), 500).ok());
    }

    void groupsCarryTheirWarmPool()
    {
        const auto parsed
            = AutoScalingXml::describeAutoScalingGroups(fixture(u"describe-auto-scaling-groups-warm-pool.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.value.size(), 2);
        const AutoScalingGroup& group = parsed.value.at(0);
        QVERIFY(group.warmPool);
        QCOMPARE(group.warmPool->maxGroupPreparedCapacity, -1); // not given: the group's MaxSize stands in
        QCOMPARE(group.warmPool->minSize, 2);
        QCOMPARE(group.warmPool->poolState, u"Hibernated"_s);
        QCOMPARE(group.warmPool->status, u"PendingDelete"_s);
        QVERIFY(!group.warmPool->reuseOnScaleIn);
        QCOMPARE(group.warmPoolSize, 2);
        // The pool's instances are not the group's.
        QCOMPARE(group.instances.size(), 1);
        QCOMPARE(group.instances.first().lifecycleState, u"InService"_s);
        QVERIFY(!parsed.value.at(1).warmPool);
        QCOMPARE(parsed.value.at(1).warmPoolSize, 0);
    }
};

QTEST_GUILESS_MAIN(TestWarmPoolXml)
#include "tst_warmpoolxml.moc"
