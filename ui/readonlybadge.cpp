#include "readonlybadge.h"

#include "uistyle.h"

#include <QPainter>

ReadOnlyBadge::ReadOnlyBadge(QWidget* parent)
    : QLabel(tr("READ-ONLY"), parent)
{
    setObjectName(QStringLiteral("readOnlyBadge"));
    setAccessibleName(tr("Read-only mode is on"));
    setAccessibleDescription(tr("Every action that changes something in AWS is disabled"));
    setToolTip(tr("Read-only mode is on: every action that changes something in AWS is disabled."));
    QFont bold = font();
    bold.setBold(true);
    setFont(bold);
}

QSize ReadOnlyBadge::sizeHint() const
{
    const QFontMetrics metrics(font());
    return { metrics.horizontalAdvance(text()) + 2 * metrics.averageCharWidth() + 2, metrics.height() + 6 };
}

void ReadOnlyBadge::paintEvent(QPaintEvent* /*event*/)
{
    const QColor fill = UiStyle::warningColor(palette());
    const QColor ink = UiStyle::contrastRatio(fill, Qt::white) >= UiStyle::contrastRatio(fill, Qt::black)
        ? QColor(Qt::white)
        : QColor(Qt::black);
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing, true);
    painter.setPen(Qt::NoPen);
    painter.setBrush(fill);
    const QSize size = sizeHint().boundedTo(this->size());
    QRectF box(QPointF(0, 0), QSizeF(size));
    box.moveCenter(QRectF(rect()).center());
    painter.drawRoundedRect(box.adjusted(0.5, 0.5, -0.5, -0.5), 4, 4);
    painter.setPen(ink);
    painter.setFont(font());
    painter.drawText(box, Qt::AlignCenter, text());
}
