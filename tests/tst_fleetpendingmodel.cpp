// The fleet board's models (issue 14 item 3): FleetBoard opens one Connection per profile × region, each against its
// own in-process simulator with its own account ID and region. FleetPendingModel merges their pending actions into
// one list (QAbstractItemModelTester attached before the first row), most urgent first through the proxy, every row
// naming its account and region; a refresh of one connection changes only its rows, in place; a connection that is
// down says so in its status while the others load; an action on a row reaches only that row's simulator, and its
// audit records carry that account and region.
#include "actioncontroller.h"
#include "auditlog.h"
#include "bulkactionjob.h"
#include "connection.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "fleetboard.h"
#include "fleetcatalog.h"
#include "fleetfilterproxymodel.h"
#include "fleetgrouptreemodel.h"
#include "fleetpendingmodel.h"
#include "inventorystore.h"
#include "launchscenario.h"
#include "mfaprompter.h"
#include "profilestore.h"
#include "queryclient.h"
#include "secretstore.h"
#include "simulatorfixture.h"

#include <QAbstractItemModelTester>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One group per simulator whose instances waited `elapsed` seconds of a 1800-second launch hook each.
QByteArray scenario(const QString& group, const QList<int>& elapsed)
{
    QStringList instances { uR"({ "state": "InService", "count": 1 })"_s };
    for (const int seconds : elapsed)
        instances << uR"({ "state": "Pending:Wait", "elapsed": %1 })"_s.arg(seconds);
    return uR"({ "groups": [ { "name": "%1", "minSize": 0, "maxSize": 6,
        "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
        "instances": [ %2 ] } ] })"_s.arg(group, instances.join(u", "_s))
        .toUtf8();
}

struct Account {
    QString profile;
    QString accountId;
    QString region;
    QList<int> elapsed;
    std::unique_ptr<SimulatorFixture> sim;
    QString group() const { return u"web-"_s + region; }
};

} // namespace

class TestFleetPendingModel : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void mergedListMostUrgentFirstWithAccountAndRegion();
    void groupTreeIsAccountRegionGroup();
    void refreshOfOneConnectionUpdatesItsRowsInPlace();
    void connectionDownIsReportedWhileTheOthersLoad();
    void actionOnARowReachesOnlyItsOwnSimulator();
    void closingAConnectionRemovesItsRows();
    void savedProfilesInEveryRegionTheyUse();
    void aProfileSignsInOnceForAllItsRegions();

private:
    void openBoard(const QList<Account*>& accounts);
    bool allSettled() const;
    Account* accountOf(const QString& profile);

    QTemporaryDir m_dir;
    QNetworkAccessManager m_network;
    std::unique_ptr<AuditLog> m_audit;
    std::unique_ptr<FleetBoard> m_board;
    std::unique_ptr<FleetPendingModel> m_model;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    Account m_eu { u"prod-eu"_s, u"111111111111"_s, u"eu-west-1"_s, { 1000, 100 }, {} };
    Account m_us { u"prod-us"_s, u"222222222222"_s, u"us-east-1"_s, { 1500 }, {} };
    Account m_ap { u"staging-ap"_s, u"333333333333"_s, u"ap-southeast-2"_s, { 600 }, {} };
};

