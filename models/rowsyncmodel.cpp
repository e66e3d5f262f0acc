#include "rowsyncmodel.h"

#include <QCoreApplication>

RowSyncModelBase::RowSyncModelBase(ColumnTitles titles, QObject* parent)
    : QAbstractTableModel(parent)
    , m_columnTitles(titles)
{
}

int RowSyncModelBase::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columnTitles.size());
}

QVariant RowSyncModelBase::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= columnCount())
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return QCoreApplication::translate(metaObject()->className(), m_columnTitles[size_t(section)]);
    case Qt::ToolTipRole:
        if (const QString tip = columnToolTip(section); !tip.isEmpty())
            return tip;
        return {};
    }
    return {};
}

QString RowSyncModelBase::columnToolTip(int /*column*/) const
{
    return {};
}
