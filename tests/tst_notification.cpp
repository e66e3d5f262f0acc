// "Complete from notification": the JSON an operator pastes from SQS, SNS or EventBridge becomes group, hook,
// instance and token; anything else gets a clear error. Samples follow the shapes in the Auto Scaling user guide.
#include "lifecyclenotification.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

// The message Auto Scaling puts on an SQS queue (and inside SNS's "Message").
const QByteArray DirectLaunch = R"({
  "Origin": "EC2",
  "LifecycleHookName": "my-launch-hook",
  "Destination": "AutoScalingGroup",
  "AccountId": "123456789012",
  "RequestId": "e5fc2f1b-0b1e-4d6a-9a4b-0d1f6c1b2a3c",
  "LifecycleTransition": "autoscaling:EC2_INSTANCE_LAUNCHING",
  "AutoScalingGroupName": "my-asg",
  "Service": "AWS Auto Scaling",
  "Time": "2026-03-01T00:36:26.533Z",
  "EC2InstanceId": "i-0123456789abcdef0",
  "LifecycleActionToken": "71514b9d-6a40-4b26-8523-05e7eEXAMPLE",
  "NotificationMetadata": "env=prod; owner=web-team"
})";

const QByteArray TestNotificationJson = R"({
  "AccountId": "123456789012",
  "RequestId": "4d5e6f70-8192-a3b4-c5d6-e7f8091a2b3c",
  "AutoScalingGroupARN": "arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:042cba90-ad2f-431c-9b4d-6d9055bcc9fb:autoScalingGroupName/my-asg",
  "AutoScalingGroupName": "my-asg",
  "Service": "AWS Auto Scaling",
  "Event": "autoscaling:TEST_NOTIFICATION",
  "Time": "2026-03-01T00:30:00.000Z"
})";

const QByteArray EventBridgeTerminate = R"({
  "version": "0",
  "id": "468fcb00-1234-5678-9abc-def012345678",
  "detail-type": "EC2 Instance-terminate Lifecycle Action",
  "source": "aws.autoscaling",
  "account": "123456789012",
  "time": "2026-03-01T01:02:03Z",
  "region": "us-west-2",
  "resources": ["arn:aws:autoscaling:us-west-2:123456789012:autoScalingGroup:042cba90:autoScalingGroupName/my-asg"],
  "detail": {
    "LifecycleActionToken": "87654321-4321-4321-4321-210987654321",
    "AutoScalingGroupName": "my-asg",
    "LifecycleHookName": "drain",
    "EC2InstanceId": "i-1234567890abcdef0",
    "LifecycleTransition": "autoscaling:EC2_INSTANCE_TERMINATING",
    "NotificationMetadata": "additional-info",
    "Origin": "AutoScalingGroup",
    "Destination": "EC2"
  }
})";

QByteArray snsEnvelope(const QByteArray& message)
{
    QJsonObject envelope {
        { u"Type"_s, u"Notification"_s },
        { u"MessageId"_s, u"b1f2c3d4-0000-1111-2222-333344445555"_s },
        { u"TopicArn"_s, u"arn:aws:sns:us-west-2:123456789012:lifecycle"_s },
        { u"Subject"_s,
            u"Auto Scaling:  Lifecycle action 'LAUNCHING' for instance i-0123456789abcdef0 in progress."_s },
        { u"Message"_s, QString::fromUtf8(QJsonDocument::fromJson(message).toJson(QJsonDocument::Compact)) },
        { u"Timestamp"_s, u"2026-03-01T00:36:26.600Z"_s },
        { u"SignatureVersion"_s, u"1"_s },
    };
    return QJsonDocument(envelope).toJson();
}

} // namespace

