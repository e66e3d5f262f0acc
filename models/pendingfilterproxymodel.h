#pragma once

#include <QSortFilterProxyModel>
#include <QString>

// Filters and sorts a PendingActionModel: a case-insensitive text filter over instance, group and hook names
// (every word must match somewhere), an optional group restriction, and optionally transitional rows hidden.
// Sorts by PendingActionModel::SortRole, so "Left" orders by seconds left with transitional rows last.
class PendingFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit PendingFilterProxyModel(QObject* parent = nullptr);

    QString filterText() const { return m_text; }
    void setFilterText(const QString& text);
    QString groupName() const { return m_group; }
    // Empty: all groups.
    void setGroupName(const QString& groupName);
    bool showTransitional() const { return m_showTransitional; }
    void setShowTransitional(bool show);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    QString m_text;
    QStringList m_words;
    QString m_group;
    bool m_showTransitional = true;
};
