#pragma once

#include "awsjob.h"
#include "credentials.h"
#include "endpointoverrides.h"
#include "profile.h"

#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>
#include <optional>

class ProfileStore;

// Import of AWS CLI profiles from ~/.aws/credentials and ~/.aws/config (or another directory) into ProfileStore:
// first a preview (parse both files, say what would be imported, what is not supported yet and what is wrong, with
// line numbers), then a separate commit that puts the keys into the keychain. Hookdesk never edits those files.

struct AwsConfigIssue {
    QString file;
    int line = 0;
    QString message; // translated; never contains a key or secret
    QString toString() const; // "config:12: message"
};

struct AwsConfigCandidate {
    Profile profile;
    Credentials keys; // empty for role profiles (held in memory only until commit)
    QStringList notes; // e.g. "no region set; us-east-1 is used"
    ConfiguredEndpoints endpoints; // used at run time (CredentialChain); an import keeps only endpoint_url
    // An IAM Identity Center profile (sso_session, or the legacy sso_start_url in the profile): its session, which
    // an import saves beside the profile; profile.sso names it.
    std::optional<SsoSession> ssoSession;
    QString roleSessionName; // role_session_name, used at run time; an import names sessions after the profile
    bool hasKeys() const { return keys.isValid(); }
};

struct AwsConfigUnsupported {
    QString name;
    QString reason; // translated, e.g. "AWS IAM Identity Center (SSO) sign-in is not supported yet"
    // A credential_process profile cannot be imported (what the program prints is not Hookdesk's to copy) but is
    // used at run time (CredentialChain): its command, region and endpoint.
    QString credentialProcess;
    QString region;
    QUrl endpointUrl;
    ConfiguredEndpoints endpoints;
    // A web identity profile (web_identity_token_file + role_arn) is used at run time too.
    QString webIdentityTokenFile;
    QString roleArn;
    QString roleSessionName;
    // So is a role assumed with the keys of the environment (credential_source = Environment): no source profile
    // to import, the keys are those of each run.
    QString credentialSource;
    RoleSettings role;

    // Not importable, but CredentialChain uses it by name.
    bool usableAtRunTime() const
    {
        return !credentialProcess.isEmpty() || !webIdentityTokenFile.isEmpty() || !credentialSource.isEmpty();
    }
};

struct AwsConfigPreview {
    QString credentialsFile; // the paths that were read; empty when the file does not exist
    QString configFile;
    QList<AwsConfigCandidate> profiles;
    QList<AwsConfigUnsupported> unsupported;
    QList<AwsConfigIssue> warnings;
    QList<AwsConfigIssue> errors; // any error: nothing may be imported until the file is fixed
    QList<SsoSession> ssoSessions; // the config file's [sso-session NAME] sections that can be used

    bool canCommit() const { return errors.isEmpty() && !profiles.isEmpty(); }
    const AwsConfigCandidate* candidate(const QString& name) const;
    std::optional<SsoSession> ssoSession(const QString& name) const;
};

struct AwsConfigImportResult {
    QStringList imported;
    QStringList skippedExisting; // already in Hookdesk; left as they are
    QString notice; // tells the user the files can now be cleaned up by hand
};

class AwsConfigImport : public QObject {
    Q_OBJECT
public:
    static constexpr const char* defaultRegion = "us-east-1";

    // $AWS_SHARED_CREDENTIALS_FILE and $AWS_CONFIG_FILE when set, else ~/.aws/credentials and ~/.aws/config.
    static QString defaultCredentialsFile();
    static QString defaultConfigFile();
    // Reads `directory`/credentials and `directory`/config, or the default files when `directory` is empty.
    static AwsConfigPreview preview(const QString& directory = {});
    static AwsConfigPreview previewFiles(const QString& credentialsFile, const QString& configFile);
    // The files as the SDKs find them in `environment`: AWS_SHARED_CREDENTIALS_FILE / AWS_CONFIG_FILE, else .aws in
    // its home (HOME, or USERPROFILE on Windows). An environment without either reads no file: the one a test
    // builds, so the developer's own ~/.aws never leaks into a test.
    static AwsConfigPreview previewForEnvironment(const QProcessEnvironment& environment);
    static AwsConfigPreview previewContent(const QByteArray& credentials, const QByteArray& config,
        const QString& credentialsName = QStringLiteral("credentials"),
        const QString& configName = QStringLiteral("config"));

    explicit AwsConfigImport(ProfileStore* store, QObject* parent = nullptr);

    // Adds every candidate of `preview` (or only `names`, when given) that the store does not have yet. All or
    // nothing: if the keychain refuses one, the profiles added so far by this commit are removed again.
    ResultJob<AwsConfigImportResult>* commit(const AwsConfigPreview& preview, const QStringList& names = {});

private:
    ProfileStore* m_store;
};
