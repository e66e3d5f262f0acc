#pragma once

#include "inventorystore.h"
#include "rowsyncmodel.h"

#include <QString>

// Base of the models that list one group's rows, or every loaded group's when the group name is empty (instances,
// hooks, activities). Switching groups resets the model (different content); refreshes of the same group update in
// place through syncGroupRows(). Each model says which rows a group has (rowsOf) and which store signals refresh it.
template <typename T> class GroupRowsModel : public RowSyncModel<T> {
public:
    // Whether showing a group asks the store for the details that are only read on demand (hooks, activities).
    enum class Details { OnDemand, ComeWithGroups };

    QString groupName() const { return m_groupName; }
    void setGroupName(const QString& groupName)
    {
        if (groupName == m_groupName)
            return;
        m_groupName = groupName;
        this->resetRows(collect());
        if (m_details == Details::OnDemand && !m_groupName.isEmpty())
            m_store->loadDetails(m_groupName); // groups without waiting instances load here
    }

protected:
    GroupRowsModel(InventoryStore* store, Details details, RowSyncModelBase::ColumnTitles titles, QObject* parent)
        : RowSyncModel<T>(titles, parent)
        , m_store(store)
        , m_details(details)
    {
    }

    // The rows of one group, in their order.
    virtual QList<T> rowsOf(const GroupSnapshot& snapshot) const = 0;

    template <typename KeyFn> void syncGroupRows(KeyFn key) { this->syncRows(collect(), key); }

    InventoryStore* store() const { return m_store; }

private:
    QList<T> collect() const
    {
        QList<T> result;
        for (const GroupSnapshot* snapshot : m_store->groups()) {
            if (m_groupName.isEmpty() || snapshot->group.name == m_groupName)
                result.append(rowsOf(*snapshot));
        }
        return result;
    }

    InventoryStore* m_store;
    QString m_groupName;
    Details m_details;
};
