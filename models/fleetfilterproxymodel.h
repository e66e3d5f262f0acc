#pragma once

#include "pendingfilterproxymodel.h"

// Filters and sorts a FleetPendingModel: everything PendingFilterProxyModel does (text, group, transitional rows,
// SortRole), plus a scope of one account (profile) or one connection (profile × region), so the fleet board can
// show one account or region of the merged list. The group filter of the base class applies within the scope.
class FleetFilterProxyModel : public PendingFilterProxyModel {
    Q_OBJECT
public:
    explicit FleetFilterProxyModel(QObject* parent = nullptr);

    // Empty: every profile / every connection.
    void setProfile(const QString& profile);
    QString profile() const { return m_profile; }
    void setConnectionKey(const QString& key);
    QString connectionKey() const { return m_connectionKey; }
    // Profile, connection and group at once, with one re-filter (a click in the group tree).
    void setScope(const QString& profile, const QString& connectionKey, const QString& groupName);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_profile;
    QString m_connectionKey;
};
