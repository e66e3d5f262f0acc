// The main window's commands without a widget (issue 14 item 5): WindowController against the in-process simulator
// decides which commands may run, turns pending rows into targets, starts CONTINUE / ABANDON / heartbeat / hook jobs
// on its connection only when it may (never in read-only mode: the simulator sees no request), and ConnectionOpener
// resolves a profile into a provider and settings, keeping no provider of a connection the window has left.
#include "actioncontroller.h"
#include "bulkactionjob.h"
#include "connection.h"
#include "connectionopener.h"
#include "credentialchain.h"
#include "launchscenario.h"
#include "pendingaction.h"
#include "profilestore.h"
#include "secretstore.h"
#include "tst_models_simsession.h"
#include "windowcontroller.h"

#include <QTemporaryDir>

using namespace Qt::StringLiterals;

class TestWindowController : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void nothingRunsWithoutAConnection();
    void enabledFollowsTheViewAndReadOnlyMode();
    void targetsLeaveOutWhatCannotBeActedOn();
    void continueReachesTheSimulator();
    void readOnlySendsNothing();
    void readOnlyChosenBeforeConnectingHolds();
    void hookCommandsAndNotificationTargets();
    void openerResolvesAndRetiresOldProviders();

private:
    std::unique_ptr<Connection> connect();
    bool refreshed(Connection* connection);
    int served(const QString& action) const { return int(m_served.count(action)); }

    std::unique_ptr<SimSession> m_sim;
    QStringList m_served;
};

void TestWindowController::init()
{
    m_sim = std::make_unique<SimSession>();
    QString error;
    QVERIFY2(m_sim->start(LaunchScenario::Json, &error), qPrintable(error));
    m_served.clear();
    QObject::connect(&m_sim->fixture.simulator(), &Simulator::requestServed, this,
        [this](const QString& action, int) { m_served << action; });
}

void TestWindowController::cleanup()
{
    m_sim.reset();
}

std::unique_ptr<Connection> TestWindowController::connect()
{
    ConnectionSettings settings;
    settings.profileName = u"window"_s;
    settings.region = m_sim->fixture->options().region;
    settings.endpointUrl = m_sim->fixture.url();
    auto connection
        = std::make_unique<Connection>(&m_sim->network, m_sim->credentials.get(), settings, m_sim->audit.get());
    Simulator* sim = &m_sim->fixture.simulator();
    connection->store()->estimator()->setClock([sim] { return sim->now(); });
    return connection;
}

bool TestWindowController::refreshed(Connection* connection)
{
    QSignalSpy finished(connection->store(), &InventoryStore::refreshFinished);
    return connection->store()->refresh() && finished.wait(10000) && finished.constFirst().at(0).toBool();
}

void TestWindowController::nothingRunsWithoutAConnection()
{
    WindowController controller;
    WindowController::View view;
    view.pendingTab = true;
    view.haveTargets = true;
    const WindowController::Enabled enabled = controller.enabled(view);
    QVERIFY(!enabled.refresh && !enabled.lifecycle && !enabled.newHook && !enabled.notification && !enabled.remedy);
    LifecycleTarget target;
    target.groupName = u"api"_s;
    target.instanceId = u"i-0123456789abcdef0"_s;
    QCOMPARE(controller.runLifecycle(LifecycleCommand::Continue, { target }), nullptr);
    QCOMPARE(controller.waitingOnHook(u"api"_s, u"bootstrap"_s), 0);
}

void TestWindowController::enabledFollowsTheViewAndReadOnlyMode()
{
    auto connection = connect();
    WindowController controller;
    controller.setConnection(connection.get());
    WindowController::View view;
    // Before the first load there are no groups to put a hook on.
    QVERIFY(!controller.enabled(view).newHook);
    QVERIFY(controller.enabled(view).refresh);
    QVERIFY(refreshed(connection.get()));

    view.pendingTab = true;
    QVERIFY(!controller.enabled(view).lifecycle); // nothing selected
    view.haveTargets = true;
    QVERIFY(controller.enabled(view).lifecycle);
    QVERIFY(controller.enabled(view).keepAlive);
    QVERIFY(controller.enabled(view).newHook);
    QVERIFY(!controller.enabled(view).editHook); // not on the hooks tab
    view.pendingTab = false;
    view.hookTab = true;
    view.haveHook = true;
    QVERIFY(!controller.enabled(view).lifecycle);
    QVERIFY(controller.enabled(view).editHook && controller.enabled(view).deleteHook);

    QSignalSpy changed(&controller, &WindowController::readOnlyChanged);
    controller.setReadOnly(true);
    QCOMPARE(changed.size(), 1);
    QVERIFY(connection->session()->isReadOnly());
    const WindowController::Enabled readOnly = controller.enabled(view);
    QVERIFY(!readOnly.editHook && !readOnly.deleteHook && !readOnly.newHook && !readOnly.remedy);
    QVERIFY(readOnly.refresh && readOnly.notification); // reading goes on
    QVERIFY(readOnly.whyNot.contains(u"Read-only"_s));
    QTRY_VERIFY(!connection->store()->isRefreshing());
}

