#include "agetext.h"

#include <QCoreApplication>

namespace {
QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("AgeText", text, nullptr, n);
}

// Seconds a clock may run ahead before "in the future" is worth saying: notification times and this computer's
// clock are rarely in step to the second.
constexpr qint64 ClockSlackSeconds = 60;
} // namespace

QString AgeText::ago(qint64 seconds)
{
    // Counts are computed outside the translate() calls: lupdate 6.4 hangs on a '/' inside their arguments.
    const qint64 minutes = seconds / 60;
    const qint64 hours = seconds / 3600;
    const int days = int(seconds / 86400);
    if (seconds < 5)
        return tr("just now");
    if (seconds < 60)
        return tr("%n s ago", int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", int(minutes));
    if (seconds < 86400) {
        const qint64 rest = minutes % 60;
        return rest == 0 ? tr("%n h ago", int(hours)) : tr("%1 h %2 min ago").arg(hours).arg(rest);
    }
    return tr("%n d ago", days);
}

QString AgeText::dataFrom(const QDateTime& loaded, const QDateTime& now)
{
    if (!loaded.isValid())
        return tr("no data loaded yet");
    return tr("data from %1").arg(ago(qMax<qint64>(0, loaded.secsTo(now))));
}

QString AgeText::sent(const QDateTime& sent, const QDateTime& now)
{
    if (!sent.isValid())
        return {};
    const QString clock = sent.toLocalTime().toString(Qt::ISODate).replace(u'T', u' ');
    const qint64 age = sent.secsTo(now);
    if (age < -ClockSlackSeconds)
        return tr("sent at %1, after this computer's clock: check it").arg(clock);
    return tr("sent %1 (%2)").arg(ago(qMax<qint64>(0, age)), clock);
}
