#pragma once

#include <QSortFilterProxyModel>
#include <QString>
#include <QStringList>

// A sorting proxy whose filter keeps the rows that contain a text in any column (case-insensitive), as
// QSortFilterProxyModel does with filterKeyColumn -1 and a fixed string, but fast on a fleet: each row's searchable
// text (every column's DisplayRole, case-folded) is built once and kept until the row changes, so a keystroke in
// the filter box compares strings instead of asking the source model for every cell of 20 000 rows again.
class TextFilterProxyModel : public QSortFilterProxyModel {
    Q_OBJECT
public:
    explicit TextFilterProxyModel(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* sourceModel) override;
    void setFilterText(const QString& text);
    QString filterText() const { return m_text; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const QString& rowText(int sourceRow) const;
    void forgetRows(int first, int last);
    void forgetAll();

    QString m_text;
    QString m_needle; // m_text case-folded
    // Per source row; a null QString is "not built yet". Mutable: filling it is a cache, not a change of state.
    mutable QStringList m_rowTexts;
    QList<QMetaObject::Connection> m_sourceConnections;
};
