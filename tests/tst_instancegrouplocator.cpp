// InstanceGroupLocator against the in-process simulator: each instance's group from DescribeAutoScalingInstances,
// the IDs no group holds, at most 50 IDs a call (the simulator refuses more, as AWS does), one finished().
#include "instancegrouplocator.h"
#include "launchscenario.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

namespace {

// Two groups of 60 instances each: 120 known IDs need three calls of at most 50.
const QByteArray BigScenario = R"({ "groups": [
  { "name": "blue", "minSize": 0, "maxSize": 100, "instances": [ { "state": "InService", "count": 60 } ] },
  { "name": "green", "minSize": 0, "maxSize": 100, "instances": [ { "state": "InService", "count": 60 } ] }
] })";

QStringList idsOf(Simulator& sim, const QString& group)
{
    QStringList ids;
    for (const SimInstanceInfo& info : sim.instances(group))
        ids << info.instanceId;
    return ids;
}

} // namespace

class TestInstanceGroupLocator : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void findsGroupsAndUnknownInstances()
    {
        SimSession sim;
        QString error;
        QVERIFY2(sim.start(LaunchScenario::Json, &error), qPrintable(error));
        const QString web = LaunchScenario::waitingInstances(sim.fixture.simulator(), u"web"_s).value(0);
        const QString api = LaunchScenario::waitingInstances(sim.fixture.simulator(), u"api"_s).value(0);
        const QString unknown = u"i-0000000000000dead"_s;
        InstanceGroupLocator locator(sim.session.get(), { unknown, api, web, api });
        QSignalSpy finished(&locator, &InstanceGroupLocator::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY2(!locator.error().isError(), qPrintable(locator.error().toString()));
        QCOMPARE(locator.groupOf(web), u"web"_s);
        QCOMPARE(locator.groupOf(api), u"api"_s);
        QCOMPARE(locator.groups().size(), 2);
        QCOMPARE(locator.unknownInstances(), QStringList { unknown });
        QCOMPARE(locator.region(), sim.fixture->options().region);
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
    }

    void moreThanFiftyGoInBatches()
    {
        SimSession sim;
        QString error;
        QVERIFY2(sim.start(BigScenario, &error), qPrintable(error));
        const QStringList blue = idsOf(sim.fixture.simulator(), u"blue"_s);
        const QStringList green = idsOf(sim.fixture.simulator(), u"green"_s);
        QCOMPARE(blue.size() + green.size(), 120);
        QStringList ids = blue + green;
        ids.insert(55, u"i-0000000000000dead"_s); // unknown IDs in the middle of a batch are just not found
        QSignalSpy served(&sim.fixture.simulator(), &Simulator::requestServed);
        InstanceGroupLocator locator(sim.session.get(), ids);
        QSignalSpy finished(&locator, &InstanceGroupLocator::finished);
        QVERIFY(finished.wait(10000));
        QVERIFY2(!locator.error().isError(), qPrintable(locator.error().toString()));
        int describeCalls = 0;
        for (const QList<QVariant>& request : std::as_const(served)) {
            QCOMPARE(request.at(1).toInt(), 200); // more than 50 IDs in one call would be a ValidationError
            describeCalls += request.at(0).toString() == u"DescribeAutoScalingInstances"_s;
        }
        QCOMPARE(describeCalls, 3); // 121 IDs: 50 + 50 + 21
        QCOMPARE(locator.groups().size(), 120);
        for (const QString& id : blue)
            QCOMPARE(locator.groupOf(id), u"blue"_s);
        for (const QString& id : green)
            QCOMPARE(locator.groupOf(id), u"green"_s);
        QCOMPARE(locator.unknownInstances(), QStringList { u"i-0000000000000dead"_s });
    }

    void failedLookupKnowsNothing()
    {
        SimSession sim;
        QString error;
        QVERIFY2(sim.start(LaunchScenario::Json, &error), qPrintable(error));
        const QString web = LaunchScenario::waitingInstances(sim.fixture.simulator(), u"web"_s).value(0);
        SimFaults faults;
        faults.serverErrorRate = 1;
        sim.fixture->setFaults(faults);
        InstanceGroupLocator locator(sim.session.get(), { web });
        QSignalSpy finished(&locator, &InstanceGroupLocator::finished);
        QVERIFY(finished.wait(20000));
        QVERIFY(locator.error().isError());
        QVERIFY(locator.groups().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestInstanceGroupLocator)
#include "tst_instancegrouplocator.moc"
