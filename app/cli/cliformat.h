#pragma once

#include <QDateTime>
#include <QString>

// Small text formats shared by the table printers.
namespace CliFormat {
// "90m", "2h", "45s", "1h30m" → seconds; -1 when malformed, zero or beyond 48 hours (the longest GlobalTimeout).
qint64 parseDuration(const QString& text);
// 3600 → "1h", 5400 → "1h30m", 90 → "1m30s", 45 → "45s".
QString duration(qint64 seconds);
// UTC, to the second: "2026-11-26 04:49:15". Empty for an invalid time.
QString utc(const QDateTime& time);
// "autoscaling:EC2_INSTANCE_LAUNCHING" → "launch", "…TERMINATING" → "terminate", else the input.
QString hookTransition(const QString& transition);
// "launch"/"terminate" (as typed) or the AWS name → the AWS name; empty when unknown.
QString hookTransitionFromUser(const QString& text);
} // namespace CliFormat
