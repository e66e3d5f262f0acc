#include "detailspane.h"

#include "hooklistmodel.h"
#include "inventorystore.h"
#include "lifecyclecommand.h"
#include "lifecyclestate.h"
#include "warmpooltext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}
} // namespace

DetailsPane::DetailsPane(QWidget* parent)
    : QTextBrowser(parent)
{
    setObjectName(u"detailsPane"_s);
    setAccessibleName(tr("Details of the selection"));
    setOpenLinks(false);
    setFrameShape(QFrame::NoFrame);
    document()->setDocumentMargin(10);
    connect(this, &QTextBrowser::anchorClicked, this, [this](const QUrl& url) {
        if (url.toString() == u"#clear-filter"_s)
            Q_EMIT clearFilterRequested();
    });
}

void DetailsPane::setBody(const QString& html)
{
    setHtml(html);
}

void DetailsPane::showMessage(const QString& text)
{
    setBody(u"<p>"_s + esc(text) + u"</p>"_s);
}

void DetailsPane::showFilteredOut(int shown, int total)
{
    // Saying "nothing is waiting" here would hide instances the filter left out of the list.
    setBody(u"<p>"_s + esc(tr("%1 of %2 shown").arg(shown).arg(total)) + u" — <a href=\"#clear-filter\">"_s
        + esc(tr("clear filter")) + u"</a></p>"_s + u"<p>"_s
        + esc(tr("The filter hides the other waiting instances; Esc in the filter box clears it.")) + u"</p>"_s);
}

void DetailsPane::showPending(const PendingAction& action, const QDateTime& now)
{
    const bool launching = action.waitsOnLaunchHooks();
    QString html = u"<p><b>%1</b> · %2 · %3 · %4</p>"_s.arg(esc(action.instanceId), esc(action.groupName),
        esc(LifecycleState::transitionLabel(action.transition)), esc(action.lifecycleState));
    // Which hooks a Warmed:Pending wait is on, and what told (the state name alone does not).
    if (!action.warmPoolReason.isEmpty())
        html += u"<p>"_s + esc(tr("Warm pool: %1.").arg(action.warmPoolReason)) + u"</p>"_s;
    if (!action.actionable) {
        html += u"<p>"_s + esc(action.explanation()) + u"</p>"_s;
        if (LifecycleState::isRetained(action.lifecycleState))
            html += retainedAdvice();
        setBody(html);
        return;
    }
    if (!action.hooksKnown) {
        html += u"<p>"_s + esc(tr("Loading the group's hooks…")) + u"</p>"_s;
        setBody(html);
        return;
    }
    if (action.hookTransition.isEmpty()) { // a warm-pool wait whose hooks are unknown: said, not guessed
        html += u"<p>"_s + esc(action.explanation()) + u"</p>"_s;
        setBody(html);
        return;
    }
    QStringList waits;
    for (const PendingHookWait& wait : action.waits) {
        QString line = tr("Waiting on <b>%1</b>").arg(esc(wait.hook.name));
        if (wait.estimate.isUpperBound()) {
            const qint64 left = wait.estimate.secondsLeft(now);
            line += u" — "_s
                + tr("start unknown: first seen waiting %1 ago, so at most %2 left (heartbeat timeout %3); default %4.")
                      .arg(LifecycleText::duration(qMax<qint64>(0, wait.estimate.waitStart.secsTo(now))),
                          left > 0 ? LifecycleText::countdown(left) : tr("nothing"),
                          LifecycleText::duration(wait.hook.heartbeatTimeout), esc(wait.hook.defaultResult));
        } else if (wait.estimate.isValid()) {
            const qint64 ago = wait.estimate.waitStart.secsTo(now);
            const QString source = wait.estimate.startSource == DeadlineEstimate::StartSource::Activity
                ? tr("from the scaling activity")
                : tr("first seen by Hookdesk");
            line += u" — "_s
                + tr("started ≈ %1 ago (%2); heartbeat timeout %3, global timeout %4; default %5: %6.")
                      .arg(LifecycleText::duration(qMax<qint64>(0, ago)), source,
                          LifecycleText::duration(wait.hook.heartbeatTimeout),
                          LifecycleText::duration(wait.hook.globalTimeout), esc(wait.hook.defaultResult),
                          wait.estimate.secondsLeft(now) > 0
                              ? tr("in %1").arg(LifecycleText::countdown(wait.estimate.secondsLeft(now)))
                              : tr("due now"));
            if (wait.estimate.cappedByGlobalTimeout)
                line += u" "_s + tr("Capped by the global timeout: a heartbeat will not add time.");
        }
        waits << line;
    }
    if (!waits.isEmpty())
        html += u"<p>"_s + waits.join(u"<br>"_s) + u"</p>"_s;
    else
        html += u"<p>"_s + esc(tr("Every hook of this transition is complete; the instance moves on shortly."))
            + u"</p>"_s;

    if (!action.defaultResult.isEmpty()) {
        // The row shows the first timeout's result; what doing nothing ends in is ABANDON if any hook defaults to it.
        const bool anyAbandon = std::any_of(action.waits.cbegin(), action.waits.cend(),
            [](const PendingHookWait& wait) { return wait.hook.defaultResult == u"ABANDON"_s; });
        const QString outcome = anyAbandon ? u"ABANDON"_s : action.defaultResult;
        html += u"<p><b>%1</b></p>"_s.arg(
            esc(LifecycleText::ifNothingIsDone(outcome, launching, action.retainsOnAbandon)));
    }
    html += u"<p>"_s + esc(tr("CONTINUE: %1").arg(LifecycleText::consequence(LifecycleCommand::Continue, launching)))
        + u"<br>"_s
        + esc(tr("ABANDON: %1")
                  .arg(LifecycleText::consequence(LifecycleCommand::Abandon, launching, 3600, action.retainsOnAbandon)))
        + u"</p>"_s;
    html += u"<p><i>"_s + esc(tr("Times are estimates: AWS does not publish when a wait started.")) + u"</i></p>"_s;
    setBody(html);
}

