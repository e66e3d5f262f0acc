// CredentialChain, the AWS CLI's own files: a profile named on the command line or in AWS_PROFILE that is not a
// keychain profile is looked up in ~/.aws/config and ~/.aws/credentials (or the files the environment names), read
// fresh each time and never copied, so what `aws`, Terraform and the SDKs use is what Hookdesk uses.
#include "awsconfig.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "processcredentialprovider.h"
#include "profilestore.h"
#include "ssocredentialprovider.h"
#include "ssoservices.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace {

// A credential_process profile: not importable, so listed as unsupported by the preview, but usable here.
const AwsConfigUnsupported* processProfile(const AwsConfigPreview& files, const QString& name)
{
    for (const AwsConfigUnsupported& unsupported : files.unsupported) {
        if (unsupported.name == name && !unsupported.credentialProcess.isEmpty())
            return &unsupported;
    }
    return nullptr;
}

// A web_identity_token_file profile: not importable (its issuer renews the file), but usable here.
const AwsConfigUnsupported* webIdentityProfile(const AwsConfigPreview& files, const QString& name)
{
    for (const AwsConfigUnsupported& unsupported : files.unsupported) {
        if (unsupported.name == name && !unsupported.webIdentityTokenFile.isEmpty())
            return &unsupported;
    }
    return nullptr;
}

// A role profile with credential_source = Environment: not importable (no source to keep), but usable here.
const AwsConfigUnsupported* environmentRoleProfile(const AwsConfigPreview& files, const QString& name)
{
    for (const AwsConfigUnsupported& unsupported : files.unsupported) {
        if (unsupported.name == name && !unsupported.credentialSource.isEmpty())
            return &unsupported;
    }
    return nullptr;
}

QString fileOf(const AwsConfigPreview& files)
{
    return QDir::toNativeSeparators(files.configFile.isEmpty() ? files.credentialsFile : files.configFile);
}

} // namespace

CredentialChain::Outcome CredentialChain::fromConfigProfile(
    const QString& name, ResolvedCredentials::Source source, QObject* parent) const
{
    Outcome outcome;
    const AwsConfigPreview files = AwsConfigImport::previewForEnvironment(m_environment);
    const AwsConfigCandidate* candidate = files.candidate(name);
    if (const AwsConfigUnsupported* process = processProfile(files, name); !candidate && process) {
        outcome.resolved.source = source;
        outcome.resolved.profileName = name;
        outcome.resolved.configFile = fileOf(files);
        outcome.resolved.region = process->region;
        outcome.resolved.endpoints = EndpointOverrides::configured(m_environment, process->endpoints, fileOf(files));
        outcome.resolved.provider = new ProcessCredentialProvider(name, process->credentialProcess, parent);
        return outcome;
    }
    if (const AwsConfigUnsupported* web = webIdentityProfile(files, name); !candidate && web) {
        outcome.resolved.source = source;
        outcome.resolved.profileName = name;
        outcome.resolved.configFile = fileOf(files);
        outcome.resolved.region = web->region;
        outcome.resolved.endpoints = EndpointOverrides::configured(m_environment, web->endpoints, fileOf(files));
        outcome.resolved.provider = webIdentityProvider(web->webIdentityTokenFile, web->roleArn, web->roleSessionName,
            web->region, outcome.resolved.endpoints, parent, &outcome.error);
        return outcome;
    }
    if (const AwsConfigUnsupported* role = environmentRoleProfile(files, name); !candidate && role) {
        outcome.resolved.provider = environmentRoleProvider(files, *role, parent, &outcome.error);
        if (!outcome.resolved.provider)
            return outcome;
        outcome.resolved.source = source;
        outcome.resolved.profileName = name;
        outcome.resolved.configFile = fileOf(files);
        outcome.resolved.region
            = role->region.isEmpty() ? QString::fromLatin1(AwsConfigImport::defaultRegion) : role->region;
        outcome.resolved.endpoints = EndpointOverrides::configured(m_environment, role->endpoints, fileOf(files));
        return outcome;
    }
    if (!candidate) {
        for (const AwsConfigUnsupported& unsupported : files.unsupported) {
            if (unsupported.name == name) {
                outcome.error = AwsError::credentials(
                    QCoreApplication::translate("CredentialChain", "Profile %1 of %2 cannot be used: %3.")
                        .arg(name, fileOf(files), unsupported.reason));
                return outcome;
            }
        }
        QString message = QCoreApplication::translate("CredentialChain", "There is no profile named %1.").arg(name);
        if (!files.errors.isEmpty()) // a broken file may be why it is not found: say where
            message += u' ' + files.errors.constFirst().toString();
        outcome.error = AwsError::credentials(message);
        return outcome;
    }
    QStringList chain;
    CredentialProvider* provider = buildConfigProvider(files, name, parent, chain, &outcome.error);
    if (!provider)
        return outcome;
    outcome.resolved.source = source;
    outcome.resolved.profileName = name;
    outcome.resolved.configFile = fileOf(files);
    outcome.resolved.region = candidate->profile.region;
    outcome.resolved.endpoints = EndpointOverrides::configured(m_environment, candidate->endpoints, fileOf(files));
    outcome.resolved.provider = provider;
    return outcome;
}

