#pragma once

#include "credentials.h"

#include <QString>
#include <QStringList>
#include <optional>

// A role session kept in the keychain until shortly before it expires, so the next hookdesk-cli run, or the next
// start of the window, uses it instead of asking for the MFA code again. One entry per profile, under
// SecretStore::keyFor(profile, field()); never a file, unlike the AWS CLI's ~/.aws/cli/cache.
//
// The entry carries a fingerprint of what produced the session (role, MFA device, external ID, source, STS
// endpoint): a profile edited since, or a profile of the same name pointing elsewhere, is not served a session that
// belongs to another role.
namespace SessionCache {

QString field(); // "cached_session"

// A hash of the parts, so the entry names no role or account in clear beyond its key.
QString fingerprint(const QStringList& parts);

// JSON: {"v":1,"fingerprint":…,"AccessKeyId":…,"SecretAccessKey":…,"SessionToken":…,"Expiration":ISO-8601}.
QString encode(const Credentials& credentials, const QString& fingerprint);

// The session, when the value is an entry of this version, for this fingerprint, with every field and an
// expiration. Anything else (another role, a damaged entry, a later format) is nullopt: the caller signs in again.
std::optional<Credentials> decode(const QString& value, const QString& fingerprint);

} // namespace SessionCache
