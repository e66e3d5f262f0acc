#include "credentialchain.h"

#include "assumerolecredentialprovider.h"
#include "credentialprovider.h"
#include "profilecredentialprovider.h"
#include "profilestore.h"
#include "ssocredentialprovider.h"
#include "ssoservices.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

QString ResolvedCredentials::description() const
{
    switch (source) {
    case Source::EnvironmentKeys:
        return QCoreApplication::translate("CredentialChain", "environment variables (AWS_ACCESS_KEY_ID)");
    case Source::EnvironmentWebIdentity:
        return QCoreApplication::translate("CredentialChain", "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)");
    case Source::EnvironmentProfile:
        return configFile.isEmpty()
            ? QCoreApplication::translate("CredentialChain", "profile %1 (from AWS_PROFILE)").arg(profileName)
            : QCoreApplication::translate("CredentialChain", "profile %1 of %2 (from AWS_PROFILE)")
                  .arg(profileName, configFile);
    case Source::DefaultProfile:
    case Source::ExplicitProfile:
        break;
    }
    return configFile.isEmpty()
        ? QCoreApplication::translate("CredentialChain", "profile %1").arg(profileName)
        : QCoreApplication::translate("CredentialChain", "profile %1 of %2").arg(profileName, configFile);
}

EndpointResolver::Result ResolvedCredentials::endpoint(EndpointResolver::Service service) const
{
    return endpoints.resolve(service, region);
}

CredentialChain::CredentialChain(
    ProfileStore* profiles, QNetworkAccessManager* network, MfaPrompter* prompter, QObject* parent)
    : QObject(parent)
    , m_profiles(profiles)
    , m_network(network)
    , m_prompter(prompter)
    , m_environment(QProcessEnvironment::systemEnvironment())
{
}

