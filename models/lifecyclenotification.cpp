#include "lifecyclenotification.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("LifecycleNotification", text);
}

// JSON text inside a string field (SNS "Message", SQS "Body"): an object, or an empty one.
QJsonObject embeddedObject(const QJsonValue& value)
{
    if (value.isObject())
        return value.toObject();
    const QJsonDocument document = QJsonDocument::fromJson(value.toString().toUtf8());
    return document.isObject() ? document.object() : QJsonObject();
}

// "arn:aws:sns:eu-west-1:123456789012:topic" → "eu-west-1".
QString regionOfArn(const QString& arn)
{
    const QStringList parts = arn.split(u':');
    return parts.size() > 4 && parts.at(0) == "arn"_L1 ? parts.at(3) : QString();
}

// Fills the fields of the message body Auto Scaling sends (also EventBridge's "detail", which uses the same names).
bool readLifecycleFields(const QJsonObject& body, LifecycleNotification& out)
{
    if (body.value("Event"_L1).toString() == "autoscaling:TEST_NOTIFICATION"_L1) {
        out.isTestNotification = true;
        out.groupName = body.value("AutoScalingGroupName"_L1).toString();
        out.accountId = body.value("AccountId"_L1).toString();
        out.time = QDateTime::fromString(body.value("Time"_L1).toString(), Qt::ISODateWithMs);
        return true;
    }
    if (!body.contains("LifecycleTransition"_L1) && !body.contains("LifecycleActionToken"_L1))
        return false;
    out.groupName = body.value("AutoScalingGroupName"_L1).toString();
    out.hookName = body.value("LifecycleHookName"_L1).toString();
    out.instanceId = body.value("EC2InstanceId"_L1).toString();
    out.token = body.value("LifecycleActionToken"_L1).toString();
    out.transition = body.value("LifecycleTransition"_L1).toString();
    out.metadata = body.value("NotificationMetadata"_L1).toString();
    out.origin = body.value("Origin"_L1).toString();
    out.destination = body.value("Destination"_L1).toString();
    if (out.accountId.isEmpty())
        out.accountId = body.value("AccountId"_L1).toString();
    if (!out.time.isValid())
        out.time = QDateTime::fromString(body.value("Time"_L1).toString(), Qt::ISODateWithMs);
    return true;
}

bool parseObject(const QJsonObject& object, LifecycleNotification& out, int depth)
{
    if (depth > 4)
        return false;
    // SQS ReceiveMessage output or one of its messages.
    if (object.value("Messages"_L1).isArray()) {
        const QJsonArray messages = object.value("Messages"_L1).toArray();
        return !messages.isEmpty() && parseObject(messages.first().toObject(), out, depth + 1);
    }
    // A Lambda event from SQS: {"Records": [{"body": "…", "eventSourceARN": …, "awsRegion": …}]}.
    if (object.value("Records"_L1).isArray()) {
        const QJsonArray records = object.value("Records"_L1).toArray();
        return !records.isEmpty() && parseObject(records.first().toObject(), out, depth + 1);
    }
    if (object.contains("awsRegion"_L1) && out.region.isEmpty())
        out.region = object.value("awsRegion"_L1).toString();
    if (object.contains("eventSourceARN"_L1) && out.region.isEmpty())
        out.region = regionOfArn(object.value("eventSourceARN"_L1).toString());
    if (object.contains("Body"_L1) || object.contains("body"_L1)) {
        const QJsonValue body = object.contains("Body"_L1) ? object.value("Body"_L1) : object.value("body"_L1);
        if (out.source == LifecycleNotification::Source::Unknown)
            out.source = LifecycleNotification::Source::Sqs;
        return parseObject(embeddedObject(body), out, depth + 1);
    }
    // SNS envelope: the Auto Scaling message is a JSON string in "Message".
    if (object.value("Type"_L1).toString() == "Notification"_L1 && object.contains("Message"_L1)) {
        out.source = LifecycleNotification::Source::Sns;
        out.region = regionOfArn(object.value("TopicArn"_L1).toString());
        return parseObject(embeddedObject(object.value("Message"_L1)), out, depth + 1);
    }
    // EventBridge event.
    if (object.contains("detail-type"_L1)) {
        const QString detailType = object.value("detail-type"_L1).toString();
        if (!detailType.endsWith("Lifecycle Action"_L1))
            return false;
        out.source = LifecycleNotification::Source::EventBridge;
        out.accountId = object.value("account"_L1).toString();
        out.region = object.value("region"_L1).toString();
        out.time = QDateTime::fromString(object.value("time"_L1).toString(), Qt::ISODate);
        return readLifecycleFields(object.value("detail"_L1).toObject(), out);
    }
    if (out.source == LifecycleNotification::Source::Unknown)
        out.source = LifecycleNotification::Source::Direct;
    return readLifecycleFields(object, out);
}

} // namespace

QString LifecycleNotification::mismatchWith(const QString& account, const QString& connectedRegion) const
{
    if (!accountId.isEmpty() && !account.isEmpty() && accountId != account)
        return tr("This notification is from account %1, but Hookdesk is connected to account %2: its group, hook and "
                  "token are not there. Switch to a profile of account %1.")
            .arg(accountId, account);
    if (!region.isEmpty() && !connectedRegion.isEmpty() && region != connectedRegion)
        return tr("This notification is from region %1, but Hookdesk is connected to %2: its group, hook and token "
                  "are not there. Switch the region to %1.")
            .arg(region, connectedRegion);
    return {};
}

bool LifecycleNotification::isComplete() const
{
    return !isTestNotification && !groupName.isEmpty() && !hookName.isEmpty() && !instanceId.isEmpty()
        && !token.isEmpty() && !transition.isEmpty();
}

LifecycleNotification LifecycleNotification::parse(const QByteArray& json, QString* errorMessage)
{
    auto fail = [errorMessage](const QString& message) {
        if (errorMessage)
            *errorMessage = message;
        return LifecycleNotification {};
    };
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json.trimmed(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(tr("This is not JSON (%1 at character %2). Paste the whole message.")
                        .arg(parseError.errorString())
                        .arg(parseError.offset));
    if (!document.isObject())
        return fail(tr("Expected a JSON object: an SQS message, an SNS notification or an EventBridge event."));

    LifecycleNotification notification;
    if (!parseObject(document.object(), notification, 0))
        return fail(tr("This JSON is not an Auto Scaling lifecycle notification: expected the fields "
                       "LifecycleHookName, EC2InstanceId and LifecycleActionToken (directly, in an SNS "
                       "\"Message\", an SQS \"Body\" or an EventBridge \"detail\")."));
    if (notification.isTestNotification) {
        if (errorMessage)
            errorMessage->clear();
        return notification;
    }
    if (!notification.isComplete()) {
        QStringList missing;
        if (notification.groupName.isEmpty())
            missing << u"AutoScalingGroupName"_s;
        if (notification.hookName.isEmpty())
            missing << u"LifecycleHookName"_s;
        if (notification.instanceId.isEmpty())
            missing << u"EC2InstanceId"_s;
        if (notification.token.isEmpty())
            missing << u"LifecycleActionToken"_s;
        if (notification.transition.isEmpty())
            missing << u"LifecycleTransition"_s;
        return fail(tr("The lifecycle notification lacks %1.").arg(missing.join(u", "_s)));
    }
    if (errorMessage)
        errorMessage->clear();
    return notification;
}
