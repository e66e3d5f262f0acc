// Every item model and the pending proxy under QAbstractItemModelTester, attached before the first fill, across
// refreshes that add, remove and change rows. Refreshes must update in place (no reset), the countdown must tick
// with dataChanged on the Left column only, and selection-relevant rows must keep their identity.
#include "activitymodel.h"
#include "grouplistmodel.h"
#include "hooklistmodel.h"
#include "instancelistmodel.h"
#include "inventorybuilders.h"
#include "inventorystore.h"
#include "modelsignals.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QElapsedTimer>
#include <QPersistentModelIndex>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <cctype>

using namespace Qt::StringLiterals;

namespace {

const QDateTime T0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);

using TestSupport::group;
using TestSupport::hook;
using TestSupport::instance;

// The 3 a.m. picture of design.md §8: four waiting instances in three groups, one group idle.
QList<GroupSnapshot> initialInventory()
{
    GroupSnapshot blue = group(u"web-blue"_s,
        { instance(u"web-blue"_s, u"i-0a1b"_s, u"Pending:Wait"_s),
            instance(u"web-blue"_s, u"i-0c3d"_s, u"Pending:Wait"_s),
            instance(u"web-blue"_s, u"i-0b00"_s, u"InService"_s) },
        { hook(u"web-blue"_s, u"warm-up"_s, true, 3600, u"ABANDON"_s),
            hook(u"web-blue"_s, u"reg"_s, true, 3600, u"CONTINUE"_s) });
    ScalingActivity launch;
    launch.activityId = u"act-1"_s;
    launch.groupName = u"web-blue"_s;
    launch.description = u"Launching a new EC2 instance: i-0c3d"_s;
    launch.statusCode = u"MidLifecycleAction"_s;
    launch.startTime = T0.addSecs(-(56 * 60 + 55));
    blue.activities = { launch };
    GroupSnapshot green = group(u"web-green"_s, { instance(u"web-green"_s, u"i-0g00"_s, u"InService"_s) }, {});
    GroupSnapshot batch = group(u"batch"_s, { instance(u"batch"_s, u"i-0e5f"_s, u"Terminating:Wait"_s) },
        { hook(u"batch"_s, u"drain-jobs"_s, false, 7200, u"CONTINUE"_s) });
    GroupSnapshot api = group(u"api"_s, { instance(u"api"_s, u"i-0g7h"_s, u"Terminating:Wait"_s) },
        { hook(u"api"_s, u"drain"_s, false, 60, u"ABANDON"_s) });
    return { blue, green, batch, api };
}

} // namespace

class TestItemModels : public QObject {
    Q_OBJECT

private:
    QDateTime m_now;
    std::unique_ptr<InventoryStore> m_store;

    // Counts of structural signals, to prove refreshes never reset.
    using Structure = TestSupport::ModelSignals;

private Q_SLOTS:
    void init()
    {
        m_now = T0;
        m_store = std::make_unique<InventoryStore>(nullptr);
        m_store->estimator()->setClock([this] { return m_now; });
    }

