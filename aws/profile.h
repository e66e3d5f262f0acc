#pragma once

#include "ssosettings.h"

#include <QString>
#include <QUrl>

// A role that a profile assumes with the credentials of another (source) profile, as AWS CLI config's role_arn.
struct RoleSettings {
    QString roleArn;
    QString sourceProfile;
    QString externalId;
    QString mfaSerial; // MFA device ARN (or hardware serial); when set, AssumeRole asks for a code
    int durationSeconds = 3600;

    bool isSet() const { return !roleArn.isEmpty(); }
    bool operator==(const RoleSettings&) const = default;
};

// A named set of settings to reach one account. Holds no secret: access keys live in the keychain, under
// SecretStore keys "hookdesk/<name>/access_key_id" etc., and are read through ProfileStore::readCredentials().
struct Profile {
    QString name;
    QString region;
    QUrl endpointUrl; // optional override (VPC endpoint, simulator, moto)
    RoleSettings role;
    SsoRoleSettings sso; // an IAM Identity Center account and role: no keys, no role of its own

    bool assumesRole() const { return role.isSet(); }
    bool usesSso() const { return sso.isSet(); }
    // Profiles whose credentials come from elsewhere (a source profile, a sign-in) keep no keys of their own.
    bool keysOptional() const { return assumesRole() || usesSso(); }
    bool operator==(const Profile&) const = default;

    // What is wrong with this profile as a user would be told (translated), or empty when it can be saved.
    QString validationError() const;
    // Letters, digits and . _ - @ + = , (1–64): what AWS CLI users name profiles, minus what breaks key scoping.
    static bool isValidName(const QString& name);
};
