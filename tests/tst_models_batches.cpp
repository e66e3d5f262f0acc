// The group, instance, hook and activity models (and the proxies the window puts on them) while a store loads many
// groups answer by answer (issue 15 item 4): under QAbstractItemModelTester attached before the first fill, a load
// of N groups in one burst reaches each model as one insertion (not N updates), a refresh that changes one group of
// N touches only that group's rows, removing a group removes only its rows, and changes noted while calls are in
// flight show after the coalescing delay without waiting for the end of the refresh.
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
#include <QPersistentModelIndex>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

constexpr int GroupCount = 200;
constexpr int InstancesPerGroup = 3;
constexpr int PageSize = 50;

using TestSupport::hook;
using TestSupport::instance;

QString groupName(int g)
{
    return u"grp-%1"_s.arg(g, 4, 10, QLatin1Char('0'));
}

// Every 10th group has one waiting instance; its hooks are loaded with it.
AutoScalingGroup makeGroup(int g)
{
    AutoScalingGroup group;
    group.name = groupName(g);
    group.maxSize = 10;
    group.desiredCapacity = InstancesPerGroup;
    for (int i = 0; i < InstancesPerGroup; ++i) {
        const bool waiting = g % 10 == 0 && i == 0;
        group.instances.append(
            instance(group.name, u"i-%1-%2"_s.arg(g).arg(i), waiting ? u"Pending:Wait"_s : u"InService"_s));
    }
    return group;
}

QList<AutoScalingGroup> makeFleet()
{
    QList<AutoScalingGroup> groups;
    for (int g = 0; g < GroupCount; ++g)
        groups.append(makeGroup(g));
    return groups;
}

using Spy = TestSupport::ModelSignals;

// The window's models with a tester on each and on the proxies it sorts them through.
struct Models {
    explicit Models(InventoryStore* store)
        : groups(store)
        , instances(store)
        , hooks(store)
        , activities(store)
        , pending(store)
    {
        for (QAbstractItemModel* model : std::initializer_list<QAbstractItemModel*> {
                 &groups, &instances, &hooks, &activities, &pending, &instanceProxy, &pendingProxy })
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                model, QAbstractItemModelTester::FailureReportingMode::QtTest));
        pending.setTickInterval(0);
        instanceProxy.setSourceModel(&instances);
        instanceProxy.setSortRole(InstanceListModel::SortRole);
        instanceProxy.sort(InstanceListModel::InstanceColumn);
        pendingProxy.setSourceModel(&pending);
        pendingProxy.sort(PendingActionModel::LeftColumn);
    }
    GroupListModel groups;
    InstanceListModel instances;
    HookListModel hooks;
    ActivityModel activities;
    PendingActionModel pending;
    QSortFilterProxyModel instanceProxy;
    PendingFilterProxyModel pendingProxy;
    std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
};

// Groups of the rows a model names in its dataChanged signals.
QSet<QString> groupsTouched(const QSignalSpy& changed, int groupNameRole)
{
    QSet<QString> names;
    for (const QList<QVariant>& args : changed) {
        const auto topLeft = args.at(0).value<QModelIndex>();
        const auto bottomRight = args.at(1).value<QModelIndex>();
        for (int row = topLeft.row(); row <= bottomRight.row(); ++row)
            names.insert(topLeft.sibling(row, 0).data(groupNameRole).toString());
    }
    return names;
}

} // namespace

class TestModelBatches : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<InventoryStore> m_store;

    // One full refresh fed page by page, then the hooks of every group with a waiting instance; no event is
    // processed in between, so the whole load is one burst.
    void load(const QList<AutoScalingGroup>& fleet)
    {
        m_store->beginRefreshForTesting();
        for (qsizetype first = 0; first < fleet.size(); first += PageSize)
            m_store->applyGroupsForTesting(fleet.mid(first, PageSize));
        for (const AutoScalingGroup& group : fleet) {
            if (group.instances.constFirst().lifecycleState == "Pending:Wait"_L1)
                m_store->applyDetailsForTesting(group.name,
                    { hook(group.name, u"warm-up"_s, true, 3600, u"ABANDON"_s),
                        hook(group.name, u"drain"_s, false, 600, u"CONTINUE"_s) },
                    {});
        }
        m_store->endRefreshForTesting();
    }

