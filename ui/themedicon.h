#pragma once

#include <QIcon>
#include <QString>

// Action icons from the embedded SVGs (":/icons/<name>.svg"). The SVGs draw their neutral strokes in
// "currentColor"; the engine paints them in the palette's window-text colour at draw time, so the same icon is
// dark on a light theme and light on a dark one, and follows a palette change without reloading.
namespace ThemedIcon {
QIcon icon(const QString& name);
} // namespace ThemedIcon
