#include "pendingfilterproxymodel.h"

#include "pendingactionmodel.h"

PendingFilterProxyModel::PendingFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(PendingActionModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void PendingFilterProxyModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_words = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
    invalidateFilter();
}

void PendingFilterProxyModel::setGroupName(const QString& groupName)
{
    if (groupName == m_group)
        return;
    m_group = groupName;
    invalidateFilter();
}

void PendingFilterProxyModel::setShowTransitional(bool show)
{
    if (show == m_showTransitional)
        return;
    m_showTransitional = show;
    invalidateFilter();
}

bool PendingFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const QString group = index.data(PendingActionModel::GroupNameRole).toString();
    if (!m_group.isEmpty() && group != m_group)
        return false;
    if (!m_showTransitional && !index.data(PendingActionModel::ActionableRole).toBool())
        return false;
    if (m_words.isEmpty())
        return true;
    const QString instance = index.data(PendingActionModel::InstanceIdRole).toString();
    const QStringList hooks = index.data(PendingActionModel::HookNamesRole).toStringList();
    const QString state = index.data(PendingActionModel::LifecycleStateRole).toString();
    for (const QString& word : m_words) {
        const bool found = instance.contains(word, Qt::CaseInsensitive) || group.contains(word, Qt::CaseInsensitive)
            || state.contains(word, Qt::CaseInsensitive)
            || std::any_of(hooks.cbegin(), hooks.cend(),
                [&word](const QString& hook) { return hook.contains(word, Qt::CaseInsensitive); });
        if (!found)
            return false;
    }
    return true;
}