private Q_SLOTS:
    void init() { m_store = std::make_unique<InventoryStore>(nullptr); }

    void aBurstOfGroupsIsOneUpdatePerModel()
    {
        Models models(m_store.get());
        Spy groups(&models.groups);
        Spy instances(&models.instances);
        Spy hooks(&models.hooks);
        load(makeFleet());

        QCOMPARE(instances.inserted.count(), 1);
        QCOMPARE(instances.updates(), 1);
        QCOMPARE(models.instances.rowCount(), GroupCount * InstancesPerGroup);
        QCOMPARE(models.instanceProxy.rowCount(), GroupCount * InstancesPerGroup);
        QCOMPARE(groups.inserted.count(), 1);
        QCOMPARE(groups.changed.count(), 1); // the "All groups" totals
        QCOMPARE(groups.updates(), 2);
        QCOMPARE(models.groups.rowCount(), GroupCount + 1);
        QCOMPARE(models.groups.index(0, GroupListModel::InstancesColumn).data().toInt(), GroupCount * 3);
        QCOMPARE(models.groups.index(0, GroupListModel::WaitingColumn).data().toInt(), GroupCount / 10);
        QCOMPARE(hooks.inserted.count(), 1);
        QCOMPARE(hooks.updates(), 1);
        QCOMPARE(models.hooks.rowCount(), 2 * GroupCount / 10);
        QCOMPARE(models.pendingProxy.rowCount(), GroupCount / 10);
    }

    void changingOneGroupTouchesOnlyItsRows()
    {
        Models models(m_store.get());
        QList<AutoScalingGroup> fleet = makeFleet();
        load(fleet);
        const QString changed = groupName(42);
        const QPersistentModelIndex other = models.instances.index(0, 0); // a row of grp-0000

        AutoScalingGroup& group = fleet[42];
        group.instances[1].lifecycleState = u"Terminating"_s; // changed
        group.instances.removeAt(2); // gone
        group.instances.append(instance(changed, u"i-new"_s, u"Pending"_s)); // new
        Spy groups(&models.groups);
        Spy instances(&models.instances);
        QSet<QString> removedFrom;
        connect(&models.instances, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [&](const QModelIndex&, int first, int last) {
                for (int row = first; row <= last; ++row)
                    removedFrom.insert(models.instances.instanceAt(row).groupName);
            });
        load(fleet); // the whole fleet again, as a full refresh reads it

        QCOMPARE(instances.reset.count(), 0);
        QCOMPARE(instances.removed.count(), 1);
        QCOMPARE(removedFrom, QSet<QString> { changed });
        QCOMPARE(instances.inserted.count(), 1);
        const int insertedRow = instances.inserted.at(0).at(1).toInt();
        QCOMPARE(models.instances.instanceAt(insertedRow).instanceId, u"i-new"_s);
        QCOMPARE(instances.changed.count(), 1);
        QCOMPARE(groupsTouched(instances.changed, InstanceListModel::GroupNameRole), QSet<QString> { changed });
        QCOMPARE(instances.updates(), 3);
        // The group list: that group's row only; its counts stay 3 instances, so the totals do not move.
        QCOMPARE(groups.updates(), 0);
        QVERIFY(other.isValid());
        QCOMPARE(other.data().toString(), u"i-0-0"_s);
    }

    void removingOneGroupRemovesOnlyItsRows()
    {
        Models models(m_store.get());
        load(makeFleet());
        const QString gone = groupName(10); // a group with a waiting instance and hooks
        const QPersistentModelIndex lastGroup = models.groups.index(models.groups.rowCount() - 1, 0);
        Spy groups(&models.groups);
        Spy instances(&models.instances);
        Spy hooks(&models.hooks);

        m_store->beginRefreshForTesting();
        m_store->applyGroupsForTesting({}, { gone }); // refreshGroup() of a deleted group
        m_store->endRefreshForTesting();

        QCOMPARE(m_store->group(gone), nullptr);
        QCOMPARE(instances.removed.count(), 1);
        QCOMPARE(instances.updates(), 1);
        QCOMPARE(models.instances.rowCount(), (GroupCount - 1) * InstancesPerGroup);
        QCOMPARE(hooks.removed.count(), 1);
        QCOMPARE(models.hooks.rowCount(), 2 * (GroupCount / 10 - 1));
        QCOMPARE(groups.removed.count(), 1);
        QCOMPARE(models.groups.rowOf(gone), -1);
        QCOMPARE(models.groups.index(0, GroupListModel::WaitingColumn).data().toInt(), GroupCount / 10 - 1);
        QVERIFY(lastGroup.isValid());
        QCOMPARE(lastGroup.data().toString(), groupName(GroupCount - 1));
        QCOMPARE(models.pendingProxy.rowCount(), GroupCount / 10 - 1);
    }

    // While calls are in flight the window still shows what has arrived: a short timer applies the notes.
    void partialResultsShowWhileLoading()
    {
        Models models(m_store.get());
        Spy instances(&models.instances);
        const QList<AutoScalingGroup> fleet = makeFleet();
        m_store->beginRefreshForTesting();
        m_store->applyGroupsForTesting(fleet.mid(0, PageSize));
        m_store->applyGroupsForTesting(fleet.mid(PageSize, PageSize));
        QCOMPARE(models.instances.rowCount(), 0); // noted, not applied yet
        QTRY_COMPARE(models.instances.rowCount(), 2 * PageSize * InstancesPerGroup);
        QCOMPARE(instances.inserted.count(), 1);
        m_store->applyGroupsForTesting(fleet.mid(qsizetype(2) * PageSize));
        m_store->endRefreshForTesting(); // the end applies the rest at once
        QCOMPARE(models.instances.rowCount(), GroupCount * InstancesPerGroup);
        QCOMPARE(instances.inserted.count(), 2);
        QCOMPARE(instances.reset.count(), 0);
    }

    // A model restricted to one group ignores the others' changes.
    void aModelOnOneGroupIgnoresTheOthers()
    {
        Models models(m_store.get());
        QList<AutoScalingGroup> fleet = makeFleet();
        load(fleet);
        models.instances.setGroupName(groupName(7));
        QCOMPARE(models.instances.rowCount(), InstancesPerGroup);
        Spy instances(&models.instances);
        fleet[8].instances[0].lifecycleState = u"Terminating"_s;
        load(fleet);
        QCOMPARE(instances.updates(), 0);
        fleet[7].instances[0].lifecycleState = u"Terminating"_s;
        load(fleet);
        QCOMPARE(instances.changed.count(), 1);
        QCOMPARE(instances.updates(), 1);
    }
};

QTEST_GUILESS_MAIN(TestModelBatches)
#include "tst_models_batches.moc"
