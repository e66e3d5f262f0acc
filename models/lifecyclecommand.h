#pragma once

#include <QDateTime>
#include <QList>
#include <QString>

// What the operator asks for on a waiting instance, and the one place that says in words what it does.
enum class LifecycleCommand { Continue, Abandon, Heartbeat };

// One waiting lifecycle action as the UI shows and confirms it.
struct LifecycleTarget {
    QString instanceId;
    QString groupName;
    QString hookName;
    QString token; // empty: complete by instance ID
    // From the pending view: act on every hook the instance still waits on (hookName is then only for display).
    bool allWaitingHooks = false;
    bool launching = true;
    int heartbeatTimeout = 3600; // seconds; for the heartbeat explanation
    QString defaultResult; // what the timeout applies; for "if nothing is done"
    QString lifecycleState; // as shown when the operator confirms; the action is refused if it changed by then
    QDateTime deadline; // estimated moment the default result applies (UTC); invalid when unknown
    bool deadlineIsUpperBound = false; // the wait start is unknown: the default applies at the latest then
    // The group retains instances whose terminating hook is abandoned (AutoScalingGroup::retainsOnTerminateAbandon):
    // ABANDON on its termination leaves it in Terminating:Retained, running, instead of terminating it.
    bool retainsOnAbandon = false;
};

namespace LifecycleText {
// "CONTINUE", "ABANDON", "heartbeat" — for buttons and headlines.
QString commandName(LifecycleCommand command);
// Full sentence: what this command does on a launch or on a termination; `retains`: in a group whose instance
// lifecycle policy retains on an abandoned terminating hook (ABANDON on termination then retains, not terminates).
QString consequence(LifecycleCommand command, bool launching, int heartbeatTimeout = 3600, bool retains = false);
// What the timeout will do if nobody acts ("ABANDON → the instance is terminated and replaced."); `retains` as above.
QString ifNothingIsDone(const QString& defaultResult, bool launching, bool retains = false);
// "1 h", "5 min", "45 s"
QString duration(qint64 seconds);
// "≈ 41:12", "≈ 1:52:40", "overdue"
QString countdown(qint64 secondsLeft);
} // namespace LifecycleText
