#pragma once

#include "cmdactions.h"
#include "instancerefresh.h"

#include <QJsonObject>

// `refresh cancel|rollback --group G [--yes]`: CancelInstanceRefresh or RollbackInstanceRefresh on the group's
// active refresh. Each run: refuse in read-only mode → read the group and its refreshes, refuse when there is no
// refresh the operation can act on (nothing sent) → say what AWS will do and confirm (type the group name) → audit
// intent → send → read the refresh back → audit outcome (decided by the read-back) → report. Exit codes as
// `complete`: 0 done, 2 refused, the AWS error's code when it failed, 1 when AWS accepted but the refresh does not
// show it.
class RefreshActionCommand : public ActionCommand {
    Q_OBJECT
public:
    enum class Operation { Cancel, Rollback };
    RefreshActionCommand(CliContext* context, const CliArguments& arguments, Operation operation);
    void start() override;

private:
    QString actionName() const;
    QString consequences(const InstanceRefresh& refresh) const;
    // Empty when the operation can act on `refresh`, else why not.
    QString refusal(const std::optional<InstanceRefresh>& refresh) const;
    bool applied(const InstanceRefresh& after) const;
    void readState(AwsSession* session, const std::function<void()>& then);
    void send(AwsSession* session);
    void readBack(AwsSession* session);
    bool writeAudit(const QString& phase, QString* problem);
    void report();

    Operation m_operation;
    QString m_group;
    AwsSession* m_session = nullptr;
    AutoScalingGroup m_groupState;
    QList<InstanceRefresh> m_refreshes;
    InstanceRefresh m_before;
    InstanceRefresh m_after;
    QString m_auditId;
    QString m_requestId;
    AwsError m_error;
    QString m_outcome; // done | failed | unknown
    bool m_verified = false;
    QString m_message;
};
