#include "lifecyclevalidation.h"

#include "lifecycle.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace LifecycleValidation {

namespace {

// The model's XmlString pattern: any XML character; tab, CR and LF are the only control characters allowed.
bool isXmlString(const QString& value)
{
    for (const QChar c : value) {
        const char16_t u = c.unicode();
        if (u < 0x20 && u != u'\t' && u != u'\n' && u != u'\r')
            return false;
        if (u == 0xFFFE || u == 0xFFFF)
            return false;
    }
    return true;
}

} // namespace

QString hookNameError(const QString& name)
{
    if (name.isEmpty())
        return QCoreApplication::translate("LifecycleValidation", "Enter a hook name.");
    if (name.size() > HookNameMaxLength)
        return QCoreApplication::translate(
            "LifecycleValidation", "A hook name has at most %1 characters (this one has %2).")
            .arg(HookNameMaxLength)
            .arg(name.size());
    static const QRegularExpression pattern(u"^[A-Za-z0-9\\-_/]+$"_s);
    if (!pattern.match(name).hasMatch())
        return QCoreApplication::translate(
            "LifecycleValidation", "A hook name may only contain letters A–Z and a–z, digits, '-', '_' and '/'.");
    return {};
}

QString groupNameError(const QString& name)
{
    if (name.isEmpty())
        return QCoreApplication::translate("LifecycleValidation", "Enter an Auto Scaling group name.");
    if (name.size() > GroupNameMaxLength)
        return QCoreApplication::translate(
            "LifecycleValidation", "A group name has at most %1 characters (this one has %2).")
            .arg(GroupNameMaxLength)
            .arg(name.size());
    if (!isXmlString(name))
        return QCoreApplication::translate("LifecycleValidation", "A group name may not contain control characters.");
    return {};
}

QString heartbeatTimeoutError(int seconds)
{
    if (seconds < HeartbeatTimeoutMin || seconds > HeartbeatTimeoutMax)
        return QCoreApplication::translate("LifecycleValidation",
            "The heartbeat timeout must be between %1 and %2 seconds (30 s to 2 h); %3 is outside.")
            .arg(HeartbeatTimeoutMin)
            .arg(HeartbeatTimeoutMax)
            .arg(seconds);
    return {};
}

QString defaultResultError(const QString& result)
{
    if (result.isEmpty() || result == u"CONTINUE"_s || result == u"ABANDON"_s)
        return {};
    return QCoreApplication::translate("LifecycleValidation", "The default result must be CONTINUE or ABANDON.");
}

QString actionResultError(const QString& result)
{
    if (result == u"CONTINUE"_s || result == u"ABANDON"_s)
        return {};
    return QCoreApplication::translate(
        "LifecycleValidation", "The lifecycle action result must be CONTINUE or ABANDON.");
}

QString metadataError(const QString& metadata)
{
    if (metadata.isEmpty())
        return {};
    if (metadata.size() > MetadataMaxLength)
        return QCoreApplication::translate(
            "LifecycleValidation", "Notification metadata has at most %1 characters (this has %2).")
            .arg(MetadataMaxLength)
            .arg(metadata.size());
    for (const QChar c : metadata) {
        const char16_t u = c.unicode();
        const bool printable = (u >= 0x20 && u <= 0x7e) || u == u'\t' || u == u'\n' || u == u'\r';
        if (!printable)
            return QCoreApplication::translate("LifecycleValidation",
                "Notification metadata may only contain printable ASCII characters, tabs and line breaks.");
    }
    return {};
}

QString tokenError(const QString& token)
{
    if (token.isEmpty() || token.size() == TokenLength)
        return {};
    return QCoreApplication::translate(
        "LifecycleValidation", "A lifecycle action token has exactly %1 characters (this one has %2).")
        .arg(TokenLength)
        .arg(token.size());
}

QString transitionError(const QString& transition)
{
    if (Lifecycle::parseHookTransition(transition).isKnown())
        return {};
    if (transition.isEmpty())
        return QCoreApplication::translate(
            "LifecycleValidation", "Choose the transition: instance launching or instance terminating.");
    return QCoreApplication::translate("LifecycleValidation", "The transition must be %1 or %2.")
        .arg(nameOf(Lifecycle::HookTransition::Launching), nameOf(Lifecycle::HookTransition::Terminating));
}

