// InventoryStore against the in-process simulator: what a refresh loads (hooks first for groups with waiting
// instances, others on demand), the pending list it computes, bounded concurrency, no overlap, targeted refreshes,
// incremental change signals, and errors that keep the last good inventory.
#include "tst_models_simsession.h"

#include <QElapsedTimer>

using namespace Qt::StringLiterals;

class TestInventory : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;

    void startGenerated(const QString& spec, int latencyMs = 0)
    {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.faults.seed = 7;
        options.faults.latencyMs = latencyMs;
        m_sim = std::make_unique<SimSession>(options);
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->fixture->generate(spec), &error), qPrintable(error));
    }

private Q_SLOTS:
    void cleanup() { m_sim.reset(); }

    void loadsGroupsAndHooksOfWaitingGroupsFirst()
    {
        startGenerated(u"groups=6,instances=4,hooks=2,waiting=0.5"_s);
        Simulator& sim = m_sim->fixture.simulator();
        // Idle groups (nothing waiting) with hooks of their own.
        for (const QString& name : { u"idle-a"_s, u"idle-b"_s, u"idle-c"_s }) {
            QVERIFY(sim.createGroup(name, 0, 4, 0));
            QVERIFY(sim.putLifecycleHook(name, u"one"_s, QLatin1String(LifecycleTransition::Launching)));
            QVERIFY(sim.putLifecycleHook(name, u"two"_s, QLatin1String(LifecycleTransition::Terminating)));
        }
        QVERIFY(m_sim->refresh());
        InventoryStore& store = *m_sim->store;
        QCOMPARE(store.groupNames().size(), 9);
        QCOMPARE(store.groupNames().size(), sim.groupNames().size());
        QVERIFY(store.lastRefresh().isValid());
        QVERIFY(store.errors().isEmpty());

        QSet<QString> waitingGroups;
        for (const SimInstanceInfo& info : sim.instances()) {
            if (info.lifecycleState.endsWith(u":Wait"_s) || info.lifecycleState.endsWith(u":Proceed"_s))
                waitingGroups.insert(info.groupName);
        }
        QCOMPARE(waitingGroups.size(), 6);
        QString idle;
        for (const QString& name : store.groupNames()) {
            const GroupSnapshot* group = store.group(name);
            QCOMPARE(group->hooksLoaded, waitingGroups.contains(name));
            // Activities come from the account-wide feed, not from a per-group read.
            QVERIFY(!group->activitiesLoaded);
            QCOMPARE(!group->activities.isEmpty(), waitingGroups.contains(name));
            if (!waitingGroups.contains(name))
                idle = name;
        }
        // 1 DescribeAutoScalingGroups page + 1 page of the activity feed + the hooks of each waiting group, nothing
        // for the others.
        QCOMPARE(store.requestCount(), 2 + int(waitingGroups.size()));

        // On demand: the Hooks tab opened on an idle group.
        QSignalSpy hooks(&store, &InventoryStore::hooksChanged);
        store.loadDetails(idle);
        QVERIFY(hooks.wait(5000));
        QCOMPARE(hooks.constFirst().at(0).toString(), idle);
        QCOMPARE(store.group(idle)->hooks.size(), 2);
        // … and from then on it is re-read with every full refresh: hooks and recent activities.
        int before = store.requestCount();
        QVERIFY(m_sim->refresh(InventoryStore::RefreshKind::Full));
        QCOMPARE(store.requestCount() - before, 2 + int(waitingGroups.size() + 1) + 1);
        // A change-driven refresh in a quiet account: the feed, then the waiting groups and the open one by name
        // (one call), no hooks (cached), no activities.
        before = store.requestCount();
        QVERIFY(m_sim->refresh());
        QCOMPARE(store.requestCount() - before, 2);
    }

    void pendingListMatchesTheService()
    {
        startGenerated(u"groups=8,instances=6,hooks=3,waiting=0.3"_s);
        Simulator& sim = m_sim->fixture.simulator();
        QVERIFY(m_sim->refresh());
        QSet<QString> expected;
        QHash<QString, QStringList> hooksByInstance;
        for (const SimPendingAction& action : sim.pendingActions()) {
            expected.insert(action.instanceId);
            hooksByInstance[action.instanceId].append(action.hookName);
        }
        QSet<QString> actual;
        for (const PendingAction& action : m_sim->store->pendingActions()) {
            if (!action.actionable)
                continue;
            actual.insert(action.instanceId);
            QStringList hooks = action.hookNames();
            hooks.sort();
            QStringList truth = hooksByInstance.value(action.instanceId);
            truth.sort();
            QCOMPARE(hooks, truth);
            QVERIFY(action.estimate.isValid());
        }
        QVERIFY(!expected.isEmpty());
        QCOMPARE(actual, expected);
        // Sorted most urgent first.
        const QList<PendingAction>& list = m_sim->store->pendingActions();
        for (int i = 1; i < list.size(); ++i) {
            if (list.at(i).actionable && list.at(i - 1).actionable)
                QVERIFY(list.at(i - 1).estimate.deadline <= list.at(i).estimate.deadline);
        }
    }

    // Every answer changes the inputs of the pending list, but recomputing it per answer made a refresh quadratic
    // in the number of groups: recomputes are coalesced (at most one per 250 ms while calls run, one at the end),
    // and the list is complete when refreshFinished arrives.
    void pendingListIsRecomputedOncePerBurstNotPerAnswer()
    {
        startGenerated(u"groups=40,instances=2,hooks=1,waiting=1"_s);
        InventoryStore& store = *m_sim->store;
        QSignalSpy changed(&store, &InventoryStore::pendingActionsChanged);
        int pendingAtFinish = -1;
        connect(&store, &InventoryStore::refreshFinished, this,
            [&] { pendingAtFinish = int(store.pendingActions().size()); });
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_sim->refresh());
        const qint64 elapsed = timer.elapsed();
        QCOMPARE(store.requestCount(), 2 + 40); // a page of groups, a page of the feed, hooks of each group
        QCOMPARE(pendingAtFinish, 80);
        const qint64 bound = 2 + elapsed / 250;
        QVERIFY2(changed.count() <= bound,
            qPrintable(u"%1 recomputes announced for 81 answers in %2 ms"_s.arg(changed.count()).arg(elapsed)));
        qInfo("refresh of 40 groups (81 answers) in %lld ms: %d pending-list changes", elapsed, int(changed.count()));
    }

    void concurrencyIsBounded()
    {
        const int latency = 100;
        startGenerated(u"groups=24,instances=2,hooks=1,waiting=1"_s, latency);
        InventoryStore& store = *m_sim->store;
        store.setMaxConcurrentRequests(4);
        QElapsedTimer timer;
        timer.start();
        QVERIFY(m_sim->refresh());
        const qint64 elapsed = timer.elapsed();
        const int calls = store.requestCount();
        QCOMPARE(calls, 2 + 24); // a page of groups and one of the feed side by side, then 24 hooks
        QCOMPARE(store.peakConcurrentRequests(), 4);
        // Seen from the server: with ≤ 4 in flight, 24 hook calls of 100 ms need ≥ 6 rounds after the page.
        QVERIFY2(elapsed >= latency * (1 + 24 / 4) * 9 / 10, qPrintable(QString::number(elapsed)));
        qInfo("refresh of 24 groups (26 calls, %d ms latency each): %lld ms", latency, elapsed);

        store.setMaxConcurrentRequests(1);
        timer.restart();
        QVERIFY(m_sim->refresh(InventoryStore::RefreshKind::Full));
        QVERIFY(timer.elapsed() >= latency * 26 * 9 / 10);
    }

    void refreshesNeverOverlap()
    {
        startGenerated(u"groups=3,instances=2,hooks=1,waiting=1"_s, 200);
        InventoryStore& store = *m_sim->store;
        QSignalSpy started(&store, &InventoryStore::refreshStarted);
        QSignalSpy finished(&store, &InventoryStore::refreshFinished);
        QVERIFY(store.refresh());
        QVERIFY(store.isRefreshing());
        QVERIFY(!store.refresh());
        QVERIFY(!store.refresh());
        QVERIFY(finished.wait(10000));
        QCOMPARE(started.count(), 1);
        QVERIFY(store.refresh());
        QVERIFY(finished.wait(10000));
        QCOMPARE(started.count(), 2);
    }

    void targetedRefreshTouchesOneGroup()
    {
        startGenerated(u"groups=6,instances=3,hooks=1,waiting=0.5"_s);
        Simulator& sim = m_sim->fixture.simulator();
        QVERIFY(m_sim->refresh());
        InventoryStore& store = *m_sim->store;
        const QString group = store.groupNames().at(2);
        const int before = sim.requestCount();
        QSignalSpy changed(&store, &InventoryStore::groupChanged);
        QSignalSpy added(&store, &InventoryStore::groupAdded);
        QSignalSpy removed(&store, &InventoryStore::groupRemoved);
        QVERIFY(sim.setDesiredCapacity(group, store.group(group)->group.desiredCapacity + 1));
        bool done = false;
        store.refreshGroup(group, [&done] { done = true; });
        QTRY_VERIFY(done);
        QCOMPARE(sim.requestCount() - before, 3); // the group, its hooks, its activities
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed.constFirst().at(0).toString(), group);
        QCOMPARE(added.count(), 0);
        QCOMPARE(removed.count(), 0);
        QVERIFY(store.group(group)->hooksLoaded);

        // A group created elsewhere with no instances leaves no activity: the next sweep finds it.
        QVERIFY(sim.createGroup(u"zz-new"_s, 0, 2, 0));
        QVERIFY(m_sim->refresh(InventoryStore::RefreshKind::Sweep));
        QCOMPARE(added.count(), 1);
        QCOMPARE(added.constFirst().at(0).toString(), u"zz-new"_s);
        QCOMPARE(store.groupNames().last(), u"zz-new"_s);
    }

    void failedRefreshKeepsTheInventory()
    {
        startGenerated(u"groups=4,instances=3,hooks=1,waiting=0.5"_s);
        Simulator& sim = m_sim->fixture.simulator();
        InventoryStore& store = *m_sim->store;
        QVERIFY(m_sim->refresh());
        const QStringList groups = store.groupNames();
        const int pending = int(store.pendingActions().size());

        SimFaults broken;
        broken.serverErrorRate = 1.0;
        sim.setFaults(broken);
        QSignalSpy finished(&store, &InventoryStore::refreshFinished);
        QSignalSpy errors(&store, &InventoryStore::errorOccurred);
        QVERIFY(store.refresh());
        QVERIFY(finished.wait(15000));
        QCOMPARE(finished.constFirst().at(0).toBool(), false);
        QVERIFY(!store.errors().isEmpty());
        QVERIFY(errors.count() >= 1);
        QCOMPARE(store.groupNames(), groups);
        QCOMPARE(store.pendingActions().size(), pending);

        // The next good refresh clears the error list.
        sim.setFaults({});
        QVERIFY(m_sim->refresh());
        QVERIFY(store.errors().isEmpty());
    }

    void throttlingIsReported()
    {
        startGenerated(u"groups=2,instances=2,hooks=1,waiting=0"_s);
        Simulator& sim = m_sim->fixture.simulator();
        InventoryStore& store = *m_sim->store;
        SimFaults throttling;
        throttling.throttleAboveRps = 0.01;
        sim.setFaults(throttling);
        QSignalSpy finished(&store, &InventoryStore::refreshFinished);
        QVERIFY(store.refresh());
        QVERIFY(finished.wait(20000));
        QCOMPARE(finished.constFirst().at(0).toBool(), false);
        QCOMPARE(finished.constFirst().at(1).toBool(), true);
        QVERIFY(store.errors().constFirst().isThrottling());
    }
};

QTEST_GUILESS_MAIN(TestInventory)
#include "tst_inventory.moc"
