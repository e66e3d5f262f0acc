#pragma once

#include "awsjob.h"
#include "credentials.h"
#include "profile.h"

#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class QSettings;
class SecretStore;

// The profiles the GUI's profile manager and the CLI share. Metadata lives in one INI file (QSettings, group
// "profiles/<name>", the same file for every Hookdesk executable); access key ID, secret access key and session
// token live only in the SecretStore. Reads of metadata are synchronous and re-read the file, so a profile added
// by the CLI is seen by a running GUI; changes that touch the keychain are jobs.
class ProfileStore : public QObject {
    Q_OBJECT
public:
    // Keychain field names, under SecretStore::keyFor(profile, field).
    static QString accessKeyIdField();
    static QString secretAccessKeyField();
    static QString sessionTokenField();

    // ~/.config/Hookdesk/profiles.ini on Linux (QStandardPaths' generic config location + Hookdesk/profiles.ini).
    static QString defaultSettingsPath();

    explicit ProfileStore(SecretStore* secrets, QObject* parent = nullptr);
    ProfileStore(SecretStore* secrets, const QString& settingsPath, QObject* parent = nullptr);
    ~ProfileStore() override;

    SecretStore* secretStore() const { return m_secrets; }
    QString settingsPath() const;

    QStringList profileNames() const; // sorted
    QList<Profile> profiles() const;
    std::optional<Profile> profile(const QString& name) const;
    bool contains(const QString& name) const;
    // True when keys for the profile are in the keychain (a role profile may have none).
    bool hasStoredKeys(const QString& name) const;
    // True when the stored keys include a session token (they are temporary keys).
    bool hasStoredSessionToken(const QString& name) const { return hasStoredKeys(name) && sessionTokenParts(name) > 0; }

    // Adds a profile. Long-term keys are required unless the profile assumes a role. Nothing is saved unless
    // everything is: a keychain failure removes the entries already written and leaves no metadata.
    ResultJob<NoResult>* addProfile(const Profile& profile, const Credentials& keys = {});
    // Edits `currentName`; a different profile.name renames it (keychain entries move, and profiles that use it
    // as source profile follow). `keys` replaces the stored keys when given.
    ResultJob<NoResult>* updateProfile(
        const QString& currentName, const Profile& profile, const std::optional<Credentials>& keys = std::nullopt);
    ResultJob<NoResult>* renameProfile(const QString& oldName, const QString& newName);
    // Deletes the keychain entries, then the metadata. If the keychain refuses (locked), the profile stays.
    ResultJob<NoResult>* removeProfile(const QString& name);
    // IAM Identity Center sessions (start URL, region, scopes: nothing secret), group "sso-sessions/<name>" of the
    // same file. Their tokens live in the keychain (SsoTokenStore).
    QStringList ssoSessionNames() const; // sorted
    std::optional<SsoSession> ssoSession(const QString& name) const;
    // False, with the reason, when the session is not valid.
    bool saveSsoSession(const SsoSession& session, QString* error);
    // The profiles that sign in through `name`.
    QStringList profilesUsingSsoSession(const QString& name) const;

    // The stored keys, from the keychain. A Credentials error when the profile or its keys are missing.
    ResultJob<Credentials>* readCredentials(const QString& name);

Q_SIGNALS:
    void profileAdded(const QString& name);
    void profileChanged(const QString& name);
    void profileRenamed(const QString& oldName, const QString& newName);
    void profileRemoved(const QString& name);

private:
    void saveMetadata(const Profile& profile, bool hasKeys, int tokenParts);
    int sessionTokenParts(const QString& name) const;
    void writeKeys(const QString& name, const Credentials& keys, int oldTokenParts,
        const std::function<void(const AwsError&)>& done);
    void removeKeys(const QString& name, int tokenParts, const std::function<void(const AwsError&)>& done);
    void readKeys(
        const QString& name, int tokenParts, const std::function<void(const Credentials&, const AwsError&)>& done);
    template <typename Job> Job* failLater(Job* job, const AwsError& error);

    SecretStore* m_secrets;
    std::unique_ptr<QSettings> m_settings;
};
