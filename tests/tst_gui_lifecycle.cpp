// The window against the in-process simulator: what an operator does at 3 a.m., driven through the real dialogs.
#include "auditlog.h"
#include "autoscalingclient.h"
#include "bulkprogressdialog.h"
#include "confirmactiondialog.h"
#include "credentialprovider.h"
#include "deletehookdialog.h"
#include "hookeditordialog.h"
#include "hooklistmodel.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "notificationdialog.h"
#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "simulatorfixture.h"
#include "tst_gui_simwindow.h"

#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {
template <typename T> T* openDialog(QWidget* window)
{
    const QList<T*> dialogs = window->findChildren<T*>();
    for (T* dialog : dialogs) {
        if (dialog->isVisible())
            return dialog;
    }
    return nullptr;
}
} // namespace

class TestGuiLifecycle : public QObject {
    Q_OBJECT
private:
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<StaticCredentialProvider> m_credentials;
    std::unique_ptr<MainWindow> m_window;
    QTemporaryDir m_dir;
    QStringList m_mutating; // mutating actions the simulator answered
    // The outcome of the last job the window started, copied when it finishes (the window may delete the job).
    QList<BulkActionJob::Item> m_items;
    bool m_jobDone = false;

    int outcome(BulkActionJob::ItemState state) const
    {
        return int(std::count_if(m_items.cbegin(), m_items.cend(),
            [state](const BulkActionJob::Item& item) { return item.state == state; }));
    }

