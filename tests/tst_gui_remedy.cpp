// The window's remediation actions against the in-process simulator: Terminate…, Set health ▸, Standby ▸ and
// Scale-in protection ▸ are enabled only for the states AWS accepts them in and for one group, say why otherwise,
// are disabled in read-only mode, and confirming one in its dialog (which states the decrement choice's effect)
// performs it on the simulator; a Terminating:Retained row of the pending view offers Terminate.
#include "bulkprogressdialog.h"
#include "instancelistmodel.h"
#include "remedyconfirmdialog.h"
#include "simengine.h"
#include "tst_gui_simwindow.h"

#include <QAction>
#include <QCheckBox>
#include <QItemSelectionModel>
#include <QMenu>
#include <QPushButton>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using Operation = Remediation::Operation;

namespace {
const QByteArray Scenario = R"({ "groups": [
  { "name": "web", "minSize": 0, "maxSize": 10,
    "instances": [ { "state": "InService", "count": 2 }, { "state": "Standby" } ] },
  { "name": "api", "minSize": 0, "maxSize": 10, "instances": [ { "state": "InService" } ] }
] })";
} // namespace

class TestGuiRemedy : public QObject {
    Q_OBJECT

    SimWindow m_sim;

    MainWindow* window() const { return m_sim.window.get(); }
    SimEngine& engine() { return m_sim.sim->simulator().engine(); }
    QAction* action(Operation operation) const { return window()->remedyAction(operation); }
    QStringList instancesIn(const QString& group, Lifecycle::State state)
    {
        QStringList ids;
        for (const SimInstanceInfo& info : m_sim.sim->simulator().instances(group)) {
            if (Lifecycle::parseState(info.lifecycleState) == state)
                ids << info.instanceId;
        }
        ids.sort();
        return ids;
    }
    // Shows `view`'s tab and selects the rows of `ids` (and only those); false when one is not listed.
    bool select(QTreeView* view, const QStringList& ids, int role)
    {
        window()->tabs()->setCurrentWidget(view);
        QItemSelection selection;
        for (const QString& id : ids) {
            const QModelIndexList found
                = view->model()->match(view->model()->index(0, 0), role, id, 1, Qt::MatchExactly);
            if (found.isEmpty())
                return false;
            selection.select(found.constFirst(), found.constFirst());
        }
        view->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        return true;
    }
    bool selectInstances(const QStringList& ids)
    {
        return select(window()->instanceView(), ids, InstanceListModel::InstanceIdRole);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void init()
    {
        m_sim.open(Scenario, 0);
        // Four seeded, and the replacement web launches for its Standby instance.
        QTRY_COMPARE_WITH_TIMEOUT(window()->instanceView()->model()->rowCount(), 5, 10000);
    }

    void cleanup() { m_sim.close(); }

    void enabledOnlyWhereAwsAcceptsThem()
    {
        QVERIFY(selectInstances({ instancesIn(u"web"_s, Lifecycle::State::InService).constFirst() }));
        for (const Operation operation : { Operation::Terminate, Operation::SetHealthy, Operation::SetUnhealthy,
                 Operation::EnterStandby, Operation::ProtectOn, Operation::ProtectOff })
            QVERIFY2(action(operation)->isEnabled(), qPrintable(Remediation::label(operation)));
        QVERIFY(!action(Operation::ExitStandby)->isEnabled());
        QVERIFY2(action(Operation::ExitStandby)->toolTip().contains(u"not in Standby"_s),
            qPrintable(action(Operation::ExitStandby)->toolTip()));

        QVERIFY(selectInstances(instancesIn(u"web"_s, Lifecycle::State::Standby)));
        QVERIFY(action(Operation::ExitStandby)->isEnabled());
        QVERIFY(!action(Operation::EnterStandby)->isEnabled());
        QVERIFY(action(Operation::EnterStandby)->statusTip().contains(u"can enter standby"_s));

        // Instances of two groups: nothing, with the reason.
        QVERIFY(selectInstances({ instancesIn(u"web"_s, Lifecycle::State::InService).constFirst(),
            instancesIn(u"api"_s, Lifecycle::State::InService).constFirst() }));
        QVERIFY(!action(Operation::Terminate)->isEnabled());
        QVERIFY(action(Operation::Terminate)->toolTip().contains(u"one group"_s));

        // Read-only: everything disabled, and it says so.
        QVERIFY(selectInstances({ instancesIn(u"web"_s, Lifecycle::State::InService).constFirst() }));
        window()->setReadOnly(true);
        for (const Operation operation :
            { Operation::Terminate, Operation::SetUnhealthy, Operation::EnterStandby, Operation::ProtectOn }) {
            QVERIFY(!action(operation)->isEnabled());
            QVERIFY(action(operation)->toolTip().contains(u"Read-only"_s));
        }
        // Triggered anyway (a stale shortcut): no dialog, nothing sent.
        action(Operation::Terminate)->trigger();
        QVERIFY(!visibleDialog<RemedyConfirmDialog>(window()));
        window()->setReadOnly(false);
        QVERIFY(action(Operation::Terminate)->isEnabled());

        // The Actions menu and the instance list's context menu hold them.
        const QMenu* standby = window()->findChild<QMenu*>(u"standbyMenu"_s);
        QVERIFY(standby);
        QVERIFY(standby->actions().contains(action(Operation::EnterStandby)));
        QVERIFY(window()->instanceView()->contextMenuPolicy() == Qt::CustomContextMenu);
    }

    void terminateConfirmedStatesTheDecrementChoice()
    {
        const QString id = instancesIn(u"web"_s, Lifecycle::State::InService).constFirst();
        const int desired = engine().group(u"web"_s)->desiredCapacity;
        QVERIFY(selectInstances({ id }));
        action(Operation::Terminate)->trigger();
        RemedyConfirmDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<RemedyConfirmDialog>(window())));
        QVERIFY2(dialog->explanationText().contains(u"This terminates %1 in web and the group launches a replacement "
                                                    "(desired capacity stays %2)"_s.arg(id)
                                                        .arg(desired)),
            qPrintable(dialog->explanationText()));
        QVERIFY(dialog->decrementBox());
        dialog->decrementBox()->setChecked(true);
        QVERIFY(dialog->explanationText().contains(
            u"lowers desired capacity from %1 to %2"_s.arg(desired).arg(desired - 1)));
        // Destructive: typed group name first.
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->setTypedConfirmation(u"api"_s);
        QVERIFY(!dialog->confirmButton()->isEnabled());
        dialog->setTypedConfirmation(u"web"_s);
        QVERIFY(dialog->confirmButton()->isEnabled());
        dialog->confirmButton()->click();

