// The fleet board window (issue 14 item 3) over two in-process simulators, each its own account and region: the
// group tree reads account → region → group, the merged list has Account and Region columns and is sorted by Left,
// ticking and unticking a connection in the Connections panel adds and removes its rows (and the choice is
// remembered), a connection that is down shows its error in the panel, an action goes to the row's own account only,
// and read-only mode refuses it. Opened from the main window's View menu too.
#include "actioncontroller.h"
#include "bulkactionjob.h"
#include "confirmactiondialog.h"
#include "connection.h"
#include "credentialprovider.h"
#include "fleetboard.h"
#include "fleetboardwindow.h"
#include "fleetconnectionspanel.h"
#include "fleetfilterproxymodel.h"
#include "fleetgrouptreemodel.h"
#include "fleetpendingmodel.h"
#include "inventorystore.h"
#include "mainwindow.h"
#include "simulatorfixture.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QHeaderView>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>
#include <QTreeWidget>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QByteArray scenario(const QString& prefix, int waiting, int drainElapsed)
{
    return uR"({ "groups": [
      { "name": "%1-web", "minSize": 0, "maxSize": 6,
        "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
        "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "count": %2, "elapsed": 300 } ] },
      { "name": "%1-batch", "minSize": 0, "maxSize": 6,
        "hooks": [ { "name": "drain", "transition": "terminating", "heartbeatTimeout": 900, "defaultResult": "CONTINUE" } ],
        "instances": [ { "state": "InService", "count": 2 }, { "state": "Terminating:Wait", "elapsed": %3 } ] } ] })"_s
        .arg(prefix)
        .arg(waiting)
        .arg(drainElapsed)
        .toUtf8();
}

struct Account {
    QString profile;
    QString accountId;
    QString region;
    int waiting; // Pending:Wait in <profile>-web; one more Terminating:Wait in <profile>-batch
    int drainElapsed; // seconds of the batch instance's 900-second wait gone
    std::unique_ptr<SimulatorFixture> sim;
    QString key() const { return profile + u'/' + region; }
};

} // namespace

class TestGuiFleetBoard : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void treeAndColumnsShowAccountAndRegion();
    void tickingAConnectionAddsAndRemovesItsRows();
    void aConnectionWithActionsRunningStaysOpen();
    void connectionDownShowsItsErrorInThePanel();
    void actionGoesToTheRowsOwnAccountOnly();
    void readOnlyRefusesActions();
    void openedFromTheMainWindowsViewMenu();

private:
    FleetCatalog catalog();
    void openWindow();
    bool settled() const;
    int rowsOf(const QString& profile) const;

    QTemporaryDir m_dir;
    std::unique_ptr<FleetBoardWindow> m_window;
    std::unique_ptr<QNetworkAccessManager> m_network;
    Account m_prod { u"prod"_s, u"111122223333"_s, u"eu-west-1"_s, 2, 100, {} };
    Account m_stage { u"stage"_s, u"444455556666"_s, u"us-east-2"_s, 1, 400, {} };
};

void TestGuiFleetBoard::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void TestGuiFleetBoard::init()
{
    QSettings().remove(u"fleetBoardTest"_s);
    for (Account* account : { &m_prod, &m_stage }) {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.accountId = account->accountId;
        options.region = account->region;
        account->sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(account->sim->start(&error), qPrintable(error));
        QVERIFY2(succeeded(account->sim->simulator().loadScenario(
                               scenario(account->profile, account->waiting, account->drainElapsed)),
                     &error),
            qPrintable(error));
    }
    m_network = std::make_unique<QNetworkAccessManager>();
}

void TestGuiFleetBoard::cleanup()
{
    if (m_window)
        (void)QTest::qWaitFor([this] { return settled(); }, 10000);
    m_window.reset();
    m_network.reset();
    m_prod.sim.reset();
    m_stage.sim.reset();
}

FleetCatalog TestGuiFleetBoard::catalog()
{
    FleetCatalog catalog;
    catalog.settingsKey = u"fleetBoardTest/ticked"_s;
    for (const Account* account : { &m_prod, &m_stage }) {
        catalog.sources.append({ account->profile, account->region });
        catalog.tickedByDefault.append(account->key());
    }
    // Each profile is its own simulator: its keys, its endpoint.
    QHash<QString, std::pair<Credentials, QUrl>> endpoints;
    for (const Account* account : { &m_prod, &m_stage })
        endpoints.insert(account->profile, { account->sim->credentials(), account->sim->url() });
    catalog.resolver = [endpoints](const FleetSource& source, QObject* parent) {
        FleetBoard::Opened opened;
        const auto [keys, url] = endpoints.value(source.profile);
        opened.credentials = new StaticCredentialProvider(keys, parent);
        opened.settings.profileName = source.profile;
        opened.settings.region = source.region;
        opened.settings.endpointUrl = url;
        return opened;
    };
    return catalog;
}

