#pragma once

#include "auditlog.h"

#include <QObject>
#include <functional>

class AwsSession;

namespace SessionIdentity {

// Runs `then` (in `context`, once) when the session's account is known — at once, or after GetCallerIdentity
// answers, also when it fails: audit records name the account, and an action is still tried when STS cannot
// answer. Shared by the remediation runner and the CLI's commands.
void whenKnown(AwsSession* session, QObject* context, const std::function<void()>& then);

// A new audit record of `phase` ("intent" | "outcome"), stamped now, naming the session's profile, account and
// region (left empty without a session).
AuditRecord auditRecord(const AwsSession* session, const QString& phase);

} // namespace SessionIdentity