    void groupList()
    {
        GroupListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1); // "All groups" even before the first refresh
        QVERIFY(model.index(0, 0).data(GroupListModel::IsAllGroupsRole).toBool());

        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.index(0, GroupListModel::WaitingColumn).data().toInt(), 4);
        QCOMPARE(model.index(0, GroupListModel::InstancesColumn).data().toInt(), 6);
        const int blueRow = model.rowOf(u"web-blue"_s);
        QVERIFY(blueRow > 0);
        QCOMPARE(model.index(blueRow, GroupListModel::WaitingColumn).data().toInt(), 2);
        QCOMPARE(model.index(model.rowOf(u"web-green"_s), 0).data(GroupListModel::WaitingCountRole).toInt(), 0);
        QPersistentModelIndex blue = model.index(blueRow, 0);

        // Refresh: web-green disappears, "new" appears, web-blue loses a waiting instance.
        Structure s(&model);
        QList<GroupSnapshot> next = initialInventory();
        next.removeAt(1);
        next[0].group.instances[0].lifecycleState = u"InService"_s;
        next.append(group(u"new"_s, { instance(u"new"_s, u"i-n1"_s, u"Pending:Wait"_s) }, {}));
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(s.changed.count(), 1); // web-blue; the totals happen to stay 6 and 4
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(blue.isValid());
        QCOMPARE(blue.data().toString(), u"web-blue"_s);
        QCOMPARE(model.index(blue.row(), GroupListModel::WaitingColumn).data().toInt(), 1);
        QCOMPARE(model.rowOf(u"web-green"_s), -1);
        QCOMPARE(model.index(0, GroupListModel::WaitingColumn).data().toInt(), 4);

        // The same inventory again changes nothing at all.
        Structure quiet(&model);
        m_store->setSnapshotForTesting(next);
        QCOMPARE(quiet.changed.count() + quiet.inserted.count() + quiet.removed.count() + quiet.reset.count(), 0);

        // Sorting through a proxy keeps "All groups" first.
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(GroupListModel::SortRole);
        proxy.sort(GroupListModel::NameColumn);
        QVERIFY(proxy.index(0, 0).data(GroupListModel::IsAllGroupsRole).toBool());
        QCOMPARE(proxy.index(1, 0).data().toString(), u"api"_s);
    }

    void instanceList()
    {
        InstanceListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroupName(u"web-blue"_s);
        QCOMPARE(model.rowCount(), 0);
        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.rowCount(), 3);
        QPersistentModelIndex waiting = model.index(0, InstanceListModel::StateColumn);
        QCOMPARE(waiting.data(InstanceListModel::InstanceIdRole).toString(), u"i-0a1b"_s);
        QVERIFY(waiting.data(InstanceListModel::IsWaitingRole).toBool());

        Structure s(&model);
        QList<GroupSnapshot> next = initialInventory();
        next[0].group.instances[0].lifecycleState = u"Pending:Proceed"_s; // change
        next[0].group.instances.removeAt(1); // remove i-0c3d
        next[0].group.instances.append(instance(u"web-blue"_s, u"i-0new"_s, u"Pending"_s)); // add
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(s.changed.count(), 1);
        QVERIFY(waiting.isValid());
        QCOMPARE(waiting.data().toString(), u"Pending:Proceed"_s);
        QVERIFY(waiting.data(InstanceListModel::IsTransitionalRole).toBool());

        // All groups: every instance; switching groups is a reset (different content), by design.
        model.setGroupName({});
        QCOMPARE(model.rowCount(), 6);
        model.setGroupName(u"gone"_s);
        QCOMPARE(model.rowCount(), 0);
    }

    void hookList()
    {
        HookListModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.rowCount(), 4); // all groups' loaded hooks
        model.setGroupName(u"web-blue"_s);
        QVERIFY(model.isLoaded());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, HookListModel::NameColumn).data().toString(), u"reg"_s); // sorted by name
        QCOMPARE(model.index(0, HookListModel::HeartbeatTimeoutColumn).data().toString(), u"1 h"_s);
        QCOMPARE(model.index(0, HookListModel::GlobalTimeoutColumn).data().toString(), u"48 h"_s);
        QCOMPARE(model.index(0, 0).data(HookListModel::HeartbeatTimeoutRole).toInt(), 3600);
        QCOMPARE(model.index(0, 0).data(HookListModel::HookRole).value<LifecycleHook>().name, u"reg"_s);

        Structure s(&model);
        QList<GroupSnapshot> next = initialInventory();
        next[0].hooks[0].heartbeatTimeout = 1800; // warm-up edited
        next[0].hooks.removeAt(1); // reg deleted
        next[0].hooks.append(hook(u"web-blue"_s, u"audit"_s, false, 300, u"CONTINUE"_s));
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.changed.count(), 1);
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(model.rowCount(), 2);
        // As the rest of the window writes durations (issue 18): hours and minutes, not "500 min".
        QCOMPARE(HookListModel::formatTimeout(1800), u"30 min"_s);
        QCOMPARE(HookListModel::formatTimeout(30000), u"8 h 20 min"_s);
        QCOMPARE(HookListModel::formatTimeout(7200), u"2 h"_s);
        QCOMPARE(HookListModel::formatTimeout(90), u"1 min 30 s"_s);
        QCOMPARE(HookListModel::formatTimeout(45), u"45 s"_s);
    }

    // A key lambda that concatenates with a deduced return type returns a QStringBuilder over temporaries that are
    // gone by the time syncRows hashes it (HookListModel crashed with bad_alloc): syncRows must refuse such key
    // functions at compile time and accept the same lambda once it returns QString.
    void rowKeysOwnTheirText()
    {
        const auto builderKey = [](const LifecycleHook& h) { return h.groupName + QLatin1Char('/') + h.name; };
        const auto ownedKey = [](const LifecycleHook& h) -> QString { return h.groupName + QLatin1Char('/') + h.name; };
        QVERIFY((!RowSyncModelBase::isOwningKeyFunction<decltype(builderKey), LifecycleHook>));
        QVERIFY((RowSyncModelBase::isOwningKeyFunction<decltype(ownedKey), LifecycleHook>));
        QVERIFY((RowSyncModelBase::isOwningKeyFunction<decltype(&PendingAction::key), PendingAction>));
    }

    void activityList()
    {
        ActivityModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroupName(u"web-blue"_s);
        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, ActivityModel::StatusColumn).data().toString(), u"MidLifecycleAction"_s);

        Structure s(&model);
        QList<GroupSnapshot> next = initialInventory();
        next[0].activities[0].statusCode = u"Successful"_s;
        ScalingActivity another = next[0].activities[0];
        another.activityId = u"act-2"_s;
        next[0].activities.prepend(another);
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(s.changed.count(), 1);
        QCOMPARE(model.rowCount(), 2);
    }

    void pendingActions()
    {
        PendingActionModel model(m_store.get());
        model.setTickInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        PendingFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(PendingActionModel::LeftColumn);

        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.rowCount(), 4);
        // Most urgent first: api's 60 s drain, then i-0c3d (started ≈ 56:55 ago, 1 h timeout) …
        QCOMPARE(proxy.index(0, PendingActionModel::InstanceColumn).data().toString(), u"i-0g7h"_s);
        // First seen, no activity: only a bound on the time left.
        QCOMPARE(proxy.index(0, PendingActionModel::LeftColumn).data().toString(), u"unknown — at most 01:00"_s);
        QCOMPARE(proxy.index(0, 0).data(PendingActionModel::UrgencyRole).toInt(), int(Urgency::Red));
        QCOMPARE(proxy.index(1, PendingActionModel::InstanceColumn).data().toString(), u"i-0c3d"_s);
        QCOMPARE(proxy.index(1, PendingActionModel::LeftColumn).data().toString(), u"≈ 03:05"_s);
        QCOMPARE(proxy.index(1, 0).data(PendingActionModel::UrgencyRole).toInt(), int(Urgency::Amber));
        QCOMPARE(proxy.index(1, 0).data(PendingActionModel::WaitStartSourceRole).toInt(),
            int(DeadlineEstimate::StartSource::Activity));
        QCOMPARE(proxy.index(2, PendingActionModel::InstanceColumn).data().toString(), u"i-0a1b"_s);
        QCOMPARE(proxy.index(2, PendingActionModel::HooksColumn).data().toString(), u"reg, warm-up"_s);
        // The result of the hook whose time the row shows (reg, CONTINUE); warm-up's ABANDON is in the explanation.
        QCOMPARE(proxy.index(2, PendingActionModel::DefaultColumn).data().toString(), u"CONTINUE"_s);
        QCOMPARE(proxy.index(2, 0).data(PendingActionModel::UrgencyRole).toInt(), int(Urgency::Normal));
        QCOMPARE(proxy.index(3, PendingActionModel::InstanceColumn).data().toString(), u"i-0e5f"_s);
        QCOMPARE(proxy.index(3, PendingActionModel::LeftColumn).data().toString(), u"unknown — at most 2:00:00"_s);
        QCOMPARE(proxy.index(3, 0).data(PendingActionModel::ExplanationRole).toString(),
            u"if nothing is done: CONTINUE → instance terminated"_s);

        // The countdown: one second later, dataChanged for the Left column only, no structural change.
        QPersistentModelIndex selected = proxy.index(1, 0);
        Structure s(&model);
        m_now = m_now.addSecs(1);
        model.tick();
        QCOMPARE(s.changed.count(), 1);
        const QModelIndex topLeft = s.changed.at(0).at(0).toModelIndex();
        const QModelIndex bottomRight = s.changed.at(0).at(1).toModelIndex();
        QCOMPARE(topLeft.column(), int(PendingActionModel::LeftColumn));
        QCOMPARE(bottomRight.column(), int(PendingActionModel::LeftColumn));
        QCOMPARE(topLeft.row(), 0);
        QCOMPARE(bottomRight.row(), 3);
        QCOMPARE(s.inserted.count() + s.removed.count() + s.reset.count(), 0);
        QCOMPARE(selected.sibling(selected.row(), PendingActionModel::LeftColumn).data().toString(), u"≈ 03:04"_s);
        QCOMPARE(selected.data().toString(), u"i-0c3d"_s);

        // Refresh: i-0a1b goes InService (removed), i-0e5f's drain was heartbeated elsewhere (unchanged to us),
        // a new instance starts waiting (inserted); the selected row survives.
        QList<GroupSnapshot> next = initialInventory();
        next[0].group.instances[0].lifecycleState = u"InService"_s;
        next[2].group.instances.append(instance(u"batch"_s, u"i-0new"_s, u"Terminating:Wait"_s));
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.data().toString(), u"i-0c3d"_s);
        QCOMPARE(model.rowOf(u"web-blue"_s, u"i-0a1b"_s), -1);

        // A state change of a listed instance (to transitional) is a dataChanged.
        const int changesBefore = int(s.changed.count());
        next[3].group.instances[0].lifecycleState = u"Terminating:Proceed"_s;
        m_store->setSnapshotForTesting(next);
        QCOMPARE(s.changed.count(), changesBefore + 1);
        const int apiRow = model.rowOf(u"api"_s, u"i-0g7h"_s);
        QVERIFY(!model.index(apiRow, 0).data(PendingActionModel::ActionableRole).toBool());
        QCOMPARE(model.index(apiRow, PendingActionModel::LeftColumn).data().toString(), u"—"_s);
        // Transitional rows sort last.
        QCOMPARE(proxy.index(proxy.rowCount() - 1, 0).data().toString(), u"i-0g7h"_s);
    }

    void pendingFilter()
    {
        PendingActionModel model(m_store.get());
        model.setTickInterval(0);
        PendingFilterProxyModel proxy;
        QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(proxy.rowCount(), 4);

        proxy.setFilterText(u"web-"_s);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(u"DRAIN"_s); // hook names, case-insensitive
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(u"drain batch"_s); // every word must match
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"i-0e5f"_s);
        proxy.setFilterText(u"i-0c3"_s);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setFilterText({});

        proxy.setGroupName(u"web-blue"_s);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setFilterText(u"warm-up"_s);
        QCOMPARE(proxy.rowCount(), 2);
        proxy.setGroupName({});
        proxy.setFilterText({});

        // Filtering survives refreshes that add and remove matching rows.
        proxy.setFilterText(u"batch"_s);
        QList<GroupSnapshot> next = initialInventory();
        next[2].group.instances.append(instance(u"batch"_s, u"i-0new"_s, u"Terminating:Wait"_s));
        m_store->setSnapshotForTesting(next);
        QCOMPARE(proxy.rowCount(), 2);
        next[2].group.instances.removeFirst();
        m_store->setSnapshotForTesting(next);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"i-0new"_s);

        proxy.setFilterText({});
        next[3].group.instances[0].lifecycleState = u"Terminating:Proceed"_s;
        m_store->setSnapshotForTesting(next);
        proxy.setShowTransitional(false);
        QCOMPARE(proxy.rowCount(), 3);
    }

    void ticksEverySecondByItself()
    {
        PendingActionModel model(m_store.get());
        m_store->setSnapshotForTesting(initialInventory());
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QVERIFY(changed.wait(1500));
        QCOMPARE(changed.constFirst().at(0).toModelIndex().column(), int(PendingActionModel::LeftColumn));
    }

    void heartbeatMovesTheDeadline()
    {
        PendingActionModel model(m_store.get());
        model.setTickInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->setSnapshotForTesting(initialInventory());
        const int row = model.rowOf(u"api"_s, u"i-0g7h"_s);
        QCOMPARE(model.index(row, 0).data(PendingActionModel::SecondsLeftRole).toLongLong(), 60);
        m_now = m_now.addSecs(50);
        m_store->recordHeartbeat(u"i-0g7h"_s, u"drain"_s);
        QCOMPARE(model.index(row, 0).data(PendingActionModel::SecondsLeftRole).toLongLong(), 60);
        QCOMPARE(model.index(row, 0).data(PendingActionModel::UrgencyRole).toInt(), int(Urgency::Red));
    }

    // A CONTINUE hook timing out completes its action while the instance keeps waiting on another hook: without
    // a refresh, the row moves on to that hook's countdown instead of turning overdue.
    void continueTimeoutMovesOnToTheNextHook()
    {
        QElapsedTimer elapsed;
        elapsed.start();
        m_store->estimator()->setClock([elapsed] { return T0.addMSecs(elapsed.elapsed()); });
        PendingActionModel model(m_store.get());
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->setSnapshotForTesting({ group(u"web"_s, { instance(u"web"_s, u"i-1"_s, u"Pending:Wait"_s) },
            { hook(u"web"_s, u"register"_s, true, 2, u"CONTINUE"_s),
                hook(u"web"_s, u"warm-up"_s, true, 3600, u"ABANDON"_s) }) });
        QCOMPARE(model.rowCount(), 1);
        const QModelIndex hooks = model.index(0, PendingActionModel::HooksColumn);
        QCOMPARE(hooks.data().toString(), u"register, warm-up"_s);
        QTRY_COMPARE_WITH_TIMEOUT(hooks.data().toString(), u"warm-up"_s, 6000);
        const QModelIndex left = model.index(0, PendingActionModel::LeftColumn);
        QVERIFY2(left.data().toString().startsWith(u"unknown — at most 59:5"_s), qPrintable(left.data().toString()));
        QCOMPARE(left.data(PendingActionModel::UrgencyRole).toInt(), int(Urgency::Normal));
        QCOMPARE(model.index(0, PendingActionModel::DefaultColumn).data().toString(), u"ABANDON"_s);
        QVERIFY(left.data(PendingActionModel::ExplanationRole).toString().contains(u"register timed out"_s));
    }

    // QML delegates and model inspectors address data by role name: every custom role has its own, derived from
    // the enum, and the standard ones (display, toolTip, …) are still there.
    void roleNamesCoverEveryRole()
    {
        const auto check = [](const QAbstractItemModel& model, int firstRole, int lastRole) {
            const QHash<int, QByteArray> names = model.roleNames();
            QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
            QCOMPARE(names.value(Qt::ToolTipRole), QByteArray("toolTip"));
            QSet<QByteArray> seen;
            for (int role = firstRole; role <= lastRole; ++role) {
                const QByteArray name = names.value(role);
                QVERIFY2(!name.isEmpty() && !name.endsWith("Role") && std::islower(uchar(name.at(0))),
                    qPrintable(QString::number(role)));
                QVERIFY2(!seen.contains(name), name.constData());
                seen.insert(name);
            }
        };
        PendingActionModel pending(m_store.get());
        check(pending, PendingActionModel::InstanceIdRole, PendingActionModel::SortRole);
        QCOMPARE(pending.roleNames().value(PendingActionModel::SecondsLeftRole), QByteArray("secondsLeft"));
        InstanceListModel instances(m_store.get());
        check(instances, InstanceListModel::InstanceIdRole, InstanceListModel::SortRole);
        QCOMPARE(instances.roleNames().value(InstanceListModel::IsWaitingRole), QByteArray("isWaiting"));
        GroupListModel groups(m_store.get());
        check(groups, GroupListModel::GroupNameRole, GroupListModel::SortRole);
        HookListModel hooks(m_store.get());
        check(hooks, HookListModel::HookNameRole, HookListModel::SortRole);
        QCOMPARE(hooks.roleNames().value(HookListModel::RoleArnRole), QByteArray("roleArn"));
    }

    void completedHookLeavesTheOthers()
    {
        PendingActionModel model(m_store.get());
        model.setTickInterval(0);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->setSnapshotForTesting(initialInventory());
        const int row = model.rowOf(u"web-blue"_s, u"i-0a1b"_s);
        m_store->markHookCompleted(u"i-0a1b"_s, u"reg"_s);
        QCOMPARE(model.index(row, PendingActionModel::HooksColumn).data().toString(), u"warm-up"_s);
        // Still recorded after a refresh that shows the same wait …
        m_store->setSnapshotForTesting(initialInventory());
        QCOMPARE(model.index(row, PendingActionModel::HooksColumn).data().toString(), u"warm-up"_s);
        // … and forgotten once the instance leaves it.
        QList<GroupSnapshot> next = initialInventory();
        next[0].group.instances[0].lifecycleState = u"InService"_s;
        m_store->setSnapshotForTesting(next);
        next[0].group.instances[0].lifecycleState = u"Pending:Wait"_s;
        m_store->setSnapshotForTesting(next);
        QCOMPARE(
            model.index(model.rowOf(u"web-blue"_s, u"i-0a1b"_s), PendingActionModel::HooksColumn).data().toString(),
            u"reg, warm-up"_s);
    }
};

QTEST_GUILESS_MAIN(TestItemModels)
#include "tst_models_itemmodels.moc"