void TestFleetPendingModel::init()
{
    for (Account* account : { &m_eu, &m_us, &m_ap }) {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.accountId = account->accountId;
        options.region = account->region;
        account->sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(account->sim->start(&error), qPrintable(error));
        QVERIFY2(
            succeeded(account->sim->simulator().loadScenario(scenario(account->group(), account->elapsed)), &error),
            qPrintable(error));
    }
    m_audit = std::make_unique<AuditLog>(m_dir.filePath(u"audit.jsonl"_s));
    // Each profile resolves to its own simulator's keys and endpoint, as a saved profile with an endpoint URL would.
    m_board
        = std::make_unique<FleetBoard>(&m_network, m_audit.get(), [this](const FleetSource& source, QObject* parent) {
              FleetBoard::Opened opened;
              Account* account = accountOf(source.profile);
              opened.credentials = new StaticCredentialProvider(account->sim->credentials(), parent);
              opened.settings.profileName = source.profile;
              opened.settings.region = source.region;
              opened.settings.endpointUrl = account->sim->url();
              return opened;
          });
    m_board->setAutoRefresh(false);
    connect(m_board.get(), &FleetBoard::connectionAdded, this, [this](Connection* connection) {
        Simulator* sim = &accountOf(connection->session()->profileName())->sim->simulator();
        connection->store()->estimator()->setClock([sim] { return sim->now(); });
        connection->session()->autoScalingQuery()->setRetryBaseDelay(5);
    });
    m_model = std::make_unique<FleetPendingModel>(m_board.get());
    m_model->setTickInterval(0);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        m_model.get(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TestFleetPendingModel::cleanup()
{
    if (m_board)
        (void)QTest::qWaitFor([this] { return allSettled(); }, 10000);
    m_tester.reset();
    m_model.reset();
    m_board.reset();
    m_audit.reset();
    for (Account* account : { &m_eu, &m_us, &m_ap })
        account->sim.reset();
}

Account* TestFleetPendingModel::accountOf(const QString& profile)
{
    for (Account* account : { &m_eu, &m_us, &m_ap }) {
        if (account->profile == profile)
            return account;
    }
    return nullptr;
}

bool TestFleetPendingModel::allSettled() const
{
    const QList<FleetBoard::Member>& members = m_board->members();
    return std::all_of(members.cbegin(), members.cend(), [](const FleetBoard::Member& member) {
        return !member.connection || (!member.connection->store()->isRefreshing() && !member.connection->isBusy());
    });
}

// Opens every account and waits until each has failed, or has loaded and been named by STS.
void TestFleetPendingModel::openBoard(const QList<Account*>& accounts)
{
    QList<FleetSource> sources;
    for (const Account* account : accounts)
        sources.append({ account->profile, account->region });
    m_board->setSources(sources);
    QCOMPARE(m_board->members().size(), accounts.size());
    QTRY_VERIFY_WITH_TIMEOUT(
        std::all_of(m_board->members().cbegin(), m_board->members().cend(),
            [](const FleetBoard::Member& member) {
                return member.status != FleetBoard::Status::Loading
                    && (member.status == FleetBoard::Status::Failed || member.connection->session()->hasIdentity());
            }),
        10000);
    QTRY_VERIFY_WITH_TIMEOUT(allSettled(), 10000);
}

void TestFleetPendingModel::mergedListMostUrgentFirstWithAccountAndRegion()
{
    openBoard({ &m_eu, &m_us });
    QCOMPARE(m_model->rowCount(), 3);
    FleetFilterProxyModel proxy;
    QAbstractItemModelTester proxyTester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    proxy.setSourceModel(m_model.get());
    proxy.sort(FleetPendingModel::LeftColumn, Qt::AscendingOrder);

    // us waited 1500 s of 1800, eu 1000 s and 100 s: the other account's row sits between eu's two.
    const QList<std::pair<const Account*, int>> expected { { &m_us, 300 }, { &m_eu, 800 }, { &m_eu, 1700 } };
    for (int row = 0; row < 3; ++row) {
        const Account& account = *expected.at(row).first;
        const QModelIndex index = proxy.index(row, 0);
        QCOMPARE(index.data(FleetPendingModel::AccountIdRole).toString(), account.accountId);
        QCOMPARE(index.data(FleetPendingModel::RegionRole).toString(), account.region);
        QCOMPARE(index.data(PendingActionModel::GroupNameRole).toString(), account.group());
        // Estimated from the scaling activity's start, which AWS gives to the second.
        const qint64 left = index.data(PendingActionModel::SecondsLeftRole).toLongLong();
        QVERIFY2(qAbs(left - expected.at(row).second) <= 2, qPrintable(QString::number(left)));
        QCOMPARE(proxy.index(row, FleetPendingModel::AccountColumn).data().toString(),
            account.profile + u" ("_s + account.accountId + u")"_s);
        QCOMPARE(proxy.index(row, FleetPendingModel::RegionColumn).data().toString(), account.region);
        QVERIFY(LaunchScenario::waitingInstances(account.sim->simulator(), account.group())
                    .contains(index.data(PendingActionModel::InstanceIdRole).toString()));
        QCOMPARE(FleetPendingModel::connectionOf(index)->session()->region(), account.region);
    }
    QCOMPARE(m_board->statusText(m_eu.profile + u'/' + m_eu.region), u"2 waiting"_s);

    // Scoped to one account, the other's rows go.
    proxy.setProfile(m_eu.profile);
    QCOMPARE(proxy.rowCount(), 2);
    proxy.setScope({}, m_us.profile + u'/' + m_us.region, {});
    QCOMPARE(proxy.rowCount(), 1);
}

void TestFleetPendingModel::groupTreeIsAccountRegionGroup()
{
    FleetGroupTreeModel tree(m_board.get());
    QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
    openBoard({ &m_eu, &m_us });
    QCOMPARE(tree.rowCount(), 2);
    const QList<const Account*> accounts { &m_eu, &m_us }; // profiles in name order
    for (int row = 0; row < 2; ++row) {
        const Account& account = *accounts.at(row);
        const QModelIndex accountIndex = tree.index(row, 0);
        QCOMPARE(accountIndex.data().toString(), account.profile + u" ("_s + account.accountId + u")"_s);
        QCOMPARE(accountIndex.data(FleetGroupTreeModel::KindRole).toInt(), int(FleetGroupTreeModel::Kind::Account));
        QCOMPARE(tree.rowCount(accountIndex), 1);
        const QModelIndex region = tree.index(0, 0, accountIndex);
        QCOMPARE(region.data().toString(), account.region);
        QCOMPARE(tree.rowCount(region), 1);
        const QModelIndex group = tree.index(0, 0, region);
        QCOMPARE(group.data().toString(), account.group());
        QCOMPARE(group.data(FleetGroupTreeModel::WaitingCountRole).toInt(), int(account.elapsed.size()));
        QCOMPARE(tree.index(0, FleetGroupTreeModel::WaitingColumn, accountIndex).data().toInt(),
            int(account.elapsed.size()));
        QCOMPARE(qobject_cast<Connection*>(group.data(FleetGroupTreeModel::ConnectionRole).value<QObject*>())
                     ->session()
                     ->region(),
            account.region);
    }
    // Unticked, its account goes from the tree.
    m_board->close(m_eu.profile + u'/' + m_eu.region);
    QCOMPARE(tree.rowCount(), 1);
    QCOMPARE(tree.index(0, 0).data(FleetGroupTreeModel::ProfileRole).toString(), m_us.profile);
}

void TestFleetPendingModel::refreshOfOneConnectionUpdatesItsRowsInPlace()
{
    openBoard({ &m_eu, &m_us });
    QCOMPARE(m_model->rowCount(), 3);
    QPersistentModelIndex usRow;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(FleetPendingModel::ProfileRole).toString() == m_us.profile)
            usRow = m_model->index(row, 0);
    }
    QVERIFY(usRow.isValid());
    const QString usInstance = usRow.data(PendingActionModel::InstanceIdRole).toString();

    // One more instance launches into eu's wait.
    Simulator& eu = m_eu.sim->simulator();
    QVERIFY(eu.setDesiredCapacity(m_eu.group(), 4));
    eu.advance(5);
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    QSignalSpy inserted(m_model.get(), &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(m_model.get(), &QAbstractItemModel::dataChanged);
    Connection* euConnection = m_board->member(m_eu.profile + u'/' + m_eu.region)->connection;
    QSignalSpy finished(euConnection->store(), &InventoryStore::refreshFinished);
    QVERIFY(euConnection->store()->refresh(InventoryStore::RefreshKind::Full));
    QVERIFY(finished.wait(10000));
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 4, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(allSettled(), 10000);

    QCOMPARE(reset.count(), 0);
    QCOMPARE(inserted.count(), 1);
    // us's row was not touched: the same persistent index, the same instance, no dataChanged over it.
    QVERIFY(usRow.isValid());
    QCOMPARE(usRow.data(PendingActionModel::InstanceIdRole).toString(), usInstance);
    for (const QList<QVariant>& signal : std::as_const(changed)) {
        const auto topLeft = signal.at(0).value<QModelIndex>();
        const auto bottomRight = signal.at(1).value<QModelIndex>();
        QVERIFY(usRow.row() < topLeft.row() || usRow.row() > bottomRight.row());
    }
    const QModelIndex added = m_model->index(inserted.constFirst().at(1).toInt(), 0);
    QCOMPARE(added.data(FleetPendingModel::AccountIdRole).toString(), m_eu.accountId);
}

void TestFleetPendingModel::connectionDownIsReportedWhileTheOthersLoad()
{
    m_ap.sim->simulator().stop();
    openBoard({ &m_eu, &m_ap, &m_us });
    const QString apKey = m_ap.profile + u'/' + m_ap.region;
    QCOMPARE(m_board->member(apKey)->status, FleetBoard::Status::Failed);
    QVERIFY2(m_board->statusText(apKey).startsWith(u"error: "_s), qPrintable(m_board->statusText(apKey)));
    QVERIFY(!m_board->member(apKey)->error.isEmpty());
    for (const Account* account : { &m_eu, &m_us })
        QCOMPARE(m_board->member(account->profile + u'/' + account->region)->status, FleetBoard::Status::Loaded);
    QCOMPARE(m_model->rowCount(), 3);
    for (int row = 0; row < m_model->rowCount(); ++row)
        QVERIFY(m_model->index(row, 0).data(FleetPendingModel::ProfileRole).toString() != m_ap.profile);

    // A profile that cannot be resolved at all is an error of its own line too, not of the board.
    FleetBoard broken(&m_network, m_audit.get(), [](const FleetSource&, QObject*) {
        FleetBoard::Opened opened;
        opened.error = AwsError::credentials(u"no keys for profile ghost"_s);
        return opened;
    });
    broken.open({ u"ghost"_s, u"eu-west-1"_s });
    QCOMPARE(broken.members().constFirst().status, FleetBoard::Status::Failed);
    QVERIFY(broken.statusText(u"ghost/eu-west-1"_s).contains(u"no keys for profile ghost"_s));
}

void TestFleetPendingModel::actionOnARowReachesOnlyItsOwnSimulator()
{
    openBoard({ &m_eu, &m_us });
    QSignalSpy euServed(&m_eu.sim->simulator(), &Simulator::requestServed);
    QSignalSpy usServed(&m_us.sim->simulator(), &Simulator::requestServed);
    QModelIndexList selected;
    for (int row = 0; row < m_model->rowCount(); ++row) {
        if (m_model->index(row, 0).data(FleetPendingModel::ProfileRole).toString() == m_us.profile)
            selected << m_model->index(row, 0);
    }
    QCOMPARE(selected.size(), 1);
    const QList<FleetPendingModel::Batch> batches = FleetPendingModel::batches(selected);
    QCOMPARE(batches.size(), 1);
    QCOMPARE(batches.constFirst().connection->session()->account(), m_us.accountId);
    const PendingAction action = batches.constFirst().actions.constFirst();
    BulkActionJob* job = batches.constFirst().connection->actions()->complete(
        { { action.groupName, {}, action.instanceId, {}, action.lifecycleState } }, u"CONTINUE"_s);
    QSignalSpy finished(job, &BulkActionJob::finished);
    QVERIFY(finished.wait(10000));
    QCOMPARE(job->countIn(BulkActionJob::ItemState::Done), 1);

    const auto completes = [](const QSignalSpy& served) {
        return std::count_if(served.cbegin(), served.cend(),
            [](const QList<QVariant>& call) { return call.at(0).toString() == u"CompleteLifecycleAction"_s; });
    };
    QCOMPARE(completes(usServed), 1);
    QCOMPARE(completes(euServed), 0);
    QCOMPARE(m_us.sim->simulator().lifecycleState(action.instanceId), u"Pending:Proceed"_s);
    QCOMPARE(m_eu.sim->simulator().ledger().size(), 0);

    const QList<AuditRecord> records = m_audit->readAll();
    QVERIFY(!records.isEmpty());
    for (const AuditRecord& record : records) {
        QCOMPARE(record.account, m_us.accountId);
        QCOMPARE(record.region, m_us.region);
        QCOMPARE(record.profile, m_us.profile);
        QCOMPARE(record.instance, action.instanceId);
    }
}

void TestFleetPendingModel::closingAConnectionRemovesItsRows()
{
    openBoard({ &m_eu, &m_us });
    QSignalSpy reset(m_model.get(), &QAbstractItemModel::modelReset);
    m_board->setSources({ { m_us.profile, m_us.region } });
    QCOMPARE(m_model->rowCount(), 1);
    QCOMPARE(m_model->index(0, 0).data(FleetPendingModel::ProfileRole).toString(), m_us.profile);
    m_board->setSources({ { m_us.profile, m_us.region }, { m_eu.profile, m_eu.region } });
    QTRY_COMPARE_WITH_TIMEOUT(m_model->rowCount(), 3, 10000);
    QCOMPARE(reset.count(), 0);
}

void TestFleetPendingModel::savedProfilesInEveryRegionTheyUse()
{
    // Two saved profiles, each with its simulator's keys (in the keychain) and endpoint: the catalog offers each in
    // both regions, its own first, and a ticked one opens through the credential chain like the main window's.
    MemorySecretStore secrets;
    ProfileStore profiles(&secrets, m_dir.filePath(u"profiles.ini"_s));
    for (const Account* account : { &m_eu, &m_us }) {
        Profile profile;
        profile.name = account->profile;
        profile.region = account->region;
        profile.endpointUrl = account->sim->url();
        auto* job = profiles.addProfile(profile, account->sim->credentials());
        job->setAutoDelete(false);
        QVERIFY(QTest::qWaitFor([job] { return job->isFinished(); }, 10000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        delete job;
    }
    CredentialChain chain(&profiles, &m_network, nullptr);
    chain.setEnvironment(QProcessEnvironment()); // no AWS_* variables, no ~/.aws files of the machine
    const FleetCatalog catalog = FleetCatalog::fromProfiles(&profiles, &chain);
    QCOMPARE(catalog.sources,
        (QList<FleetSource> { { m_eu.profile, m_eu.region }, { m_eu.profile, m_us.region },
            { m_us.profile, m_us.region }, { m_us.profile, m_eu.region } }));
    QVERIFY(catalog.tickedByDefault.isEmpty());

    FleetBoard board(&m_network, m_audit.get(), catalog.resolver);
    board.setAutoRefresh(false);
    FleetPendingModel model(&board);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    board.setSources({ { m_us.profile, m_us.region }, { u"missing"_s, m_us.region } });
    QCOMPARE(board.member(u"missing/"_s + m_us.region)->status, FleetBoard::Status::Failed);
    QTRY_COMPARE_WITH_TIMEOUT(
        board.member(m_us.profile + u'/' + m_us.region)->status, FleetBoard::Status::Loaded, 10000);
    QCOMPARE(model.rowCount(), int(m_us.elapsed.size()));
    QCOMPARE(model.index(0, 0).data(FleetPendingModel::RegionRole).toString(), m_us.region);
    QTRY_VERIFY_WITH_TIMEOUT(!board.connections().constFirst()->store()->isRefreshing()
            && board.connections().constFirst()->session()->hasIdentity(),
        10000);
}

void TestFleetPendingModel::aProfileSignsInOnceForAllItsRegions()
{
    // A role whose AssumeRole needs MFA, ticked in two regions: one sign-in, one code asked, both connections load.
    const QString roleArn = u"arn:aws:iam::444444444444:role/ops"_s;
    int assumeRoles = 0; // before the simulator: it may still signal while it goes
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.accountId = u"444444444444"_s;
    options.rolesRequiringMfa << roleArn;
    SimulatorFixture sim(options);
    QString error;
    QVERIFY2(sim.start(&error), qPrintable(error));
    QVERIFY2(succeeded(sim.simulator().loadScenario(scenario(u"ops-web"_s, { 300 })), &error), qPrintable(error));
    connect(&sim.simulator(), &Simulator::requestServed, this, [&assumeRoles](const QString& action, int) {
        if (action == u"AssumeRole"_s)
            ++assumeRoles;
    });

    MemorySecretStore secrets;
    ProfileStore profiles(&secrets, m_dir.filePath(u"profiles-mfa.ini"_s));
    Profile base;
    base.name = u"ops-base"_s;
    base.region = u"eu-central-1"_s;
    base.endpointUrl = sim.url();
    Profile ops = base;
    ops.name = u"ops"_s;
    ops.role = { roleArn, base.name, {}, u"arn:aws:iam::444444444444:mfa/operator"_s, 900 };
    for (const Profile& profile : { base, ops }) {
        // One at a time, each job kept until read: a finished job deletes itself otherwise.
        auto* job
            = profile.assumesRole() ? profiles.addProfile(profile) : profiles.addProfile(profile, sim.credentials());
        job->setAutoDelete(false);
        QVERIFY(QTest::qWaitFor([job] { return job->isFinished(); }, 10000));
        QVERIFY2(!job->hasError(), qPrintable(job->error().toString()));
        delete job;
    }
    ScriptedMfaPrompter prompter({ options.mfaCode, options.mfaCode });
    CredentialChain chain(&profiles, &m_network, &prompter);
    chain.setEnvironment(QProcessEnvironment());
    const FleetCatalog catalog = FleetCatalog::fromProfiles(&profiles, &chain);

    FleetBoard board(&m_network, m_audit.get(), catalog.resolver);
    board.setAutoRefresh(false);
    board.setSources({ { ops.name, u"eu-central-1"_s }, { ops.name, u"us-west-2"_s } });
    for (const QString& region : { u"eu-central-1"_s, u"us-west-2"_s }) {
        QTRY_COMPARE_WITH_TIMEOUT(board.member(ops.name + u'/' + region)->status, FleetBoard::Status::Loaded, 10000);
    }
    QCOMPARE(prompter.requests().size(), 1);
    QCOMPARE(assumeRoles, 1);
    QCOMPARE(board.connections().size(), 2);
    QCOMPARE(board.connections().at(0)->session()->region(), u"eu-central-1"_s);
    QCOMPARE(board.connections().at(1)->session()->region(), u"us-west-2"_s);

    // Unticked and ticked again: the board still holds the session, no second code is asked.
    board.setSources({ { ops.name, u"eu-central-1"_s } });
    board.setSources({ { ops.name, u"eu-central-1"_s }, { ops.name, u"us-west-2"_s } });
    QTRY_COMPARE_WITH_TIMEOUT(board.member(ops.name + u"/us-west-2"_s)->status, FleetBoard::Status::Loaded, 10000);
    QCOMPARE(prompter.requests().size(), 1);
    // connections() is a list made on each call: one copy, so both iterators are of the same list.
    QTRY_VERIFY_WITH_TIMEOUT(
        [&board] {
            const QList<Connection*> connections = board.connections();
            return std::all_of(
                connections.cbegin(), connections.cend(), [](Connection* c) { return !c->store()->isRefreshing(); });
        }(),
        10000);
}

QTEST_GUILESS_MAIN(TestFleetPendingModel)
#include "tst_fleetpendingmodel.moc"
