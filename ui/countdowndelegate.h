#pragma once

#include <QStyledItemDelegate>

// Paints the "Left" column of the pending view: the estimated countdown in the palette's text colour, amber as the
// deadline nears and red when it is imminent (palette-aware shades, see UiStyle), with a thin bar underneath that
// shows how much of the current heartbeat window remains. The model ticks the column every second; the delegate
// only reads PendingActionModel's roles. Installed for the whole view so every row has room for the bar.
class CountdownDelegate : public QStyledItemDelegate {
    Q_OBJECT
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    // The column that counts down: PendingActionModel::LeftColumn unless set (the fleet board has two more columns
    // in front of it).
    void setCountdownColumn(int column) { m_countdownColumn = column; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    int m_countdownColumn = 5; // PendingActionModel::LeftColumn, without the model's header here
};
