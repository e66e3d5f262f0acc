#pragma once

#include "awserror.h"
#include "endpointoverrides.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QUrl>
#include <optional>

class CredentialProvider;
struct AwsConfigCandidate;
struct AwsConfigPreview;
struct AwsConfigUnsupported;
class MfaPrompter;
struct Profile;
class ProfileStore;
class QNetworkAccessManager;

// Where the credentials, region and endpoint of a session come from, decided the way the AWS SDKs do:
//   1. an explicit profile (--profile, or the profile picked in the GUI) — its own region and endpoint;
//   2. the environment: AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN), else a web identity
//      (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN, + AWS_ROLE_SESSION_NAME: STS AssumeRoleWithWebIdentity), else
//      AWS_PROFILE naming a profile; AWS_REGION / AWS_DEFAULT_REGION override the region. (botocore tries an
//      AWS_PROFILE role before the web identity variables; a container that sets both is not a case Hookdesk has.)
//   3. the keychain profiles: "default", or the only profile there is.
// A profile name (1 or 2) names a keychain profile first, else a profile of the AWS CLI's files (~/.aws/config and
// ~/.aws/credentials, or AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE), read fresh at every resolve and never
// copied: static keys, credential_process and role_arn + source_profile chains, with their region, endpoint_url,
// mfa_serial, external_id and duration_seconds, web_identity_token_file + role_arn (+ role_session_name), and
// IAM Identity Center (sso_session with sso_account_id and sso_role_name, or the legacy sso_start_url + sso_region),
// whose sign-in (`hookdesk-cli sso login`) is kept in the keychain under the session's name.
// Endpoints follow the SDKs' "service-specific endpoints" (EndpointOverrides: AWS_ENDPOINT_URL_<SERVICE>,
// AWS_ENDPOINT_URL, the profile's [services] section and endpoint_url), except that a Hookdesk profile's own endpoint
// is used for every service whatever the environment says.
// Resolving reads no keychain secret: the provider reads the keychain (and assumes roles) when first asked.
struct ResolvedCredentials {
    enum class Source { ExplicitProfile, EnvironmentKeys, EnvironmentProfile, DefaultProfile, EnvironmentWebIdentity };

    Source source = Source::ExplicitProfile;
    QString profileName; // empty for environment keys
    QString configFile; // the AWS CLI file the profile was read from; empty for a keychain profile
    QString region;
    EndpointOverrides endpoints; // per service; none: the region's AWS endpoints
    CredentialProvider* provider = nullptr; // child of the parent given to resolve()

    // "profile prod-admin (role arn:…)" / "environment variables": for the title bar and `--debug`.
    QString description() const;
    // The endpoint to build a QueryClient with: every client of the session gets its endpoint here.
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
    const QProcessEnvironment& environment() const { return m_environment; }

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
    // AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN (credentialchainwebidentity.cpp); nullopt when not set.
    std::optional<Outcome> fromWebIdentityEnvironment(QObject* parent) const;
    // A provider for web_identity_token_file + role_arn (from a profile or the environment), STS at `endpoints`.
    CredentialProvider* webIdentityProvider(const QString& tokenFile, const QString& roleArn,
        const QString& sessionName, const QString& region, const EndpointOverrides& endpoints, QObject* parent,
        AwsError* error) const;
    // An STS session over `source` (which it takes): the profile's role, or GetSessionToken for a user with an MFA
    // device; kept in the keychain between runs.
    // `roleSessionName`: a ~/.aws profile's role_session_name, else the provider's default.
    CredentialProvider* stsSession(const QString& name, const Profile& profile, const EndpointOverrides& endpoints,
        CredentialProvider* source, QObject* parent, AwsError* error, const QString& roleSessionName = {}) const;
    // A ~/.aws role profile with credential_source = Environment: the role, assumed with this run's environment keys.
    CredentialProvider* environmentRoleProvider(
        const AwsConfigPreview& files, const AwsConfigUnsupported& profile, QObject* parent, AwsError* error) const;
    // The same for a ~/.aws profile with sso_session (or the legacy sso_start_url).
    CredentialProvider* configSsoProvider(const AwsConfigCandidate& candidate, const EndpointOverrides& endpoints,
        QObject* parent, AwsError* error) const;
    // Role credentials through the profile's IAM Identity Center session (SsoCredentialProvider).
    CredentialProvider* ssoProvider(const Profile& profile, QObject* parent, AwsError* error) const;
    // A Hookdesk profile's endpoint for every service, or (without one) the environment's.
    EndpointOverrides keychainEndpoints(const Profile& profile) const;

    ProfileStore* m_profiles;
    QNetworkAccessManager* m_network;
    MfaPrompter* m_prompter;
    QProcessEnvironment m_environment;
};