void DetailsPane::showPendingSelection(int count, int actionable)
{
    showMessage(tr("%n instance(s) selected, %1 waiting. CONTINUE, ABANDON and heartbeat apply to all waiting ones; "
                   "you will be asked to confirm with the count.",
        nullptr, count)
                    .arg(actionable));
}

void DetailsPane::showHook(const LifecycleHook& hook, int waitingInstances, bool retains)
{
    QString html = u"<p><b>%1</b> · %2 · %3</p>"_s.arg(esc(hook.name), esc(hook.groupName),
        hook.isLaunching() ? esc(tr("runs when instances launch")) : esc(tr("runs when instances terminate")));
    html += u"<p>"_s
        + esc(tr("Heartbeat timeout %1, global timeout %2 (the most a wait can last, heartbeats included).")
                  .arg(HookListModel::formatTimeout(hook.heartbeatTimeout),
                      HookListModel::formatTimeout(hook.globalTimeout)))
        + u"</p>"_s;
    html += u"<p>"_s + esc(LifecycleText::ifNothingIsDone(hook.defaultResult, hook.isLaunching(), retains)) + u"</p>"_s;
    if (!hook.notificationTargetArn.isEmpty())
        html += u"<p>"_s + esc(tr("Notifies %1 (as %2).").arg(hook.notificationTargetArn, hook.roleArn)) + u"</p>"_s;
    if (!hook.notificationMetadata.isEmpty())
        html += u"<p>"_s + esc(tr("Metadata: %1").arg(hook.notificationMetadata)) + u"</p>"_s;
    html += u"<p>"_s + esc(tr("%n instance(s) waiting on it now.", nullptr, waitingInstances)) + u"</p>"_s;
    setBody(html);
}

void DetailsPane::showGroup(const GroupSnapshot* group)
{
    if (!group) {
        showMessage(tr("Select a waiting instance to see what will happen to it."));
        return;
    }
    const AutoScalingGroup& g = group->group;
    QString html = u"<p><b>%1</b></p>"_s.arg(esc(g.name));
    html += u"<p>"_s
        + esc(tr("Capacity: min %1, desired %2, max %3 · %n instance(s)", nullptr, group->instanceCount())
                  .arg(g.minSize)
                  .arg(g.desiredCapacity)
                  .arg(g.maxSize))
        + u"<br>"_s + esc(tr("%n waiting on a lifecycle hook.", nullptr, group->waitingCount()));
    if (group->hooksLoaded)
        html += u"<br>"_s + esc(tr("%n lifecycle hook(s).", nullptr, int(group->hooks.size())));
    if (!g.status.isEmpty())
        html += u"<br>"_s + esc(g.status);
    if (g.warmPool)
        html += u"<br>"_s + esc(WarmPoolText::summary(g));
    html += u"</p>"_s + retentionParagraph(g);
    setBody(html);
}

void DetailsPane::showInstance(const GroupInstance& instance)
{
    QString html = u"<p><b>%1</b> · %2 · %3</p>"_s.arg(
        esc(instance.instanceId), esc(instance.groupName), esc(instance.lifecycleState));
    if (instance.inWarmPool)
        html += u"<p>"_s + esc(tr("In the group's warm pool (listed by DescribeWarmPool, not among its instances)."))
            + u"</p>"_s;
    html += u"<p>"_s
        + esc(tr("%1 in %2 · health %3%4")
                  .arg(instance.instanceType, instance.availabilityZone, instance.healthStatus,
                      instance.protectedFromScaleIn ? tr(" · protected from scale-in") : QString()))
        + u"</p>"_s;
    if (LifecycleState::isWait(instance.lifecycleState))
        html += u"<p>"_s + esc(tr("Waiting on a lifecycle hook: act on it in the Pending actions tab.")) + u"</p>"_s;
    if (LifecycleState::isRetained(instance.lifecycleState))
        html += u"<p><b>%1</b></p>"_s.arg(esc(LifecycleState::retainedNote())) + retainedAdvice();
    setBody(html);
}

QString DetailsPane::retainedAdvice()
{
    return u"<p>"_s
        + esc(tr("A terminating hook was abandoned and the group's instance lifecycle policy retains such instances: "
                 "it keeps running, and is billed, but no longer counts towards the desired capacity. No hook runs "
                 "again; terminating it (TerminateInstanceInAutoScalingGroup) ends it."))
        + u"</p>"_s;
}

QString DetailsPane::retentionParagraph(const AutoScalingGroup& group)
{
    const auto& instances = group.instances;
    const auto retained = std::count_if(instances.cbegin(), instances.cend(),
        [](const GroupInstance& instance) { return LifecycleState::isRetained(instance.lifecycleState); });
    // The usual behaviour goes unsaid; a group that retains, or still holds retained instances, says so.
    if (!group.retainsOnTerminateAbandon() && retained == 0)
        return {};
    QString html = u"<p>"_s
        + esc(tr("Instance lifecycle policy: %1.")
                  .arg(LifecycleState::retentionPolicyText(group.retainsOnTerminateAbandon())));
    if (retained > 0)
        html += u"<br>"_s
            + esc(tr("%n instance(s) retained, waiting for someone to terminate them.", nullptr, int(retained)));
    return html + u"</p>"_s;
}
