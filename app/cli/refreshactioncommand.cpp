// The run of `refresh cancel|rollback` (see refreshactioncommand.h); cmdrefresh.cpp declares the commands.
#include "refreshactioncommand.h"

#include "auditlog.h"
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

QString RefreshActionCommand::actionName() const
{
    return m_operation == Operation::Cancel ? u"CancelInstanceRefresh"_s : u"RollbackInstanceRefresh"_s;
}

void RefreshActionCommand::start()
{
    m_group = args().value(u"group"_s).trimmed();
    if (!failUsageOnFirst({ LifecycleValidation::groupNameError(m_group) }))
        return;
    withSession([this](AwsSession* session) {
        m_session = session;
        if (session->isReadOnly()) {
            failWith(CliExit::Usage, tr("read-only mode: nothing was sent"));
            return;
        }
        withIdentity(session, [this, session] {
            readState(session, [this, session] {
                const std::optional<InstanceRefresh> active = activeRefresh(m_refreshes);
                if (const QString why = refusal(active); !why.isEmpty()) {
                    failWith(CliExit::Usage, why);
                    return;
                }
                m_before = *active;
                context()->printNote(consequences(m_before));
                const QString why = m_operation == Operation::Cancel ? tr("cancel an instance refresh")
                                                                     : tr("roll back an instance refresh");
                if (!mayProceedWithoutAsking(why)
                    && (isFinished() || !confirm(tr("Type the group name to go ahead:"), m_group)))
                    return;
                m_auditId = AuditLog::newId();
                QString problem;
                // The intent is on disk before the request leaves, or the request does not leave.
                if (!writeAudit(u"intent"_s, &problem)) {
                    failWith(CliExit::OutcomeNotRecorded, tr("audit log: %1; nothing was sent").arg(problem));
                    return;
                }
                send(session);
            });
        });
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

QString RefreshActionCommand::refusal(const std::optional<InstanceRefresh>& refresh) const
{
    if (!refresh)
        return tr("group %1 has no active instance refresh (none pending, in progress or rolling back); nothing was "
                  "sent")
            .arg(m_group);
    // AWS answers ActiveInstanceRefreshNotFound for these too: say why before asking it.
    if (m_operation == Operation::Cancel && refresh->isRollingBack())
        return tr("instance refresh %1 of group %2 is rolling back, which cannot be cancelled; nothing was sent")
            .arg(refresh->instanceRefreshId, m_group);
    if (m_operation == Operation::Rollback && (refresh->isRollingBack() || refresh->status == "Cancelling"_L1))
        return tr("instance refresh %1 of group %2 is %3 and cannot be rolled back; nothing was sent")
            .arg(refresh->instanceRefreshId, m_group, refresh->status);
    return {};
}

QString RefreshActionCommand::consequences(const InstanceRefresh& refresh) const
{
    const QString progress = tr("%1, %2% done, %3 instance(s) to update")
                                 .arg(refresh.status)
                                 .arg(refresh.percentageComplete.value_or(0))
                                 .arg(refresh.instancesToUpdate.value_or(0));
    QString sentence = m_operation == Operation::Cancel
        ? tr("This cancels instance refresh %1 of %2 (%3): AWS lets the replacements in flight finish and starts no "
             "new ones; instances already replaced stay replaced.")
              .arg(refresh.instanceRefreshId, m_group, progress)
        : tr("This rolls back instance refresh %1 of %2 (%3): AWS stops it and replaces the instances it already "
             "replaced with the group's previous configuration; their lifecycle hooks run again.")
              .arg(refresh.instanceRefreshId, m_group, progress);
    const QStringList waiting = refresh.waitingInstances(m_groupState.instances);
    if (!waiting.isEmpty())
        sentence += u" "_s
            + tr("The refresh is waiting on lifecycle actions of %1; this does not complete them.")
                  .arg(waiting.join(u", "_s));
    return sentence;
}

bool RefreshActionCommand::applied(const InstanceRefresh& after) const
{
    if (m_operation == Operation::Cancel)
        return after.status == "Cancelling"_L1 || after.status == "Cancelled"_L1;
    return after.rollbackStartTime.isValid() || after.status.startsWith("Rollback"_L1);
}

void RefreshActionCommand::send(AwsSession* session)
{
    auto* job = m_operation == Operation::Cancel ? session->autoScaling()->cancelInstanceRefresh(m_group)
                                                 : session->autoScaling()->rollbackInstanceRefresh(m_group);
    connect(job, &AwsJob::finished, this, [this, job, session] {
        m_requestId = job->requestId();
        m_error = job->error();
        readBack(session);
    });
}

void RefreshActionCommand::readBack(AwsSession* session)
{
    auto* job = session->autoScaling()->describeInstanceRefreshes(m_group, { m_before.instanceRefreshId });
    connect(job, &AwsJob::finished, this, [this, job] {
        const bool read = !job->hasError() && !job->result().isEmpty();
        if (read)
            m_after = job->result().constFirst();
        // The read-back decides: an error whose change is visible was applied (a lost answer to a retry); an
        // accepted request the refresh does not show is not reported as done.
        if (!read) {
            m_outcome = m_error.isError() ? u"failed"_s : u"done"_s;
            m_message = tr("could not read the refresh back: %1").arg(job->error().message);
        } else if (applied(m_after)) {
            m_outcome = u"done"_s;
            m_verified = true;
            if (m_error.isError())
                m_message = tr("AWS answered with an error, but the refresh shows the change");
        } else if (m_error.isError()) {
            m_outcome = u"failed"_s;
        } else {
            m_outcome = u"unknown"_s;
            m_message = tr("AWS accepted the request, but the refresh does not show the change yet");
        }
        QString problem;
        (void)writeAudit(u"outcome"_s, &problem); // kept in memory on failure; report() says so
        report();
    });
}

bool RefreshActionCommand::writeAudit(const QString& phase, QString* problem)
{
    AuditLog* audit = context()->auditLog();
    if (!audit)
        return true;
    AuditRecord record = auditRecord(m_session, phase, actionName(), m_group);
    record.id = m_auditId;
    record.note = u"InstanceRefreshId=%1; status %2"_s.arg(m_before.instanceRefreshId, m_before.status);
    if (phase == "outcome"_L1) {
        record.requestId = m_requestId;
        record.outcome = m_outcome;
        record.error = m_error.isError() ? m_error.toString() : QString();
        record.verified = m_verified;
        record.note = u"InstanceRefreshId=%1; status %2 → %3"_s.arg(
            m_before.instanceRefreshId, m_before.status, m_after.status.isEmpty() ? u"?"_s : m_after.status);
        if (!m_message.isEmpty())
            record.note += u"; "_s + m_message;
    }
    return audit->append(record, problem);
}

void RefreshActionCommand::report()
{
    const QString auditProblem = unrecordedAudit();
    const QString operation = m_operation == Operation::Cancel ? u"refresh cancel"_s : u"refresh rollback"_s;
    if (context()->json()) {
        context()->printJson(QJsonObject {
            { u"operation"_s, operation },
            { u"group"_s, m_group },
            { u"instanceRefreshId"_s, m_before.instanceRefreshId },
            { u"outcome"_s, m_outcome },
            { u"verified"_s, m_verified },
            { u"statusBefore"_s, m_before.status },
            { u"statusAfter"_s, CliJson::text(m_after.status) },
            { u"message"_s, CliJson::text(m_message) },
            { u"requestId"_s, CliJson::text(m_requestId) },
            { u"error"_s, m_error.isError() ? QJsonValue(CliJson::error(m_error)) : QJsonValue() },
        });
    } else {
        CliTable table({ { tr("REFRESH") }, { tr("OUTCOME") }, { tr("STATUS") },
            { tr("DETAIL"), CliTable::Align::Left, true, 16 } });
        const QString detail = !m_message.isEmpty() ? m_message
            : m_error.isError()                     ? m_error.toString()
                                                    : tr("request %1").arg(m_requestId);
        // ✓: reading the refresh back confirmed the outcome.
        table.addRow({ m_before.instanceRefreshId, m_outcome + (m_verified ? u" ✓"_s : QString()),
            m_after.status.isEmpty() ? u"-"_s : m_after.status, detail });
        context()->printTable(table);
    }
    const CliExit code = m_outcome == "done"_L1 ? CliExit::Ok
        : m_error.isError()                     ? exitCodeFor(m_error)
                                                : CliExit::AwsError;
    finishReported(code, auditProblem);
}
