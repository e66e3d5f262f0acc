#pragma once

#include "credentials.h"
#include "secretstore.h"
#include "ssosettings.h"

#include <QObject>
#include <QStringList>
#include <functional>
#include <optional>

// Role credentials of an IAM Identity Center account and role, kept in the keychain until shortly before they end,
// so the next hookdesk-cli run, or the next start of the window, calls no GetRoleCredentials (the AWS CLI keeps them
// as plain JSON in ~/.aws/cli/cache). One entry per account and role, "hookdesk/sso/<session>/role.<account>.<role>",
// in SessionCache's format with a fingerprint of the start URL, region, account and role: a session pointed at
// another directory since is not served another directory's credentials.
//
// A keychain cannot list its entries, so the session keeps an index of the role entries it holds
// ("hookdesk/sso/<session>/roles"); sign-out removes every entry the index or the caller names, then the index.
namespace SsoRoleCache {

QString field(const SsoRoleSettings& role); // "role.<account>.<role>", in the characters SecretStore allows
QString fingerprint(const SsoSession& session, const SsoRoleSettings& role);

using ReadCallback = std::function<void(const std::optional<Credentials>& credentials)>;

// The kept credentials, when there are some for this session and role; anything else (none, a damaged entry, a
// keychain that cannot be read) is nullopt: the caller asks the portal, as without a cache.
void read(SecretStore* store, const SsoSession& session, const SsoRoleSettings& role, QObject* context,
    const ReadCallback& done);
// Keeps `credentials` and names the entry in the index. Runs to its end on its own; a keychain that refuses only
// costs a GetRoleCredentials next time.
void write(SecretStore* store, const SsoSession& session, const SsoRoleSettings& role, const Credentials& credentials);
// Drops the credentials of one role (AWS refused them).
void remove(SecretStore* store, const QString& session, const SsoRoleSettings& role);
// Removes the role entries of `session`: those of the index and those of `knownRoles` (the profiles that use the
// session, in case the index lost a race with another process), then the index. `done` gets the first error.
void removeAll(SecretStore* store, const QString& session, const QList<SsoRoleSettings>& knownRoles, QObject* context,
    const SecretStore::Callback& done);

} // namespace SsoRoleCache
