#pragma once

#include "autoscalingtypes.h"
#include "clicontext.h"
#include "pendingaction.h"

#include <QDateTime>
#include <QString>

// How the tables say instance retention (an InstanceLifecyclePolicy that retains on an abandoned terminating hook):
// the words are LifecycleState's, so the window and the CLI say the same thing. Tables keep the states and results
// as AWS spells them, within their width; what retention means goes in lines under them (standard error, text
// output only; JSON has its own fields).
namespace CliRetention {
// The groups table's ON ABANDON cell: "retained, not terminated" for a group that retains, else "terminated".
QString onAbandon(const AutoScalingGroup& group);
// The pending table's LEFT cell: PendingAction::leftText(), but "-" for a retained instance (the line under the
// table says what it waits for).
QString leftText(const PendingAction& action, const QDateTime& now);
// Under the pending table: one line per retained instance ("i-… in G is retained, not terminated: waiting for
// someone to terminate it (hookdesk-cli terminate --group G --instance i-…)") and one per instance waiting on a
// terminating hook of a group that retains ("… ABANDON, sent or by timeout, retains it, not terminates it").
void printPendingNotes(const CliContext& context, const QList<PendingAction>& actions);
// Under the instances table: the line for each retained instance.
void printInstanceNotes(const CliContext& context, const QList<GroupInstance>& instances);
} // namespace CliRetention
