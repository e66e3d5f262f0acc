// MainWindow: the remediation actions (issue 12 item 4) on instances of one group, from the Instances tab, the
// Pending actions tab (Terminate on Terminating:Retained rows too) and the Actions menu: Terminate…, Set health ▸,
// Standby ▸, Scale-in protection ▸. Each is enabled only where AWS accepts it (Remediation::stateRefusal()), says
// why when it is not, is confirmed in words (RemedyConfirmDialog) and runs as a RemediationRunner job: one instance
// reports in the status bar, several in the progress view; the runner refreshes the group afterwards.
#include "instancelistmodel.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"
#include "remediationrunner.h"
#include "remedyconfirmdialog.h"
#include "textfilterproxymodel.h"

#include <QAction>
#include <QItemSelectionModel>
#include <QMenu>
#include <QTabWidget>
#include <QTreeView>

using namespace Qt::StringLiterals;

using Operation = Remediation::Operation;

namespace {
constexpr Operation kOperations[] = { Operation::Terminate, Operation::SetHealthy, Operation::SetUnhealthy,
    Operation::EnterStandby, Operation::ExitStandby, Operation::ProtectOn, Operation::ProtectOff };
constexpr char kBaseTip[] = "hookdeskToolTip";
} // namespace

void MainWindow::createRemedyActions()
{
    struct Spec {
        Operation operation;
        QString name;
        QString text;
        QKeySequence shortcut;
        QString tip;
    };
    const Spec specs[] = {
        { Operation::Terminate, u"terminateAction"_s, tr("&Terminate…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_T),
            tr("Terminate the selected instances (their group launches replacements unless you decrement)") },
        { Operation::SetHealthy, u"setHealthyAction"_s, tr("&Healthy…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Y),
            tr("Mark the selected instances Healthy") },
        { Operation::SetUnhealthy, u"setUnhealthyAction"_s, tr("&Unhealthy…"),
            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_U),
            tr("Mark the selected instances Unhealthy: their group replaces them") },
        { Operation::EnterStandby, u"enterStandbyAction"_s, tr("&Enter…"),
            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_B), tr("Move the selected InService instances to standby") },
        { Operation::ExitStandby, u"exitStandbyAction"_s, tr("E&xit…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_I),
            tr("Return the selected standby instances to service") },
        { Operation::ProtectOn, u"protectOnAction"_s, tr("O&n…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O),
            tr("Protect the selected instances from scale-in") },
        { Operation::ProtectOff, u"protectOffAction"_s, tr("O&ff…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_F),
            tr("Remove scale-in protection from the selected instances") },
    };
    for (const Spec& spec : specs) {
        auto* action = new QAction(spec.text, this);
        action->setObjectName(spec.name);
        action->setShortcut(spec.shortcut);
        const QString tip = u"%1 (%2)"_s.arg(spec.tip, spec.shortcut.toString(QKeySequence::NativeText));
        action->setToolTip(tip);
        action->setStatusTip(tip);
        action->setProperty(kBaseTip, tip);
        const Operation operation = spec.operation;
        connect(action, &QAction::triggered, this, [this, operation] { runRemediation(operation); });
        m_remedyActions.append(action);
    }
    const auto submenu
        = [this](const QString& name, const QString& title, std::initializer_list<Operation> operations) {
              auto* menu = new QMenu(title, this);
              menu->setObjectName(name);
              menu->setToolTipsVisible(true); // a disabled entry says why in its tooltip
              for (const Operation operation : operations)
                  menu->addAction(remedyAction(operation));
              m_remedyMenus.append(menu);
          };
    submenu(u"healthMenu"_s, tr("Set h&ealth"), { Operation::SetHealthy, Operation::SetUnhealthy });
    submenu(u"standbyMenu"_s, tr("Stand&by"), { Operation::EnterStandby, Operation::ExitStandby });
    submenu(u"protectionMenu"_s, tr("Scale-in &protection"), { Operation::ProtectOn, Operation::ProtectOff });
}

QAction* MainWindow::remedyAction(Operation operation) const
{
    const auto* found = std::find(std::begin(kOperations), std::end(kOperations), operation);
    return m_remedyActions.value(int(found - std::begin(kOperations)));
}

QList<QAction*> MainWindow::remedyMenuActions() const
{
    QList<QAction*> actions { remedyAction(Operation::Terminate) };
    for (QMenu* menu : m_remedyMenus)
        actions.append(menu->menuAction());
    return actions;
}

void MainWindow::setUpInstanceContextMenu()
{
    m_instanceView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_instanceView, &QWidget::customContextMenuRequested, this, [this](const QPoint& pos) {
        QList<QAction*> actions = remedyMenuActions();
        actions << nullptr << m_refreshAction;
        popUpMenu(m_instanceView, pos, actions);
    });
}

QList<GroupInstance> MainWindow::selectedInstances() const
{
    QList<GroupInstance> selected;
    const bool pendingTab = m_tabs->currentWidget() == m_pendingView;
    QTreeView* view = pendingTab ? m_pendingView : m_tabs->currentWidget() == m_instanceView ? m_instanceView : nullptr;
    if (!view || !view->selectionModel() || !m_store)
        return selected;
    QModelIndexList rows = view->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex& a, const QModelIndex& b) { return a.row() < b.row(); });
    for (const QModelIndex& index : std::as_const(rows)) {
        GroupInstance instance;
        if (pendingTab) {
            const auto action = index.data(PendingActionModel::PendingActionRole).value<PendingAction>();
            const GroupSnapshot* snapshot = m_store->group(action.groupName);
            const GroupInstance* known = snapshot ? snapshot->instance(action.instanceId) : nullptr;
            instance = known ? *known : GroupInstance {};
            instance.instanceId = action.instanceId;
            instance.groupName = action.groupName;
            instance.lifecycleState = action.lifecycleState;
        } else if (m_instanceModel) {
            instance = m_instanceModel->instanceAt(m_instanceProxy->mapToSource(index).row());
        }
        if (!instance.instanceId.isEmpty())
            selected.append(instance);
    }
    return selected;
}

