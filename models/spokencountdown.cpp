#include "spokencountdown.h"

#include "pendingaction.h"

#include <QCoreApplication>
#include <QStringList>

namespace {
QString translate(const char* text, int n = -1)
{
    return QCoreApplication::translate("SpokenCountdown", text, nullptr, n);
}
} // namespace

QString SpokenCountdown::duration(qint64 seconds)
{
    seconds = qMax<qint64>(0, seconds);
    const int hours = int(seconds / 3600);
    const int minutes = int(seconds % 3600 / 60);
    const int rest = int(seconds % 60);
    QStringList parts;
    if (hours > 0)
        parts << translate("%n hour(s)", hours);
    if (minutes > 0)
        parts << translate("%n minute(s)", minutes);
    // Seconds matter under an hour; past it they change too fast to be worth hearing.
    if (hours == 0 && (rest > 0 || parts.isEmpty()))
        parts << translate("%n second(s)", rest);
    return parts.join(QLatin1Char(' '));
}

QString SpokenCountdown::text(const PendingAction& action, const QDateTime& now)
{
    if (!action.actionable || !action.estimate.isValid())
        return translate("no countdown: not waiting on a hook");
    const QString result = action.firstResult();
    const qint64 left = action.secondsLeft(now);
    if (left < 0)
        return translate("overdue, %1").arg(result);
    if (action.estimate.isUpperBound())
        return translate("at most %1 left, %2").arg(duration(left), result);
    return translate("about %1 left, %2").arg(duration(left), result);
}
