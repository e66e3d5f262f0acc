#include "countdowndelegate.h"

#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "uistyle.h"

#include <QApplication>
#include <QPainter>

static_assert(PendingActionModel::LeftColumn == 5, "CountdownDelegate's default countdown column");

void CountdownDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (index.column() != m_countdownColumn) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const auto urgency = Urgency(index.data(PendingActionModel::UrgencyRole).toInt());
    const bool selected = opt.state & QStyle::State_Selected;

    QColor accent;
    if (urgency == Urgency::Red)
        accent = UiStyle::dangerColor(opt.palette);
    else if (urgency == Urgency::Amber)
        accent = UiStyle::warningColor(opt.palette);

    // Selection colours stay the style's own: on a highlighted row the urgency shows in the bar and the weight.
    if (accent.isValid() && !selected)
        opt.palette.setColor(QPalette::Text, accent);
    if (urgency == Urgency::Red || urgency == Urgency::Amber)
        opt.font.setBold(true);

    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);

    const QVariant secondsVariant = index.data(PendingActionModel::SecondsLeftRole);
    const auto action = index.data(PendingActionModel::PendingActionRole).value<PendingAction>();
    const qint64 window = action.estimate.windowSeconds();
    if (!secondsVariant.isValid() || window <= 0 || !action.actionable)
        return;
    const qreal fraction = std::clamp(qreal(secondsVariant.toLongLong()) / qreal(window), 0.0, 1.0);
    const QRect cell = opt.rect.adjusted(4, 0, -4, -2);
    const QRect track(cell.left(), cell.bottom() - 1, cell.width(), 2);
    QColor trackColor = opt.palette.color(QPalette::Mid);
    trackColor.setAlphaF(0.35);
    QColor barColor = accent.isValid() ? accent : opt.palette.color(QPalette::Highlight);
    if (selected)
        barColor = opt.palette.color(QPalette::HighlightedText);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->fillRect(track, trackColor);
    // Right-aligned like the text, shrinking towards the right edge as time runs out.
    const int width = qMax(1, int(track.width() * fraction));
    painter->fillRect(QRect(track.right() - width + 1, track.top(), width, track.height()), barColor);
    painter->restore();
}

QSize CountdownDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    // Every column gets the same extra height (the view uses uniform row heights from column 0): room for the bar.
    size.setHeight(size.height() + 6);
    if (index.column() != m_countdownColumn)
        return size;
    // Room for the widest countdown in bold, so the column never elides "≈ 1:52:40" nor an "at most" bound.
    QFont bold = option.font;
    bold.setBold(true);
    const QFontMetrics metrics(bold);
    const int text = qMax(metrics.horizontalAdvance(QStringLiteral("≈ 00:00:00")),
        metrics.horizontalAdvance(index.data(Qt::DisplayRole).toString()));
    size.setWidth(qMax(size.width(), text + 16));
    return size;
}
