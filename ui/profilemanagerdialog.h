#pragma once

#include <QDialog>
#include <QPointer>

class CredentialChain;
class ProfileStore;
class QLabel;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;

// Lists the stored profiles; add (name, region, endpoint, keys), remove, import from ~/.aws, test connection (STS
// GetCallerIdentity) and use. Keys go straight to the keychain through ProfileStore and are never shown again.
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
    void removeProfile();
    void importProfiles();
    void testConnection();
    QString selectedName() const;
    void setBusy(const QString& message);

    QPointer<ProfileStore> m_store;
    CredentialChain* m_chain;
    QNetworkAccessManager* m_network;
    QListWidget* m_list;
    QLabel* m_status;
    QPushButton* m_use;
    QPushButton* m_remove;
    QPushButton* m_test;
};
