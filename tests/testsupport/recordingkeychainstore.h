#pragma once

#include "secretstore.h"

#include <QHash>
#include <optional>

namespace TestSupport {

// The real keychain store (a Secret Service, in tests the private gnome-keyring of a KeyringSession) that also notes
// what this process wrote and removed there, so a test can search its output for every secret it kept, and clear
// the keyring between test functions (a keychain cannot list its entries).
class RecordingKeychainStore : public KeychainSecretStore {
    Q_OBJECT
public:
    using KeychainSecretStore::KeychainSecretStore;
    ~RecordingKeychainStore() override;

    // Every entry this store wrote and has not removed since, by key ("hookdesk/sso/corp/token"), with its value.
    const QHash<QString, QString>& entries() const { return m_entries; }
    // What the keychain holds under `key` now, read back through a separate store; nullopt: no such entry.
    static std::optional<QString> readBack(const QString& key);
    // Removes every entry this store ever wrote, and waits for it.
    void removeRecorded();

protected:
    void start(Request request) override;

private:
    QHash<QString, QString> m_entries;
    QStringList m_written;
};

} // namespace TestSupport
