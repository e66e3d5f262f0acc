#pragma once

#include "autoscalingtypes.h"

#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>

struct AwsError;
struct PendingAction;

// The JSON shapes of --output json, in one place so field names stay stable (the README's command-line section
// documents them). Names are camelCase; times are ISO 8601 UTC ("2026-11-26T04:49:15Z") or null; durations are seconds.
namespace CliJson {

QJsonValue time(const QDateTime& time); // null when invalid
QJsonValue text(const QString& value); // null when empty

// {"error": {…, exitCode}}: what a failed command prints on stdout with --output json.
QJsonObject errorDocument(const AwsError& error, int exitCode);
QJsonObject error(const AwsError& error); // {kind, code, message, requestId, httpStatus}

QJsonObject identity(const CallerIdentity& identity);
QJsonObject group(const AutoScalingGroup& group, int waiting);
QJsonObject hook(const LifecycleHook& hook);
QJsonObject instance(const GroupInstance& instance);
QJsonObject activity(const ScalingActivity& activity);
QJsonObject pending(const PendingAction& action, const QDateTime& now);

} // namespace CliJson
