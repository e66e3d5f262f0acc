#include "connectionopener.h"

#include "credentialchain.h"
#include "credentialprovider.h"

ConnectionOpener::ConnectionOpener(CredentialChain* chain, QObject* parent)
    : QObject(parent)
    , m_chain(chain)
{
}

ConnectionOpener::Opened ConnectionOpener::open(const QString& profile, const QString& region, bool readOnly)
{
    Opened opened;
    const CredentialChain::Outcome outcome = m_chain->resolve(profile, this);
    if (!outcome.ok()) {
        opened.error = outcome.error;
        return opened;
    }
    opened.provider = outcome.resolved.provider;
    m_providers.append(opened.provider);
    opened.settings.profileName = outcome.resolved.profileName;
    opened.settings.region = region.isEmpty() ? outcome.resolved.region : region;
    opened.settings.endpoints = outcome.resolved.endpoints;
    opened.settings.readOnly = readOnly;
    return opened;
}

void ConnectionOpener::retireAllBut(const CredentialProvider* current)
{
    QList<QPointer<CredentialProvider>> kept;
    for (const QPointer<CredentialProvider>& provider : std::as_const(m_providers)) {
        if (!provider)
            continue;
        if (provider == current)
            kept.append(provider);
        else
            provider->deleteLater(); // the old session may still be unwinding in this event-loop turn
    }
    m_providers = kept;
}

int ConnectionOpener::providerCount() const
{
    return int(std::count_if(m_providers.cbegin(), m_providers.cend(),
        [](const QPointer<CredentialProvider>& provider) { return !provider.isNull(); }));
}
