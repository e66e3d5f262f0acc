// The change-driven refresh against the in-process simulator: after the first load a refresh reads the account-wide
// activity feed and only the groups it names plus the waiting ones, and a sweep catches what leaves no activity.
// Every case compares the store with the simulator's own state, and counts the requests the simulator answered.
#include "simengine.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

namespace {
using Kind = InventoryStore::RefreshKind;

QSet<QString> waitingIds(const InventoryStore& store)
{
    QSet<QString> ids;
    for (const PendingAction& action : store.pendingActions()) {
        if (action.actionable)
            ids.insert(action.instanceId);
    }
    return ids;
}

QSet<QString> simWaitingIds(const Simulator& sim)
{
    QSet<QString> ids;
    for (const SimPendingAction& action : sim.pendingActions())
        ids.insert(action.instanceId);
    return ids;
}
} // namespace

class TestInventoryChanges : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;

    Simulator& sim() { return m_sim->fixture.simulator(); }
    InventoryStore& store() { return *m_sim->store; }

    void startGenerated(const QString& spec)
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->fixture->generate(spec), &error), qPrintable(error));
    }

    // 40 groups of 3 instances, two hooks each, a quarter of the instances waiting; loaded once.
    void startLoaded()
    {
        startGenerated(u"groups=40,instances=3,hooks=2,waiting=0.25"_s);
        // Six idle groups with a launch hook and nothing waiting yet.
        for (int i = 0; i < 6; ++i) {
            const QString name = u"idle-%1"_s.arg(i);
            QVERIFY(sim().createGroup(name, 0, 4, 0));
            QVERIFY(sim().putLifecycleHook(name, u"warm-up"_s, QLatin1String(LifecycleTransition::Launching), 900));
        }
        QVERIFY(m_sim->refresh());
        QCOMPARE(store().groupNames().size(), 46);
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
    }

    // A refresh of `kind`, waited for; the requests the simulator answered for it.
    int refreshCounted(Kind kind = Kind::Auto)
    {
        const int before = sim().requestCount();
        if (!m_sim->refresh(kind))
            return -1;
        return sim().requestCount() - before;
    }

    QString idleGroup()
    {
        for (const QString& name : store().groupNames()) {
            if (!store().group(name)->hasPendingInstances())
                return name;
        }
        return {};
    }

