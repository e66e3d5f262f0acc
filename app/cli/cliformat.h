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
// Text for a terminal from anyone but Hookdesk (names, messages, metadata, errors from a server or a file): C0 and
// C1 control characters and DEL become "\x1b"/"\u009b" and the bidi embeddings, overrides and isolates
// (U+202A–U+202E, U+2066–U+2069) "\u202e", so a name cannot move the cursor, recolour the terminal, set its title
// or make "ABANDON" read as something else. Tabs and line breaks (\n) are kept: the table flattens them itself,
// and a multi-line message stays readable. JSON output needs none of this (it escapes control characters).
QString terminalSafe(const QString& text);
} // namespace CliFormat