void MainWindow::updateRemedyActions(bool writable)
{
    const QList<GroupInstance> selected = selectedInstances();
    QStringList groups;
    for (const GroupInstance& instance : selected) {
        if (!groups.contains(instance.groupName))
            groups.append(instance.groupName);
    }
    QString reason;
    if (m_session && isReadOnly())
        reason = tr("Read-only mode is on: turn it off to act.");
    else if (groups.size() > 1)
        reason = tr("Select instances of one group: the selection spans %1.").arg(groups.join(u", "_s));
    for (const Operation operation : kOperations) {
        QAction* action = remedyAction(operation);
        QString why = reason;
        for (qsizetype i = 0; why.isEmpty() && i < selected.size(); ++i) {
            const QString refusal = Remediation::stateRefusal(operation, selected.at(i).lifecycleState);
            if (!refusal.isEmpty())
                why = tr("%1: %2").arg(selected.at(i).instanceId, refusal);
        }
        action->setEnabled(writable && !selected.isEmpty() && why.isEmpty());
        const QString tip = why.isEmpty() ? action->property(kBaseTip).toString() : why;
        action->setToolTip(tip);
        action->setStatusTip(tip);
    }
}

void MainWindow::runRemediation(Operation operation)
{
    updateActions();
    QAction* action = remedyAction(operation);
    const QList<GroupInstance> selected = selectedInstances();
    if (!m_remediation || !m_store || isReadOnly() || selected.isEmpty() || !action->isEnabled())
        return;
    Remediation::Request request;
    request.operation = operation;
    request.groupName = selected.constFirst().groupName;
    for (const GroupInstance& instance : selected)
        request.instanceIds.append(instance.instanceId);
    const GroupSnapshot* snapshot = m_store->group(request.groupName);
    AutoScalingGroup group = snapshot ? snapshot->group : AutoScalingGroup {};
    group.name = request.groupName;
    auto* dialog = new RemedyConfirmDialog(request, group, this);
    if (m_session)
        dialog->setConnection(m_session->account(), m_session->region());
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        if (!m_remediation || isReadOnly())
            return;
        const Remediation::Request confirmed = dialog->request();
        BulkActionJob* job = m_remediation->run(confirmed);
        const QString label = Remediation::label(confirmed.operation);
        if (confirmed.instanceIds.size() == 1) {
            LifecycleTarget target;
            target.groupName = confirmed.groupName;
            target.instanceId = confirmed.instanceIds.constFirst();
            startInlineJob(job, label, target);
        } else {
            startJob(job, label);
        }
    });
    openDialog(dialog);
}

void MainWindow::attachRemediation()
{
    m_remediation = new RemediationRunner(m_session, m_store, m_audit, this);
    connect(m_remediation, &RemediationRunner::jobStarted, this, &MainWindow::jobStarted);
}