class TestNotification : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void directSqsBody()
    {
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(DirectLaunch, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(n.source, LifecycleNotification::Source::Direct);
        QVERIFY(n.isComplete());
        QVERIFY(!n.isTestNotification);
        QCOMPARE(n.groupName, u"my-asg"_s);
        QCOMPARE(n.hookName, u"my-launch-hook"_s);
        QCOMPARE(n.instanceId, u"i-0123456789abcdef0"_s);
        QCOMPARE(n.token, u"71514b9d-6a40-4b26-8523-05e7eEXAMPLE"_s);
        QCOMPARE(n.transition, u"autoscaling:EC2_INSTANCE_LAUNCHING"_s);
        QCOMPARE(n.metadata, u"env=prod; owner=web-team"_s);
        QCOMPARE(n.accountId, u"123456789012"_s);
        QCOMPARE(n.time, QDateTime(QDate(2026, 3, 1), QTime(0, 36, 26, 533), Qt::UTC));
    }

    void sqsReceiveMessageOutput()
    {
        // `aws sqs receive-message` prints the body as a string inside Messages[].
        const QJsonObject message { { u"MessageId"_s, u"m-1"_s }, { u"ReceiptHandle"_s, u"AQEB…"_s },
            { u"Body"_s, QString::fromUtf8(DirectLaunch) } };
        const QJsonObject output { { u"Messages"_s, QJsonArray { message } } };
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(QJsonDocument(output).toJson(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(n.source, LifecycleNotification::Source::Sqs);
        QCOMPARE(n.instanceId, u"i-0123456789abcdef0"_s);
        QVERIFY(n.isComplete());
    }

    void snsEnvelopeAlone()
    {
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(snsEnvelope(DirectLaunch), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(n.source, LifecycleNotification::Source::Sns);
        QCOMPARE(n.hookName, u"my-launch-hook"_s);
        QCOMPARE(n.token, u"71514b9d-6a40-4b26-8523-05e7eEXAMPLE"_s);
    }

    void snsThroughSqs()
    {
        // An SNS topic subscribed by an SQS queue: the body is the SNS envelope, whose Message is the notification.
        const QJsonObject message { { u"Body"_s, QString::fromUtf8(snsEnvelope(DirectLaunch)) } };
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(QJsonDocument(message).toJson(), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(n.source, LifecycleNotification::Source::Sns);
        QCOMPARE(n.groupName, u"my-asg"_s);
    }

    void eventBridge()
    {
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(EventBridgeTerminate, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QCOMPARE(n.source, LifecycleNotification::Source::EventBridge);
        QCOMPARE(n.hookName, u"drain"_s);
        QCOMPARE(n.instanceId, u"i-1234567890abcdef0"_s);
        QCOMPARE(n.token, u"87654321-4321-4321-4321-210987654321"_s);
        QCOMPARE(n.transition, u"autoscaling:EC2_INSTANCE_TERMINATING"_s);
        QCOMPARE(n.accountId, u"123456789012"_s);
        QCOMPARE(n.origin, u"AutoScalingGroup"_s);
        QVERIFY(n.isComplete());
    }

    void regionAndAccountFromTheEnvelope()
    {
        // EventBridge names both; an SNS envelope names the region in its topic ARN; the message body names only
        // the account.
        const LifecycleNotification bridge = LifecycleNotification::parse(EventBridgeTerminate);
        QCOMPARE(bridge.region, u"us-west-2"_s);
        const LifecycleNotification sns = LifecycleNotification::parse(snsEnvelope(DirectLaunch));
        QCOMPARE(sns.region, u"us-west-2"_s);
        QCOMPARE(sns.accountId, u"123456789012"_s);
        const LifecycleNotification direct = LifecycleNotification::parse(DirectLaunch);
        QVERIFY(direct.region.isEmpty());
        // A Lambda event from an SQS queue: the queue ARN names the region.
        const QJsonObject record { { u"body"_s, QString::fromUtf8(DirectLaunch) },
            { u"eventSourceARN"_s, u"arn:aws:sqs:eu-central-1:123456789012:hooks"_s } };
        const LifecycleNotification lambda = LifecycleNotification::parse(
            QJsonDocument(QJsonObject { { u"Records"_s, QJsonArray { record } } }).toJson());
        QVERIFY(lambda.isComplete());
        QCOMPARE(lambda.region, u"eu-central-1"_s);
    }

    void anotherAccountOrRegionIsAMismatch()
    {
        const LifecycleNotification n = LifecycleNotification::parse(EventBridgeTerminate);
        QVERIFY(n.mismatchWith(u"123456789012"_s, u"us-west-2"_s).isEmpty());
        const QString account = n.mismatchWith(u"210987654321"_s, u"us-west-2"_s);
        QVERIFY2(
            account.contains(u"account 123456789012"_s) && account.contains(u"210987654321"_s), qPrintable(account));
        const QString region = n.mismatchWith(u"123456789012"_s, u"eu-west-1"_s);
        QVERIFY2(region.contains(u"region us-west-2"_s) && region.contains(u"eu-west-1"_s), qPrintable(region));
        // Unknown on either side is not a mismatch: the connection's account may not be known yet.
        QVERIFY(n.mismatchWith({}, {}).isEmpty());
        QVERIFY(LifecycleNotification::parse(DirectLaunch).mismatchWith(u"123456789012"_s, u"eu-west-1"_s).isEmpty());
    }

    void testNotificationIsRecognised()
    {
        QString error = u"stale"_s;
        LifecycleNotification n = LifecycleNotification::parse(TestNotificationJson, &error);
        QVERIFY(error.isEmpty());
        QVERIFY(n.isTestNotification);
        QVERIFY(!n.isComplete());
        QCOMPARE(n.groupName, u"my-asg"_s);

        n = LifecycleNotification::parse(snsEnvelope(TestNotificationJson), &error);
        QVERIFY(n.isTestNotification);
        QCOMPARE(n.source, LifecycleNotification::Source::Sns);
    }

    void rejectsWhatIsNotANotification_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("mentions");
        QTest::newRow("not json") << QByteArray("i-0123 please continue") << u"not JSON"_s;
        QTest::newRow("truncated") << DirectLaunch.left(120) << u"not JSON"_s;
        QTest::newRow("array") << QByteArray("[1,2]") << u"JSON object"_s;
        QTest::newRow("other json") << QByteArray(R"({"hello":"world"})") << u"not an Auto Scaling"_s;
        QTest::newRow("other eventbridge")
            << QByteArray(R"({"detail-type":"EC2 Instance Launch Successful","detail":{"EC2InstanceId":"i-1"}})")
            << u"not an Auto Scaling"_s;
        QTest::newRow("sns with other message")
            << QByteArray(R"({"Type":"Notification","Message":"hello"})") << u"not an Auto Scaling"_s;
        QTest::newRow("no token") << QByteArray(
            R"({"LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",)"
            R"("AutoScalingGroupName":"g","LifecycleHookName":"h","EC2InstanceId":"i-1"})")
                                  << u"LifecycleActionToken"_s;
    }

    void rejectsWhatIsNotANotification()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, mentions);
        QString error;
        const LifecycleNotification n = LifecycleNotification::parse(json, &error);
        QVERIFY(!n.isComplete());
        QVERIFY(!n.isTestNotification);
        QVERIFY2(error.contains(mentions), qPrintable(error));
    }
};

QTEST_GUILESS_MAIN(TestNotification)
#include "tst_notification.moc"
