// The readers of the remediation answers on AWS's documented sample answers (tests/data/xml/): the Activity of
// TerminateInstanceInAutoScalingGroup, the activity lists of EnterStandby and ExitStandby, the empty results of
// SetInstanceProtection and SetInstanceHealth, and the errors they can carry.
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

    void enterStandbyAnswersOneActivityPerInstance()
    {
        const auto parsed = AutoScalingXml::standbyActivities(fixture(u"enter-standby.xml"_s), "EnterStandby"_L1);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"7c6e177f-f082-11e1-ac58-3714bEXAMPLE"_s);
        QCOMPARE(parsed.value.size(), 1);
        QCOMPARE(parsed.value.at(0).activityId, u"ffa056b4-6ed3-41ba-ae7c-249dfae6eba1"_s);
        QCOMPARE(parsed.value.at(0).statusCode, u"InProgress"_s);
        QCOMPARE(parsed.value.at(0).progress, 50);
        QVERIFY(parsed.value.at(0).cause.contains(u"shrinking the capacity from 4 to 3"_s));
    }

    void exitStandbyReadsEveryActivity()
    {
        const auto parsed = AutoScalingXml::standbyActivities(fixture(u"exit-standby.xml"_s), "ExitStandby"_L1);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.value.size(), 2);
        QCOMPARE(parsed.value.at(1).description, u"Moving EC2 instance out of Standby: i-0a1b2c3d4e5f60718"_s);
        QCOMPARE(parsed.value.at(1).statusCode, u"PreInService"_s);
        QCOMPARE(parsed.value.at(1).startTime, QDateTime(QDate(2014, 6, 13), QTime(22, 43, 53, 601), Qt::UTC));
        // The answer of the other operation is refused: a mixed-up response never reads as a success.
        QVERIFY(!AutoScalingXml::standbyActivities(fixture(u"exit-standby.xml"_s), "EnterStandby"_L1).ok());
    }

    void setInstanceHealthIsAnEmptyResult()
    {
        const QByteArray body = "<SetInstanceHealthResponse xmlns=\"http://autoscaling.amazonaws.com/doc/2011-01-01/\">"
                                "<ResponseMetadata><RequestId>1f1e0a54-0000-4000-8000-4ea1b1e1a1c1</RequestId>"
                                "</ResponseMetadata></SetInstanceHealthResponse>";
        const auto parsed = AutoScalingXml::emptyResult(body, "SetInstanceHealth"_L1);
        QVERIFY2(parsed.ok(), qPrintable(parsed.error.toString()));
        QCOMPARE(parsed.requestId, u"1f1e0a54-0000-4000-8000-4ea1b1e1a1c1"_s);
    }
};

QTEST_GUILESS_MAIN(TestRemedyXml)
#include "tst_remedyxml.moc"
