#pragma once

#include <QColor>
#include <QPalette>

// Semantic colours derived from the current palette, so warnings stay readable on light and dark themes alike.
namespace UiStyle {
bool isDark(const QPalette& palette);
QColor dangerColor(const QPalette& palette); // red: deadline imminent, validation errors, failures
QColor warningColor(const QPalette& palette); // amber: deadline nearing
QColor successColor(const QPalette& palette); // green: done
// A soft background tint for banners, blended from the window colour so it never turns into a white box.
QColor tint(const QPalette& palette, const QColor& accent, qreal amount = 0.18);
} // namespace UiStyle
