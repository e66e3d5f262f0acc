// The run of `refresh cancel|rollback` (see refreshactioncommand.h); cmdrefresh.cpp declares the commands.
#include "refreshactioncommand.h"

#include "autoscalingclient.h"
#include "awssession.h"
#include "clicontext.h"
#include "clijson.h"
#include "clitable.h"
#include "lifecyclevalidation.h"

#include <QJsonObject>

using namespace Qt::StringLiterals;

RefreshActionCommand::RefreshActionCommand(CliContext* context, const CliArguments& arguments, Operation operation)
    : ActionCommand(context, arguments)
    , m_operation(operation)
{
}

void RefreshActionCommand::start()
{
    m_group = args().value(u"group"_s).trimmed();
    if (!failUsageOnFirst({ LifecycleValidation::groupNameError(m_group) }))
        return;
    withSession([this](AwsSession* session) {
        // Refused before any read, as in the GUI: read-only sends nothing that changes.
        if (session->isReadOnly()) {
            failWith(CliExit::Usage, tr("read-only mode: nothing was sent"));
            return;
        }
        withIdentity(session, [this, session] { readState(session, [this, session] { proceed(session); }); });
    });
}

void RefreshActionCommand::readState(AwsSession* session, const std::function<void()>& then)
{
    DescribeGroupsRequest request;
    request.groupNames = { m_group };
    onSuccess(session->autoScaling()->describeAutoScalingGroups(request),
        [this, session, then](ResultJob<QList<AutoScalingGroup>>* job) {
            if (job->result().isEmpty() || job->result().constFirst().name != m_group) {
                failWith(CliExit::Usage,
                    tr("Auto Scaling group %1 does not exist in this account and region; nothing was sent")
                        .arg(m_group));
                return;
            }
            m_groupState = job->result().constFirst();
            onSuccess(session->autoScaling()->describeInstanceRefreshes(m_group),
                [this, then](ResultJob<QList<InstanceRefresh>>* refreshes) {
                    m_refreshes = refreshes->result();
                    then();
                });
        });
}

void RefreshActionCommand::proceed(AwsSession* session)
{
    const std::optional<InstanceRefresh> active = activeRefresh(m_refreshes);
    if (const QString why = InstanceRefreshAction::refusal(m_operation, m_group, active); !why.isEmpty()) {
        failWith(CliExit::Usage, why);
        return;
    }
    context()->printNote(
        InstanceRefreshAction::consequences(m_operation, *active, active->waitingInstances(m_groupState.instances)));
    const QString why
        = m_operation == Operation::Cancel ? tr("cancel an instance refresh") : tr("roll back an instance refresh");
    if (!mayProceedWithoutAsking(why) && (isFinished() || !confirm(tr("Type the group name to go ahead:"), m_group)))
        return;
    auto* action = new InstanceRefreshAction(session, context()->auditLog(), m_operation, *active, this);
    QString problem;
    if (!action->start(&problem)) {
        failWith(CliExit::OutcomeNotRecorded, tr("audit log: %1; nothing was sent").arg(problem));
        return;
    }
    connect(action, &InstanceRefreshAction::finished, this, [this, action] { report(*action); });
}

void RefreshActionCommand::report(const InstanceRefreshAction& action)
{
    const QString auditProblem = unrecordedAudit();
    const InstanceRefreshAction::Outcome& outcome = action.outcome();
    if (context()->json()) {
        context()->printJson(QJsonObject {
            { u"operation"_s, m_operation == Operation::Cancel ? u"refresh cancel"_s : u"refresh rollback"_s },
            { u"group"_s, m_group },
            { u"instanceRefreshId"_s, action.before().instanceRefreshId },
            { u"outcome"_s, outcome.outcome },
            { u"verified"_s, outcome.verified },
            { u"statusBefore"_s, action.before().status },
            { u"statusAfter"_s, CliJson::text(outcome.after.status) },
            { u"message"_s, CliJson::text(outcome.message) },
            { u"requestId"_s, CliJson::text(outcome.requestId) },
            { u"error"_s, outcome.error.isError() ? QJsonValue(CliJson::error(outcome.error)) : QJsonValue() },
        });
    } else {
        CliTable table({ { tr("REFRESH") }, { tr("OUTCOME") }, { tr("STATUS") },
            { tr("DETAIL"), CliTable::Align::Left, true, 16 } });
        const QString detail = !outcome.message.isEmpty() ? outcome.message
            : outcome.error.isError()                     ? outcome.error.toString()
                                                          : tr("request %1").arg(outcome.requestId);
        // ✓: reading the refresh back confirmed the outcome.
        table.addRow({ action.before().instanceRefreshId, outcome.outcome + (outcome.verified ? u" ✓"_s : QString()),
            outcome.after.status.isEmpty() ? u"-"_s : outcome.after.status, detail });
        context()->printTable(table);
    }
    const CliExit code = outcome.outcome == "done"_L1 ? CliExit::Ok
        : outcome.error.isError()                     ? exitCodeFor(outcome.error)
                                                      : CliExit::AwsError;
    finishReported(code, auditProblem);
}
