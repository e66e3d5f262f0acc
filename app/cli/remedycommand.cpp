// The run every remediation command shares (see remedycommand.h); cmdremedy.cpp has the commands themselves.
#include "remedycommand.h"

#include "auditlog.h"
#include "autoscalingclient.h"
#include "awssession.h"
#include "clicontext.h"
#include "clijson.h"
#include "clitable.h"
#include "lifecyclevalidation.h"
#include "sessionidentity.h"

#include <QCoreApplication>
#include <QJsonArray>

using namespace Qt::StringLiterals;

void RemedyCommand::start()
{
    m_group = args().value(u"group"_s).trimmed();
    const QStringList instances = args().items(u"instance"_s);
    QStringList problems { LifecycleValidation::groupNameError(m_group) };
    if (instances.isEmpty())
        problems.append(tr("--instance needs at least one instance ID"));
    for (const QString& id : instances)
        problems.append(LifecycleValidation::instanceIdShapeError(id));
    if (!failUsageOnFirst(problems) || !parse())
        return;
    for (const QString& id : instances) {
        if (std::none_of(m_items.cbegin(), m_items.cend(), [&id](const Item& item) { return item.instanceId == id; })) {
            Item item;
            item.instanceId = id;
            m_items.append(item);
        }
    }
    withSession([this](AwsSession* session) {
        m_session = session;
        // Refused before any read, as ActionController refuses in the GUI: read-only sends nothing that changes.
        if (session->isReadOnly()) {
            failWith(CliExit::Usage, tr("read-only mode: nothing was sent"));
            return;
        }
        SessionIdentity::whenKnown(session, this, [this, session] {
            readGroup(session, [this, session](bool found) {
                if (!found) {
                    failWith(CliExit::Usage,
                        tr("Auto Scaling group %1 does not exist in this account and region; nothing was sent")
                            .arg(m_group));
                    return;
                }
                m_before = m_after;
                if (!refuseWrongTargets() || !confirmed())
                    return;
                QString problem;
                for (Item& item : m_items) {
                    item.auditId = AuditLog::newId();
                    // The intent is on disk before the request leaves, or the request does not leave.
                    if (!writeAudit(item, u"intent"_s, &problem)) {
                        failWith(CliExit::OutcomeNotRecorded, tr("audit log: %1; nothing was sent").arg(problem));
                        return;
                    }
                }
                send(session, [this, session] { readBack(session); });
            });
        });
    });
}

void RemedyCommand::readGroup(AwsSession* session, const std::function<void(bool)>& then)
{
    DescribeGroupsRequest request;
    request.groupNames = { m_group };
    onSuccess(session->autoScaling()->describeAutoScalingGroups(request),
        [this, then](ResultJob<QList<AutoScalingGroup>>* job) {
            const QList<AutoScalingGroup>& groups = job->result();
            const bool found = !groups.isEmpty() && groups.constFirst().name == m_group;
            if (found)
                m_after = groups.constFirst();
            then(found);
        });
}

bool RemedyCommand::refuseWrongTargets()
{
    QStringList strangers;
    for (const Item& item : std::as_const(m_items)) {
        if (!Remediation::instanceIn(m_before, item.instanceId))
            strangers.append(item.instanceId);
    }
    if (!strangers.isEmpty()) {
        failWith(CliExit::Usage,
            tr("not an instance of group %1: %2; nothing was sent").arg(m_group, strangers.join(u", "_s)));
        return false;
    }
    const QString problem = targetProblem(m_before);
    if (problem.isEmpty())
        return true;
    failWith(CliExit::Usage, tr("%1; nothing was sent").arg(problem));
    return false;
}

void RemedyCommand::sendEach(const std::function<AwsJob*(Item&)>& request, const std::function<void()>& done, int index)
{
    if (index >= m_items.size()) {
        done();
        return;
    }
    AwsJob* job = request(m_items[index]);
    connect(job, &AwsJob::finished, this, [this, job, request, done, index] {
        Item& item = m_items[index];
        item.requestId = job->requestId();
        item.error = job->error();
        sendEach(request, done, index + 1);
    });
}

QString RemedyCommand::targetProblem(const AutoScalingGroup& group) const
{
    // The checks AWS makes, made first so that a refusal costs no request and no audit record.
    const Remediation::Request request = remedy();
    QStringList wrong;
    for (const QString& id : request.instanceIds) {
        const GroupInstance* instance = Remediation::instanceIn(group, id);
        if (instance && !Remediation::stateRefusal(request.operation, instance->lifecycleState).isEmpty())
            wrong.append(tr("%1 is %2").arg(id, instance->lifecycleState));
    }
    if (!wrong.isEmpty())
        return Remediation::stateRule(request.operation) + u": "_s + wrong.join(u", "_s);
    return Remediation::groupRefusal(request, group);
}

QStringList RemedyCommand::targetIds() const
{
    QStringList ids;
    for (const Item& item : m_items)
        ids.append(item.instanceId);
    return ids;
}

CliOption RemedyCommand::decrementOption()
{
    return CliOption::flag(u"decrement-desired-capacity"_s,
        QCoreApplication::translate(
            "CliCommands", "Lower the desired capacity instead of letting the group launch a replacement"));
}

