#include "focusframestyle.h"

#include <QAbstractItemView>
#include <QPainter>
#include <QStyleFactory>
#include <QStyleOption>

namespace {
// The item view a primitive is drawn for: the view itself or its viewport.
const QAbstractItemView* itemView(const QWidget* widget)
{
    if (!widget)
        return nullptr;
    if (const auto* view = qobject_cast<const QAbstractItemView*>(widget))
        return view;
    return qobject_cast<const QAbstractItemView*>(widget->parentWidget());
}
} // namespace

FocusFrameStyle::FocusFrameStyle(const QString& baseKey)
    : QProxyStyle(QStyleFactory::create(baseKey))
    , m_baseKey(baseKey)
{
}

void FocusFrameStyle::drawPrimitive(
    PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    const auto* focus = qstyleoption_cast<const QStyleOptionFocusRect*>(option);
    if (element != PE_FrameFocusRect || !focus || !itemView(widget)) {
        QProxyStyle::drawPrimitive(element, option, painter, widget);
        return;
    }
    const bool onHighlight = focus->backgroundColor == option->palette.color(QPalette::Highlight);
    const QColor line = option->palette.color(onHighlight ? QPalette::HighlightedText : QPalette::Highlight);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing, false);
    painter->setPen(QPen(line, 2, Qt::DotLine));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(QRectF(option->rect).adjusted(1, 1, -1, -1));
    painter->restore();
}

void FocusFrameStyle::drawControl(
    ControlElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const
{
    QProxyStyle::drawControl(element, option, painter, widget);
    const QAbstractItemView* view = qobject_cast<const QAbstractItemView*>(widget);
    if (element != CE_ShapedFrame || !view || !view->hasFocus())
        return;
    painter->save();
    painter->setPen(QPen(option->palette.color(QPalette::Highlight), 1));
    painter->setBrush(Qt::NoBrush);
    painter->drawRect(option->rect.adjusted(0, 0, -1, -1));
    painter->restore();
}
