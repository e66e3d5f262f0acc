#pragma once

#include <QString>

class CliCommand;
class CliContext;
class CliArguments;

namespace CliCommands {
// `heartbeat … --keep-alive DURATION` (cmdkeepalive.cpp): the heartbeat command hands over when the option is set.
CliCommand* createKeepAlive(CliContext* context, const CliArguments& arguments);
// "90m", "2h", "45s", "1h30m" → seconds; -1 when malformed, zero or beyond 48 hours (the longest GlobalTimeout).
qint64 parseDuration(const QString& text);
} // namespace CliCommands
