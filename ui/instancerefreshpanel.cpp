#include "instancerefreshpanel.h"

#include "autoscalingclient.h"
#include "awssession.h"
#include "detailspane.h"
#include "mainwindow.h"
#include "refreshconfirmdialog.h"

#include <QAction>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace {
const QString kCancelLink = u"hookdesk:cancel-refresh"_s;
const QString kRollbackLink = u"hookdesk:rollback-refresh"_s;
constexpr int ShownRefreshes = 3; // the newest; the CLI lists all of them

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}
} // namespace

InstanceRefreshPanel::InstanceRefreshPanel(MainWindow* window)
    : QObject(window)
    , m_window(window)
{
    m_cancelAction = new QAction(tr("Cancel instance re&fresh…"), this);
    m_cancelAction->setObjectName(u"cancelRefreshAction"_s);
    m_cancelAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_X));
    m_cancelAction->setToolTip(tr("Cancel the selected group's active instance refresh (%1)")
                                   .arg(m_cancelAction->shortcut().toString(QKeySequence::NativeText)));
    m_rollbackAction = new QAction(tr("Ro&ll back instance refresh…"), this);
    m_rollbackAction->setObjectName(u"rollbackRefreshAction"_s);
    m_rollbackAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_L));
    m_rollbackAction->setToolTip(tr("Roll back the selected group's active instance refresh (%1)")
                                     .arg(m_rollbackAction->shortcut().toString(QKeySequence::NativeText)));
    connect(m_cancelAction, &QAction::triggered, this, &InstanceRefreshPanel::cancelRefresh);
    connect(m_rollbackAction, &QAction::triggered, this, &InstanceRefreshPanel::rollbackRefresh);
    updateActions();
}

void InstanceRefreshPanel::setConnection(AwsSession* session, AuditLog* audit)
{
    m_session = session;
    m_audit = audit;
    m_group.clear();
    m_refreshes.clear();
    m_loaded = false;
    ++m_generation;
    if (session)
        connect(session, &AwsSession::readOnlyChanged, this, &InstanceRefreshPanel::updateActions);
    updateActions();
}

void InstanceRefreshPanel::showGroup(DetailsPane* details, const QString& group, const QList<GroupInstance>& instances)
{
    connect(details, &QTextBrowser::anchorClicked, this, &InstanceRefreshPanel::onLink, Qt::UniqueConnection);
    if (group != m_group) {
        m_group = group;
        m_refreshes.clear();
        m_loaded = false;
        m_error.clear();
        ++m_generation;
        m_loading = false;
    }
    m_instances = instances;
    updateActions();
    if (m_group.isEmpty() || !m_session)
        return;
    const bool stale = !m_readAt.isValid() || m_readAt.secsTo(QDateTime::currentDateTimeUtc()) >= MaxAgeSeconds;
    if (!m_loading && (!m_loaded || stale))
        load();
    details->append(html());
}

void InstanceRefreshPanel::load()
{
    m_loading = true;
    const int generation = m_generation;
    auto* job = m_session->autoScaling()->describeInstanceRefreshes(m_group);
    connect(job, &AwsJob::finished, this, [this, job, generation] {
        if (generation != m_generation)
            return;
        m_loading = false;
        m_readAt = QDateTime::currentDateTimeUtc();
        if (job->hasError()) {
            m_error = job->error().message;
        } else {
            m_error.clear();
            m_refreshes = job->result();
            m_loaded = true;
        }
        updateActions();
        Q_EMIT changed();
    });
}

QString InstanceRefreshPanel::html() const
{
    QString html = u"<p><b>"_s + esc(tr("Instance refreshes")) + u"</b><br>"_s;
    if (!m_loaded) {
        html += esc(m_error.isEmpty() ? tr("Reading the group's instance refreshes…")
                                      : tr("Could not read the instance refreshes: %1").arg(m_error));
        return html + u"</p>"_s;
    }
    if (m_refreshes.isEmpty())
        return html + esc(tr("None in the last six weeks.")) + u"</p>"_s;
    QStringList lines;
    for (qsizetype i = 0; i < m_refreshes.size() && i < ShownRefreshes; ++i) {
        const InstanceRefresh& refresh = m_refreshes.at(i);
        QString line = tr("%1 · <b>%2</b> · %3% done · %4 to update")
                           .arg(esc(refresh.instanceRefreshId), esc(refresh.status))
                           .arg(refresh.percentageComplete.value_or(0))
                           .arg(refresh.instancesToUpdate.value_or(0));
        if (refresh.waitsOnLifecycleActions(m_instances)) {
            const QStringList waiting = refresh.waitingInstances(m_instances);
            // The reason a rollout stalls: the one thing in this section that needs the operator.
            line += u"<br><span style=\"color:#b3261e\"><b>"_s
                + esc(waiting.isEmpty() ? tr("Waiting on lifecycle actions.")
                                        : tr("Waiting on lifecycle actions of %1.").arg(waiting.join(u", "_s)))
                + u"</b></span>"_s;
        }
        if (!refresh.statusReason.isEmpty())
            line += u"<br>"_s + esc(refresh.statusReason);
        if (refresh.rollbackStartTime.isValid())
            line += u"<br>"_s + esc(tr("Rolled back: %1").arg(refresh.rollbackReason));
        lines.append(line);
    }
    html += lines.join(u"<br>"_s);
    if (m_cancelAction->isEnabled() || m_rollbackAction->isEnabled()) {
        QStringList links;
        if (m_cancelAction->isEnabled())
            links.append(u"<a href=\"%1\">%2</a>"_s.arg(kCancelLink, esc(tr("Cancel refresh"))));
        if (m_rollbackAction->isEnabled())
            links.append(u"<a href=\"%1\">%2</a>"_s.arg(kRollbackLink, esc(tr("Roll back refresh"))));
        html += u"<br>"_s + links.join(u" · "_s);
    }
    return html + u"</p>"_s;
}

