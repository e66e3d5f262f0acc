#include "textfilterproxymodel.h"

TextFilterProxyModel::TextFilterProxyModel(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

void TextFilterProxyModel::setSourceModel(QAbstractItemModel* sourceModel)
{
    // The same model again: keep the connections, which must stay ahead of the base class's (see below).
    if (sourceModel == this->sourceModel())
        return;
    for (const QMetaObject::Connection& connection : std::as_const(m_sourceConnections))
        disconnect(connection);
    m_sourceConnections.clear();
    forgetAll();
    // Connected before the base class connects its own handlers, so the cache is right when it filters again.
    if (sourceModel) {
        m_sourceConnections = {
            connect(sourceModel, &QAbstractItemModel::dataChanged, this,
                [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
                    forgetRows(topLeft.row(), bottomRight.row());
                }),
            connect(sourceModel, &QAbstractItemModel::rowsInserted, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::rowsRemoved, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::rowsMoved, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::columnsInserted, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::columnsRemoved, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::modelReset, this, &TextFilterProxyModel::forgetAll),
            connect(sourceModel, &QAbstractItemModel::layoutChanged, this, &TextFilterProxyModel::forgetAll),
        };
    }
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void TextFilterProxyModel::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_needle = text.toCaseFolded();
    invalidateFilter();
}

bool TextFilterProxyModel::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    // setFilterText() is this proxy's filter; without one, whatever the base class was told applies.
    if (m_needle.isEmpty() || sourceParent.isValid())
        return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    return rowText(sourceRow).contains(m_needle);
}

const QString& TextFilterProxyModel::rowText(int sourceRow) const
{
    const QAbstractItemModel* source = sourceModel();
    if (m_rowTexts.size() != source->rowCount())
        m_rowTexts = QStringList(source->rowCount());
    QString& text = m_rowTexts[sourceRow];
    if (text.isNull()) {
        // Every cell followed by a separator no cell contains, so a match never spans two cells (and a built
        // text is never null).
        QString built;
        const int columns = source->columnCount();
        for (int column = 0; column < columns; ++column)
            built += source->index(sourceRow, column).data(Qt::DisplayRole).toString().toCaseFolded() + QChar(0x1f);
        text = built;
    }
    return text;
}

void TextFilterProxyModel::forgetRows(int first, int last)
{
    for (int row = std::max(0, first); row <= last && row < m_rowTexts.size(); ++row)
        m_rowTexts[row] = QString();
}

void TextFilterProxyModel::forgetAll()
{
    m_rowTexts.clear();
}
