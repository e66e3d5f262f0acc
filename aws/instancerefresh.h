#pragma once

#include "autoscalingtypes.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

// One instance refresh of a group as DescribeInstanceRefreshes reports it (the fields Hookdesk shows or acts on).
struct InstanceRefresh {
    QString instanceRefreshId;
    QString groupName;
    QString status; // Pending, InProgress, Successful, Failed, Cancelling, Cancelled, RollbackInProgress, …
    QString statusReason;
    QDateTime startTime; // invalid when AWS left it out
    QDateTime endTime; // invalid while running
    std::optional<int> percentageComplete;
    std::optional<int> instancesToUpdate;
    std::optional<int> minHealthyPercentage; // Preferences
    std::optional<int> instanceWarmup; // Preferences
    QString strategy;
    // RollbackDetails; rollbackStartTime is valid once the refresh was rolled back.
    QString rollbackReason;
    QDateTime rollbackStartTime;
    std::optional<int> percentageCompleteOnRollback;
    std::optional<int> instancesToUpdateOnRollback;

    // A refresh CancelInstanceRefresh or RollbackInstanceRefresh can still act on: AWS keeps one such a group.
    bool isActive() const;
    bool isRollingBack() const { return status == QLatin1StringView("RollbackInProgress"); }
    // Whether the refresh is held by lifecycle actions: its status reason says so, or, while it runs, an instance
    // of the group waits in a *:Wait state (`instances`: the group's, as DescribeAutoScalingGroups lists them).
    bool waitsOnLifecycleActions(const QList<GroupInstance>& instances = {}) const;
    // The group's instances that hold the refresh (in a *:Wait state while it runs); empty when none does.
    QStringList waitingInstances(const QList<GroupInstance>& instances) const;
};

// The refresh CancelInstanceRefresh / RollbackInstanceRefresh would act on: the newest active one, if any.
std::optional<InstanceRefresh> activeRefresh(const QList<InstanceRefresh>& refreshes);
