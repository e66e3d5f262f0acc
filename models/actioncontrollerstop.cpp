// ActionController: stopping before the connection goes away (issue 17). Switching profile or region, or closing
// the window, deletes the controller; before that, nothing queued is sent and nothing sent is left without an
// outcome record — the answers are waited for, or the items are settled "unknown" (the request may have been
// applied, and no read will tell).
#include "actioncontroller.h"
#include "modelslogging.h"

using namespace Qt::StringLiterals;

using ItemState = BulkActionJob::ItemState;

QString ActionController::stoppedMessage()
{
    return tr("Not sent: the connection was closed before this item's turn.");
}

int ActionController::unsettledItems() const
{
    int count = 0;
    for (const QPointer<BulkActionJob>& job : m_jobs) {
        if (!job)
            continue;
        if (job->count() == 0 && !job->isFinished())
            ++count; // started, targets not expanded yet
        else
            count += job->countIn(ItemState::Queued) + job->countIn(ItemState::Running);
    }
    return count;
}

void ActionController::refuseStopped(BulkActionJob* job, int index)
{
    if (job->items().at(index).attempts == 0) {
        job->setItemState(index, ItemState::Refused, stoppedMessage());
        return;
    }
    job->setItemState(index, ItemState::Failed,
        tr("Not applied (read back), and not sent again: the connection was closed."), job->items().at(index).requestId,
        job->items().at(index).error);
    QString problem;
    if (!writeAudit(job, index, u"outcome"_s, &problem))
        qCWarning(lcModels) << "outcome not written to the audit log:" << problem;
}

void ActionController::stopAll(bool abandonSent)
{
    m_stopped = true;
    m_abandoned = m_abandoned || abandonSent;
    const QList<QPointer<BulkActionJob>> jobs = m_jobs;
    for (const QPointer<BulkActionJob>& job : jobs) {
        if (!job || job->isFinished())
            continue;
        if (job->count() == 0) {
            // Its targets were not even expanded: nothing was sent.
            job->markStarted();
            job->setErrorMessage(stoppedMessage());
            finishJob(job);
            continue;
        }
        const ReadBack readBack = m_readBacks.value(job);
        for (int i = 0; i < job->count(); ++i) {
            const ItemState state = job->items().at(i).state;
            if (state == ItemState::Queued) {
                refuseStopped(job, i);
            } else if (m_abandoned && state == ItemState::Running) {
                // An answer that came back accepted stays "done", only not verified; anything else may or may not
                // have been applied.
                const int answered = int(readBack.answered.indexOf(i));
                if (answered >= 0 && !readBack.answers.at(answered).isError())
                    settle(job, i, ItemState::Done, false,
                        tr("Accepted by AWS; not read back: the connection was closed."));
                else
                    settle(job, i, ItemState::Unknown, false,
                        tr("Sent; the connection was closed before its answer was checked: it may have been "
                           "applied."),
                        answered >= 0 ? readBack.answers.at(answered) : AwsError {});
            }
        }
        if (m_abandoned)
            m_readBacks.remove(job);
        finishJob(job);
    }
}
