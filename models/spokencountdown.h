#pragma once

#include <QDateTime>
#include <QString>

struct PendingAction;

// The pending row's countdown as a screen reader says it (Qt::AccessibleTextRole of the Left column, issue 18.9):
// "about 4 minutes 22 seconds left, ABANDON" instead of "≈ 04:22", with real plurals.
namespace SpokenCountdown {
// "1 hour 2 minutes", "4 minutes 22 seconds", "0 seconds".
QString duration(qint64 seconds);
// The countdown and the result of the hook that decides first; "not waiting" for a row without an estimate.
QString text(const PendingAction& action, const QDateTime& now);
} // namespace SpokenCountdown