void TestGuiFleetBoard::openWindow()
{
    m_window = std::make_unique<FleetBoardWindow>(m_network.get(), catalog(), m_dir.filePath(u"audit.jsonl"_s));
    m_window->pendingModel()->setTickInterval(0);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);
}

bool TestGuiFleetBoard::settled() const
{
    const QList<FleetBoard::Member>& members = m_window->board()->members();
    return std::all_of(members.cbegin(), members.cend(), [](const FleetBoard::Member& member) {
        if (member.status == FleetBoard::Status::Loading)
            return false;
        if (!member.connection)
            return true;
        const bool named = member.status == FleetBoard::Status::Failed || member.connection->session()->hasIdentity();
        return named && !member.connection->store()->isRefreshing() && !member.connection->isBusy();
    });
}

int TestGuiFleetBoard::rowsOf(const QString& profile) const
{
    const QAbstractItemModel* model = m_window->pendingView()->model();
    int count = 0;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, 0).data(FleetPendingModel::ProfileRole).toString() == profile)
            ++count;
    }
    return count;
}

void TestGuiFleetBoard::treeAndColumnsShowAccountAndRegion()
{
    openWindow();
    QAbstractItemModel* pending = m_window->pendingView()->model();
    QAbstractItemModelTester tester(pending, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QTRY_COMPARE_WITH_TIMEOUT(pending->rowCount(), 5, 10000); // prod: 2 + 1, stage: 1 + 1
    QStringList titles;
    for (int column = 0; column < pending->columnCount(); ++column)
        titles << pending->headerData(column, Qt::Horizontal).toString();
    QCOMPARE(titles,
        (QStringList {
            u"Account"_s, u"Region"_s, u"Instance"_s, u"Group"_s, u"State"_s, u"Hooks"_s, u"Default"_s, u"Left"_s }));
    // Sorted by Left: stage's drain (900 s, 400 s gone) first.
    QCOMPARE(m_window->pendingView()->header()->sortIndicatorSection(), int(FleetPendingModel::LeftColumn));
    QCOMPARE(pending->index(0, FleetPendingModel::AccountColumn).data().toString(), u"stage (444455556666)"_s);
    QCOMPARE(pending->index(0, FleetPendingModel::RegionColumn).data().toString(), m_stage.region);
    QCOMPARE(pending->index(0, FleetPendingModel::GroupColumn).data().toString(), u"stage-batch"_s);
    for (int row = 1; row < pending->rowCount(); ++row)
        QVERIFY(pending->index(row - 1, 0).data(PendingActionModel::SecondsLeftRole).toLongLong()
            <= pending->index(row, 0).data(PendingActionModel::SecondsLeftRole).toLongLong());

    // account → region → group, with waiting counts at every level.
    QAbstractItemModel* tree = m_window->groupView()->model();
    QCOMPARE(tree->rowCount(), 2);
    const QModelIndex prod = tree->index(0, 0);
    QCOMPARE(prod.data().toString(), u"prod (111122223333)"_s);
    QCOMPARE(tree->index(0, FleetGroupTreeModel::WaitingColumn).data().toInt(), 3);
    const QModelIndex region = tree->index(0, 0, prod);
    QCOMPARE(region.data().toString(), m_prod.region);
    QCOMPARE(tree->rowCount(region), 2);
    QCOMPARE(tree->index(0, 0, region).data().toString(), u"prod-batch"_s);
    QCOMPARE(tree->index(1, 0, region).data().toString(), u"prod-web"_s);
    QCOMPARE(tree->index(1, FleetGroupTreeModel::WaitingColumn, region).data().toInt(), 2);
    QVERIFY(m_window->groupView()->isExpanded(region));

    // A group in the tree narrows the list to it.
    m_window->groupView()->setCurrentIndex(tree->index(1, 0, region));
    Q_EMIT m_window->groupView()->clicked(tree->index(1, 0, region));
    QCOMPARE(pending->rowCount(), 2);
    QCOMPARE(pending->index(0, FleetPendingModel::GroupColumn).data().toString(), u"prod-web"_s);
    // The scope box widens it again.
    m_window->scopeCombo()->setCurrentIndex(0);
    Q_EMIT m_window->scopeCombo()->activated(0);
    QCOMPARE(pending->rowCount(), 5);
    const int stageOnly = m_window->scopeCombo()->findData(QString(u"profile:"_s + m_stage.profile));
    QVERIFY(stageOnly > 0);
    m_window->scopeCombo()->setCurrentIndex(stageOnly);
    Q_EMIT m_window->scopeCombo()->activated(stageOnly);
    QCOMPARE(pending->rowCount(), 2);
}

void TestGuiFleetBoard::tickingAConnectionAddsAndRemovesItsRows()
{
    openWindow();
    QAbstractItemModel* pending = m_window->pendingView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(pending->rowCount(), 5, 10000);
    FleetConnectionsPanel* panel = m_window->connectionsPanel();
    QCOMPARE(panel->statusText(m_prod.key()), u"3 waiting"_s);

    // Unticked with the mouse-equivalent check state change: its rows and its accounts in the tree go.
    QTreeWidgetItem* prodItem = panel->list()->topLevelItem(0);
    QCOMPARE(prodItem->text(0), u"prod · eu-west-1"_s);
    prodItem->setCheckState(0, Qt::Unchecked);
    QCOMPARE(rowsOf(m_prod.profile), 0);
    QCOMPARE(rowsOf(m_stage.profile), 2);
    QCOMPARE(m_window->groupView()->model()->rowCount(), 1);
    QCOMPARE(panel->statusText(m_prod.key()), QString());
    QCOMPARE(QSettings().value(u"fleetBoardTest/ticked"_s).toStringList(), QStringList { m_stage.key() });

    // Ticked again, it loads again beside the other.
    prodItem->setCheckState(0, Qt::Checked);
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(m_prod.profile), 3, 10000);
    QCOMPARE(rowsOf(m_stage.profile), 2);
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);

    // The ticked set is remembered: a new window opens what this one had ticked.
    QVERIFY(panel->setTicked(m_stage.key(), false));
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);
    m_window.reset();
    openWindow();
    QCOMPARE(m_window->board()->members().size(), 1);
    QCOMPARE(m_window->board()->members().constFirst().source.key(), m_prod.key());
}

