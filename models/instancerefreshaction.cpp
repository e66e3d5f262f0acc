#include "instancerefreshaction.h"

#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"

using namespace Qt::StringLiterals;

InstanceRefreshAction::InstanceRefreshAction(
    AwsSession* session, AuditLog* audit, Operation operation, InstanceRefresh before, QObject* parent)
    : QObject(parent)
    , m_session(session)
    , m_audit(audit)
    , m_operation(operation)
    , m_before(std::move(before))
{
}

QString InstanceRefreshAction::actionName(Operation operation)
{
    return operation == Operation::Cancel ? u"CancelInstanceRefresh"_s : u"RollbackInstanceRefresh"_s;
}

QString InstanceRefreshAction::refusal(
    Operation operation, const QString& groupName, const std::optional<InstanceRefresh>& active)
{
    if (!active)
        return tr("group %1 has no active instance refresh (none pending, in progress or rolling back); nothing was "
                  "sent")
            .arg(groupName);
    if (operation == Operation::Cancel && active->isRollingBack())
        return tr("instance refresh %1 of group %2 is rolling back, which cannot be cancelled; nothing was sent")
            .arg(active->instanceRefreshId, groupName);
    if (operation == Operation::Rollback && (active->isRollingBack() || active->status == "Cancelling"_L1))
        return tr("instance refresh %1 of group %2 is %3 and cannot be rolled back; nothing was sent")
            .arg(active->instanceRefreshId, groupName, active->status);
    return {};
}

QString InstanceRefreshAction::consequences(
    Operation operation, const InstanceRefresh& refresh, const QStringList& waiting)
{
    const QString progress = tr("%1, %2% done, %3 instance(s) to update")
                                 .arg(refresh.status)
                                 .arg(refresh.percentageComplete.value_or(0))
                                 .arg(refresh.instancesToUpdate.value_or(0));
    QString sentence = operation == Operation::Cancel
        ? tr("This cancels instance refresh %1 of %2 (%3): AWS lets the replacements in flight finish and starts no "
             "new ones; instances already replaced stay replaced.")
              .arg(refresh.instanceRefreshId, refresh.groupName, progress)
        : tr("This rolls back instance refresh %1 of %2 (%3): AWS stops it and replaces the instances it already "
             "replaced with the group's previous configuration; their lifecycle hooks run again.")
              .arg(refresh.instanceRefreshId, refresh.groupName, progress);
    if (!waiting.isEmpty())
        sentence += u" "_s
            + tr("The refresh is waiting on lifecycle actions of %1; this does not complete them.")
                  .arg(waiting.join(u", "_s));
    return sentence;
}

bool InstanceRefreshAction::applied(Operation operation, const InstanceRefresh& after)
{
    if (operation == Operation::Cancel)
        return after.status == "Cancelling"_L1 || after.status == "Cancelled"_L1;
    return after.rollbackStartTime.isValid() || after.status.startsWith("Rollback"_L1);
}

bool InstanceRefreshAction::start(QString* problem)
{
    m_auditId = AuditLog::newId();
    // The intent is on disk before the request leaves, or the request does not leave.
    if (!m_session || !writeAudit(u"intent"_s, problem))
        return false;
    AutoScalingClient* client = m_session->autoScaling();
    auto* job = m_operation == Operation::Cancel ? client->cancelInstanceRefresh(m_before.groupName)
                                                 : client->rollbackInstanceRefresh(m_before.groupName);
    connect(job, &AwsJob::finished, this, [this, job] {
        m_outcome.requestId = job->requestId();
        m_outcome.error = job->error();
        readBack();
    });
    return true;
}

void InstanceRefreshAction::readBack()
{
    if (!m_session) {
        decide(false, tr("the connection was closed"));
        return;
    }
    auto* job = m_session->autoScaling()->describeInstanceRefreshes(m_before.groupName, { m_before.instanceRefreshId });
    connect(job, &AwsJob::finished, this, [this, job] {
        const bool read = !job->hasError() && !job->result().isEmpty();
        if (read)
            m_outcome.after = job->result().constFirst();
        decide(read, job->error().message);
    });
}

void InstanceRefreshAction::decide(bool read, const QString& readError)
{
    // The read-back decides: an error whose change is visible was applied (a lost answer to a retry); an accepted
    // request the refresh does not show is not reported as done.
    const bool sentWithError = m_outcome.error.isError();
    if (!read) {
        m_outcome.outcome = sentWithError ? u"failed"_s : u"done"_s;
        m_outcome.message = tr("could not read the refresh back: %1").arg(readError);
    } else if (applied(m_operation, m_outcome.after)) {
        m_outcome.outcome = u"done"_s;
        m_outcome.verified = true;
        if (sentWithError)
            m_outcome.message = tr("AWS answered with an error, but the refresh shows the change");
    } else if (sentWithError) {
        m_outcome.outcome = u"failed"_s;
    } else {
        m_outcome.outcome = u"unknown"_s;
        m_outcome.message = tr("AWS accepted the request, but the refresh does not show the change yet");
    }
    (void)writeAudit(u"outcome"_s, &m_outcomeProblem); // kept in memory on failure; the caller says so
    Q_EMIT finished();
}

bool InstanceRefreshAction::writeAudit(const QString& phase, QString* problem)
{
    if (!m_audit)
        return true;
    AuditRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.phase = phase;
    if (m_session) {
        record.profile = m_session->profileName();
        record.account = m_session->account();
        record.region = m_session->region();
    }
    record.action = actionName(m_operation);
    record.group = m_before.groupName;
    record.id = m_auditId;
    record.attempt = 1;
    record.note = u"InstanceRefreshId=%1; status %2"_s.arg(m_before.instanceRefreshId, m_before.status);
    if (phase == "outcome"_L1) {
        record.requestId = m_outcome.requestId;
        record.outcome = m_outcome.outcome;
        record.error = m_outcome.error.isError() ? m_outcome.error.toString() : QString();
        record.verified = m_outcome.verified;
        record.note += u" → %1"_s.arg(m_outcome.after.status.isEmpty() ? u"?"_s : m_outcome.after.status);
        if (!m_outcome.message.isEmpty())
            record.note += u"; "_s + m_outcome.message;
    }
    return m_audit->append(record, problem);
}