QString instanceIdError(const QString& instanceId)
{
    if (instanceId.isEmpty())
        return {};
    if (instanceId.size() > InstanceIdMaxLength)
        return QCoreApplication::translate(
            "LifecycleValidation", "An instance ID has at most %1 characters (this one has %2).")
            .arg(InstanceIdMaxLength)
            .arg(instanceId.size());
    if (!isXmlString(instanceId) || instanceId.contains(u' '))
        return QCoreApplication::translate(
            "LifecycleValidation", "An instance ID may not contain spaces or control characters.");
    return {};
}

QString instanceIdShapeError(const QString& instanceId)
{
    // Anchored for real: "$" alone also matches before a trailing newline.
    static const QRegularExpression pattern(QRegularExpression::anchoredPattern(u"i-([0-9a-f]{8}|[0-9a-f]{17})"_s));
    if (pattern.match(instanceId).hasMatch())
        return {};
    // One arg(): the value is the user's and may hold a "%1" of its own.
    return QCoreApplication::translate(
        "LifecycleValidation", "%1 is not an instance ID (i- followed by 8 or 17 hexadecimal digits).")
        .arg(instanceId);
}

QString arnError(const QString& arn)
{
    if (arn.isEmpty())
        return {};
    if (arn.size() > ArnMaxLength)
        return QCoreApplication::translate("LifecycleValidation", "An ARN has at most %1 characters (this one has %2).")
            .arg(ArnMaxLength)
            .arg(arn.size());
    if (!arn.startsWith(u"arn:"_s))
        return QCoreApplication::translate("LifecycleValidation", "An ARN starts with \"arn:\".");
    return {};
}

QString notificationTargetError(const std::optional<QString>& target, const std::optional<QString>& role)
{
    if (const QString error = arnError(target.value_or(QString())); !error.isEmpty())
        return error;
    if (const QString error = arnError(role.value_or(QString())); !error.isEmpty())
        return error;
    const bool clearsTarget = target && target->isEmpty();
    if (target && !target->isEmpty() && (!role || role->isEmpty()))
        return QCoreApplication::translate(
            "LifecycleValidation", "A notification target needs a role ARN that allows Auto Scaling to publish to it.");
    // The role has no meaning without a target, and AWS takes no empty RoleARN: removing the target removes both.
    if (role && role->isEmpty() && !clearsTarget)
        return QCoreApplication::translate("LifecycleValidation",
            "A role ARN cannot be emptied on its own: remove the notification target, which removes its role too.");
    if (role && !role->isEmpty() && clearsTarget)
        return QCoreApplication::translate(
            "LifecycleValidation", "A role ARN needs a notification target: removing the target removes its role.");
    return {};
}

AwsError validate(const PutLifecycleHookRequest& request)
{
    QString message = groupNameError(request.groupName);
    if (message.isEmpty())
        message = hookNameError(request.hookName);
    // PutLifecycleHook updates an existing hook without a transition, so only a given one is checked.
    if (message.isEmpty() && !request.transition.isEmpty())
        message = transitionError(request.transition);
    if (message.isEmpty() && request.heartbeatTimeout)
        message = heartbeatTimeoutError(*request.heartbeatTimeout);
    if (message.isEmpty())
        message = defaultResultError(request.defaultResult);
    if (message.isEmpty())
        message = metadataError(request.notificationMetadata);
    if (message.isEmpty())
        message = notificationTargetError(request.notificationTargetArn, request.roleArn);
    return message.isEmpty() ? AwsError {} : AwsError::validation(message);
}

AwsError validate(const LifecycleActionTarget& target)
{
    QString message = groupNameError(target.groupName);
    if (message.isEmpty())
        message = hookNameError(target.hookName);
    if (message.isEmpty() && target.instanceId.isEmpty() && target.token.isEmpty())
        message
            = QCoreApplication::translate("LifecycleValidation", "Give the instance ID or the lifecycle action token.");
    if (message.isEmpty())
        message = instanceIdError(target.instanceId);
    if (message.isEmpty())
        message = tokenError(target.token);
    return message.isEmpty() ? AwsError {} : AwsError::validation(message);
}

} // namespace LifecycleValidation
