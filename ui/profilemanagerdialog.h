#pragma once

#include "profile.h"

#include <QDialog>
#include <QPointer>
#include <optional>

class CredentialChain;
class ProfileStore;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;

// Lists the stored profiles; add and edit (name, region, endpoint, role, MFA device, keys: ProfileFormDialog; an
// edit keeps the stored keys unless they are replaced), remove, import from ~/.aws (with a report of what was
// imported, what was skipped and why), test connection (STS GetCallerIdentity), forget a kept MFA session, and
// use. Keys go straight to the keychain through ProfileStore and are never shown again.
class ProfileManagerDialog : public QDialog {
    Q_OBJECT
public:
    ProfileManagerDialog(
        ProfileStore* store, CredentialChain* chain, QNetworkAccessManager* network, QWidget* parent = nullptr);

Q_SIGNALS:
    void useProfileRequested(const QString& profile, const QString& region);

private:
    void reload();
    void addProfile();
    void editProfile();
    // The Add (no profile) or Edit form; saves through the store and closes once the keychain took it.
    void openForm(const std::optional<Profile>& existing);
    void removeProfile();
    void importProfiles();
    void testConnection();
    // Drops the session kept in the keychain (SessionCache) for the selected profile with an MFA device.
    void forgetSession();
    // "Sign in with IAM Identity Center…" (SsoSignInDialog): the accounts and roles ticked there become profiles.
    void signInWithSso();
    QString selectedName() const;
    void updateButtons();
    // The profiles of ~/.aws (as the environment names the files) that are not saved ones, marked "from ~/.aws".
    void listAwsFileProfiles();
    void setBusy(const QString& message);

    QPointer<ProfileStore> m_store;
    CredentialChain* m_chain;
    QNetworkAccessManager* m_network;
    QListWidget* m_list;
    QLabel* m_status;
    QPushButton* m_use;
    QPushButton* m_edit;
    QPushButton* m_remove;
    QPushButton* m_test;
    QPushButton* m_forget;
};
