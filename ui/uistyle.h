#pragma once

#include <QColor>
#include <QPalette>

// Semantic colours derived from the current palette, so warnings stay readable on light and dark themes alike: the
// text colours are adjusted until they reach WCAG's 4.5:1 against both row colours (Base, AlternateBase).
namespace UiStyle {
bool isDark(const QPalette& palette);
// WCAG 2 relative luminance (0 black … 1 white) and contrast ratio (1 … 21) of two colours.
qreal relativeLuminance(const QColor& color);
qreal contrastRatio(const QColor& a, const QColor& b);
// `color`, darkened (on light backgrounds) or lightened (on dark ones) just enough to reach `minimum` against every
// colour of `backgrounds`.
QColor readableOn(const QColor& color, const QList<QColor>& backgrounds, qreal minimum = 4.5);
QColor dangerColor(const QPalette& palette); // red: deadline imminent, validation errors, failures
QColor warningColor(const QPalette& palette); // amber: deadline nearing
QColor successColor(const QPalette& palette); // green: done
// A soft background tint for banners, blended from the window colour so it never turns into a white box.
QColor tint(const QPalette& palette, const QColor& accent, qreal amount = 0.18);
} // namespace UiStyle