    // Group "web" with a launch hook and `waiting` instances in Pending:Wait.
    void startSimulator(int waiting)
    {
        m_sim = std::make_unique<SimulatorFixture>();
        QString error;
        QVERIFY2(m_sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().createGroup(u"web"_s, 0, 10, 0), &error), qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().putLifecycleHook(u"web"_s, u"warm-up"_s,
                               QString::fromLatin1(LifecycleTransition::Launching), 3600, u"ABANDON"_s),
                     &error),
            qPrintable(error));
        QVERIFY2(succeeded(m_sim->simulator().setDesiredCapacity(u"web"_s, waiting), &error), qPrintable(error));
        m_sim->simulator().advance(10);
        QCOMPARE(m_sim->simulator().pendingActions(u"web"_s).size(), waiting);
        connect(&m_sim->simulator(), &Simulator::requestServed, this, [this](const QString& action, int) {
            static const QStringList mutating { u"CompleteLifecycleAction"_s, u"RecordLifecycleActionHeartbeat"_s,
                u"PutLifecycleHook"_s, u"DeleteLifecycleHook"_s };
            if (mutating.contains(action))
                m_mutating << action;
        });
    }

    void openWindow(int expectedPending)
    {
        m_credentials = std::make_unique<StaticCredentialProvider>(m_sim->credentials());
        m_window = std::make_unique<MainWindow>();
        m_window->setAuditLogPath(m_dir.filePath(u"audit.jsonl"_s));
        connect(m_window.get(), &MainWindow::jobStarted, this, [this](BulkActionJob* job) {
            m_jobDone = false;
            m_items.clear();
            connect(job, &BulkActionJob::finished, this, [this](BulkActionJob* finished) {
                m_items = finished->items();
                m_jobDone = true;
            });
        });
        openSimWindow(m_window.get(), m_credentials.get(), *m_sim, expectedPending);
    }

    QStringList waitingInstances() const
    {
        QStringList ids;
        for (const SimPendingAction& action : m_sim->simulator().pendingActions(u"web"_s))
            ids << action.instanceId;
        return ids;
    }

    QList<LifecycleHook> hooksAtSimulator()
    {
        auto* job = m_window->session()->autoScaling()->describeLifecycleHooks(u"web"_s);
        job->setAutoDelete(false);
        QSignalSpy spy(job, &AwsJob::finished);
        [&] { QVERIFY(spy.wait(10000)); }();
        const QList<LifecycleHook> hooks = job->result();
        delete job;
        return hooks;
    }

    bool selectHook(const QString& name)
    {
        m_window->tabs()->setCurrentIndex(2);
        QAbstractItemModel* model = m_window->hookView()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QModelIndex index = model->index(row, 0);
            if (index.data(HookListModel::HookNameRole).toString() == name) {
                m_window->hookView()->selectionModel()->setCurrentIndex(
                    index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
                return true;
            }
        }
        return false;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        m_window.reset();
        m_credentials.reset();
        m_sim.reset();
        m_mutating.clear();
    }

    void continueOneInstanceGoesInService()
    {
        startSimulator(1);
        openWindow(1);
        const QString id = waitingInstances().value(0);
        QVERIFY(m_window->selectPending(u"web"_s, id));
        QVERIFY(m_window->findChild<QAction*>(u"continueAction"_s)->isEnabled());
        m_window->continueSelected();
        auto* confirm = openDialog<ConfirmActionDialog>(m_window.get());
        QVERIFY(confirm);
        // One CONTINUE is not destructive: no typing, and the dialog says what happens on launch.
        QVERIFY(!confirm->requiresTypedCount());
        QVERIFY(confirm->explanationText().contains(u"InService"_s));
        QVERIFY(confirm->confirmButton()->isEnabled());
        confirm->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_jobDone, 10000);
        QCOMPARE(outcome(BulkActionJob::ItemState::Done), 1);
        // The state the confirmation showed goes with the request: the controller refuses if it changed meanwhile.
        QCOMPARE(m_items.first().target.confirmedState, u"Pending:Wait"_s);
        QVERIFY(m_items.first().verified);
        m_sim->simulator().advance(10); // Pending:Proceed → InService on the simulated clock
        QCOMPARE(m_sim->simulator().lifecycleState(id), u"InService"_s);
        QCOMPARE(m_mutating, QStringList { u"CompleteLifecycleAction"_s });
    }

    // `hookdesk-cli heartbeat` run beside the window writes to the same audit log; with the next refresh the window's
    // countdown restarts from that heartbeat (AWS reports none), as if the window had sent it itself.
    void aHeartbeatFromTheCliRestartsTheWindowsCountdown()
    {
        startSimulator(1);
        openWindow(1);
        const QString id = waitingInstances().value(0);
        auto lastHeartbeat = [&] {
            const QAbstractItemModel* model = m_window->pendingView()->model();
            for (int row = 0; row < model->rowCount(); ++row) {
                const auto action
                    = model->index(row, 0).data(PendingActionModel::PendingActionRole).value<PendingAction>();
                if (action.instanceId == id)
                    return action.estimate.lastHeartbeat;
            }
            return QDateTime();
        };
        QVERIFY(!lastHeartbeat().isValid());

        AuditLog cli(m_dir.filePath(u"audit.jsonl"_s));
        AuditRecord record;
        record.time = QDateTime::currentDateTimeUtc();
        record.phase = u"intent"_s;
        record.profile = u"test"_s;
        record.region = m_sim->simulator().options().region;
        record.action = u"RecordLifecycleActionHeartbeat"_s;
        record.group = u"web"_s;
        record.hook = u"warm-up"_s;
        record.instance = id;
        QVERIFY(cli.append(record));
        const QDateTime sent = record.time;
        record.time = sent.addMSecs(40);
        record.phase = u"outcome"_s;
        record.outcome = u"done"_s;
        QVERIFY(cli.append(record));

        QSignalSpy refreshed(m_window->store(), &InventoryStore::refreshFinished);
        QVERIFY(m_window->store()->refresh());
        QVERIFY(refreshed.wait(10000));
        QCOMPARE(lastHeartbeat(), sent);
        // … and the audit view lists what the CLI did.
        const auto* audit = m_window->findChild<QAbstractItemView*>(u"auditView"_s);
        QVERIFY(audit);
        const QAbstractItemModel* records = audit->model();
        int rowsForInstance = 0;
        for (int row = 0; row < records->rowCount(); ++row) {
            for (int column = 0; column < records->columnCount(); ++column) {
                if (records->index(row, column).data().toString() == id)
                    ++rowsForInstance;
            }
        }
        QCOMPARE(rowsForInstance, 2);
    }

    void bulkAbandonReportsAlreadyCompleted()
    {
        startSimulator(3);
        openWindow(3);
        m_window->pendingView()->selectAll();
        QCOMPARE(m_window->selectedTargets().size(), 3);
        m_window->abandonSelected();
        auto* confirm = openDialog<ConfirmActionDialog>(m_window.get());
        QVERIFY(confirm);
        QVERIFY(confirm->requiresTypedCount());
        QVERIFY(!confirm->confirmButton()->isEnabled());
        confirm->setTypedConfirmation(u"2"_s);
        QVERIFY(!confirm->confirmButton()->isEnabled());
        confirm->setTypedConfirmation(u"3"_s);
        QVERIFY(confirm->confirmButton()->isEnabled());

        // Meanwhile someone else (or their agent) finishes one of them.
        const QString gone = waitingInstances().value(0);
        auto* other = m_window->session()->autoScaling()->completeLifecycleAction(
            { u"web"_s, u"warm-up"_s, gone, {} }, u"CONTINUE"_s);
        other->setAutoDelete(false);
        QSignalSpy otherDone(other, &AwsJob::finished);
        QVERIFY(otherDone.wait(10000));
        QVERIFY(!other->hasError());
        delete other;
        m_mutating.clear();

        confirm->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_jobDone, 10000);
        QCOMPARE(outcome(BulkActionJob::ItemState::Done), 2);
        QCOMPARE(outcome(BulkActionJob::ItemState::AlreadyCompleted), 1);
        QCOMPARE(outcome(BulkActionJob::ItemState::Failed), 0);
        auto* progress = openDialog<BulkProgressDialog>(m_window.get());
        QVERIFY(progress);
        QVERIFY2(progress->summaryText().contains(u"2 done"_s), qPrintable(progress->summaryText()));
        QVERIFY2(progress->summaryText().contains(u"1 already completed"_s), qPrintable(progress->summaryText()));
        QVERIFY(!progress->retryButton()->isVisible());
        QVERIFY(m_sim->simulator().pendingActions(u"web"_s).isEmpty());
    }

    void hookCreateEditDeleteRoundTrip()
    {
        startSimulator(0);
        openWindow(0);
        QTRY_VERIFY(m_window->findChild<QAction*>(u"newHookAction"_s)->isEnabled());
        m_window->newHook();
        // The window deletes its dialogs once they close, so hold them through QPointer.
        QPointer<HookEditorDialog> editor = openDialog<HookEditorDialog>(m_window.get());
        QVERIFY(editor);
        editor->setGroupName(u"web"_s);
        editor->setHookName(u"bad name!"_s);
        QVERIFY(!editor->saveButton()->isEnabled());
        QVERIFY(!editor->fieldError(u"name"_s).isEmpty());
        editor->setHookName(u"drain"_s);
        editor->setTransition(QString::fromLatin1(LifecycleTransition::Terminating));
        editor->setHeartbeatTimeout(300);
        editor->setDefaultResult(u"CONTINUE"_s);
        QVERIFY(editor->fieldError(u"name"_s).isEmpty());
        QVERIFY(editor->saveButton()->isEnabled());
        editor->saveButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(editor.isNull() || !editor->isVisible(), 10000);
        auto find = [](const QList<LifecycleHook>& hooks, const QString& name) {
            for (const LifecycleHook& hook : hooks) {
                if (hook.name == name)
                    return hook;
            }
            return LifecycleHook {};
        };
        LifecycleHook created = find(hooksAtSimulator(), u"drain"_s);
        QCOMPARE(created.name, u"drain"_s);
        QCOMPARE(created.heartbeatTimeout, 300);
        QCOMPARE(created.defaultResult, u"CONTINUE"_s);
        QCOMPARE(created.globalTimeout, 30000);

        QTRY_VERIFY_WITH_TIMEOUT(selectHook(u"drain"_s), 10000);
        m_window->editHook();
        editor = openDialog<HookEditorDialog>(m_window.get());
        QVERIFY(editor);
        QVERIFY(editor->isEditing());
        editor->setHeartbeatTimeout(600);
        editor->saveButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_jobDone, 10000);
        if (!m_items.isEmpty())
            QVERIFY2(outcome(BulkActionJob::ItemState::Done) == 1, qPrintable(m_items.first().message));
        QTRY_VERIFY_WITH_TIMEOUT(editor.isNull() || !editor->isVisible(), 10000);
        QCOMPARE(find(hooksAtSimulator(), u"drain"_s).heartbeatTimeout, 600);

        QTRY_VERIFY_WITH_TIMEOUT(selectHook(u"drain"_s), 10000);
        m_window->deleteHook();
        QPointer<DeleteHookDialog> del = openDialog<DeleteHookDialog>(m_window.get());
        QVERIFY(del);
        QVERIFY(!del->deleteButton()->isEnabled());
        del->setTypedConfirmation(u"drai"_s);
        QVERIFY(!del->deleteButton()->isEnabled());
        del->setTypedConfirmation(u"drain"_s);
        del->deleteButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(find(hooksAtSimulator(), u"drain"_s).name.isEmpty(), 10000);
        QCOMPARE(m_mutating, (QStringList { u"PutLifecycleHook"_s, u"PutLifecycleHook"_s, u"DeleteLifecycleHook"_s }));
    }

    void readOnlySendsNothing()
    {
        startSimulator(2);
        openWindow(2);
        m_window->setReadOnly(true);
        m_window->pendingView()->selectAll();
        for (const char* name : { "continueAction", "abandonAction", "heartbeatAction", "newHookAction",
                 "editHookAction", "deleteHookAction" })
            QVERIFY2(!m_window->findChild<QAction*>(QLatin1String(name))->isEnabled(), name);
        // Even a slot called directly (a shortcut, a script) opens nothing and sends nothing.
        m_window->continueSelected();
        m_window->abandonSelected();
        m_window->heartbeatSelected();
        QVERIFY(!openDialog<ConfirmActionDialog>(m_window.get()));
        // And the controller refuses on its own.
        BulkActionJob* job = m_window->actionController()->complete(
            { { u"web"_s, {}, waitingInstances().value(0), {} } }, u"CONTINUE"_s);
        QTRY_VERIFY_WITH_TIMEOUT(job->isFinished(), 10000);
        QCOMPARE(job->countIn(BulkActionJob::ItemState::Refused), 1);
        m_window->refreshNow();
        QTest::qWait(500);
        QVERIFY2(m_mutating.isEmpty(), qPrintable(m_mutating.join(u", "_s)));
        QCOMPARE(m_sim->simulator().pendingActions(u"web"_s).size(), 2);
    }

    void pastedNotificationFillsTheFormAndCompletes()
    {
        startSimulator(1);
        openWindow(1);
        const SimPendingAction action = m_sim->simulator().pendingActions(u"web"_s).value(0);
        // As an SQS message body arrives from Auto Scaling, wrapped in an SNS envelope.
        const QString inner
            = uR"({"Origin":"EC2","Destination":"AutoScalingGroup","Service":"AWS Auto Scaling",)"
              uR"("Time":"2026-11-26T03:00:00.000Z","AccountId":"123456789012",)"
              uR"("LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",)"
              uR"("AutoScalingGroupName":"web","LifecycleHookName":"warm-up",)"
              uR"("EC2InstanceId":"%1","LifecycleActionToken":"%2"})"_s.arg(action.instanceId, action.token);
        QString escaped = inner;
        escaped.replace(u"\""_s, u"\\\""_s);
        const QString sns
            = uR"({"Type":"Notification","MessageId":"1","TopicArn":"arn:aws:sns:us-east-1:123456789012:hooks",)"
              uR"("Message":"%1"})"_s.arg(escaped);

        m_window->completeFromNotification();
        auto* dialog = openDialog<NotificationDialog>(m_window.get());
        QVERIFY(dialog);
        QVERIFY(!dialog->completeButton()->isEnabled());
        dialog->setJson(u"{\"not\": \"a notification\"}"_s);
        QVERIFY(!dialog->completeButton()->isEnabled());
        dialog->setJson(sns);
        QCOMPARE(dialog->groupName(), u"web"_s);
        QCOMPARE(dialog->hookName(), u"warm-up"_s);
        QCOMPARE(dialog->instanceId(), action.instanceId);
        QCOMPARE(dialog->token(), action.token);
        QVERIFY(dialog->completeButton()->isEnabled());

        dialog->completeButton()->click(); // CONTINUE is preselected
        auto* confirm = openDialog<ConfirmActionDialog>(m_window.get());
        QVERIFY(confirm);
        confirm->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_jobDone, 10000);
        QCOMPARE(outcome(BulkActionJob::ItemState::Done), 1);
        QCOMPARE(m_items.first().target.token, action.token);
        m_sim->simulator().advance(10);
        QCOMPARE(m_sim->simulator().lifecycleState(action.instanceId), u"InService"_s);
    }

    void notificationFromAnotherAccountIsRefused()
    {
        startSimulator(1);
        openWindow(1);
        const SimPendingAction action = m_sim->simulator().pendingActions(u"web"_s).value(0);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->session()->account().isEmpty(), 10000);
        const QString json
            = uR"({"AccountId":"999999999999","LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",)"
              uR"("AutoScalingGroupName":"web","LifecycleHookName":"warm-up",)"
              uR"("EC2InstanceId":"%1","LifecycleActionToken":"%2"})"_s.arg(action.instanceId, action.token);
        m_window->completeFromNotification();
        auto* dialog = openDialog<NotificationDialog>(m_window.get());
        QVERIFY(dialog);
        dialog->setJson(json);
        QCOMPARE(dialog->groupName(), u"web"_s);
        QVERIFY(!dialog->completeButton()->isEnabled());
        QVERIFY(!dialog->heartbeatButton()->isEnabled());
        QVERIFY2(dialog->statusText().contains(u"account 999999999999"_s), qPrintable(dialog->statusText()));
        QVERIFY(dialog->completeButton()->toolTip().contains(u"999999999999"_s));
    }

    void madeUpTokenFailsAndTheRowKeepsItsHook()
    {
        // A wrong token answered "no active lifecycle action" while the instance still waits: failed, and the row
        // keeps the hook and its default result instead of dropping it as "already completed".
        startSimulator(1);
        openWindow(1);
        const SimPendingAction action = m_sim->simulator().pendingActions(u"web"_s).value(0);
        const PendingAction* before = m_window->store()->pendingAction(u"web"_s, action.instanceId);
        QVERIFY(before);
        const QString defaultBefore = before->defaultResult;
        const QStringList hooksBefore = before->hookNames();
        const QString json
            = uR"({"AccountId":"123456789012","LifecycleTransition":"autoscaling:EC2_INSTANCE_LAUNCHING",)"
              uR"("AutoScalingGroupName":"web","LifecycleHookName":"%1",)"
              uR"("EC2InstanceId":"%2","LifecycleActionToken":"11111111-2222-3333-4444-555555555555"})"_s.arg(
                  action.hookName, action.instanceId);
        m_window->completeFromNotification();
        auto* dialog = openDialog<NotificationDialog>(m_window.get());
        QVERIFY(dialog);
        dialog->setJson(json);
        QVERIFY(dialog->completeButton()->isEnabled());
        dialog->completeButton()->click();
        auto* confirm = openDialog<ConfirmActionDialog>(m_window.get());
        QVERIFY(confirm);
        confirm->confirmButton()->click();
        QTRY_VERIFY_WITH_TIMEOUT(m_jobDone, 10000);
        QCOMPARE(outcome(BulkActionJob::ItemState::Failed), 1);
        QCOMPARE(outcome(BulkActionJob::ItemState::AlreadyCompleted), 0);
        QCOMPARE(m_sim->simulator().lifecycleState(action.instanceId), u"Pending:Wait"_s);
        QTRY_VERIFY_WITH_TIMEOUT(!m_window->store()->isRefreshing(), 10000);
        const PendingAction* after = m_window->store()->pendingAction(u"web"_s, action.instanceId);
        QVERIFY(after);
        QCOMPARE(after->hookNames(), hooksBefore);
        QCOMPARE(after->defaultResult, defaultBefore);
    }
};

QTEST_MAIN(TestGuiLifecycle)
#include "tst_gui_lifecycle.moc"
