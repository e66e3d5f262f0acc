#pragma once

#include "secretstore.h"
#include "ssotoken.h"

#include <QObject>
#include <functional>

// Where an IAM Identity Center sign-in is kept: the keychain, under "hookdesk/sso/<session>/token". A token with its
// client registration is larger than one keychain entry may be (real tokens and client secrets are a kilobyte or
// more each), so the JSON is cut into parts: "token" holds the number of parts, "token.1"… the text.
namespace SsoTokenStore {

using ReadCallback = std::function<void(const std::optional<SsoToken>& token, const SecretError& error)>;
using Callback = SecretStore::Callback;

QString scope(const QString& session); // "sso/<session>"

// No entry (never signed in, signed out, a damaged entry) is nullopt without an error; a keychain failure is an
// error.
void read(SecretStore* store, const QString& session, QObject* context, const ReadCallback& done);
// Replaces what is kept (parts of a longer earlier value are removed). Every step runs to its end; `callerDone` is
// skipped once `caller` is gone.
void write(
    SecretStore* store, const QString& session, const SsoToken& token, QObject* caller, const Callback& callerDone);
void remove(SecretStore* store, const QString& session, QObject* caller, const Callback& callerDone);

} // namespace SsoTokenStore
