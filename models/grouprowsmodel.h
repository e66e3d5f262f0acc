#pragma once

#include "groupblockmodel.h"

#include <QString>

// Base of the models that list one group's rows, or every loaded group's when the group name is empty (instances,
// hooks, activities). Switching groups resets the model (different content); refreshes update the changed groups'
// rows in place, in batches (GroupBlockModel). Each model says which rows a group has (rowsOf), what identifies a
// row (keyOf) and which store signals name a group whose rows may have changed (watch).
template <typename T> class GroupRowsModel : public GroupBlockModel<T> {
public:
    // Whether showing a group asks the store for the details that are only read on demand (hooks, activities).
    enum class Details { OnDemand, ComeWithGroups };

    QString groupName() const { return m_groupName; }
    void setGroupName(const QString& groupName)
    {
        if (groupName == m_groupName)
            return;
        m_groupName = groupName;
        this->resetBlocks();
        if (m_details == Details::OnDemand && !m_groupName.isEmpty())
            this->store()->loadDetails(m_groupName); // groups without waiting instances load here
    }

protected:
    GroupRowsModel(InventoryStore* store, Details details, RowSyncModelBase::ColumnTitles titles, QObject* parent)
        : GroupBlockModel<T>(store, titles, parent)
        , m_details(details)
    {
    }

    bool showsGroup(const QString& groupName) const override
    {
        return m_groupName.isEmpty() || groupName == m_groupName;
    }

private:
    QString m_groupName;
    Details m_details;
};
