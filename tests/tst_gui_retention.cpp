// The window on groups with an instance lifecycle policy (issue 12 item 2), against the in-process simulator: a
// Terminating:Retained row in the pending view and the instance list says it is retained and waits for someone to
// terminate it; the details pane and the ABANDON confirmation say "retained, not terminated" for a group that
// retains and "terminated" for one that does not; the group's details and tooltip show the policy.
#include "confirmactiondialog.h"
#include "detailspane.h"
#include "grouplistmodel.h"
#include "instancelistmodel.h"
#include "tst_gui_simwindow.h"

#include <QTabWidget>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {
// ledger retains: one instance retained, one waiting on its terminating hook. plain: no policy, one waiting.
const QByteArray Scenario = R"({ "groups": [
  { "name": "ledger", "minSize": 1, "maxSize": 6,
    "instanceLifecyclePolicy": { "retentionTriggers": { "terminateHookAbandon": "retain" } },
    "hooks": [ { "name": "flush", "transition": "terminating", "heartbeatTimeout": 3600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 2 }, { "state": "Terminating:Retained", "elapsed": 900 },
                   { "state": "Terminating:Wait", "elapsed": 60 } ] },
  { "name": "plain", "minSize": 0, "maxSize": 6,
    "hooks": [ { "name": "flush", "transition": "terminating", "heartbeatTimeout": 3600, "defaultResult": "ABANDON" } ],
    "instances": [ { "state": "InService", "count": 1 }, { "state": "Terminating:Wait", "elapsed": 60 } ] }
] })";
const QString kRetainedNote = u"retained, not terminated: waiting for someone to terminate it"_s;

// The row of `view`'s model whose `role` holds `value` (column 0), or an invalid index.
QModelIndex rowWith(const QAbstractItemModel* model, int role, const QString& value)
{
    for (int row = 0; row < model->rowCount(); ++row) {
        const QModelIndex index = model->index(row, 0);
        if (index.data(role).toString() == value)
            return index;
    }
    return {};
}
} // namespace

class TestGuiRetention : public QObject {
    Q_OBJECT

    SimWindow m_fx;

    MainWindow* window() { return m_fx.window.get(); }
    QString inState(const QString& group, const QString& state)
    {
        for (const SimInstanceInfo& info : m_fx.sim->simulator().instances(group)) {
            if (info.lifecycleState == state)
                return info.instanceId;
        }
        return {};
    }
    QString detailsFor(const QString& group, const QString& instanceId)
    {
        if (!window()->selectPending(group, instanceId))
            return u"(no pending row for %1)"_s.arg(instanceId);
        return window()->detailsPane()->toPlainText();
    }

private Q_SLOTS:
    void init() { m_fx.open(Scenario, 3); }
    void cleanup() { m_fx.close(); }

    void retainedPendingRowIsMarkedAndExplained()
    {
        const QString id = inState(u"ledger"_s, u"Terminating:Retained"_s);
        const QAbstractItemModel* model = window()->pendingView()->model();
        const QModelIndex row = rowWith(model, PendingActionModel::InstanceIdRole, id);
        QVERIFY(row.isValid());
        const auto cell = [&](int column) { return row.siblingAtColumn(column).data().toString(); };
        QCOMPARE(cell(PendingActionModel::StateColumn), u"Terminating:Retained — "_s + kRetainedNote);
        QCOMPARE(cell(PendingActionModel::LeftColumn), u"until terminated"_s);
        QVERIFY(!row.data(PendingActionModel::ActionableRole).toBool());
        QVERIFY(row.siblingAtColumn(PendingActionModel::StateColumn)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(u"until then"_s));

        const QString details = detailsFor(u"ledger"_s, id);
        QVERIFY2(details.contains(kRetainedNote), qPrintable(details));
        QVERIFY2(details.contains(u"no longer counts towards the desired capacity"_s), qPrintable(details));
        QVERIFY2(details.contains(u"TerminateInstanceInAutoScalingGroup"_s), qPrintable(details));
        // Not a lifecycle action: nothing to continue or abandon.
        QVERIFY(window()->selectedTargets().isEmpty());
    }

    void detailsOfAWaitSayRetainedOnlyWhereTheGroupRetains()
    {
        const QString ledger = detailsFor(u"ledger"_s, inState(u"ledger"_s, u"Terminating:Wait"_s));
        QVERIFY2(ledger.contains(u"ABANDON: The remaining termination hooks are skipped and the instance is retained, "
                                 "not terminated"_s),
            qPrintable(ledger));
        QVERIFY2(ledger.contains(u"If nothing is done, the timeout applies ABANDON: the remaining hooks are skipped "
                                 "and the instance is retained, not terminated"_s),
            qPrintable(ledger));
        QVERIFY2(!ledger.contains(u"terminated now"_s), qPrintable(ledger));

        const QString plain = detailsFor(u"plain"_s, inState(u"plain"_s, u"Terminating:Wait"_s));
        QVERIFY2(plain.contains(u"ABANDON: The remaining termination hooks are skipped and the instance is terminated "
                                "now"_s),
            qPrintable(plain));
        QVERIFY2(!plain.contains(u"retained"_s), qPrintable(plain));
    }

