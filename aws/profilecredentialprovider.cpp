#include "profilecredentialprovider.h"

#include "profilestore.h"

#include <QCoreApplication>
#include <QTimer>

ProfileCredentialProvider::ProfileCredentialProvider(ProfileStore* store, const QString& profileName, QObject* parent)
    : CredentialProvider(parent)
    , m_store(store)
    , m_profile(profileName)
{
    if (store) {
        // An edit of this profile (new keys) must not keep using the old ones.
        connect(store, &ProfileStore::profileChanged, this, [this](const QString& name) {
            if (name == m_profile)
                invalidate();
        });
    }
}

void ProfileCredentialProvider::fetchCredentials(const Callback& done)
{
    if (m_cached.isValid()) {
        const Credentials cached = m_cached;
        QTimer::singleShot(0, this, [done, cached] { done(cached, {}); });
        return;
    }
    m_waiting << done;
    if (m_waiting.size() > 1)
        return; // a keychain read is already on its way
    if (!m_store) {
        QTimer::singleShot(0, this, [this] {
            const AwsError error = AwsError::credentials(
                QCoreApplication::translate("ProfileCredentialProvider", "The profile store is gone."));
            for (const Callback& waiting : std::exchange(m_waiting, {}))
                waiting({}, error);
        });
        return;
    }
    auto* job = m_store->readCredentials(m_profile);
    connect(job, &AwsJob::finished, this, [this, job] {
        if (!job->hasError())
            m_cached.wipeSecrets();
        m_cached.wipeSecrets();
        m_cached = job->result();
        const Credentials result = job->hasError() ? Credentials() : job->result();
        for (const Callback& waiting : std::exchange(m_waiting, {}))
            waiting(result, job->error());
    });
}
