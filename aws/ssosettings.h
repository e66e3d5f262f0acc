#pragma once

#include <QString>
#include <QStringList>

// An IAM Identity Center sign-in: the AWS CLI's [sso-session NAME] (sso_start_url, sso_region,
// sso_registration_scopes), shared by every account/role profile that names it. A legacy profile (sso_start_url and
// sso_region in the profile itself) is a session named after its start URL.
struct SsoSession {
    QString name;
    QString startUrl; // https://d-1234567890.awsapps.com/start, or an organisation's own https URL
    QString region; // where the OIDC service and the portal of this directory are
    QStringList scopes; // "sso:account:access" when empty

    bool operator==(const SsoSession&) const = default;
    // What is wrong, as a user would be told (translated), or empty.
    QString validationError() const;
    QStringList effectiveScopes() const;

    // Letters, digits and . _ - (1–64): usable in keychain entry names (hookdesk/sso/<name>/…).
    static bool isValidName(const QString& name);
    // An https URL with a host, no user info, no fragment: a start URL that does not look like one is refused
    // before anything is sent.
    static QString startUrlError(const QString& url);
    static QString regionError(const QString& region);
};

// An account and permission set reached through a session: a profile's sso_account_id and sso_role_name.
struct SsoRoleSettings {
    QString session; // the SsoSession name
    QString accountId; // 12 digits
    QString roleName;

    bool isSet() const { return !session.isEmpty(); }
    bool operator==(const SsoRoleSettings&) const = default;
    QString validationError() const;
};