CredentialProvider* CredentialChain::buildConfigProvider(
    const AwsConfigPreview& files, const QString& name, QObject* parent, QStringList& chain, AwsError* error) const
{
    if (chain.contains(name)) {
        *error = AwsError::credentials(
            QCoreApplication::translate("CredentialChain", "The source profiles go round in a circle: %1.")
                .arg((chain << name).join(u" → "_s)));
        return nullptr;
    }
    chain << name;
    const AwsConfigCandidate* candidate = files.candidate(name);
    if (const AwsConfigUnsupported* process = processProfile(files, name); !candidate && process)
        return new ProcessCredentialProvider(name, process->credentialProcess, parent);
    if (const AwsConfigUnsupported* role = environmentRoleProfile(files, name); !candidate && role)
        return environmentRoleProvider(files, *role, parent, error);
    if (const AwsConfigUnsupported* web = webIdentityProfile(files, name); !candidate && web)
        return webIdentityProvider(web->webIdentityTokenFile, web->roleArn, web->roleSessionName, web->region,
            EndpointOverrides::configured(m_environment, web->endpoints, fileOf(files)), parent, error);
    if (!candidate) {
        *error = AwsError::credentials(
            QCoreApplication::translate("CredentialChain", "Profile %1 uses source profile %2, which does not exist.")
                .arg(chain.at(chain.size() - 2), name));
        return nullptr;
    }
    const Profile& profile = candidate->profile;
    if (profile.usesSso() && candidate->ssoSession)
        return configSsoProvider(*candidate,
            EndpointOverrides::configured(m_environment, candidate->endpoints, fileOf(files)), parent, error);
    if (!profile.assumesRole()) {
        // mfa_serial on the profile named (not on a source): the user's GetSessionToken session, as for saved ones.
        if (profile.role.mfaSerial.isEmpty() || chain.size() > 1 || candidate->keys.isTemporary())
            return new StaticCredentialProvider(candidate->keys, parent);
        return stsSession(name, profile,
            EndpointOverrides::configured(m_environment, candidate->endpoints, fileOf(files)),
            new StaticCredentialProvider(candidate->keys), parent, error);
    }

    CredentialProvider* source = buildConfigProvider(files, profile.role.sourceProfile, nullptr, chain, error);
    if (!source)
        return nullptr;
    // STS goes where the role profile sends it, else where its source sends it (one local peer serves both).
    EndpointOverrides endpoints = EndpointOverrides::configured(m_environment, candidate->endpoints, fileOf(files));
    if (const AwsConfigCandidate* sourceCandidate = files.candidate(profile.role.sourceProfile);
        endpoints.url(EndpointResolver::Service::Sts).isEmpty() && sourceCandidate)
        endpoints = EndpointOverrides::configured(m_environment, sourceCandidate->endpoints, fileOf(files));
    return stsSession(name, profile, endpoints, source, parent, error, candidate->roleSessionName);
}

CredentialProvider* CredentialChain::environmentRoleProvider(
    const AwsConfigPreview& files, const AwsConfigUnsupported& profile, QObject* parent, AwsError* error) const
{
    const QString keyId = m_environment.value(u"AWS_ACCESS_KEY_ID"_s);
    const QString secret = m_environment.value(u"AWS_SECRET_ACCESS_KEY"_s);
    if (keyId.isEmpty() || secret.isEmpty()) {
        *error = AwsError::credentials(QCoreApplication::translate("CredentialChain",
            "Profile %1 of %2 assumes its role with the keys of the environment (credential_source = Environment), "
            "but AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not both set.")
                                           .arg(profile.name, fileOf(files)));
        return nullptr;
    }
    Profile role;
    role.name = profile.name;
    role.region = profile.region.isEmpty() ? QString::fromLatin1(AwsConfigImport::defaultRegion) : profile.region;
    role.role = profile.role;
    auto* source = new StaticCredentialProvider({ keyId, secret, m_environment.value(u"AWS_SESSION_TOKEN"_s), {} });
    return stsSession(profile.name, role,
        EndpointOverrides::configured(m_environment, profile.endpoints, fileOf(files)), source, parent, error,
        profile.roleSessionName);
}

CredentialProvider* CredentialChain::configSsoProvider(
    const AwsConfigCandidate& candidate, const EndpointOverrides& endpoints, QObject* parent, AwsError* error) const
{
    if (!m_profiles) {
        *error = AwsError::credentials(QCoreApplication::translate("CredentialChain",
            "Profile %1 signs in through IAM Identity Center, whose sign-in is kept in the keychain, which this "
            "session cannot use.")
                                           .arg(candidate.profile.name));
        return nullptr;
    }
    auto* services = new SsoServices(m_network, endpoints, candidate.ssoSession->region);
    if (!services->ok()) {
        *error = AwsError::validation(services->error());
        delete services;
        return nullptr;
    }
    return new SsoCredentialProvider(
        *candidate.ssoSession, candidate.profile.sso, m_profiles->secretStore(), services, parent);
}