        QTRY_VERIFY_WITH_TIMEOUT(!engine().instance(id)
                || Lifecycle::transitionOf(engine().instance(id)->state) == Lifecycle::Transition::Terminate,
            10000);
        QCOMPARE(engine().group(u"web"_s)->desiredCapacity, desired - 1);
        // One instance: the outcome in the status bar, verified by the read-back.
        QTRY_VERIFY_WITH_TIMEOUT(window()->statusBar()->currentMessage().contains(u"done ✓"_s), 10000);
        QVERIFY(window()->statusBar()->currentMessage().contains(id));
    }

    void protectingSeveralShowsEachOutcome()
    {
        const QStringList ids = instancesIn(u"web"_s, Lifecycle::State::InService);
        QCOMPARE(ids.size(), 2);
        QVERIFY(selectInstances(ids));
        action(Operation::ProtectOn)->trigger();
        RemedyConfirmDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<RemedyConfirmDialog>(window())));
        QVERIFY(!dialog->decrementBox());
        QVERIFY(
            dialog->explanationText().contains(u"protects %1, %2 in web from scale-in"_s.arg(ids.at(0), ids.at(1))));
        QVERIFY(dialog->requiresTypedName()); // several instances
        dialog->setTypedConfirmation(u"web"_s);
        dialog->confirmButton()->click();
        BulkProgressDialog* progress = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((progress = visibleDialog<BulkProgressDialog>(window())), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(progress->job() && progress->job()->isFinished(), 10000);
        QCOMPARE(progress->job()->countIn(BulkActionJob::ItemState::Done), 2);
        QVERIFY(progress->itemText(0).startsWith(u"done ✓"_s));
        QVERIFY(progress->itemText(1).startsWith(u"done ✓"_s));
        for (const QString& id : ids)
            QVERIFY(engine().instance(id)->protectedFromScaleIn);
        // The inventory is read again: the Protected column follows.
        QTRY_VERIFY_WITH_TIMEOUT(window()->store()->group(u"web"_s)->instance(ids.at(0))->protectedFromScaleIn, 10000);
    }

    void cancellingSendsNothing()
    {
        const int before = engine().group(u"web"_s)->desiredCapacity;
        const QString id = instancesIn(u"web"_s, Lifecycle::State::Standby).constFirst();
        QVERIFY(selectInstances({ id }));
        action(Operation::ExitStandby)->trigger();
        RemedyConfirmDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<RemedyConfirmDialog>(window())));
        QVERIFY(dialog->explanationText().contains(u"desired capacity from %1 to %2"_s.arg(before).arg(before + 1)));
        dialog->reject();
        QTest::qWait(200);
        QCOMPARE(Lifecycle::parseState(m_sim.sim->simulator().lifecycleState(id)), Lifecycle::State::Standby);
    }

    void retainedRowOfferstTerminate()
    {
        const auto seeded = engine().seedInstance(u"api"_s, Lifecycle::State::TerminatingRetained, 60);
        QVERIFY(seeded.ok());
        const QString& id = seeded.value();
        window()->refreshNow();
        QTRY_COMPARE_WITH_TIMEOUT(window()->pendingView()->model()->rowCount(), 1, 10000);
        QVERIFY(window()->selectPending(u"api"_s, id));
        QVERIFY(action(Operation::Terminate)->isEnabled());
        QVERIFY(!action(Operation::ProtectOn)->isEnabled());
        QVERIFY(!action(Operation::EnterStandby)->isEnabled());
        action(Operation::Terminate)->trigger();
        RemedyConfirmDialog* dialog = nullptr;
        QTRY_VERIFY((dialog = visibleDialog<RemedyConfirmDialog>(window())));
        QVERIFY(dialog->explanationText().contains(id));
        dialog->reject();
    }
};

QTEST_MAIN(TestGuiRemedy)
#include "tst_gui_remedy.moc"
