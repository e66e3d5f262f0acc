#pragma once

#include "autoscalingtypes.h"
#include "pendingaction.h"

#include <QTextBrowser>

struct GroupSnapshot;

// The pane under the tabs: what the selection is, in sentences. For a waiting instance it says which hooks it waits
// on, since when (estimated), the timeouts, and what happens if nothing is done (design.md §8).
class DetailsPane : public QTextBrowser {
    Q_OBJECT
public:
    explicit DetailsPane(QWidget* parent = nullptr);

    void showPending(const PendingAction& action, const QDateTime& now);
    void showPendingSelection(int count, int actionable);
    // `retains`: the hook's group retains instances whose terminating hook is abandoned.
    void showHook(const LifecycleHook& hook, int waitingInstances, bool retains = false);
    void showGroup(const GroupSnapshot* group);
    void showInstance(const GroupInstance& instance);
    void showMessage(const QString& text);
    // A filter hides every waiting instance: "0 of 2 shown — clear filter", the link emitting clearFilterRequested().
    void showFilteredOut(int shown, int total);

Q_SIGNALS:
    void clearFilterRequested();

private:
    void setBody(const QString& html);
    static QString retainedAdvice(); // what a retained instance is and what ends it
    static QString retentionParagraph(const AutoScalingGroup& group); // empty for a group that terminates
};
