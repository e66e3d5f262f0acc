// The readers of the remediation answers on AWS's documented sample answers (tests/data/xml/): the Activity of
// TerminateInstanceInAutoScalingGroup, SetInstanceProtection's empty result, and the errors they can carry.
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

class TestRemedyXml : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void terminateAnswersItsActivity()
    {
        const auto parsed = AutoScalingXml::terminateInstanceInAutoScalingGroup(
            fixture(u"terminate-instance-in-auto-scaling-group.xml"_s));
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"8d798a29-f083-11e1-bdfb-cb223EXAMPLE"_s);
        const ScalingActivity& activity = parsed.value;
        QCOMPARE(activity.activityId, u"cczc44a87-7d04-dd0f-8d97-2d1b0a4fa38c"_s);
        QCOMPARE(activity.statusCode, u"InProgress"_s);
        QCOMPARE(activity.progress, 0);
        QCOMPARE(activity.startTime, QDateTime(QDate(2014, 1, 26), QTime(14, 8, 30, 560), Qt::UTC));
        QVERIFY(!activity.endTime.isValid());
        QCOMPARE(activity.description, u"Terminating EC2 instance: i-br234123"_s);
        QVERIFY(activity.cause.contains(u"taken out of service in response to a user request"_s));
        QCOMPARE(activity.details, u"{\"Availability Zone\":\"us-east-1b\"}"_s);
    }

    void terminateRefusesAnotherOperationsAnswer()
    {
        QVERIFY(!AutoScalingXml::terminateInstanceInAutoScalingGroup(fixture(u"set-instance-protection.xml"_s)).ok());
    }

    void terminateErrorIsReadAsAnError()
    {
        // A ValidationError body (the one AWS sends for an action that is not there) is an error here too.
        const QByteArray body = fixture(u"error-no-active-action.xml"_s);
        const auto parsed = AutoScalingXml::terminateInstanceInAutoScalingGroup(body, 400);
        QVERIFY(!parsed.ok());
        QCOMPARE(parsed.error.code, u"ValidationError"_s);
        QVERIFY(!parsed.error.message.isEmpty());
    }

    void setInstanceProtectionIsAnEmptyResult()
    {
        const auto parsed
            = AutoScalingXml::emptyResult(fixture(u"set-instance-protection.xml"_s), "SetInstanceProtection"_L1);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"a1b2c3d4-0000-4000-8000-5e7a1f0c2d3e"_s);
        QVERIFY(!AutoScalingXml::emptyResult(fixture(u"set-instance-protection.xml"_s), "PutLifecycleHook"_L1).ok());
    }
};

QTEST_GUILESS_MAIN(TestRemedyXml)
#include "tst_remedyxml.moc"
