#pragma once

#include "fleetboard.h"

#include <QList>
#include <QString>
#include <QStringList>

class CredentialChain;
class ProfileStore;

// What the fleet board's Connections panel offers and how each choice is opened (issue 14 item 3): the profile ×
// region pairs, the ones ticked when the operator has not chosen yet, and the resolver. The window remembers the
// ticked set under `settingsKey`, so the demo's choice never overwrites the real one.
struct FleetCatalog {
    QList<FleetSource> sources;
    QStringList tickedByDefault; // FleetSource::key()s
    FleetBoard::Resolver resolver;
    QString settingsKey = QStringLiteral("fleetBoard/ticked");

    bool isValid() const { return bool(resolver); }

    // Every saved profile in every region any saved profile uses (its own region first), resolved through `chain`
    // when ticked: keys from the keychain, roles assumed in the connection's first requests. Nothing ticked by
    // default: which accounts to open at once is the operator's choice.
    static FleetCatalog fromProfiles(const ProfileStore* profiles, const CredentialChain* chain);
};
