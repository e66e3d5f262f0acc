#pragma once

class CliCommand;
class CliContext;
class CliArguments;

namespace CliCommands {
// `heartbeat … --keep-alive DURATION` (cmdkeepalive.cpp): the heartbeat command hands over when the option is set.
CliCommand* createKeepAlive(CliContext* context, const CliArguments& arguments);
} // namespace CliCommands
