#pragma once

#include "credentialprovider.h"

#include <QList>
#include <QPointer>

class ProfileStore;

// The long-term keys of a keychain profile, read from the keychain on first use and then held in memory for the
// life of this provider (one keychain read per session, not per request). invalidate() forgets them, e.g. after the
// profile was edited.
class ProfileCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    ProfileCredentialProvider(ProfileStore* store, const QString& profileName, QObject* parent = nullptr);

    void fetchCredentials(const Callback& done) override;
    void invalidate() override
    {
        m_cached.wipeSecrets();
        m_cached = Credentials();
    }
    QString profileName() const { return m_profile; }

private:
    QPointer<ProfileStore> m_store;
    QString m_profile;
    Credentials m_cached;
    QList<Callback> m_waiting;
};