void InstanceRefreshPanel::updateActions()
{
    const bool writable = m_session && !m_session->isReadOnly();
    const std::optional<InstanceRefresh> active = activeRefresh(m_refreshes);
    using Operation = InstanceRefreshAction::Operation;
    m_cancelAction->setEnabled(
        writable && active && InstanceRefreshAction::refusal(Operation::Cancel, m_group, active).isEmpty());
    m_rollbackAction->setEnabled(
        writable && active && InstanceRefreshAction::refusal(Operation::Rollback, m_group, active).isEmpty());
}

void InstanceRefreshPanel::onLink(const QUrl& url)
{
    if (url.toString() == kCancelLink)
        cancelRefresh();
    else if (url.toString() == kRollbackLink)
        rollbackRefresh();
}

void InstanceRefreshPanel::cancelRefresh()
{
    confirm(InstanceRefreshAction::Operation::Cancel);
}

void InstanceRefreshPanel::rollbackRefresh()
{
    confirm(InstanceRefreshAction::Operation::Rollback);
}

void InstanceRefreshPanel::confirm(InstanceRefreshAction::Operation operation)
{
    // Refused here too (not only by the disabled action): a link or a script may still ask.
    if (!m_session || m_session->isReadOnly()) {
        Q_EMIT reported(tr("Read-only mode is on: nothing was sent."));
        return;
    }
    const std::optional<InstanceRefresh> active = activeRefresh(m_refreshes);
    if (const QString why = InstanceRefreshAction::refusal(operation, m_group, active); !why.isEmpty()) {
        Q_EMIT reported(why);
        return;
    }
    auto* dialog = new RefreshConfirmDialog(operation, *active, active->waitingInstances(m_instances), m_window);
    dialog->setConnection(m_session->account(), m_session->region());
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, operation, refresh = *active] { run(operation, refresh); });
    dialog->open();
}

void InstanceRefreshPanel::run(InstanceRefreshAction::Operation operation, const InstanceRefresh& refresh)
{
    if (!m_session || m_session->isReadOnly()) {
        Q_EMIT reported(tr("Read-only mode is on: nothing was sent."));
        return;
    }
    auto* action = new InstanceRefreshAction(m_session, m_audit, operation, refresh, this);
    QString problem;
    if (!action->start(&problem)) {
        Q_EMIT reported(tr("Audit log: %1; nothing was sent.").arg(problem));
        action->deleteLater();
        return;
    }
    connect(action, &InstanceRefreshAction::finished, this, [this, action] {
        const InstanceRefreshAction::Outcome& outcome = action->outcome();
        const QString name = InstanceRefreshAction::actionName(action->operation());
        QString text = tr("%1 %2: %3").arg(name, action->before().instanceRefreshId, outcome.outcome);
        if (outcome.verified)
            text += u" ✓ ("_s + outcome.after.status + u")"_s;
        if (!outcome.message.isEmpty())
            text += u" — "_s + outcome.message;
        else if (outcome.error.isError() && !outcome.verified)
            text += u" — "_s + outcome.error.toString();
        Q_EMIT reported(text);
        // What the read-back showed is the section's new state.
        if (!outcome.after.instanceRefreshId.isEmpty() && action->before().groupName == m_group) {
            for (InstanceRefresh& shown : m_refreshes) {
                if (shown.instanceRefreshId == outcome.after.instanceRefreshId)
                    shown = outcome.after;
            }
        }
        updateActions();
        Q_EMIT changed();
        action->deleteLater();
    });
}
