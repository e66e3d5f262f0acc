// The window and warm pools, against the in-process simulator: a warm-pool instance waiting in Warmed:Pending:Wait is
// a row of the pending view with its pool state and the hook its wait is on (here the launch hook: it is on its way
// into the pool); its details say so; after a scale in with ReuseOnScaleIn the returning instance's row names the
// terminate hook instead, and the group list shows the pool.
#include "detailspane.h"
#include "grouplistmodel.h"
#include "simengine.h"
#include "tst_gui_simwindow.h"

using namespace Qt::StringLiterals;

namespace {
const QByteArray kScenario = R"({ "groups": [
  { "name": "pooled", "minSize": 0, "maxSize": 4,
    "hooks": [ { "name": "boot", "transition": "launching", "heartbeatTimeout": 1800 },
               { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
    "instances": [ { "state": "InService", "count": 1 } ],
    "warmPool": { "minSize": 2, "maxGroupPreparedCapacity": 3, "poolState": "Hibernated", "reuseOnScaleIn": true,
                  "instances": [ { "state": "Warmed:Hibernated" }, { "state": "Warmed:Pending:Wait", "elapsed": 120 } ] } } ] })";

int rowOf(const QAbstractItemModel* model, const QString& instanceId)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(PendingActionModel::InstanceIdRole).toString() == instanceId)
            return row;
    }
    return -1;
}
} // namespace

class TestGuiWarmPool : public QObject {
    Q_OBJECT
    SimWindow m_w;

private Q_SLOTS:
    void cleanup() { m_w.close(); }

    void warmPoolRowShowsPoolStateAndHook()
    {
        m_w.open(kScenario, 1);
        QVERIFY(m_w.window);
        SimEngine& engine = m_w.sim->simulator().engine();
        QString waiting;
        for (const SimInstance* instance : engine.warmPoolInstances(u"pooled"_s)) {
            if (instance->state == Lifecycle::State::WarmedPendingWait)
                waiting = instance->id;
        }
        const QAbstractItemModel* model = m_w.window->pendingView()->model();
        const int row = rowOf(model, waiting);
        QVERIFY(row >= 0);
        QCOMPARE(model->index(row, PendingActionModel::StateColumn).data().toString(), u"Warmed:Pending:Wait"_s);
        QCOMPARE(model->index(row, PendingActionModel::HooksColumn).data().toString(), u"boot"_s);

        m_w.window->pendingView()->setCurrentIndex(model->index(row, 0));
        QTRY_VERIFY(m_w.window->detailsPane()->toPlainText().contains(u"launched into the warm pool"_s));

        const QAbstractItemModel* groups = m_w.window->groupView()->model();
        QString pool;
        for (int r = 0; r < groups->rowCount(); ++r) {
            if (groups->index(r, 0).data(GroupListModel::GroupNameRole).toString() == u"pooled"_s)
                pool = groups->index(r, 0).data(Qt::ToolTipRole).toString();
        }
        QVERIFY2(pool.contains(u"warm pool"_s) && pool.contains(u"Hibernated"_s), qPrintable(pool));

        // Scale in: the group's instance returns to the pool and its row waits on the terminate hook.
        const QString member = engine.instancesOf(u"pooled"_s).constFirst()->id;
        QVERIFY(m_w.sim->simulator().setDesiredCapacity(u"pooled"_s, 0));
        m_w.sim->simulator().advance(3);
        QCOMPARE(engine.instance(member)->state, Lifecycle::State::WarmedPendingWait);
        m_w.window->store()->refresh(InventoryStore::RefreshKind::Full);
        QTRY_VERIFY_WITH_TIMEOUT(rowOf(model, member) >= 0, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(
            model->index(rowOf(model, member), PendingActionModel::HooksColumn).data().toString(), u"drain"_s, 10000);
        QCOMPARE(model->index(rowOf(model, member), PendingActionModel::StateColumn).data().toString(),
            u"Warmed:Pending:Wait"_s);
        QVERIFY(model->index(rowOf(model, member), 0)
                    .data(PendingActionModel::ExplanationRole)
                    .toString()
                    .contains(u"returns to the warm pool"_s));
    }
};

QTEST_MAIN(TestGuiWarmPool)
#include "tst_gui_warmpool.moc"