void TestGuiFleetBoard::aConnectionWithActionsRunningStaysOpen()
{
    openWindow();
    QAbstractItemModel* pending = m_window->pendingView()->model();
    QTRY_COMPARE_WITH_TIMEOUT(pending->rowCount(), 5, 10000);
    // Slow answers: a heartbeat on prod's instances is still in flight while the operator unticks prod.
    SimFaults slow;
    slow.latencyMs = 400;
    m_prod.sim->simulator().setFaults(slow);
    const FleetBoard::Member* prod = nullptr;
    for (const FleetBoard::Member& member : m_window->board()->members()) {
        if (member.source.key() == m_prod.key())
            prod = &member;
    }
    QVERIFY(prod && prod->connection);
    QPointer<Connection> connection = prod->connection;
    QList<LifecycleActionTarget> targets;
    for (const PendingAction& action : connection->store()->pendingActions())
        targets.append({ action.groupName, {}, action.instanceId, {}, action.lifecycleState });
    QVERIFY(!targets.isEmpty());
    QPointer<BulkActionJob> job = connection->actions()->heartbeat(targets);
    QVERIFY(connection->isBusy());

    FleetConnectionsPanel* panel = m_window->connectionsPanel();
    QVERIFY(panel->setTicked(m_prod.key(), false));
    // Refused: still ticked, still open, its rows still listed, and the status bar says why.
    QVERIFY(panel->tickedKeys().contains(m_prod.key()));
    QVERIFY(connection);
    QCOMPARE(rowsOf(m_prod.profile), 3);
    QVERIFY2(m_window->statusBar()->currentMessage().contains(u"actions are still running"_s),
        qPrintable(m_window->statusBar()->currentMessage()));
    // Closing the board is refused the same way.
    QVERIFY(!m_window->close());
    QVERIFY(m_window->isVisible());

    // Once every item has its outcome the connection may go.
    QTRY_VERIFY_WITH_TIMEOUT(!connection->isBusy(), 15000);
    QVERIFY(panel->setTicked(m_prod.key(), false));
    QTRY_VERIFY_WITH_TIMEOUT(connection.isNull(), 10000);
    QCOMPARE(rowsOf(m_prod.profile), 0);
    m_prod.sim->simulator().setFaults({});
}

void TestGuiFleetBoard::connectionDownShowsItsErrorInThePanel()
{
    m_stage.sim->simulator().stop();
    openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(rowsOf(m_prod.profile), 3, 10000);
    QCOMPARE(rowsOf(m_stage.profile), 0);
    const QString status = m_window->connectionsPanel()->statusText(m_stage.key());
    QVERIFY2(status.startsWith(u"error: "_s), qPrintable(status));
    QCOMPARE(m_window->connectionsPanel()->statusText(m_prod.key()), u"3 waiting"_s);
}

