#include "ssosettings.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QUrl>

using namespace Qt::StringLiterals;

QString SsoSession::validationError() const
{
    if (!isValidName(name))
        return QCoreApplication::translate("SsoSession",
            "'%1' cannot name an IAM Identity Center session: use 1 to 64 letters, digits, '.', '_' or '-'.")
            .arg(name);
    if (const QString error = startUrlError(startUrl); !error.isEmpty())
        return error;
    return regionError(region);
}

QStringList SsoSession::effectiveScopes() const
{
    return scopes.isEmpty() ? QStringList { u"sso:account:access"_s } : scopes;
}

bool SsoSession::isValidName(const QString& name)
{
    static const QRegularExpression pattern(u"^[A-Za-z0-9._-]{1,64}$"_s);
    return pattern.match(name).hasMatch();
}

QString SsoSession::startUrlError(const QString& url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    if (url.trimmed().isEmpty())
        return QCoreApplication::translate("SsoSession", "An IAM Identity Center start URL is required.");
    if (!parsed.isValid() || parsed.scheme() != u"https"_s || parsed.host().isEmpty() || !parsed.userInfo().isEmpty()
        || parsed.hasFragment() || url.size() > 512)
        return QCoreApplication::translate("SsoSession",
            "'%1' does not look like an IAM Identity Center start URL, such as "
            "https://d-1234567890.awsapps.com/start.")
            .arg(url.left(80));
    return {};
}

QString SsoSession::regionError(const QString& region)
{
    static const QRegularExpression pattern(u"^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$"_s);
    if (region.isEmpty())
        return QCoreApplication::translate(
            "SsoSession", "The region of the IAM Identity Center directory is required.");
    if (!pattern.match(region).hasMatch())
        return QCoreApplication::translate("SsoSession", "'%1' does not look like an AWS region, such as eu-west-1.")
            .arg(region.left(40));
    return {};
}

QString SsoRoleSettings::validationError() const
{
    static const QRegularExpression account(u"^[0-9]{12}$"_s);
    if (!SsoSession::isValidName(session))
        return QCoreApplication::translate("SsoSession", "'%1' cannot name an IAM Identity Center session.")
            .arg(session.left(64));
    if (!account.match(accountId).hasMatch())
        return QCoreApplication::translate("SsoSession", "'%1' is not an AWS account ID (12 digits).")
            .arg(accountId.left(20));
    static const QRegularExpression role(u"^[A-Za-z0-9+=,.@_-]{1,128}$"_s);
    if (!role.match(roleName).hasMatch())
        return QCoreApplication::translate("SsoSession", "'%1' is not a permission set (role) name.")
            .arg(roleName.left(64));
    return {};
}
