// CredentialChain, the AWS CLI's own files: a profile named on the command line or in AWS_PROFILE that is not a
// keychain profile is looked up in ~/.aws/config and ~/.aws/credentials (or the files the environment names), read
// fresh each time and never copied, so what `aws`, Terraform and the SDKs use is what Hookdesk uses.
#include "awsconfig.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "processcredentialprovider.h"

#include <QCoreApplication>
#include <QDir>

using namespace Qt::StringLiterals;

namespace {

// The files as the SDKs find them: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else .aws in the environment's
// home (HOME, or USERPROFILE on Windows). An environment without either reads no file: the one a test builds, so
// the developer's own ~/.aws never leaks into a test.
AwsConfigPreview readFiles(const QProcessEnvironment& environment)
{
    const QString homePath = environment.value(u"HOME"_s, environment.value(u"USERPROFILE"_s));
    const QDir home(homePath);
    auto file = [&](const QString& variable, const QString& name) {
        const QString named = environment.value(variable);
        return !named.isEmpty() ? named : homePath.isEmpty() ? QString() : home.filePath(u".aws/"_s + name);
    };
    return AwsConfigImport::previewFiles(
        file(u"AWS_SHARED_CREDENTIALS_FILE"_s, u"credentials"_s), file(u"AWS_CONFIG_FILE"_s, u"config"_s));
}

// A credential_process profile: not importable, so listed as unsupported by the preview, but usable here.
const AwsConfigUnsupported* processProfile(const AwsConfigPreview& files, const QString& name)
{
    for (const AwsConfigUnsupported& unsupported : files.unsupported) {
        if (unsupported.name == name && !unsupported.credentialProcess.isEmpty())
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
    const AwsConfigPreview files = readFiles(m_environment);
    const AwsConfigCandidate* candidate = files.candidate(name);
    if (const AwsConfigUnsupported* process = processProfile(files, name); !candidate && process) {
        outcome.resolved.source = source;
        outcome.resolved.profileName = name;
        outcome.resolved.configFile = fileOf(files);
        outcome.resolved.region = process->region;
        outcome.resolved.endpointUrl = process->endpointUrl;
        outcome.resolved.provider = new ProcessCredentialProvider(name, process->credentialProcess, parent);
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
    outcome.resolved.endpointUrl = candidate->profile.endpointUrl;
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
    if (!candidate) {
        *error = AwsError::credentials(
            QCoreApplication::translate("CredentialChain", "Profile %1 uses source profile %2, which does not exist.")
                .arg(chain.at(chain.size() - 2), name));
        return nullptr;
    }
    const Profile& profile = candidate->profile;
    if (!profile.assumesRole()) {
        // mfa_serial on the profile named (not on a source): the user's GetSessionToken session, as for saved ones.
        if (profile.role.mfaSerial.isEmpty() || chain.size() > 1 || candidate->keys.isTemporary())
            return new StaticCredentialProvider(candidate->keys, parent);
        return stsSession(
            name, profile, profile.endpointUrl, new StaticCredentialProvider(candidate->keys), parent, error);
    }

    CredentialProvider* source = buildConfigProvider(files, profile.role.sourceProfile, nullptr, chain, error);
    if (!source)
        return nullptr;
    QUrl override = profile.endpointUrl;
    if (const AwsConfigCandidate* sourceCandidate = files.candidate(profile.role.sourceProfile);
        override.isEmpty() && sourceCandidate)
        override = sourceCandidate->profile.endpointUrl;
    return stsSession(name, profile, override, source, parent, error);
}
