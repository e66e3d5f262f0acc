#include "bulkactionjob.h"

#include "enumnames.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace {
// The API's names, as audit records write them.
constexpr EnumName<BulkActionJob::Kind> kActionNames[] = {
    { BulkActionJob::Kind::Complete, "CompleteLifecycleAction"_L1 },
    { BulkActionJob::Kind::Heartbeat, "RecordLifecycleActionHeartbeat"_L1 },
    { BulkActionJob::Kind::PutHook, "PutLifecycleHook"_L1 },
    { BulkActionJob::Kind::DeleteHook, "DeleteLifecycleHook"_L1 },
};

constexpr EnumName<BulkActionJob::ItemState> kItemStateNames[] = {
    { BulkActionJob::ItemState::Queued, "queued"_L1 },
    { BulkActionJob::ItemState::Running, "running"_L1 },
    { BulkActionJob::ItemState::Done, "done"_L1 },
    { BulkActionJob::ItemState::AlreadyCompleted, "already-completed"_L1 },
    { BulkActionJob::ItemState::Failed, "failed"_L1 },
    { BulkActionJob::ItemState::Refused, "refused"_L1 },
    { BulkActionJob::ItemState::Unknown, "unknown"_L1 },
};
} // namespace

BulkActionJob::BulkActionJob(Kind kind, QString result, QObject* parent)
    : QObject(parent)
    , m_kind(kind)
    , m_result(std::move(result))
{
}

QString BulkActionJob::actionName() const
{
    if (!m_actionName.isEmpty())
        return m_actionName;
    return nameOf(kActionNames, m_kind);
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
    return nameOf(kItemStateNames, state);
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
