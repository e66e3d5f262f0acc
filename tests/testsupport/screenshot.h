#pragma once

#include <QDir>
#include <QPixmap>
#include <QString>
#include <QWidget>

namespace TestSupport {
// With HOOKDESK_SCREENSHOT_DIR set, saves what `widget` shows as <dir>/<name>.png: the widget tests double as the
// way to take the "after" pictures an issue's closing note points to, from the same states the tests check.
inline void screenshot(QWidget* widget, const QString& name)
{
    const QString dir = qEnvironmentVariable("HOOKDESK_SCREENSHOT_DIR");
    if (dir.isEmpty() || !widget)
        return;
    QDir().mkpath(dir);
    widget->grab().save(QDir(dir).filePath(name + QStringLiteral(".png")));
}
} // namespace TestSupport
