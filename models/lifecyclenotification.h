#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

// A lifecycle notification pasted by an operator ("Complete from notification"): the JSON of an SQS message body
// as Auto Scaling sends it, an SQS ReceiveMessage output or message ({"Messages": [...]}, {"Body": "…"}), an SNS
// envelope (its "Message" is the JSON as a string), or an EventBridge event ("EC2 Instance-launch Lifecycle
// Action" / "EC2 Instance-terminate Lifecycle Action", fields in "detail").
struct LifecycleNotification {
    enum class Source { Unknown, Direct, Sqs, Sns, EventBridge };

    Source source = Source::Unknown;
    bool isTestNotification = false; // "Event": "autoscaling:TEST_NOTIFICATION": nothing to complete
    QString groupName;
    QString hookName;
    QString instanceId;
    QString token; // LifecycleActionToken
    QString transition; // "autoscaling:EC2_INSTANCE_LAUNCHING" | "autoscaling:EC2_INSTANCE_TERMINATING"
    QString metadata; // NotificationMetadata
    QString accountId;
    // The region the notification came from, when its envelope says it (EventBridge "region", the SNS topic ARN,
    // the SQS queue ARN of a Lambda event record); the Auto Scaling message itself does not name it.
    QString region;
    QString origin; // "EC2", "AutoScalingGroup", "WarmPool"
    QString destination;
    QDateTime time;

    // Everything needed to complete the action (group, hook, instance, token, transition).
    bool isComplete() const;

    // Why this notification cannot be acted on through a connection to `account` in `region` (another account or
    // another region: the group of the same name there is a different group), or empty. An unknown field on either
    // side is not a mismatch.
    QString mismatchWith(const QString& account, const QString& connectedRegion) const;

    // Parses any of the shapes above. On failure returns an invalid notification (source Unknown) and sets
    // `errorMessage` to a translated sentence that says what was expected.
    static LifecycleNotification parse(const QByteArray& json, QString* errorMessage = nullptr);
};
