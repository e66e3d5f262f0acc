#pragma once

#include <QHash>
#include <QObject>
#include <QTimer>

class QAbstractItemView;
class QHeaderView;

// Sizes a view's columns to their content (issue 18.1: identifiers are never elided while space is free). Every
// column gets at least the width of its widest cell and of its title; one elastic column also takes the space left
// over, so the row fills the view without cutting anything (a horizontal scroll bar appears instead when the content
// is wider than the view). Columns stay Interactive: the operator may still widen one. Fitting runs after rows
// arrive, change or are re-sorted, at most every 200 ms and only for a visible view (a hidden one when it is shown);
// it measures what QAbstractItemView::sizeHintForColumn() does (the visible rows and up to the header's
// resizeContentsPrecision() others). A column that only ticks (the countdown, whose width the delegate keeps
// constant) is left out of that trigger, so a second's tick never re-measures a large list.
class ColumnFitter : public QObject {
    Q_OBJECT
public:
    // Fits `view`'s horizontal columns (QTreeView::header() or QTableView::horizontalHeader()); `elasticColumn` takes
    // the rest of the width. Parented to the view.
    ColumnFitter(QAbstractItemView* view, QHeaderView* header, int elasticColumn);

    // Free text (a description, an error message) may be elided past `maxWidth` pixels; the full text stays in the
    // cell's tooltip. Identifier columns are never capped.
    void setCappedColumn(int column, int maxWidth);
    // dataChanged confined to `column` does not refit.
    void setTickingColumn(int column) { m_tickingColumn = column; }
    // Measures and sizes now (the window calls it when another group is shown).
    void fitNow();
    // The width `column` needs to show every loaded cell and its title uncut (capped columns: at most their cap).
    int contentWidth(int column) const;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void attachModel();
    void schedule();
    void stretchElastic();

    QAbstractItemView* m_view;
    // Kept from the start: eventFilter() also sees the events of a view being destroyed, when calling viewport() on
    // it is no longer allowed (its QAbstractScrollArea part is gone).
    QWidget* m_viewport;
    QHeaderView* m_header;
    int m_elasticColumn;
    int m_tickingColumn = -1;
    QHash<int, int> m_caps;
    QHash<int, int> m_content; // last measured content width per column
    QHash<int, int> m_userWidth; // widths the operator dragged a column to
    QTimer m_pending;
    bool m_resizing = false;
    bool m_dirty = false; // rows changed while the view was hidden
};
