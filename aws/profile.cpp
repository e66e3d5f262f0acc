#include "profile.h"

#include "endpointresolver.h"

#include <QCoreApplication>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

bool Profile::isValidName(const QString& name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9_.@+=,-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

QString Profile::validationError() const
{
    if (!isValidName(name))
        return QCoreApplication::translate(
            "Profile", "A profile name is 1 to 64 letters, digits or . _ - @ + = , characters.");
    static const QRegularExpression regionPattern(u"^[a-z]{2}(-[a-z]+)+-[0-9]+$"_s);
    if (!regionPattern.match(region).hasMatch())
        return QCoreApplication::translate("Profile", "Enter a region such as eu-west-1.");
    if (!endpointUrl.isEmpty()) {
        const QString error = EndpointResolver::overrideUrlError(endpointUrl);
        if (!error.isEmpty())
            return error;
    }
    if (sso.isSet()) {
        if (role.isSet() || !role.mfaSerial.isEmpty())
            return QCoreApplication::translate(
                "Profile", "An IAM Identity Center profile cannot also assume a role or use an MFA device.");
        return sso.validationError();
    }
    if (role.isSet()) {
        if (!role.roleArn.startsWith(u"arn:"_s) || !role.roleArn.contains(u":role/"_s))
            return QCoreApplication::translate("Profile", "A role ARN looks like arn:aws:iam::123456789012:role/name.");
        if (role.sourceProfile.isEmpty())
            return QCoreApplication::translate(
                "Profile", "A role needs a source profile whose keys are used to assume it.");
        if (role.sourceProfile == name)
            return QCoreApplication::translate("Profile", "A profile cannot be its own source profile.");
        if (role.durationSeconds < 900 || role.durationSeconds > 43200)
            return QCoreApplication::translate(
                "Profile", "The session duration must be between 900 and 43200 seconds.");
    } else if (!role.sourceProfile.isEmpty() || !role.externalId.isEmpty()) {
        return QCoreApplication::translate("Profile", "A source profile or external ID needs a role ARN.");
    } else if (!role.mfaSerial.isEmpty() && (role.durationSeconds < 900 || role.durationSeconds > 129600)) {
        // An MFA device without a role: the user's own session (GetSessionToken), which may last up to 36 hours.
        return QCoreApplication::translate(
            "Profile", "The MFA session duration must be between 900 and 129600 seconds.");
    }
    return {};
}
