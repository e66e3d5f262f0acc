#pragma once

#include <QProxyStyle>

// The application style with keyboard focus made visible in every list (issue 18.8). Fusion draws the focus of an
// item view's current row as a faint outline that vanishes on a selected row, and no focus on the view's frame; this
// proxy draws the current row's focus as a two-pixel line in a colour that contrasts with the row (the highlighted
// text colour on a selected row, the highlight colour elsewhere) and the focused view's frame in the highlight
// colour.
class FocusFrameStyle : public QProxyStyle {
    Q_OBJECT
public:
    // `baseKey`: a QStyleFactory key ("Fusion", "Windows", …); the proxy owns the style it creates.
    explicit FocusFrameStyle(const QString& baseKey);

    QString baseKey() const { return m_baseKey; }

    void drawPrimitive(
        PrimitiveElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override;
    void drawControl(
        ControlElement element, const QStyleOption* option, QPainter* painter, const QWidget* widget) const override;

private:
    QString m_baseKey;
};