void TestGuiFleetBoard::actionGoesToTheRowsOwnAccountOnly()
{
    openWindow();
    QTreeView* view = m_window->pendingView();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 10000);
    QSignalSpy prodServed(&m_prod.sim->simulator(), &Simulator::requestServed);
    QSignalSpy stageServed(&m_stage.sim->simulator(), &Simulator::requestServed);

    // One row of each account selected: one confirmation, then one job per account.
    QModelIndex prodRow;
    QModelIndex stageRow;
    for (int row = 0; row < view->model()->rowCount(); ++row) {
        const QModelIndex index = view->model()->index(row, 0);
        const QString profile = index.data(FleetPendingModel::ProfileRole).toString();
        if (profile == m_prod.profile && !prodRow.isValid())
            prodRow = index;
        if (profile == m_stage.profile && !stageRow.isValid())
            stageRow = index;
    }
    view->selectionModel()->select(prodRow, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    view->selectionModel()->select(stageRow, QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QCOMPARE(m_window->selectedTargets().size(), 2);
    const QString prodInstance = prodRow.data(PendingActionModel::InstanceIdRole).toString();
    QVERIFY(m_window->continueAction()->isEnabled());
    QSignalSpy started(m_window.get(), &FleetBoardWindow::jobStarted);
    m_window->continueAction()->trigger();
    auto* dialog = m_window->findChild<ConfirmActionDialog*>(u"confirmActionDialog"_s);
    QVERIFY(dialog);
    QVERIFY(dialog->contextText().contains(m_prod.accountId) && dialog->contextText().contains(m_stage.accountId));
    // Two instances: the count is typed, as in the main window.
    QVERIFY(dialog->requiresTypedCount());
    dialog->setTypedConfirmation(u"2"_s);
    dialog->confirmButton()->click();
    QCOMPARE(started.count(), 2);
    const auto completes = [](const QSignalSpy& served) {
        return std::count_if(served.cbegin(), served.cend(),
            [](const QList<QVariant>& call) { return call.at(0).toString() == u"CompleteLifecycleAction"_s; });
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(), 10000);
    QCOMPARE(completes(prodServed), 1);
    QCOMPARE(completes(stageServed), 1);
    QVERIFY(!m_prod.sim->simulator().lifecycleState(prodInstance).endsWith(u":Wait"_s));
    QVERIFY(m_window->connectionsPanel()->statusText(m_prod.key()).contains(u"CONTINUE"_s));
}

void TestGuiFleetBoard::readOnlyRefusesActions()
{
    openWindow();
    QTreeView* view = m_window->pendingView();
    QTRY_COMPARE_WITH_TIMEOUT(view->model()->rowCount(), 5, 10000);
    view->selectionModel()->select(view->model()->index(0, 0), QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(m_window->abandonAction()->isEnabled());
    m_window->setReadOnly(true);
    QVERIFY(!m_window->abandonAction()->isEnabled());
    QVERIFY(!m_window->continueAction()->isEnabled());
    QSignalSpy started(m_window.get(), &FleetBoardWindow::jobStarted);
    m_window->abandonSelected();
    QVERIFY(!m_window->findChild<ConfirmActionDialog*>());
    QCOMPARE(started.count(), 0);
    for (Connection* connection : m_window->board()->connections())
        QVERIFY(connection->session()->isReadOnly());
}

void TestGuiFleetBoard::openedFromTheMainWindowsViewMenu()
{
    MainWindow main;
    main.setFleetCatalog(catalog());
    main.setReadOnly(true);
    auto* action = main.findChild<QAction*>(u"fleetBoardAction"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_G));
    action->trigger();
    FleetBoardWindow* board = main.fleetBoard();
    QVERIFY(board);
    QVERIFY(board->isWindow());
    QVERIFY(board->isReadOnly());
    QCOMPARE(board->board()->members().size(), 2);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(board->board()->members().cbegin(), board->board()->members().cend(),
                                 [](const FleetBoard::Member& member) {
                                     return member.status == FleetBoard::Status::Loaded
                                         && !member.connection->store()->isRefreshing();
                                 }),
        10000);
    // Asked again, the same window comes to the front.
    action->trigger();
    QCOMPARE(main.fleetBoard(), board);
}

QTEST_MAIN(TestGuiFleetBoard)
#include "tst_gui_fleetboard.moc"