QList<CliOption> RemedyCommand::targetOptions()
{
    return {
        CliOption::text(u"group"_s, u"G"_s, QCoreApplication::translate("CliCommands", "Auto Scaling group"))
            .asRequired(),
        CliOption::words(u"instance"_s, u"I"_s,
            QCoreApplication::translate(
                "CliCommands", "Instance ID(s) of the group; repeat the option or list several after it"))
            .asRequired(),
        CliOption::flag(u"yes"_s, QCoreApplication::translate("CliCommands", "Do not ask for confirmation")),
    };
}

bool RemedyCommand::confirmed()
{
    const QString sentence = consequences(m_before);
    context()->printNote(sentence);
    if (mayProceedWithoutAsking(why()))
        return true;
    if (isFinished())
        return false;
    return confirm(tr("Type the group name to go ahead:"), m_group);
}

bool RemedyCommand::writeAudit(const Item& item, const QString& phase, QString* problem)
{
    AuditLog* audit = context()->auditLog();
    if (!audit)
        return true;
    AuditRecord record = auditRecord(m_session, phase, actionName(), m_group);
    record.instance = item.instanceId;
    record.id = item.auditId;
    record.note = auditNote();
    if (phase == "outcome"_L1) {
        record.requestId = item.requestId;
        record.outcome = item.outcome;
        record.error = item.error.isError() ? item.error.toString() : QString();
        record.verified = item.verified;
        if (!item.message.isEmpty())
            record.note += u"; "_s + item.message;
    }
    return audit->append(record, problem);
}

void RemedyCommand::readBack(AwsSession* session)
{
    DescribeGroupsRequest request;
    request.groupNames = { m_group };
    auto* job = session->autoScaling()->describeAutoScalingGroups(request);
    connect(job, &AwsJob::finished, this, [this, job] {
        const bool read = !job->hasError() && !job->result().isEmpty();
        if (read)
            m_after = job->result().constFirst();
        for (Item& item : m_items) {
            const GroupInstance* instance = Remediation::instanceIn(m_after, item.instanceId);
            item.state = instance ? instance->lifecycleState : QString();
            const bool shows = read && applied(instance, m_after);
            // The read-back decides: an error whose change is visible was applied (a lost answer to a retry); an
            // accepted request the group does not show (or that could not be read back) is not reported as done.
            const Remediation::Verdict verdict = Remediation::decide(read, job->error().message, shows, item.error);
            item.outcome = Remediation::outcomeName(verdict.outcome);
            item.verified = verdict.verified;
            item.message = verdict.message;
            QString problem;
            (void)writeAudit(item, u"outcome"_s, &problem); // kept in memory on failure; report() says so
        }
        report();
    });
}

void RemedyCommand::report()
{
    const QString auditProblem = unrecordedAudit();
    const auto count = [this](const QString& outcome) {
        return int(std::count_if(
            m_items.cbegin(), m_items.cend(), [&outcome](const Item& item) { return item.outcome == outcome; }));
    };
    if (context()->json()) {
        QJsonArray list;
        for (const Item& item : std::as_const(m_items)) {
            list.append(QJsonObject {
                { u"instanceId"_s, item.instanceId },
                { u"outcome"_s, item.outcome },
                { u"verified"_s, item.verified },
                { u"state"_s, CliJson::text(item.state) },
                { u"message"_s, CliJson::text(item.message) },
                { u"requestId"_s, CliJson::text(item.requestId) },
                { u"activityId"_s, CliJson::text(item.activityId) },
                { u"error"_s, item.error.isError() ? QJsonValue(CliJson::error(item.error)) : QJsonValue() },
            });
        }
        const int verified
            = int(std::count_if(m_items.cbegin(), m_items.cend(), [](const Item& item) { return item.verified; }));
        QJsonObject document {
            { u"operation"_s, operation() },
            { u"group"_s, m_group },
            { u"items"_s, list },
            { u"summary"_s,
                QJsonObject { { u"total"_s, int(m_items.size()) }, { u"done"_s, count(u"done"_s) },
                    { u"failed"_s, count(u"failed"_s) }, { u"unknown"_s, count(u"unknown"_s) },
                    { u"verified"_s, verified } } },
        };
        addJsonFields(document);
        context()->printJson(document);
    } else {
        CliTable table({ { tr("INSTANCE") }, { tr("OUTCOME") }, { tr("STATE") },
            { tr("DETAIL"), CliTable::Align::Left, true, 16 } });
        for (const Item& item : std::as_const(m_items)) {
            const QString detail = !item.message.isEmpty() ? item.message
                : item.error.isError()                     ? item.error.toString()
                                                           : tr("request %1").arg(item.requestId);
            // ✓: reading the group back confirmed the outcome.
            table.addRow({ item.instanceId, item.outcome + (item.verified ? u" ✓"_s : QString()),
                item.state.isEmpty() ? u"-"_s : item.state, detail });
        }
        context()->printTable(table);
    }
    finishReported(exitCode(), auditProblem);
}

CliExit RemedyCommand::exitCode() const
{
    const auto done = [](const Item& item) { return item.outcome == u"done"_s; };
    if (std::all_of(m_items.cbegin(), m_items.cend(), done))
        return CliExit::Ok;
    if (m_items.size() == 1) {
        const Item& item = m_items.constFirst();
        return item.error.isError() ? exitCodeFor(item.error) : CliExit::AwsError;
    }
    return CliExit::PartialFailure;
}
