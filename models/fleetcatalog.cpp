#include "fleetcatalog.h"

#include "credentialchain.h"
#include "profilestore.h"

FleetCatalog FleetCatalog::fromProfiles(const ProfileStore* profiles, const CredentialChain* chain)
{
    FleetCatalog catalog;
    const QList<Profile> saved = profiles->profiles();
    QStringList regions;
    for (const Profile& profile : saved) {
        if (!profile.region.isEmpty() && !regions.contains(profile.region))
            regions << profile.region;
    }
    regions.sort();
    for (const Profile& profile : saved) {
        catalog.sources.append({ profile.name, profile.region });
        for (const QString& region : std::as_const(regions)) {
            if (region != profile.region)
                catalog.sources.append({ profile.name, region });
        }
    }
    catalog.resolver = [chain](const FleetSource& source, QObject* parent) {
        FleetBoard::Opened opened;
        const CredentialChain::Outcome outcome = chain->resolve(source.profile, parent);
        if (!outcome.ok()) {
            opened.error = outcome.error;
            return opened;
        }
        opened.credentials = outcome.resolved.provider;
        opened.settings.profileName = outcome.resolved.profileName;
        opened.settings.region = source.region.isEmpty() ? outcome.resolved.region : source.region;
        opened.settings.endpoints = outcome.resolved.endpoints;
        return opened;
    };
    return catalog;
}