    void abandonConfirmationSaysRetainedForARetainingGroup()
    {
        QVERIFY(window()->selectPending(u"ledger"_s, inState(u"ledger"_s, u"Terminating:Wait"_s)));
        QCOMPARE(window()->selectedTargets().size(), 1);
        QVERIFY(window()->selectedTargets().constFirst().retainsOnAbandon);
        window()->abandonSelected();
        auto* confirm = visibleDialog<ConfirmActionDialog>(window());
        QVERIFY(confirm);
        const QString text = confirm->explanationText();
        QVERIFY2(text.contains(u"group that retains instances"_s), qPrintable(text));
        QVERIFY2(text.contains(u"retained, not terminated"_s), qPrintable(text));
        QVERIFY2(!text.contains(u"terminated now"_s), qPrintable(text));
        confirm->reject();

        QVERIFY(window()->selectPending(u"plain"_s, inState(u"plain"_s, u"Terminating:Wait"_s)));
        QVERIFY(!window()->selectedTargets().constFirst().retainsOnAbandon);
        window()->abandonSelected();
        confirm = visibleDialog<ConfirmActionDialog>(window());
        QVERIFY(confirm);
        QVERIFY2(confirm->explanationText().contains(u"terminated now"_s), qPrintable(confirm->explanationText()));
        QVERIFY2(!confirm->explanationText().contains(u"retained"_s), qPrintable(confirm->explanationText()));
        confirm->reject();
    }

    void mixedSelectionExplainsBoth()
    {
        LifecycleTarget retaining;
        retaining.instanceId = u"i-0000000000000000a"_s;
        retaining.launching = false;
        retaining.retainsOnAbandon = true;
        LifecycleTarget plain = retaining;
        plain.instanceId = u"i-0000000000000000b"_s;
        plain.retainsOnAbandon = false;
        ConfirmActionDialog dialog(LifecycleCommand::Abandon, { retaining, plain });
        const QString text = dialog.explanationText();
        QVERIFY2(text.contains(u"terminated now"_s) && text.contains(u"retained, not terminated"_s), qPrintable(text));
        // CONTINUE terminates in either group: no retention paragraph.
        ConfirmActionDialog carryOn(LifecycleCommand::Continue, { retaining });
        QVERIFY2(!carryOn.explanationText().contains(u"retained"_s), qPrintable(carryOn.explanationText()));
    }

    void instanceListAndGroupShowRetention()
    {
        auto* instances = window()->findChild<QTreeView*>(u"instanceView"_s);
        QVERIFY(instances);
        window()->tabs()->setCurrentWidget(instances);
        const QString id = inState(u"ledger"_s, u"Terminating:Retained"_s);
        QModelIndex row;
        QTRY_VERIFY((row = rowWith(instances->model(), InstanceListModel::InstanceIdRole, id)).isValid());
        QVERIFY(row.data(InstanceListModel::IsRetainedRole).toBool());
        QCOMPARE(row.siblingAtColumn(InstanceListModel::StateColumn).data().toString(),
            u"Terminating:Retained — "_s + kRetainedNote);
        const QModelIndex other = rowWith(
            instances->model(), InstanceListModel::InstanceIdRole, inState(u"ledger"_s, u"Terminating:Wait"_s));
        QVERIFY(!other.data(InstanceListModel::IsRetainedRole).toBool());
        QCOMPARE(other.siblingAtColumn(InstanceListModel::StateColumn).data().toString(), u"Terminating:Wait"_s);
        instances->setCurrentIndex(row);
        QTRY_VERIFY2(window()->detailsPane()->toPlainText().contains(kRetainedNote),
            qPrintable(window()->detailsPane()->toPlainText()));

        // The group: its tooltip and its details say what the policy does and how many are retained.
        const QAbstractItemModel* groups = window()->groupView()->model();
        const QModelIndex ledger = rowWith(groups, GroupListModel::GroupNameRole, u"ledger"_s);
        const QModelIndex plain = rowWith(groups, GroupListModel::GroupNameRole, u"plain"_s);
        QVERIFY(ledger.isValid() && plain.isValid());
        QVERIFY(ledger.data(GroupListModel::RetainsOnAbandonRole).toBool());
        QCOMPARE(ledger.data(GroupListModel::RetainedCountRole).toInt(), 1);
        QVERIFY(!plain.data(GroupListModel::RetainsOnAbandonRole).toBool());
        QVERIFY2(
            ledger.data(Qt::ToolTipRole).toString().contains(u"ABANDON on termination: retained, not terminated"_s),
            qPrintable(ledger.data(Qt::ToolTipRole).toString()));
        QVERIFY(!plain.data(Qt::ToolTipRole).toString().contains(u"retained"_s));
        instances->setCurrentIndex({});
        window()->groupView()->setCurrentIndex(ledger);
        QTRY_VERIFY2(window()->detailsPane()->toPlainText().contains(
                         u"Instance lifecycle policy: ABANDON on termination: retained, not terminated."_s),
            qPrintable(window()->detailsPane()->toPlainText()));
        QVERIFY(window()->detailsPane()->toPlainText().contains(
            u"1 instance(s) retained, waiting for someone to terminate them."_s));
    }
};

QTEST_MAIN(TestGuiRetention)
#include "tst_gui_retention.moc"
