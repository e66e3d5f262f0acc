// Warm pools in the inventory, against the in-process simulator: DescribeWarmPool is called for every group with a
// WarmPoolConfiguration (never for the others), the pool's instances join the instance list and the pending view
// with their pool state and the hook their wait is on, and the models follow a pool change in place
// (QAbstractItemModelTester attached before the first fill).
#include "grouplistmodel.h"
#include "instancelistmodel.h"
#include "pendingactionmodel.h"
#include "simengine.h"
#include "tst_models_simsession.h"

#include <QAbstractItemModelTester>

using namespace Qt::StringLiterals;

namespace {
const QByteArray kScenario = R"({ "groups": [
  { "name": "pooled", "minSize": 0, "maxSize": 4,
    "hooks": [ { "name": "boot", "transition": "launching", "heartbeatTimeout": 1800 },
               { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 1 } ],
    "warmPool": { "minSize": 2, "maxGroupPreparedCapacity": 3, "poolState": "Hibernated", "reuseOnScaleIn": true,
                  "instances": [ { "state": "Warmed:Hibernated" }, { "state": "Warmed:Pending:Wait", "elapsed": 120 } ] } },
  { "name": "plain-a", "minSize": 0, "maxSize": 2, "instances": [ { "state": "InService" } ] },
  { "name": "plain-b", "minSize": 0, "maxSize": 2, "instances": [ { "state": "InService" } ] } ] })";

int rowOf(const QAbstractItemModel& model, const QString& instanceId)
{
    for (int row = 0; row < model.rowCount(); ++row) {
        if (model.index(row, 0).data(InstanceListModel::InstanceIdRole).toString() == instanceId)
            return row;
    }
    return -1;
}
} // namespace

class TestInventoryWarmPool : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    QStringList m_served;

    Simulator& sim() { return m_sim->fixture.simulator(); }
    QString poolInstance(const QString& state)
    {
        for (const SimInstance* instance : sim().engine().warmPoolInstances(u"pooled"_s)) {
            if (instance->state.toString() == state)
                return instance->id;
        }
        return {};
    }

private Q_SLOTS:
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start(kScenario, &error), qPrintable(error));
        m_served.clear();
        connect(&sim(), &Simulator::requestServed, this, [this](const QString& action, int) { m_served << action; });
    }
    void cleanup() { m_sim.reset(); }

    void poolsAreReadOnlyForGroupsThatHaveOne()
    {
        QVERIFY(m_sim->refresh(InventoryStore::RefreshKind::Full));
        QCOMPARE(m_served.count(u"DescribeWarmPool"_s), 1); // pooled only: plain-a and plain-b have none
        const GroupSnapshot* pooled = m_sim->store->group(u"pooled"_s);
        QVERIFY(pooled && pooled->warmPoolLoaded);
        QVERIFY(pooled->group.warmPool);
        QCOMPARE(pooled->group.warmPool->poolState, u"Hibernated"_s);
        QVERIFY(pooled->group.warmPool->reuseOnScaleIn);
        QCOMPARE(pooled->instanceCount(), 1); // the group's own instance; the pool's are apart
        QCOMPARE(pooled->warmPoolInstances.size(), 2); // max(min 2, max prepared 3 − desired 1)
        QVERIFY(!m_sim->store->group(u"plain-a"_s)->group.warmPool);
        QVERIFY(!m_sim->store->group(u"plain-a"_s)->warmPoolLoaded);

        // The waiting pool instance is in the pending view, on the launch hook (the feed gave its "into warm pool"
        // activity), with a real wait start.
        const QString waiting = poolInstance(u"Warmed:Pending:Wait"_s);
        const PendingAction* action = m_sim->store->pendingAction(u"pooled"_s, waiting);
        QVERIFY(action);
        QVERIFY(action->actionable);
        QCOMPARE(action->hookNames(), QStringList { u"boot"_s });
        QCOMPARE(action->estimate.waitStart, sim().now().addSecs(-120));

        // A change-driven refresh with the pool still waiting reads it again; the plain groups' pools never.
        m_served.clear();
        QVERIFY(m_sim->refresh());
        QCOMPARE(m_served.count(u"DescribeWarmPool"_s), 1);
    }

    void modelsFollowAReturnOnScaleIn()
    {
        InstanceListModel instances(m_sim->store.get());
        QAbstractItemModelTester instanceTester(&instances, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PendingActionModel pending(m_sim->store.get());
        QAbstractItemModelTester pendingTester(&pending, QAbstractItemModelTester::FailureReportingMode::QtTest);
        GroupListModel groups(m_sim->store.get());
        QAbstractItemModelTester groupTester(&groups, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(m_sim->refresh(InventoryStore::RefreshKind::Full));

        const QString hibernated = poolInstance(u"Warmed:Hibernated"_s);
        const int row = rowOf(instances, hibernated);
        QVERIFY(row >= 0);
        QCOMPARE(instances.index(row, InstanceListModel::StateColumn).data().toString(), u"Warmed:Hibernated"_s);
        const QString pool = groups.index(groups.rowOf(u"pooled"_s), 0).data(GroupListModel::WarmPoolRole).toString();
        QVERIFY2(pool.contains(u"min 2"_s) && pool.contains(u"max prepared 3"_s) && pool.contains(u"Hibernated"_s)
                && pool.contains(u"reuse on scale in"_s),
            qPrintable(pool));
        QVERIFY(groups.index(groups.rowOf(u"plain-a"_s), 0).data(GroupListModel::WarmPoolRole).toString().isEmpty());
        QCOMPARE(groups.index(groups.rowOf(u"pooled"_s), GroupListModel::InstancesColumn).data().toInt(), 1);

        // Scale in with ReuseOnScaleIn: the group's instance goes back to the pool and waits on the terminate hook.
        const QString member = sim().engine().instancesOf(u"pooled"_s).constFirst()->id;
        QVERIFY(sim().setDesiredCapacity(u"pooled"_s, 0));
        sim().advance(3);
        QCOMPARE(sim().lifecycleState(member), u"Warmed:Pending:Wait"_s);
        QVERIFY(m_sim->refresh());
        const PendingAction* action = m_sim->store->pendingAction(u"pooled"_s, member);
        QVERIFY(action);
        QCOMPARE(action->hookNames(), QStringList { u"drain"_s });
        QVERIFY2(action->explanation().contains(u"returns to the warm pool"_s), qPrintable(action->explanation()));
        const int memberRow = rowOf(instances, member);
        QVERIFY(memberRow >= 0);
        QCOMPARE(
            instances.index(memberRow, InstanceListModel::StateColumn).data().toString(), u"Warmed:Pending:Wait"_s);
        QCOMPARE(m_sim->store->group(u"pooled"_s)->instanceCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestInventoryWarmPool)
#include "tst_inventory_warmpool.moc"