void TestWindowController::targetsLeaveOutWhatCannotBeActedOn()
{
    auto connection = connect();
    QVERIFY(refreshed(connection.get()));
    QList<PendingAction> rows = connection->store()->pendingActions();
    const int waiting
        = int(std::count_if(rows.cbegin(), rows.cend(), [](const PendingAction& action) { return action.actionable; }));
    Simulator& sim = m_sim->fixture.simulator();
    QCOMPARE(waiting,
        int(LaunchScenario::waitingInstances(sim, u"web"_s).size()
            + LaunchScenario::waitingInstances(sim, u"api"_s).size()));

    PendingAction proceeding = rows.constFirst();
    proceeding.actionable = false; // Pending:Proceed, Terminating:Retained
    PendingAction unknownHooks = rows.constFirst();
    unknownHooks.hooksKnown = true;
    unknownHooks.hookTransition.clear(); // a warm-pool wait nothing tells the hooks of
    rows << proceeding << unknownHooks;

    const QList<LifecycleTarget> targets = WindowController::targetsFor(rows);
    QCOMPARE(targets.size(), waiting);
    const auto web = std::find_if(
        targets.cbegin(), targets.cend(), [](const LifecycleTarget& t) { return t.groupName == u"web"_s; });
    QVERIFY(web != targets.cend());
    QVERIFY(web->allWaitingHooks);
    QVERIFY(web->launching);
    QCOMPARE(web->lifecycleState, u"Pending:Wait"_s);
    QCOMPARE(web->defaultResult, u"ABANDON"_s);
    QVERIFY(web->hookName.contains(u", "_s)); // web's instances wait on its two launch hooks
    QVERIFY(web->deadline.isValid());
    QTRY_VERIFY(!connection->store()->isRefreshing());
}

void TestWindowController::continueReachesTheSimulator()
{
    auto connection = connect();
    WindowController controller;
    controller.setConnection(connection.get());
    QVERIFY(refreshed(connection.get()));
    const QString id = LaunchScenario::waitingInstances(m_sim->fixture.simulator(), u"api"_s).value(0);
    const PendingAction* row = connection->store()->pendingAction(u"api"_s, id);
    QVERIFY(row);
    BulkActionJob* job = controller.runLifecycle(LifecycleCommand::Continue, WindowController::targetsFor({ *row }));
    QVERIFY(job);
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);
    QCOMPARE(served(u"CompleteLifecycleAction"_s), 1);
    QCOMPARE(m_sim->fixture->lifecycleState(id), u"Pending:Proceed"_s);
    QTRY_VERIFY(!connection->store()->isRefreshing());
}

void TestWindowController::readOnlySendsNothing()
{
    auto connection = connect();
    WindowController controller;
    controller.setConnection(connection.get());
    QVERIFY(refreshed(connection.get()));
    const QList<LifecycleTarget> targets = WindowController::targetsFor(connection->store()->pendingActions());
    QVERIFY(!targets.isEmpty());
    // The confirmation was open while the operator turned read-only mode on: accepting it sends nothing.
    controller.setReadOnly(true);
    QCOMPARE(controller.runLifecycle(LifecycleCommand::Abandon, targets), nullptr);
    QCOMPARE(controller.runLifecycle(LifecycleCommand::Heartbeat, targets), nullptr);
    LifecycleHook hook;
    hook.groupName = u"api"_s;
    hook.name = u"bootstrap"_s;
    QCOMPARE(controller.deleteHook(hook), nullptr);
    PutLifecycleHookRequest put;
    put.groupName = u"api"_s;
    put.hookName = u"new-hook"_s;
    QCOMPARE(controller.putHook(put), nullptr);
    QTest::qWait(50);
    QCOMPARE(served(u"CompleteLifecycleAction"_s), 0);
    QCOMPARE(served(u"RecordLifecycleActionHeartbeat"_s), 0);
    QCOMPARE(served(u"DeleteLifecycleHook"_s), 0);
    QCOMPARE(served(u"PutLifecycleHook"_s), 0);
    QVERIFY(!LaunchScenario::waitingInstances(m_sim->fixture.simulator(), u"api"_s).isEmpty());

    // Off again: the same targets go through.
    controller.setReadOnly(false);
    BulkActionJob* job = controller.runLifecycle(LifecycleCommand::Heartbeat, targets.mid(0, 1));
    QVERIFY(job);
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QVERIFY(served(u"RecordLifecycleActionHeartbeat"_s) >= 1);
    QTRY_VERIFY(!connection->store()->isRefreshing());
}

