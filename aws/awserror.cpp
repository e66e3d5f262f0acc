#include "awserror.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

bool AwsError::isNoActiveLifecycleAction() const
{
    return kind == Kind::Service && code == u"ValidationError"_s
        && message.contains(u"No active Lifecycle Action found"_s, Qt::CaseInsensitive);
}

bool AwsError::isThrottling() const
{
    if (kind != Kind::Service)
        return false;
    return code == u"Throttling"_s || code == u"ThrottlingException"_s || code == u"RequestLimitExceeded"_s
        || code == u"ThrottledException"_s || code == u"TooManyRequestsException"_s || code == u"RequestThrottled"_s
        || code == u"RequestThrottledException"_s;
}

QString AwsError::toString() const
{
    QString text;
    switch (kind) {
    case Kind::None:
        return QString();
    case Kind::Service:
        text = code.isEmpty() ? message : code + u": "_s + message;
        break;
    case Kind::UnreadableBody: {
        // Show the start of the body (an HTML title, a proxy message) so a person can tell what answered.
        const QString start = QString::fromUtf8(bodyStart).simplified().left(120);
        text = message.isEmpty()
            ? QCoreApplication::translate("AwsError", "Unreadable answer (HTTP %1): %2").arg(httpStatus).arg(start)
            : message;
        break;
    }
    default:
        text = message;
        break;
    }
    if (!requestId.isEmpty())
        text += u" "_s + QCoreApplication::translate("AwsError", "(request %1)").arg(requestId);
    return text;
}

AwsError AwsError::validation(const QString& message)
{
    AwsError error;
    error.kind = Kind::Validation;
    error.message = message;
    return error;
}

AwsError AwsError::credentials(const QString& message)
{
    AwsError error;
    error.kind = Kind::Credentials;
    error.message = message;
    return error;
}
