#pragma once

#include "awserror.h"
#include "endpointresolver.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QUrl>

class CredentialProvider;
struct AwsConfigPreview;
class MfaPrompter;
struct Profile;
class ProfileStore;
class QNetworkAccessManager;

// Where the credentials, region and endpoint of a session come from, decided the way the AWS SDKs do:
//   1. an explicit profile (--profile, or the profile picked in the GUI) — its own region and endpoint;
//   2. the environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), else AWS_PROFILE naming a
//      profile; AWS_REGION / AWS_DEFAULT_REGION and AWS_ENDPOINT_URL override the region and endpoint;
//   3. the keychain profiles: "default", or the only profile there is.
// A profile name (1 or 2) names a keychain profile first, else a profile of the AWS CLI's files (~/.aws/config and
// ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), read fresh at every resolve and never
// copied: static keys, credential_process and role_arn + source_profile chains, with their region, endpoint_url,
// mfa_serial, external_id and duration_seconds. Sign-in kinds Hookdesk cannot use yet (SSO, web identity) are
// refused with the reason.
// Resolving reads no keychain secret: the provider reads the keychain (and assumes roles) when first asked.
struct ResolvedCredentials {
    enum class Source { ExplicitProfile, EnvironmentKeys, EnvironmentProfile, DefaultProfile };

    Source source = Source::ExplicitProfile;
    QString profileName; // empty for environment keys
    QString configFile; // the AWS CLI file the profile was read from; empty for a keychain profile
    QString region;
    QUrl endpointUrl; // empty: the region's AWS endpoint
    CredentialProvider* provider = nullptr; // child of the parent given to resolve()

    // "profile prod-admin (role arn:…)" / "environment variables": for the title bar and `--debug`.
    QString description() const;
    // The endpoint to build a QueryClient with.
    EndpointResolver::Result endpoint(EndpointResolver::Service service) const;
};

class CredentialChain : public QObject {
    Q_OBJECT
public:
    // `prompter` answers MFA prompts of role profiles; it may be null (roles with MFA then fail clearly).
    CredentialChain(
        ProfileStore* profiles, QNetworkAccessManager* network, MfaPrompter* prompter, QObject* parent = nullptr);

    // The process environment by default; tests pass their own.
    void setEnvironment(const QProcessEnvironment& environment) { m_environment = environment; }

    struct Outcome {
        ResolvedCredentials resolved;
        AwsError error; // Validation or Credentials; resolved.provider is null then
        bool ok() const { return !error.isError(); }
    };
    Outcome resolve(const QString& explicitProfile = {}, QObject* providerParent = nullptr) const;

    // A provider for one keychain profile: its keys, or the role it assumes (sources resolved recursively).
    CredentialProvider* providerForProfile(const QString& name, QObject* parent, AwsError* error) const;

private:
    // The AWS CLI's files as the environment names them (credentialchainconfig.cpp).
    Outcome fromConfigProfile(const QString& name, ResolvedCredentials::Source source, QObject* parent) const;
    CredentialProvider* buildConfigProvider(
        const AwsConfigPreview& files, const QString& name, QObject* parent, QStringList& chain, AwsError* error) const;
    CredentialProvider* buildProvider(const QString& name, QObject* parent, QStringList& chain, AwsError* error) const;
    Outcome fromProfile(const QString& name, ResolvedCredentials::Source source, QObject* parent) const;
    // An STS session over `source` (which it takes): the profile's role, or GetSessionToken for a user with an MFA
    // device; kept in the keychain between runs.
    CredentialProvider* stsSession(const QString& name, const Profile& profile, const QUrl& endpointUrl,
        CredentialProvider* source, QObject* parent, AwsError* error) const;

    ProfileStore* m_profiles;
    QNetworkAccessManager* m_network;
    MfaPrompter* m_prompter;
    QProcessEnvironment m_environment;
};
