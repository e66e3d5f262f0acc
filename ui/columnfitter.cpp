#include "columnfitter.h"

#include <QAbstractItemView>
#include <QEvent>
#include <QHeaderView>

ColumnFitter::ColumnFitter(QAbstractItemView* view, QHeaderView* header, int elasticColumn)
    : QObject(view)
    , m_view(view)
    , m_viewport(view->viewport())
    , m_header(header)
    , m_elasticColumn(elasticColumn)
{
    m_header->setStretchLastSection(false);
    m_header->setSectionResizeMode(QHeaderView::Interactive);
    // At most one measurement per 200 ms (about 20 ms for 20,000 rows) while a large account streams in batch after
    // batch; a hidden view (a tab in the background) is measured when it is shown.
    m_pending.setSingleShot(true);
    m_pending.setInterval(200);
    connect(&m_pending, &QTimer::timeout, this, [this] {
        if (m_view->isVisible())
            fitNow();
        else
            m_dirty = true;
    });
    // A column the operator widens keeps that width (fitting only ever widens it further); the elastic one follows.
    connect(m_header, &QHeaderView::sectionResized, this, [this](int logical, int, int newSize) {
        if (m_resizing)
            return;
        if (logical != m_elasticColumn)
            m_userWidth[logical] = newSize;
        stretchElastic();
    });
    m_viewport->installEventFilter(this);
    m_view->installEventFilter(this);
    attachModel();
}

void ColumnFitter::setCappedColumn(int column, int maxWidth)
{
    m_caps.insert(column, maxWidth);
}

void ColumnFitter::attachModel()
{
    QAbstractItemModel* model = m_view->model();
    if (!model)
        return;
    const auto later = [this] { schedule(); };
    connect(model, &QAbstractItemModel::rowsInserted, this, later);
    connect(model, &QAbstractItemModel::rowsRemoved, this, later);
    connect(model, &QAbstractItemModel::modelReset, this, later);
    connect(model, &QAbstractItemModel::layoutChanged, this, later);
    connect(model, &QAbstractItemModel::columnsInserted, this, later);
    connect(model, &QAbstractItemModel::dataChanged, this,
        [this](const QModelIndex& topLeft, const QModelIndex& bottomRight) {
            if (topLeft.column() == m_tickingColumn && bottomRight.column() == m_tickingColumn)
                return;
            schedule();
        });
}

void ColumnFitter::schedule()
{
    if (!m_pending.isActive())
        m_pending.start();
}

int ColumnFitter::contentWidth(int column) const
{
    int width = qMax(m_view->sizeHintForColumn(column), m_header->sectionSizeHint(column));
    if (m_caps.contains(column))
        width = qMax(m_header->sectionSizeHint(column), qMin(width, m_caps.value(column)));
    return width;
}

void ColumnFitter::fitNow()
{
    m_pending.stop();
    m_dirty = false;
    const int columns = m_header->count();
    m_resizing = true;
    for (int column = 0; column < columns; ++column) {
        if (m_header->isSectionHidden(column))
            continue;
        const int width = contentWidth(column);
        m_content[column] = width;
        if (column != m_elasticColumn)
            m_header->resizeSection(column, qMax(width, m_userWidth.value(column)));
    }
    m_resizing = false;
    stretchElastic();
}

void ColumnFitter::stretchElastic()
{
    if (m_elasticColumn < 0 || m_elasticColumn >= m_header->count())
        return;
    int others = 0;
    for (int column = 0; column < m_header->count(); ++column) {
        if (column != m_elasticColumn && !m_header->isSectionHidden(column))
            others += m_header->sectionSize(column);
    }
    const int width = qMax(m_content.value(m_elasticColumn, m_header->sectionSizeHint(m_elasticColumn)),
        m_view->viewport()->width() - others);
    if (width == m_header->sectionSize(m_elasticColumn))
        return;
    m_resizing = true;
    m_header->resizeSection(m_elasticColumn, width);
    m_resizing = false;
}

bool ColumnFitter::eventFilter(QObject* watched, QEvent* event)
{
    // Only pointers are compared before the event type says the view is alive (Resize and Show never come from a
    // destructor).
    if (event->type() == QEvent::Resize && watched == m_viewport)
        stretchElastic();
    else if (event->type() == QEvent::Show && watched == m_view && m_dirty)
        fitNow();
    return QObject::eventFilter(watched, event);
}
