#pragma once

class CliCommand;
class CliContext;
class CliArguments;

namespace CliCommands {
// `complete` and `heartbeat` over several connections (--profile/--region repeated, --all-profiles;
// cmdfleetlifecycle.cpp): the lifecycle commands hand over when the global options name more than one.
CliCommand* createFleetLifecycleAction(CliContext* context, const CliArguments& arguments, bool complete);
} // namespace CliCommands
