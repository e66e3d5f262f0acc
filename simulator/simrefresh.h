#pragma once

#include "lifecycle.h"

#include <QDateTime>
#include <QString>
#include <QStringList>

// One instance refresh of a group (StartInstanceRefresh), as SimEngine runs it: the instances it still has to
// replace, the batch being replaced now, and what DescribeInstanceRefreshes reports.
struct SimRefresh {
    QString id;
    QString groupName;
    QString status = QString::fromLatin1(InstanceRefreshStatus::Pending);
    QString statusReason;
    QDateTime startTime;
    QDateTime endTime;
    // Preferences (the ones the simulator acts on, plus those it only reports back).
    int minHealthyPercentage = 90;
    int instanceWarmup = 0;
    bool skipMatching = false;
    bool autoRollback = false;
    QString scaleInProtectedInstances = QStringLiteral("Ignore");
    QString standbyInstances = QStringLiteral("Ignore");
    QString strategy = QStringLiteral("Rolling");

    QStringList originals; // the group's instances when the refresh started: what a rollback undoes
    QStringList toReplace; // not yet started
    QStringList batch; // being replaced now: terminating, their replacements launching
    int replaced = 0;
    int total = 0;
    QDateTime warmUntil; // the batch's replacements are InService and warming up until then
    QDateTime nextCheck; // a due time for the clock (start, end of warm-up); invalid when none

    // RollbackDetails, once rolled back.
    bool rolledBack = false;
    QString rollbackReason;
    QDateTime rollbackStartTime;
    int percentageOnRollback = 0;
    int instancesToUpdateOnRollback = 0;

    int instancesToUpdate() const { return int(toReplace.size() + batch.size()); }
    int percentageComplete() const { return total == 0 ? 100 : replaced * 100 / total; }
    // Pending, InProgress, Cancelling, RollbackInProgress or Baking: the one a group may have at a time.
    bool isActive() const
    {
        return status == QLatin1StringView(InstanceRefreshStatus::Pending) || status == u"InProgress"
            || status == u"Cancelling" || status == u"RollbackInProgress" || status == u"Baking";
    }
};
