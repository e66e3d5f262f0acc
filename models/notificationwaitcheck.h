#pragma once

#include <QDateTime>
#include <QString>

class InventoryStore;

// Whether the instance of a pasted lifecycle notification still waits on that hook right now, as the inventory
// shows it (issue 18 item 5): a notification can be hours old, its action completed or timed out since. The dialog
// asks the store for a fresh read of the group first and says "checking…" until it has answered.
struct NotificationWaitStatus {
    enum class State {
        Unknown, // not enough to look it up (no group or instance yet), or the group could not be read
        Checking, // a fresh read of the group is under way
        Waiting,
        NotWaiting,
    };
    State state = State::Unknown;
    QString text; // translated, for the dialog: "waiting — ≈ 41:12 left", "not waiting: …"

    // What the inventory says now about `instanceId` waiting on `hookName` in `groupName`. `checking`: a read of
    // the group is in flight, so the answer is not known yet.
    static NotificationWaitStatus evaluate(const InventoryStore* store, const QString& groupName,
        const QString& hookName, const QString& instanceId, bool checking);
};
