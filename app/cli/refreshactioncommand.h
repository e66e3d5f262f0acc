#pragma once

#include "cmdactions.h"
#include "instancerefreshaction.h"

// `refresh cancel|rollback --group G [--yes]`: CancelInstanceRefresh or RollbackInstanceRefresh on the group's
// active refresh. Each run: refuse in read-only mode → read the group and its refreshes, refuse when there is no
// refresh the operation can act on (nothing sent) → say what AWS will do and confirm (type the group name) → the
// InstanceRefreshAction (audit intent, send, read back, audit outcome) → report. Exit codes as `complete`: 0 done,
// 2 refused, the AWS error's code when it failed, 1 when AWS accepted but the refresh does not show it.
class RefreshActionCommand : public ActionCommand {
    Q_OBJECT
public:
    using Operation = InstanceRefreshAction::Operation;
    RefreshActionCommand(CliContext* context, const CliArguments& arguments, Operation operation);
    void start() override;

private:
    void readState(AwsSession* session, const std::function<void()>& then);
    void proceed(AwsSession* session);
    void report(const InstanceRefreshAction& action);

    Operation m_operation;
    QString m_group;
    AutoScalingGroup m_groupState;
    QList<InstanceRefresh> m_refreshes;
};