CredentialChain::Outcome CredentialChain::resolve(const QString& explicitProfile, QObject* providerParent) const
{
    if (!explicitProfile.isEmpty())
        return fromProfile(explicitProfile, ResolvedCredentials::Source::ExplicitProfile, providerParent);

    const QString envRegion = m_environment.value(u"AWS_REGION"_s, m_environment.value(u"AWS_DEFAULT_REGION"_s));
    // The endpoints came with the profile (fromProfile: the environment's unless a Hookdesk profile has its own).
    auto applyEnvironment = [&](Outcome outcome) {
        if (outcome.ok() && !envRegion.isEmpty())
            outcome.resolved.region = envRegion;
        return outcome;
    };

    const QString keyId = m_environment.value(u"AWS_ACCESS_KEY_ID"_s);
    const QString secret = m_environment.value(u"AWS_SECRET_ACCESS_KEY"_s);
    if (!keyId.isEmpty() || !secret.isEmpty()) {
        Outcome outcome;
        if (keyId.isEmpty() || secret.isEmpty()) {
            outcome.error = AwsError::credentials(QCoreApplication::translate("CredentialChain",
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY must be set together; only one of them is."));
            return outcome;
        }
        if (envRegion.isEmpty()) {
            outcome.error = AwsError::validation(QCoreApplication::translate("CredentialChain",
                "The access keys come from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too."));
            return outcome;
        }
        Credentials credentials { keyId, secret, m_environment.value(u"AWS_SESSION_TOKEN"_s), {} };
        outcome.resolved.source = ResolvedCredentials::Source::EnvironmentKeys;
        outcome.resolved.provider = new StaticCredentialProvider(credentials, providerParent);
        outcome.resolved.endpoints = EndpointOverrides::configured(m_environment);
        return applyEnvironment(outcome);
    }

    if (std::optional<Outcome> webIdentity = fromWebIdentityEnvironment(providerParent))
        return *webIdentity;

    const QString envProfile = m_environment.value(u"AWS_PROFILE"_s);
    if (!envProfile.isEmpty())
        return applyEnvironment(
            fromProfile(envProfile, ResolvedCredentials::Source::EnvironmentProfile, providerParent));

    const QStringList names = m_profiles ? m_profiles->profileNames() : QStringList();
    QString chosen;
    if (names.contains(u"default"_s))
        chosen = u"default"_s;
    else if (names.size() == 1)
        chosen = names.first();
    if (chosen.isEmpty()) {
        // No keychain profile to choose: the AWS CLI's own [default], as `aws` would use it.
        if (Outcome files
            = fromConfigProfile(u"default"_s, ResolvedCredentials::Source::DefaultProfile, providerParent);
            files.ok())
            return applyEnvironment(files);
        Outcome outcome;
        outcome.error
            = AwsError::credentials(names.isEmpty() ? QCoreApplication::translate("CredentialChain",
                                        "No credentials: add a profile, import ~/.aws, or set AWS_ACCESS_KEY_ID and "
                                        "AWS_SECRET_ACCESS_KEY.")
                                                    : QCoreApplication::translate("CredentialChain",
                                                        "Several profiles and none named default: choose one (%1).")
                                                          .arg(names.join(u", "_s)));
        return outcome;
    }
    return applyEnvironment(fromProfile(chosen, ResolvedCredentials::Source::DefaultProfile, providerParent));
}

CredentialChain::Outcome CredentialChain::fromProfile(
    const QString& name, ResolvedCredentials::Source source, QObject* parent) const
{
    Outcome outcome;
    const std::optional<Profile> profile = m_profiles ? m_profiles->profile(name) : std::nullopt;
    if (!profile)
        return fromConfigProfile(name, source, parent);
    CredentialProvider* provider = providerForProfile(name, parent, &outcome.error);
    if (!provider)
        return outcome;
    outcome.resolved.source = source;
    outcome.resolved.profileName = name;
    outcome.resolved.region = profile->region;
    outcome.resolved.endpoints = keychainEndpoints(*profile);
    outcome.resolved.provider = provider;
    return outcome;
}

CredentialProvider* CredentialChain::providerForProfile(const QString& name, QObject* parent, AwsError* error) const
{
    QStringList chain;
    return buildProvider(name, parent, chain, error);
}

CredentialProvider* CredentialChain::buildProvider(
    const QString& name, QObject* parent, QStringList& chain, AwsError* error) const
{
    if (chain.contains(name)) {
        *error = AwsError::credentials(
            QCoreApplication::translate("CredentialChain", "The source profiles go round in a circle: %1.")
                .arg((chain << name).join(u" → "_s)));
        return nullptr;
    }
    chain << name;
    const std::optional<Profile> profile = m_profiles ? m_profiles->profile(name) : std::nullopt;
    if (!profile) {
        *error = AwsError::credentials(chain.size() == 1
                ? QCoreApplication::translate("CredentialChain", "There is no profile named %1.").arg(name)
                : QCoreApplication::translate(
                    "CredentialChain", "Profile %1 uses source profile %2, which does not exist.")
                      .arg(chain.at(chain.size() - 2), name));
        return nullptr;
    }
    if (profile->usesSso())
        return ssoProvider(*profile, parent, error);
    if (!profile->assumesRole()) {
        // A user whose policies ask for MFA: the profile named (not a source) works in a GetSessionToken session. Keys
        // that are a session already are used as they are (STS refuses a session made from a session).
        if (profile->role.mfaSerial.isEmpty() || chain.size() > 1 || m_profiles->hasStoredSessionToken(name))
            return new ProfileCredentialProvider(m_profiles, name, parent);
        return stsSession(name, *profile, keychainEndpoints(*profile), new ProfileCredentialProvider(m_profiles, name),
            parent, error);
    }

    CredentialProvider* source = buildProvider(profile->role.sourceProfile, nullptr, chain, error);
    if (!source)
        return nullptr;
    // STS goes to the role profile's endpoint override, else its source's (one local peer serves both).
    QUrl override = profile->endpointUrl;
    if (override.isEmpty()) {
        if (const auto sourceProfile = m_profiles->profile(profile->role.sourceProfile))
            override = sourceProfile->endpointUrl;
    }
    Profile withEndpoint = *profile;
    withEndpoint.endpointUrl = override;
    return stsSession(name, *profile, keychainEndpoints(withEndpoint), source, parent, error);
}

CredentialProvider* CredentialChain::ssoProvider(const Profile& profile, QObject* parent, AwsError* error) const
{
    const std::optional<SsoSession> session = m_profiles->ssoSession(profile.sso.session);
    if (!session) {
        *error = AwsError::credentials(QCoreApplication::translate("CredentialChain",
            "Profile %1 signs in through IAM Identity Center session %2, which is not defined. Define it with "
            "'hookdesk-cli sso login --session %2 --start-url URL --sso-region REGION'.")
                                           .arg(profile.name, profile.sso.session));
        return nullptr;
    }
    // The sign-in goes where the profile's other calls go (one local peer serves them all).
    auto* services = new SsoServices(m_network, keychainEndpoints(profile), session->region);
    if (!services->ok()) {
        *error = AwsError::validation(services->error());
        delete services;
        return nullptr;
    }
    return new SsoCredentialProvider(*session, profile.sso, m_profiles->secretStore(), services, parent);
}

EndpointOverrides CredentialChain::keychainEndpoints(const Profile& profile) const
{
    if (!profile.endpointUrl.isEmpty())
        return EndpointOverrides::forAll(profile.endpointUrl, u"profile "_s + profile.name);
    return EndpointOverrides::configured(m_environment);
}

CredentialProvider* CredentialChain::stsSession(const QString& name, const Profile& profile,
    const EndpointOverrides& endpoints, CredentialProvider* source, QObject* parent, AwsError* error,
    const QString& roleSessionName) const
{
    const EndpointResolver::Result sts = endpoints.resolve(EndpointResolver::Service::Sts, profile.region);
    if (!sts.ok()) {
        delete source;
        *error = AwsError::validation(sts.error);
        return nullptr;
    }
    auto* provider
        = new AssumeRoleCredentialProvider(name, profile.role, sts.endpoint, source, m_network, m_prompter, parent);
    if (!roleSessionName.isEmpty())
        provider->setRoleSessionName(roleSessionName);
    // A session made with an MFA code outlives this run in the keychain: the next run within its life asks for no
    // code. One without MFA is cheap to make again, and needs no keychain at all (nor its delays where there is none).
    if (!profile.role.mfaSerial.isEmpty())
        provider->setSessionCache(m_profiles ? m_profiles->secretStore() : nullptr);
    return provider;
}
