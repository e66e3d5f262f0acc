// DescribeScalingActivities with Filters, end to end: the AutoScalingClient encodes Status and the start-time bounds
// as the service model spells them, the simulator honours them as AWS documents them (Status only with a group
// name, inclusive bounds, account-wide listing, newest first, NextToken paging), and a Status filter without a group
// is refused before anything is sent.
#include "autoscalingclient.h"
#include "queryclient.h"
#include "runjob.h"
#include "simengine.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

using TestSupport::run;

namespace {

QStringList ids(const QList<ScalingActivity>& activities)
{
    QStringList result;
    for (const ScalingActivity& activity : activities)
        result.append(activity.activityId);
    return result;
}

} // namespace

class TestSimActivityFilters : public QObject {
    Q_OBJECT

private:
    std::unique_ptr<SimSession> m_sim;
    QDateTime m_t0;

    AutoScalingClient* client() const { return m_sim->session->autoScaling(); }

    // Every page of one filtered listing, as the client reads it.
    QList<ScalingActivity> all(DescribeActivitiesRequest request, int* pages = nullptr)
    {
        QList<ScalingActivity> result;
        int count = 0;
        do {
            auto job = run(client()->describeScalingActivities(request));
            if (!job->isFinished() || job->hasError()) {
                qWarning() << "DescribeScalingActivities failed:" << job->error().toString();
                return {};
            }
            result += job->result().activities;
            request.nextToken = job->result().nextToken;
            ++count;
        } while (!request.nextToken.isEmpty() && count < 20);
        if (pages)
            *pages = count;
        return result;
    }

    // The simulator's own activities of `group` ("" = all) that `keep` accepts, newest first.
    QStringList truth(const QString& group, const std::function<bool(const SimActivity&)>& keep)
    {
        QStringList result;
        for (const SimActivity* activity : m_sim->fixture->engine().activities(group)) {
            if (keep(*activity))
                result.append(activity->id);
        }
        return result;
    }

private Q_SLOTS:
    // web: 3 launches held by a launch hook at t0, 2 more at t0 + 120 s; api (no hooks): 2 launches at t0 + 60 s
    // that end Successful.
    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        Simulator& sim = m_sim->fixture.simulator();
        QVERIFY(sim.createGroup(u"web"_s, 0, 10, 0));
        QVERIFY(sim.putLifecycleHook(u"web"_s, u"warm-up"_s, QLatin1String(LifecycleTransition::Launching), 3600));
        QVERIFY(sim.createGroup(u"api"_s, 0, 10, 0));
        m_t0 = sim.now();
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 3));
        sim.advance(60);
        QVERIFY(sim.setDesiredCapacity(u"api"_s, 2));
        sim.advance(60);
        QVERIFY(sim.setDesiredCapacity(u"web"_s, 5));
        sim.advance(10);
    }

    void cleanup() { m_sim.reset(); }

    void statusFilterListsOnlyActivitiesHeldByHooks()
    {
        DescribeActivitiesRequest request;
        request.groupName = u"web"_s;
        request.statuses = { u"MidLifecycleAction"_s };
        const QList<ScalingActivity> held = all(request);
        QCOMPARE(held.size(), 5);
        for (const ScalingActivity& activity : held)
            QCOMPARE(activity.statusCode, u"MidLifecycleAction"_s);
        QCOMPARE(
            ids(held), truth(u"web"_s, [](const SimActivity& a) { return a.statusCode == u"MidLifecycleAction"; }));

        // Any of several values; api's launches have ended.
        request.groupName = u"api"_s;
        QVERIFY(all(request).isEmpty());
        request.statuses = { u"MidLifecycleAction"_s, u"Successful"_s };
        QCOMPARE(all(request).size(), 2);
    }

    void statusFilterNeedsAGroupName()
    {
        const int before = m_sim->fixture->requestCount();
        DescribeActivitiesRequest request;
        request.statuses = { u"MidLifecycleAction"_s };
        auto refused = run(client()->describeScalingActivities(request));
        QVERIFY(refused->isFinished());
        QCOMPARE(refused->error().kind, AwsError::Kind::Validation);
        QVERIFY2(refused->error().message.contains(u"group name"_s), qPrintable(refused->error().message));
        QCOMPARE(m_sim->fixture->requestCount(), before); // refused before sending

        // The service itself answers a ValidationError too (another client may send it).
        auto raw = run(m_sim->session->autoScalingQuery()->call(u"DescribeScalingActivities"_s,
            { { u"Filters.member.1.Name"_s, u"Status"_s },
                { u"Filters.member.1.Values.member.1"_s, u"MidLifecycleAction"_s } }));
        QVERIFY(raw->hasError());
        QCOMPARE(raw->error().code, u"ValidationError"_s);
        QCOMPARE(raw->error().httpStatus, 400);
    }

    void startTimeBoundsAreInclusiveAndWorkAccountWide()
    {
        DescribeActivitiesRequest request;
        request.startTimeLowerBound = m_t0.addSecs(30);
        // Account-wide: api's two and web's later two, newest first.
        const QList<ScalingActivity> later = all(request);
        QCOMPARE(later.size(), 4);
        QCOMPARE(ids(later), truth({}, [this](const SimActivity& a) { return a.startTime >= m_t0.addSecs(30); }));
        for (qsizetype i = 1; i < later.size(); ++i)
            QVERIFY(later.at(i - 1).startTime >= later.at(i).startTime);

        request.startTimeLowerBound = {};
        request.startTimeUpperBound = m_t0.addSecs(30);
        QCOMPARE(all(request).size(), 3); // web's first three

        // Both bounds on one exact start time: inclusive at both ends.
        const ScalingActivity api = all({ u"api"_s, {}, {}, {}, 100, {} }).constFirst();
        request.groupName = u"api"_s;
        request.startTimeLowerBound = api.startTime;
        request.startTimeUpperBound = api.startTime;
        QCOMPARE(all(request).size(), 2);
        request.startTimeLowerBound = api.startTime.addMSecs(1);
        QVERIFY(all(request).isEmpty());

        // A timestamp without an offset is UTC, as AWS documents.
        auto raw = run(m_sim->session->autoScalingQuery()->call(u"DescribeScalingActivities"_s,
            { { u"Filters.member.1.Name"_s, u"StartTimeLowerBound"_s },
                { u"Filters.member.1.Values.member.1"_s,
                    m_t0.addSecs(30).toUTC().toString(u"yyyy-MM-ddTHH:mm:ss"_s) } }));
        QVERIFY(!raw->hasError());
        QCOMPARE(raw->result().count("<ActivityId>"), 4);
    }

    void filteredListingPagesWithNextToken()
    {
        DescribeActivitiesRequest request;
        request.groupName = u"web"_s;
        request.statuses = { u"MidLifecycleAction"_s };
        request.maxRecords = 2;
        int pages = 0;
        const QList<ScalingActivity> held = all(request, &pages);
        QCOMPARE(pages, 3);
        QCOMPARE(held.size(), 5);
        const QStringList heldIds = ids(held);
        QCOMPARE(QSet<QString>(heldIds.cbegin(), heldIds.cend()).size(), 5);
        QCOMPARE(
            ids(held), truth(u"web"_s, [](const SimActivity& a) { return a.statusCode == u"MidLifecycleAction"; }));
    }
};

QTEST_GUILESS_MAIN(TestSimActivityFilters)
#include "tst_sim_activityfilters.moc"
