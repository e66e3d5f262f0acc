#include "lifecyclecommand.h"

#include "enumnames.h"

#include <QCoreApplication>

QString LifecycleText::commandName(LifecycleCommand command)
{
    static constexpr EnumLabel<LifecycleCommand> kLabels[] = {
        { LifecycleCommand::Continue, QT_TRANSLATE_NOOP("LifecycleText", "CONTINUE") },
        { LifecycleCommand::Abandon, QT_TRANSLATE_NOOP("LifecycleText", "ABANDON") },
        { LifecycleCommand::Heartbeat, QT_TRANSLATE_NOOP("LifecycleText", "heartbeat") },
    };
    return labelOf(kLabels, "LifecycleText", command);
}

QString LifecycleText::consequence(LifecycleCommand command, bool launching, int heartbeatTimeout, bool retains)
{
    if (command == LifecycleCommand::Abandon && !launching && retains)
        return QCoreApplication::translate("LifecycleText",
            "The remaining termination hooks are skipped and the instance is retained, not terminated: the group's "
            "instance lifecycle policy keeps it in Terminating:Retained, running and billed, until someone "
            "terminates it. It no longer counts towards the desired capacity, so the group may launch a "
            "replacement.");
    switch (command) {
    case LifecycleCommand::Continue:
        return launching ? QCoreApplication::translate("LifecycleText",
                   "The launch goes on: once every launch hook of the instance is complete, it is put "
                   "in service (InService) and starts taking traffic.")
                         : QCoreApplication::translate("LifecycleText",
                             "The termination goes on: once every termination hook of the instance is complete, "
                             "the instance is terminated.");
    case LifecycleCommand::Abandon:
        return launching ? QCoreApplication::translate("LifecycleText",
                   "The launch is abandoned: Auto Scaling terminates the instance and launches a "
                   "replacement, which goes through the launch hooks again.")
                         : QCoreApplication::translate("LifecycleText",
                             "The remaining termination hooks are skipped and the instance is terminated now. "
                             "Any clean-up a hook was waiting for does not happen.");
    case LifecycleCommand::Heartbeat:
        return QCoreApplication::translate("LifecycleText",
            "The hook's timeout restarts: %1 more before the default result applies, never beyond the global "
            "timeout. Nothing else changes.")
            .arg(duration(heartbeatTimeout));
    }
    return {};
}

QString LifecycleText::ifNothingIsDone(const QString& defaultResult, bool launching, bool retains)
{
    const bool abandon = defaultResult.compare(QLatin1String("ABANDON"), Qt::CaseInsensitive) == 0;
    if (abandon && !launching && retains)
        return QCoreApplication::translate("LifecycleText",
            "If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the instance is "
            "retained, not terminated, until someone terminates it.");
    if (launching)
        return abandon ? QCoreApplication::translate("LifecycleText",
                   "If nothing is done, the timeout applies ABANDON: the instance is terminated and "
                   "replaced.")
                       : QCoreApplication::translate("LifecycleText",
                           "If nothing is done, the timeout applies CONTINUE: the instance goes in service.");
    return abandon ? QCoreApplication::translate("LifecycleText",
               "If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped and the "
               "instance is terminated.")
                   : QCoreApplication::translate("LifecycleText",
                       "If nothing is done, the timeout applies CONTINUE: the instance is terminated once its "
                       "other hooks are complete.");
}

QString LifecycleText::duration(qint64 seconds)
{
    // Counts are computed outside the translate() calls: lupdate 6.4 hangs on a '/' inside their arguments.
    const int hours = int(seconds / 3600);
    const int minutes = int(seconds / 60);
    if (seconds >= 3600 && seconds % 3600 == 0)
        return QCoreApplication::translate("LifecycleText", "%n h", nullptr, hours);
    if (seconds >= 3600)
        return QCoreApplication::translate("LifecycleText", "%1 h %2 min")
            .arg(seconds / 3600)
            .arg((seconds % 3600) / 60);
    if (seconds >= 60 && seconds % 60 == 0)
        return QCoreApplication::translate("LifecycleText", "%n min", nullptr, minutes);
    if (seconds >= 60)
        return QCoreApplication::translate("LifecycleText", "%1 min %2 s").arg(seconds / 60).arg(seconds % 60);
    return QCoreApplication::translate("LifecycleText", "%n s", nullptr, int(seconds));
}

QString LifecycleText::countdown(qint64 secondsLeft)
{
    if (secondsLeft <= 0)
        return QCoreApplication::translate("LifecycleText", "due now");
    const qint64 h = secondsLeft / 3600;
    const qint64 m = (secondsLeft % 3600) / 60;
    const qint64 s = secondsLeft % 60;
    const QString clock = h > 0
        ? QStringLiteral("%1:%2:%3").arg(h).arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'))
        : QStringLiteral("%1:%2").arg(m, 2, 10, QLatin1Char('0')).arg(s, 2, 10, QLatin1Char('0'));
    // The deadline is estimated (AWS gives no wait start time, design.md §3), so it is always marked as such.
    return QCoreApplication::translate("LifecycleText", "≈ %1").arg(clock);
}
