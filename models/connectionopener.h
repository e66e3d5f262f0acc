#pragma once

#include "awserror.h"
#include "awssession.h"

#include <QList>
#include <QObject>
#include <QPointer>

class CredentialChain;
class CredentialProvider;

// Turns "connect with this profile in this region" into what a Connection is built from — the credential provider
// and the ConnectionSettings — the way the CLI resolves them (CredentialChain), and keeps the providers alive for as
// long as a session may still use one (a session holds a raw pointer to its provider). The window asks it, builds
// the Connection, then retires every older provider: each profile switch no longer leaves one behind for good.
class ConnectionOpener : public QObject {
    Q_OBJECT
public:
    explicit ConnectionOpener(CredentialChain* chain, QObject* parent = nullptr);

    struct Opened {
        CredentialProvider* provider = nullptr; // owned by the opener until retired
        ConnectionSettings settings;
        AwsError error; // Validation or Credentials; provider is null then
        bool ok() const { return !error.isError(); }
    };
    // `profile` empty: the environment, else the default profile (CredentialChain's order). `region` empty: the
    // profile's. `readOnly`: the connection starts read-only.
    Opened open(const QString& profile, const QString& region, bool readOnly);

    // Deletes every provider this opener made except `current` (later, from the event loop, after the session that
    // used it is gone). Call once the window has moved to the connection built with `current`.
    void retireAllBut(const CredentialProvider* current);
    // Providers alive (for the tests: at most the current one and those not yet retired).
    int providerCount() const;

private:
    CredentialChain* m_chain;
    QList<QPointer<CredentialProvider>> m_providers;
};
