#pragma once

#include "autoscalingtypes.h"
#include "bulkactionjob.h"

#include <QString>

// Turns an answer into an outcome by reading the instance back (design.md §3): AWS's answer alone proves less than
// it seems. "No active Lifecycle Action" is the same answer for a wrong group, hook, instance or token as for an
// action that is over, and an accepted CompleteLifecycleAction says nothing of whether the instance moved on.
namespace ActionOutcome {

// The instance as DescribeAutoScalingInstances shows it after the answer.
struct Reading {
    bool found = false; // false: in no group any more (terminated) — or the read named no instance
    QString lifecycleState;
};

struct Decision {
    BulkActionJob::ItemState state = BulkActionJob::ItemState::Running;
    bool verified = false;
    bool settled = true; // false: read again later (the instance may still be on its way out of the wait)
    QString message; // translated
    bool resend = false; // the answer was lost and the read shows it was not applied: send it again
};

// How many times an item is sent again after a lost answer showed it was not applied.
inline constexpr int MaxResends = 1;

// What the job knows about the item besides the reading.
struct Context {
    BulkActionJob::Kind kind = BulkActionJob::Kind::Complete;
    QString result; // CONTINUE | ABANDON for Complete
    // The wait should end after this job: ABANDON, or CONTINUE of the last hook the instance waited on.
    bool expectLeave = true;
    // Hooks of the transition other than the item's that the instance still waits on, as the inventory knows them.
    QStringList otherHooks;
    // This process completed the item's hook in this wait before (an earlier job).
    bool completedEarlier = false;
    bool lastRound = true; // no further read will be made: an unsettled outcome is reported as it stands
    int waitedSeconds = 0; // since the answer, for "still waiting after N s"
};

// AWS accepted the request (HTTP 200).
Decision afterAccepted(const BulkActionJob::Item& item, const Reading& reading, const Context& context);
// AWS answered "No active Lifecycle Action found".
Decision afterNoActiveAction(const BulkActionJob::Item& item, const Reading& reading, const Context& context);
// The answer was lost after the request may have reached AWS (connection closed, timeout, 5xx, unreadable).
Decision afterLostAnswer(
    const BulkActionJob::Item& item, const Reading& reading, const Context& context, const QString& why);

// PutLifecycleHook / DeleteLifecycleHook, decided from the group's hooks read back. `found` is the hook of that name
// (nullptr: none). `answer` is AWS's error, none when it accepted.
Decision afterHookChange(BulkActionJob::Kind kind, const BulkActionJob::Item& item,
    const PutLifecycleHookRequest& request, const LifecycleHook* found, const AwsError& answer, bool lastRound);

} // namespace ActionOutcome