void TestWindowController::readOnlyChosenBeforeConnectingHolds()
{
    WindowController controller;
    controller.setReadOnly(true);
    QVERIFY(controller.isReadOnly());
    auto connection = connect();
    QVERIFY(!connection->session()->isReadOnly());
    controller.setConnection(connection.get());
    QVERIFY(connection->session()->isReadOnly());
    QVERIFY(controller.isReadOnly());
    // The connection goes: the controller does not keep a dangling pointer.
    connection.reset();
    QCOMPARE(controller.connection(), nullptr);
    QVERIFY(controller.isReadOnly());
}

void TestWindowController::hookCommandsAndNotificationTargets()
{
    auto connection = connect();
    WindowController controller;
    controller.setConnection(connection.get());
    QVERIFY(refreshed(connection.get()));
    QCOMPARE(controller.waitingOnHook(u"api"_s, u"bootstrap"_s), 3);
    QCOMPARE(controller.waitingOnHook(u"api"_s, u"no-such-hook"_s), 0);

    // A notification names one hook and instance; the inventory adds the heartbeat timeout and the deadline.
    const QString id = LaunchScenario::waitingInstances(m_sim->fixture.simulator(), u"api"_s).value(0);
    LifecycleTarget notified;
    notified.groupName = u"api"_s;
    notified.hookName = u"bootstrap"_s;
    notified.instanceId = id;
    const LifecycleTarget filled = controller.withInventory(notified);
    QCOMPARE(filled.heartbeatTimeout, 1800);
    QVERIFY(filled.deadline.isValid());
    QCOMPARE(filled.deadline, connection->store()->pendingAction(u"api"_s, id)->estimate.deadline);

    BulkActionJob* job = controller.deleteHook(connection->store()->group(u"api"_s)->hooks.constFirst());
    QVERIFY(job);
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(served(u"DeleteLifecycleHook"_s), 1);
    QTRY_VERIFY(!connection->store()->isRefreshing());
}

void TestWindowController::openerResolvesAndRetiresOldProviders()
{
    QTemporaryDir settingsDir;
    MemorySecretStore secrets;
    ProfileStore profiles(&secrets, settingsDir.filePath(u"profiles.ini"_s));
    CredentialChain chain(&profiles, &m_sim->network, nullptr);
    QProcessEnvironment environment;
    environment.insert(u"AWS_ACCESS_KEY_ID"_s, m_sim->fixture.credentials().accessKeyId);
    environment.insert(u"AWS_SECRET_ACCESS_KEY"_s, m_sim->fixture.credentials().secretAccessKey);
    environment.insert(u"AWS_REGION"_s, u"eu-west-1"_s);
    environment.insert(u"AWS_ENDPOINT_URL"_s, m_sim->fixture.url().toString());
    environment.insert(u"AWS_CONFIG_FILE"_s, settingsDir.filePath(u"none"_s));
    environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, settingsDir.filePath(u"none"_s));
    chain.setEnvironment(environment);
    ConnectionOpener opener(&chain);

    const ConnectionOpener::Opened missing = opener.open(u"no-such-profile"_s, {}, false);
    QVERIFY(!missing.ok());
    QVERIFY(missing.error.message.contains(u"no-such-profile"_s));
    QCOMPARE(missing.provider, nullptr);
    QCOMPARE(opener.providerCount(), 0);

    const ConnectionOpener::Opened first = opener.open({}, {}, true);
    QVERIFY2(first.ok(), qPrintable(first.error.toString()));
    QCOMPARE(first.settings.region, u"eu-west-1"_s);
    // AWS_ENDPOINT_URL reaches every service, per service (the explicit endpointUrl is for --endpoint-url).
    QCOMPARE(first.settings.endpoints.url(EndpointResolver::Service::AutoScaling), m_sim->fixture.url());
    QCOMPARE(first.settings.endpoints.url(EndpointResolver::Service::Sts), m_sim->fixture.url());
    QVERIFY(first.settings.readOnly);
    const ConnectionOpener::Opened second = opener.open({}, u"us-west-2"_s, false);
    QVERIFY(second.ok());
    QCOMPARE(second.settings.region, u"us-west-2"_s);
    QCOMPARE(opener.providerCount(), 2);

    // The window moved to the second connection: the first provider goes (after the event loop), the second stays.
    QPointer<CredentialProvider> old = first.provider;
    opener.retireAllBut(second.provider);
    QCOMPARE(opener.providerCount(), 1);
    QTRY_VERIFY(old.isNull());
    QVERIFY(second.provider);
    opener.retireAllBut(nullptr);
    QCOMPARE(opener.providerCount(), 0);
}

QTEST_GUILESS_MAIN(TestWindowController)
#include "tst_windowcontroller.moc"
