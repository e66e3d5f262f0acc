// The instance refresh readers on AWS's documented sample answer (the DescribeInstanceRefreshes example of the AWS
// CLI reference, in the Query protocol's XML) and on the answers' other shapes, then AutoScalingClient's
// describeInstanceRefreshes / cancelInstanceRefresh / rollbackInstanceRefresh end to end against the simulator:
// every page read, the active refresh acted on, ActiveInstanceRefreshNotFound when there is none, nothing sent for
// a malformed group name.
#include "autoscalingclient.h"
#include "autoscalingrefreshxml.h"
#include "runjob.h"
#include "simengine.h"
#include "testsupport.h"
#include "tst_models_simsession.h"

using namespace Qt::StringLiterals;

using TestSupport::run;

namespace {
QByteArray fixture(const QString& name)
{
    return TestSupport::dataFile(u"xml/"_s + name);
}
} // namespace

class TestInstanceRefresh : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SimSession> m_sim;

    AutoScalingClient* client() const { return m_sim->session->autoScaling(); }
    SimEngine& engine() const { return m_sim->fixture->engine(); }

private Q_SLOTS:
    void readsTheDocumentedSample()
    {
        const auto parsed
            = AutoScalingRefreshXml::describeInstanceRefreshes(fixture(u"describe-instance-refreshes.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"7c6e177f-f082-11e1-ac58-3714bEXAMPLE"_s);
        QVERIFY(parsed.nextToken.isEmpty());
        QCOMPARE(parsed.value.size(), 2);
        const InstanceRefresh& running = parsed.value.at(0);
        QCOMPARE(running.instanceRefreshId, u"08b91cf7-8fa6-48af-b6a6-d227f40f1b9b"_s);
        QCOMPARE(running.groupName, u"my-asg"_s);
        QCOMPARE(running.status, u"InProgress"_s);
        QVERIFY(running.statusReason.startsWith(u"Waiting for instances to warm up"_s));
        QCOMPARE(running.endTime, QDateTime(QDate(2023, 3, 23), QTime(16, 42, 55), Qt::UTC));
        QVERIFY(!running.startTime.isValid()); // the sample leaves it out
        QCOMPARE(running.percentageComplete, 0);
        QCOMPARE(running.instancesToUpdate, 0);
        QCOMPARE(running.minHealthyPercentage, 100);
        QCOMPARE(running.instanceWarmup, 300);
        QVERIFY(running.isActive());
        QVERIFY(!running.waitsOnLifecycleActions()); // warming up is not waiting on hooks
        const InstanceRefresh& done = parsed.value.at(1);
        QCOMPARE(done.status, u"Successful"_s);
        QCOMPARE(done.percentageComplete, 100);
        QCOMPARE(done.minHealthyPercentage, 90);
        QVERIFY(!done.isActive());
        QVERIFY(!done.rollbackStartTime.isValid());
        QCOMPARE(activeRefresh(parsed.value)->instanceRefreshId, running.instanceRefreshId);
        QVERIFY(!activeRefresh({ done }));
    }

    void readsRollbackDetailsAndTheNextToken()
    {
        const auto parsed
            = AutoScalingRefreshXml::describeInstanceRefreshes(fixture(u"describe-instance-refreshes-rollback.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.nextToken, u"cmVmcmVzaGVzOjE="_s);
        const InstanceRefresh& refresh = parsed.value.at(0);
        QVERIFY(refresh.isRollingBack());
        QCOMPARE(refresh.strategy, u"Rolling"_s);
        QCOMPARE(refresh.rollbackStartTime, QDateTime(QDate(2023, 3, 23), QTime(16, 10), Qt::UTC));
        QCOMPARE(refresh.percentageCompleteOnRollback, 50);
        QCOMPARE(refresh.instancesToUpdateOnRollback, 2);
        QVERIFY(refresh.rollbackReason.contains(u"RollbackInstanceRefresh"_s));
    }

    void waitingOnHooksIsReadFromTheReasonOrTheInstances()
    {
        InstanceRefresh refresh;
        refresh.status = u"InProgress"_s;
        refresh.statusReason = u"Waiting for instances to complete lifecycle actions before continuing."_s;
        QVERIFY(refresh.waitsOnLifecycleActions());
        refresh.statusReason.clear();
        GroupInstance waiting;
        waiting.instanceId = u"i-0123456789abcdef0"_s;
        waiting.lifecycleState = u"Pending:Wait"_s;
        GroupInstance serving;
        serving.instanceId = u"i-0123456789abcdef1"_s;
        serving.lifecycleState = u"InService"_s;
        QVERIFY(!refresh.waitsOnLifecycleActions({ serving }));
        QVERIFY(refresh.waitsOnLifecycleActions({ serving, waiting }));
        QCOMPARE(refresh.waitingInstances({ serving, waiting }), QStringList { waiting.instanceId });
        // A refresh that is over holds nothing, whatever the group's instances do.
        refresh.status = u"Cancelled"_s;
        QVERIFY(!refresh.waitsOnLifecycleActions({ waiting }));
    }

    void cancelAndRollbackAnswerTheRefreshId()
    {
        const auto cancelled = AutoScalingRefreshXml::instanceRefreshId(
            fixture(u"cancel-instance-refresh.xml"_s), "CancelInstanceRefresh"_L1);
        QVERIFY2(cancelled.ok(), qPrintable(cancelled.error.toString()));
        QCOMPARE(cancelled.value, u"08b91cf7-8fa6-48af-b6a6-d227f40f1b9b"_s);
        const auto rolled = AutoScalingRefreshXml::instanceRefreshId(
            fixture(u"rollback-instance-refresh.xml"_s), "RollbackInstanceRefresh"_L1);
        QVERIFY2(rolled.ok(), qPrintable(rolled.error.toString()));
        QCOMPARE(rolled.value, u"6a1c2f8e-93d1-4a1b-8c55-0e1f2a3b4c5d"_s);
        // Another operation's answer is not this one's.
        QVERIFY(!AutoScalingRefreshXml::instanceRefreshId(
            fixture(u"cancel-instance-refresh.xml"_s), "RollbackInstanceRefresh"_L1)
                     .ok());
        QVERIFY(!AutoScalingRefreshXml::describeInstanceRefreshes(fixture(u"cancel-instance-refresh.xml"_s)).ok());
        QVERIFY(!AutoScalingRefreshXml::instanceRefreshId(
            fixture(u"set-instance-protection.xml"_s), "SetInstanceProtection"_L1)
                     .ok()); // no ID in it
    }

    void errorAnswerIsReadAsTheServiceError()
    {
        const auto parsed = AutoScalingRefreshXml::instanceRefreshId(
            fixture(u"error-active-refresh-not-found.xml"_s), "CancelInstanceRefresh"_L1, 400);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error.code, u"ActiveInstanceRefreshNotFound"_s);
        QVERIFY(parsed.error.message.contains(u"my-asg"_s));
    }

    void init()
    {
        m_sim = std::make_unique<SimSession>();
        QString error;
        QVERIFY2(m_sim->start({}, &error), qPrintable(error));
        QVERIFY(m_sim->fixture->createGroup(u"web"_s, 0, 4, 0));
    }

    void cleanup() { m_sim.reset(); }

    void clientReadsEveryPage()
    {
        // 105 refreshes of an empty group (each ends at once): two pages of 100 and 5.
        QStringList started;
        for (int i = 0; i < 105; ++i) {
            SimEngine::RefreshSpec spec;
            spec.groupName = u"web"_s;
            const SimResult<QString> id = engine().startInstanceRefresh(spec);
            QVERIFY(id);
            started.prepend(*id);
            m_sim->fixture->advance(0);
        }
        auto job = run(client()->describeInstanceRefreshes(u"web"_s));
        QVERIFY2(job->isFinished() && !job->hasError(), qPrintable(job->error().toString()));
        QCOMPARE(job->result().size(), 105);
        QStringList read;
        for (const InstanceRefresh& refresh : job->result())
            read.append(refresh.instanceRefreshId);
        QCOMPARE(read, started); // newest first, none twice
        QCOMPARE(job->result().constFirst().status, u"Successful"_s);
        auto one = run(client()->describeInstanceRefreshes(u"web"_s, { started.at(7) }));
        QCOMPARE(one->result().size(), 1);
        QCOMPARE(one->result().constFirst().instanceRefreshId, started.at(7));
    }

    void clientCancelsAndRollsBackTheActiveRefresh()
    {
        QVERIFY(m_sim->fixture->setDesiredCapacity(u"web"_s, 2));
        m_sim->fixture->advance(600);
        SimEngine::RefreshSpec spec;
        spec.groupName = u"web"_s;
        const SimResult<QString> id = engine().startInstanceRefresh(spec);
        QVERIFY(id);
        auto cancelled = run(client()->cancelInstanceRefresh(u"web"_s));
        QVERIFY2(!cancelled->hasError(), qPrintable(cancelled->error().toString()));
        QCOMPARE(cancelled->result(), *id);
        auto read = run(client()->describeInstanceRefreshes(u"web"_s));
        QCOMPARE(read->result().constFirst().status, u"Cancelling"_s);
        auto rollback = run(client()->rollbackInstanceRefresh(u"web"_s));
        QVERIFY(rollback->hasError()); // Cancelling cannot be rolled back
        QCOMPARE(rollback->error().code, u"ActiveInstanceRefreshNotFound"_s);
        m_sim->fixture->advance(600);
        auto again = run(client()->cancelInstanceRefresh(u"web"_s));
        QCOMPARE(again->error().code, u"ActiveInstanceRefreshNotFound"_s);

        const SimResult<QString> second = engine().startInstanceRefresh(spec);
        auto rolled = run(client()->rollbackInstanceRefresh(u"web"_s));
        QVERIFY2(!rolled->hasError(), qPrintable(rolled->error().toString()));
        QCOMPARE(rolled->result(), *second);
        auto after = run(client()->describeInstanceRefreshes(u"web"_s, { *second }));
        QVERIFY(after->result().constFirst().rollbackStartTime.isValid());
    }

    void clientRefusesABadGroupNameBeforeSending()
    {
        const int before = m_sim->fixture->requestCount();
        auto job = run(client()->cancelInstanceRefresh(QString()));
        QVERIFY(job->hasError());
        QCOMPARE(job->error().kind, AwsError::Kind::Validation);
        auto listing = run(client()->describeInstanceRefreshes(QString(300, u'x')));
        QVERIFY(listing->hasError());
        QCOMPARE(m_sim->fixture->requestCount(), before);
        auto unknown = run(client()->describeInstanceRefreshes(u"no-such-group"_s));
        QCOMPARE(unknown->error().code, u"ValidationError"_s);
    }
};

QTEST_GUILESS_MAIN(TestInstanceRefresh)
#include "tst_instancerefresh.moc"
