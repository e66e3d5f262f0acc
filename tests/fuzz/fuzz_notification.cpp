// Fuzz target: the lifecycle-notification parser behind "Complete from notification" (LifecycleNotification::parse,
// models/lifecyclenotification.h), which reads whatever JSON an operator pastes: an Auto Scaling message, an SQS
// message or ReceiveMessage output, a Lambda event from SQS, an SNS envelope or an EventBridge event.

#include "fuzzcheck.h"
#include "lifecyclenotification.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

using Source = LifecycleNotification::Source;

bool sameTime(const QDateTime& a, const QDateTime& b)
{
    return a.isValid() == b.isValid() && (!a.isValid() || a.toMSecsSinceEpoch() == b.toMSecsSinceEpoch());
}

// The fields the Auto Scaling message carries (not the envelope's region).
bool sameMessage(const LifecycleNotification& a, const LifecycleNotification& b)
{
    return a.isTestNotification == b.isTestNotification && a.groupName == b.groupName && a.hookName == b.hookName
        && a.instanceId == b.instanceId && a.token == b.token && a.transition == b.transition
        && a.metadata == b.metadata && a.accountId == b.accountId && a.origin == b.origin
        && a.destination == b.destination && sameTime(a.time, b.time);
}

bool isEmpty(const LifecycleNotification& n)
{
    return n.source == Source::Unknown && !n.isTestNotification && n.groupName.isEmpty() && n.hookName.isEmpty()
        && n.instanceId.isEmpty() && n.token.isEmpty() && n.transition.isEmpty() && n.metadata.isEmpty()
        && n.accountId.isEmpty() && n.region.isEmpty() && n.origin.isEmpty() && n.destination.isEmpty()
        && !n.time.isValid();
}

// The message Auto Scaling itself would send for this notification.
QJsonObject directMessage(const LifecycleNotification& n)
{
    QJsonObject out {
        { u"AutoScalingGroupName"_s, n.groupName },
        { u"LifecycleHookName"_s, n.hookName },
        { u"EC2InstanceId"_s, n.instanceId },
        { u"LifecycleActionToken"_s, n.token },
        { u"LifecycleTransition"_s, n.transition },
        { u"NotificationMetadata"_s, n.metadata },
        { u"AccountId"_s, n.accountId },
        { u"Origin"_s, n.origin },
        { u"Destination"_s, n.destination },
    };
    if (n.time.isValid())
        out.insert(u"Time"_s, n.time.toString(Qt::ISODateWithMs));
    return out;
}

// A notification that parsed can be acted on, and reads back the same from the message Auto Scaling would send,
// bare and in an SNS envelope.
void checkRoundTrip(const LifecycleNotification& n)
{
    const QByteArray direct = QJsonDocument(directMessage(n)).toJson(QJsonDocument::Compact);
    QString error;
    const LifecycleNotification bare = LifecycleNotification::parse(direct, &error);
    FUZZ_CHECK(error.isEmpty() && bare.source == Source::Direct && sameMessage(bare, n));

    const QJsonObject sns { { u"Type"_s, u"Notification"_s },
        { u"TopicArn"_s, u"arn:aws:sns:eu-west-1:123456789012:lifecycle"_s },
        { u"Message"_s, QString::fromUtf8(direct) } };
    const LifecycleNotification wrapped = LifecycleNotification::parse(QJsonDocument(sns).toJson(), &error);
    FUZZ_CHECK(error.isEmpty() && wrapped.source == Source::Sns && sameMessage(wrapped, n));
    FUZZ_CHECK(wrapped.region == u"eu-west-1"_s);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    Fuzz::pinTimeZoneWithDst();
    const QByteArray json = Fuzz::bytes(data, size);
    QString error = u"left from before"_s;
    const LifecycleNotification n = LifecycleNotification::parse(json, &error);
    // The same answer without asking for the message.
    FUZZ_CHECK(sameMessage(LifecycleNotification::parse(json), n));

    if (n.source == Source::Unknown) {
        // Refused: a sentence saying why, and nothing half-filled that a caller could act on.
        FUZZ_CHECK(!error.isEmpty());
        FUZZ_CHECK(isEmpty(n) && !n.isComplete());
        return 0;
    }
    FUZZ_CHECK(error.isEmpty());
    if (n.isTestNotification) {
        // A test notification has nothing to complete.
        FUZZ_CHECK(!n.isComplete() && n.token.isEmpty() && n.hookName.isEmpty());
        return 0;
    }
    // Accepted: everything CompleteLifecycleAction needs is there.
    FUZZ_CHECK(n.isComplete());
    FUZZ_CHECK(n.mismatchWith(n.accountId, n.region).isEmpty());
    checkRoundTrip(n);
    return 0;
}