private Q_SLOTS:
    void cleanup() { m_sim.reset(); }

    void quietAccountCostsTwoRequests()
    {
        startLoaded();
        QCOMPARE(store().runningKind(), Kind::Auto);
        QVERIFY(store().lastSweep().isValid());
        const QList<PendingAction> before = store().pendingActions();
        // The feed (nothing new), then every waiting group by name in one call; no hooks, no activities.
        QCOMPARE(refreshCounted(), 2);
        QCOMPARE(store().pendingActions(), before);
    }

    void newWaitingInstanceIsFound()
    {
        startLoaded();
        const QString group = idleGroup();
        QVERIFY(!group.isEmpty());
        const int desired = store().group(group)->group.desiredCapacity;
        QVERIFY(sim().setDesiredCapacity(group, desired + 1));
        sim().advance(30); // past Pending: the new instance waits on the launch hook
        const int requests = refreshCounted();
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
        QVERIFY(store().group(group)->hasPendingInstances());
        // The feed, the waiting groups plus this one by name, this group's hooks (cached hooks of the others).
        QVERIFY2(requests <= 4, qPrintable(QString::number(requests)));
        // Its wait start came from the feed: a deadline, not an "at most" bound.
        for (const PendingAction& action : store().pendingActions()) {
            if (action.groupName == group)
                QVERIFY(!action.estimate.isUpperBound());
        }
    }

    void completedInstanceLeaves()
    {
        startLoaded();
        const QList<SimPendingAction> waiting = sim().pendingActions();
        QVERIFY(!waiting.isEmpty());
        const SimPendingAction& target = waiting.constFirst();
        // CONTINUE on every hook of the instance: it leaves the wait, and no new activity says so.
        for (const SimPendingAction& action : waiting) {
            if (action.instanceId == target.instanceId) {
                QVERIFY(
                    sim().engine().completeAction(action.groupName, action.hookName, action.token, {}, u"CONTINUE"_s));
            }
        }
        QVERIFY(!simWaitingIds(sim()).contains(target.instanceId));
        QVERIFY(waitingIds(store()).contains(target.instanceId));
        QVERIFY(refreshCounted() >= 2);
        QVERIFY(!waitingIds(store()).contains(target.instanceId));
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
    }

    void fiveGroupsChangedStayUnderTwentyRequests()
    {
        startLoaded();
        QStringList idle;
        for (const QString& name : store().groupNames()) {
            if (!store().group(name)->hasPendingInstances() && idle.size() < 5)
                idle.append(name);
        }
        QCOMPARE(idle.size(), 5);
        for (const QString& name : std::as_const(idle))
            QVERIFY(sim().setDesiredCapacity(name, store().group(name)->group.desiredCapacity + 1));
        sim().advance(30);
        const int requests = refreshCounted();
        QVERIFY2(requests <= 20, qPrintable(QString::number(requests)));
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
        qInfo("5 groups changed: %d requests", requests);
    }

    void createdAndDeletedGroupsAfterTheSweep()
    {
        startLoaded();
        const QString idle = idleGroup();
        QVERIFY(sim().createGroup(u"zz-empty"_s, 0, 2, 0)); // no instance, so no activity
        QVERIFY(sim().engine().deleteGroup(idle, true));
        QVERIFY(m_sim->refresh()); // change-driven: neither leaves an activity the feed reads
        QVERIFY(!store().groupNames().contains(u"zz-empty"_s));
        QSignalSpy added(&store(), &InventoryStore::groupAdded);
        QSignalSpy removed(&store(), &InventoryStore::groupRemoved);
        QVERIFY(m_sim->refresh(Kind::Sweep));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.constFirst().at(0).toString(), u"zz-empty"_s);
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.constFirst().at(0).toString(), idle);
        QCOMPARE(store().groupNames().size(), sim().groupNames().size());
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
    }

    // A sweep is due after its interval: Auto turns into one on its own.
    void sweepRunsWhenDue()
    {
        startLoaded();
        const QDateTime first = store().lastSweep();
        store().setSweepIntervalSeconds(1);
        QTest::qWait(1100);
        QVERIFY(sim().createGroup(u"zz-empty"_s, 0, 2, 0));
        QVERIFY(m_sim->refresh());
        QVERIFY(store().groupNames().contains(u"zz-empty"_s));
        QVERIFY(store().lastSweep() > first);
    }

    void hookEditedElsewhereAfterTheSweep()
    {
        startLoaded();
        const SimPendingAction target = sim().pendingActions().constFirst();
        SimEngine::HookSpec spec;
        spec.groupName = target.groupName;
        spec.name = target.hookName;
        spec.heartbeatTimeout = 4321;
        QVERIFY(sim().engine().putHook(spec));
        const auto timeoutOf = [this, &target] {
            for (const LifecycleHook& hook : store().group(target.groupName)->hooks) {
                if (hook.name == target.hookName)
                    return hook.heartbeatTimeout;
            }
            return -1;
        };
        QVERIFY(m_sim->refresh()); // hooks are cached between sweeps
        QVERIFY(timeoutOf() != 4321);
        QVERIFY(m_sim->refresh(Kind::Sweep));
        QCOMPARE(timeoutOf(), 4321);
    }

    // The feed and the per-group reads give the same wait starts, hence the same deadlines.
    void feedGivesTheSameWaitStartsAsPerGroupReads()
    {
        startLoaded();
        QHash<QString, QDateTime> fromFeed;
        for (const PendingAction& action : store().pendingActions()) {
            QCOMPARE(action.estimate.startSource, DeadlineEstimate::StartSource::Activity);
            fromFeed.insert(action.instanceId + action.hookNames().join(u','), action.estimate.deadline);
        }
        QVERIFY(!fromFeed.isEmpty());

        // A second store whose feed reads a single activity: the rest come from per-group reads.
        InventoryStore perGroup(m_sim->session.get());
        perGroup.estimator()->setClock([this] { return sim().now(); });
        perGroup.setFeedLimits(1, 1);
        QSignalSpy finished(&perGroup, &InventoryStore::refreshFinished);
        QVERIFY(perGroup.refresh());
        QVERIFY(finished.wait(10000));
        QHash<QString, QDateTime> fromGroups;
        for (const PendingAction& action : perGroup.pendingActions()) {
            QCOMPARE(action.estimate.startSource, DeadlineEstimate::StartSource::Activity);
            fromGroups.insert(action.instanceId + action.hookNames().join(u','), action.estimate.deadline);
        }
        QCOMPARE(fromGroups, fromFeed);
    }

    // The account-wide call fails (AWS warns it may time out): per-group reads stand in, the refresh is complete,
    // and the next refresh reads everything again instead of trusting a feed that failed.
    void feedFailureFallsBackToPerGroupReads()
    {
        startGenerated(u"groups=10,instances=3,hooks=1,waiting=0.5"_s);
        sim().injectFault(SimFault::Unavailable, 3, u"DescribeScalingActivities"_s);
        QVERIFY(m_sim->refresh());
        QVERIFY(store().errors().isEmpty());
        QCOMPARE(waitingIds(store()), simWaitingIds(sim()));
        for (const PendingAction& action : store().pendingActions())
            QCOMPARE(action.estimate.startSource, DeadlineEstimate::StartSource::Activity);
        QSignalSpy started(&store(), &InventoryStore::refreshStarted);
        const int requests = refreshCounted();
        QCOMPARE(started.count(), 1);
        // Full again: a page of groups, the feed, and hooks of each waiting group.
        int waitingGroups = 0;
        for (const QString& name : store().groupNames())
            waitingGroups += store().group(name)->hasPendingInstances() ? 1 : 0;
        QCOMPARE(requests, 2 + waitingGroups);
    }

    // Loading progress: pages read and groups listed, page by page.
    void progressIsReportedPageByPage()
    {
        startGenerated(u"groups=250,instances=1,hooks=1,waiting=0"_s);
        QSignalSpy progress(&store(), &InventoryStore::loadProgress);
        QVERIFY(m_sim->refresh());
        QCOMPARE(progress.count(), 3);
        QCOMPARE(progress.at(0).at(0).toInt(), 1);
        QCOMPARE(progress.at(0).at(1).toInt(), 100);
        QCOMPARE(progress.at(2).at(0).toInt(), 3);
        QCOMPARE(progress.at(2).at(1).toInt(), 250);
    }
};

QTEST_GUILESS_MAIN(TestInventoryChanges)
#include "tst_inventory_changes.moc"
