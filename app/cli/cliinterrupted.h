#pragma once

#include "auditreconciler.h"

#include <QList>
#include <functional>

class AwsSession;
class CliContext;
class InventoryStore;
class QObject;

// Crash recovery in every command that reads the inventory (issue 17): intents a killed Hookdesk process (CLI or
// window) left without an outcome are read back, settled with a "reconciled" record and reported once, as a notice
// on stderr; `pending` also lists them in its JSON. Nothing is sent when the log holds no such intent. Which account
// an intent belongs to must be known before its target is read back, so the caller's identity is fetched first; when
// STS cannot answer, the intents are left for a later run.
namespace CliInterrupted {

using Then = std::function<void(const QList<AuditReconciler::Interrupted>&)>;

// `store` reads the groups back (one is made under `owner` when null); `then` runs once, also with nothing found.
void settle(CliContext* context, AwsSession* session, InventoryStore* store, QObject* owner, const Then& then);

} // namespace CliInterrupted
