#include "bulkactionjob.h"

#include <algorithm>

using namespace Qt::StringLiterals;

BulkActionJob::BulkActionJob(Kind kind, QString result, QObject* parent)
    : QObject(parent)
    , m_kind(kind)
    , m_result(std::move(result))
{
}

QString BulkActionJob::actionName() const
{
    switch (m_kind) {
    case Kind::Complete:
        return u"CompleteLifecycleAction"_s;
    case Kind::Heartbeat:
        return u"RecordLifecycleActionHeartbeat"_s;
    case Kind::PutHook:
        return u"PutLifecycleHook"_s;
    case Kind::DeleteHook:
        return u"DeleteLifecycleHook"_s;
    }
    return {};
}

int BulkActionJob::countIn(ItemState state) const
{
    return int(
        std::count_if(m_items.cbegin(), m_items.cend(), [state](const Item& item) { return item.state == state; }));
}

int BulkActionJob::completedCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
        [](const Item& item) { return item.state != ItemState::Queued && item.state != ItemState::Running; }));
}

int BulkActionJob::verifiedCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(), [](const Item& item) { return item.verified; }));
}

bool BulkActionJob::succeeded() const
{
    return errorMessage().isEmpty() && countIn(ItemState::Failed) == 0 && countIn(ItemState::Refused) == 0
        && countIn(ItemState::Unknown) == 0;
}

void BulkActionJob::retryFailed()
{
    if (!isFinished() || countIn(ItemState::Failed) == 0)
        return;
    for (int i = 0; i < m_items.size(); ++i) {
        if (m_items.at(i).state == ItemState::Failed) {
            m_items[i].verified = false;
            setItemState(i, ItemState::Queued);
        }
    }
    Q_EMIT retryRequested(this);
}

QString BulkActionJob::stateName(ItemState state)
{
    switch (state) {
    case ItemState::Queued:
        return u"queued"_s;
    case ItemState::Running:
        return u"running"_s;
    case ItemState::Done:
        return u"done"_s;
    case ItemState::AlreadyCompleted:
        return u"already-completed"_s;
    case ItemState::Failed:
        return u"failed"_s;
    case ItemState::Refused:
        return u"refused"_s;
    case ItemState::Unknown:
        return u"unknown"_s;
    }
    return {};
}

void BulkActionJob::addItem(const LifecycleActionTarget& target)
{
    Item item;
    item.target = target;
    m_items.append(item);
}

void BulkActionJob::setItemState(
    int index, ItemState state, const QString& message, const QString& requestId, const AwsError& error)
{
    if (index < 0 || index >= m_items.size())
        return;
    Item& item = m_items[index];
    item.state = state;
    item.message = message;
    if (!requestId.isEmpty() || state == ItemState::Queued)
        item.requestId = requestId;
    item.error = error;
    Q_EMIT itemChanged(index);
    if (state != ItemState::Queued && state != ItemState::Running)
        Q_EMIT progress(completedCount(), count());
}
