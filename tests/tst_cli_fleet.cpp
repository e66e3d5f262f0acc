// hookdesk-cli over several connections (issue 14 item 4): --profile and --region repeated, or --all-profiles, for
// `pending` and `groups`. Three in-process simulators, each its own account and region, each reached through its own
// saved profile: one merged list most urgent first, every row naming its account, region and profile; a connection
// that is down or throttled is reported beside the others (exit 5), never in their way.
#include "launchscenario.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QTest>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

// One waiting instance per simulator, its wait started `elapsed` seconds ago: the deadlines interleave.
QByteArray scenario(const QString& group, int elapsed)
{
    return uR"({ "groups": [ { "name": "%1", "minSize": 0, "maxSize": 4,
        "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
        "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "elapsed": %2 } ] } ] })"_s
        .arg(group)
        .arg(elapsed)
        .toUtf8();
}

struct Account {
    QString profile;
    QString accountId;
    QString region;
    std::unique_ptr<SimulatorFixture> sim;
};

} // namespace

class TestCliFleet : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void pendingMergesEveryConnectionMostUrgentFirst();
    void tableNamesAccountAndRegion();
    void groupsOverProfilesTimesRegions();
    void connectionDownIsReportedBesideTheOthers();
    void throttledConnectionDoesNotHoldUpTheOthers();
    void everyConnectionDownFailsWithItsCode();
    void allProfilesNeedsSavedProfiles();
    void mfaOnOneConnectionAsksOnceWithoutStoppingTheOthers();

private:
    bool addProfile(const Account& account, const QString& endpoint);
    QString instanceOf(const Account& account) const;

    MemorySecretStore m_secrets;
    std::unique_ptr<CliHarness> m_cli;
    QList<Account*> m_accounts;
    Account m_eu { u"prod-eu"_s, u"111111111111"_s, u"eu-west-1"_s, {} };
    Account m_us { u"prod-us"_s, u"222222222222"_s, u"us-east-1"_s, {} };
    Account m_ap { u"staging-ap"_s, u"333333333333"_s, u"ap-southeast-2"_s, {} };
};

void TestCliFleet::init()
{
    m_cli = std::make_unique<CliHarness>();
    m_cli->secrets = &m_secrets;
    const QList<std::pair<Account*, int>> setups { { &m_eu, 1000 }, { &m_us, 100 }, { &m_ap, 1500 } };
    for (const auto& [account, elapsed] : setups) {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.accountId = account->accountId;
        options.region = account->region;
        account->sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(account->sim->start(&error), qPrintable(error));
        QVERIFY(account->sim->simulator().loadScenario(scenario(u"web-"_s + account->region, elapsed)));
        QVERIFY(addProfile(*account, account->sim->url().toString()));
    }
}

void TestCliFleet::cleanup()
{
    m_cli.reset();
    m_eu.sim.reset();
    m_us.sim.reset();
    m_ap.sim.reset();
}

bool TestCliFleet::addProfile(const Account& account, const QString& endpoint)
{
    const Credentials& keys = account.sim ? account.sim->credentials() : m_eu.sim->credentials();
    m_cli->input = keys.accessKeyId.toUtf8() + '\n' + keys.secretAccessKey.toUtf8() + "\n\n";
    const CliRun add = m_cli->run(
        { u"profile"_s, u"add"_s, account.profile, u"--region"_s, account.region, u"--endpoint-url"_s, endpoint });
    m_cli->input.clear();
    if (add.exitCode != 0)
        qWarning("%s", add.describe().constData());
    return add.exitCode == 0;
}

QString TestCliFleet::instanceOf(const Account& account) const
{
    return LaunchScenario::waitingInstances(account.sim->simulator(), u"web-"_s + account.region).value(0);
}

void TestCliFleet::pendingMergesEveryConnectionMostUrgentFirst()
{
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s, u"--all-profiles"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonObject document = run.json();
    QCOMPARE(document.value(u"errors"_s).toArray().size(), 0);
    const QJsonArray pending = document.value(u"pending"_s).toArray();
    QCOMPARE(pending.size(), 3);
    // ap waited longest (1500 s of 1800), then eu (1000 s), then us (100 s).
    const QList<const Account*> expected { &m_ap, &m_eu, &m_us };
    for (int i = 0; i < 3; ++i) {
        const QJsonObject item = pending.at(i).toObject();
        const Account& account = *expected.at(i);
        QCOMPARE(item.value(u"account"_s).toString(), account.accountId);
        QCOMPARE(item.value(u"region"_s).toString(), account.region);
        QCOMPARE(item.value(u"profile"_s).toString(), account.profile);
        QCOMPARE(item.value(u"instanceId"_s).toString(), instanceOf(account));
        QCOMPARE(item.value(u"group"_s).toString(), u"web-"_s + account.region);
    }
    QVERIFY(pending.at(0).toObject().value(u"secondsLeft"_s).toInt()
        < pending.at(1).toObject().value(u"secondsLeft"_s).toInt());
    // Each simulator was asked about its own account only: nothing of the others reached it.
    for (const Account* account : expected)
        QVERIFY(account->sim->simulator().requestCount() > 0);
}

void TestCliFleet::tableNamesAccountAndRegion()
{
    const CliRun run = m_cli->run({ u"pending"_s, u"--profile"_s, u"prod-eu"_s, u"--profile"_s, u"prod-us"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 3);
    QVERIFY(lines.at(0).startsWith(u"PROFILE"_s));
    QVERIFY(lines.at(0).contains(u"ACCOUNT"_s) && lines.at(0).contains(u"REGION"_s));
    QVERIFY(lines.at(1).startsWith(u"prod-eu"_s));
    QVERIFY(lines.at(1).contains(u"111111111111"_s) && lines.at(1).contains(u"eu-west-1"_s));
    QVERIFY(lines.at(1).contains(instanceOf(m_eu)));
    QVERIFY(lines.at(2).contains(u"222222222222"_s) && lines.at(2).contains(instanceOf(m_us)));
    QVERIFY(!run.out.contains(instanceOf(m_ap))); // not named

    // One profile is one connection: the table keeps its single-account columns.
    const CliRun single = m_cli->run({ u"pending"_s, u"--profile"_s, u"prod-eu"_s });
    QVERIFY2(single.exitCode == 0, single.describe());
    QVERIFY(single.out.startsWith(u"GROUP"_s));
}

void TestCliFleet::groupsOverProfilesTimesRegions()
{
    // Two profiles × two regions: four connections. Each profile's endpoint is its own simulator, which answers
    // for any region; the rows say which connection they came from.
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"groups"_s, u"--profile"_s, u"prod-eu"_s, u"--profile"_s,
        u"prod-us"_s, u"--region"_s, u"eu-central-1"_s, u"--region"_s, u"us-west-2"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    const QJsonArray groups = run.json().value(u"groups"_s).toArray();
    QCOMPARE(groups.size(), 4);
    QSet<QString> connections;
    for (const QJsonValue value : groups) {
        const QJsonObject group = value.toObject();
        connections.insert(group.value(u"profile"_s).toString() + u'/' + group.value(u"region"_s).toString());
        const bool eu = group.value(u"profile"_s).toString() == u"prod-eu"_s;
        QCOMPARE(group.value(u"account"_s).toString(), eu ? m_eu.accountId : m_us.accountId);
        QCOMPARE(group.value(u"waiting"_s).toInt(), 1);
    }
    QCOMPARE(connections,
        (QSet<QString> {
            u"prod-eu/eu-central-1"_s, u"prod-eu/us-west-2"_s, u"prod-us/eu-central-1"_s, u"prod-us/us-west-2"_s }));
}

void TestCliFleet::connectionDownIsReportedBesideTheOthers()
{
    m_ap.sim->simulator().stop();
    const CliRun json = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s, u"--all-profiles"_s });
    QCOMPARE(json.exitCode, 5);
    const QJsonObject document = json.json();
    QCOMPARE(document.value(u"pending"_s).toArray().size(), 2);
    const QJsonArray errors = document.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    const QJsonObject error = errors.at(0).toObject();
    QCOMPARE(error.value(u"profile"_s).toString(), m_ap.profile);
    QCOMPARE(error.value(u"region"_s).toString(), m_ap.region);
    QCOMPARE(error.value(u"code"_s).toString(), u"ConnectionRefused"_s);

    const CliRun table = m_cli->run({ u"groups"_s, u"--all-profiles"_s });
    QCOMPARE(table.exitCode, 5);
    QVERIFY(table.out.contains(u"web-eu-west-1"_s) && table.out.contains(u"web-us-east-1"_s));
    QVERIFY2(table.err.contains(u"warning: staging-ap in ap-southeast-2"_s), table.describe());
}

void TestCliFleet::throttledConnectionDoesNotHoldUpTheOthers()
{
    // Every request to the us account is throttled: its retries give up, the other accounts' rows are there.
    m_us.sim->simulator().injectFault(SimFault::Throttle, 1000);
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s, u"--all-profiles"_s });
    QCOMPARE(run.exitCode, 5);
    const QJsonArray pending = run.json().value(u"pending"_s).toArray();
    QCOMPARE(pending.size(), 2);
    for (const QJsonValue item : pending)
        QVERIFY(item.toObject().value(u"profile"_s).toString() != m_us.profile);
    const QJsonArray errors = run.json().value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"code"_s).toString(), u"Throttling"_s);
}

void TestCliFleet::everyConnectionDownFailsWithItsCode()
{
    m_eu.sim->simulator().stop();
    m_us.sim->simulator().stop();
    const CliRun run = m_cli->run({ u"pending"_s, u"--profile"_s, u"prod-eu"_s, u"--profile"_s, u"prod-us"_s });
    QCOMPARE(run.exitCode, 4); // network, as a single connection would say
    QVERIFY(run.err.contains(u"prod-eu"_s) && run.err.contains(u"prod-us"_s));
}

void TestCliFleet::allProfilesNeedsSavedProfiles()
{
    CliHarness empty;
    MemorySecretStore secrets;
    empty.secrets = &secrets;
    const CliRun run = empty.run({ u"groups"_s, u"--all-profiles"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.err.contains(u"no saved profiles"_s));
}

void TestCliFleet::mfaOnOneConnectionAsksOnceWithoutStoppingTheOthers()
{
    // A fourth account reached through a role whose AssumeRole needs MFA, beside an account with plain keys.
    const QString roleArn = u"arn:aws:iam::444444444444:role/ops"_s;
    int assumeRoles = 0; // before the simulator: it may still signal while it goes
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.accountId = u"444444444444"_s;
    options.region = u"eu-central-1"_s;
    options.rolesRequiringMfa << roleArn;
    Account ops { u"ops-base"_s, options.accountId, options.region, std::make_unique<SimulatorFixture>(options) };
    QString error;
    QVERIFY2(ops.sim->start(&error), qPrintable(error));
    QVERIFY(ops.sim->simulator().loadScenario(scenario(u"web-eu-central-1"_s, 200)));
    QVERIFY(addProfile(ops, ops.sim->url().toString()));
    const CliRun addRole = m_cli->run({ u"profile"_s, u"add"_s, u"ops"_s, u"--region"_s, options.region,
        u"--endpoint-url"_s, ops.sim->url().toString(), u"--role-arn"_s, roleArn, u"--source-profile"_s, u"ops-base"_s,
        u"--mfa-serial"_s, u"arn:aws:iam::444444444444:mfa/operator"_s });
    QVERIFY2(addRole.exitCode == 0, addRole.describe());
    connect(&ops.sim->simulator(), &Simulator::requestServed, this, [&assumeRoles](const QString& action, int) {
        if (action == u"AssumeRole"_s)
            ++assumeRoles;
    });

    // On a terminal the code is asked once, for the role's profile only, however many regions it is read in; both
    // accounts are listed in both regions.
    m_cli->terminal = true;
    m_cli->input = options.mfaCode.toUtf8() + '\n';
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"pending"_s, u"--profile"_s, u"prod-eu"_s,
        u"--profile"_s, u"ops"_s, u"--region"_s, u"eu-central-1"_s, u"--region"_s, u"us-west-2"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(run.err.count(u"MFA code for arn:aws:iam::444444444444:mfa/operator (profile ops)"_s), 1);
    QCOMPARE(assumeRoles, 1);
    const QJsonArray pending = run.json().value(u"pending"_s).toArray();
    QCOMPARE(pending.size(), 4);
    QSet<QString> accounts;
    for (const QJsonValue value : pending)
        accounts.insert(value.toObject().value(u"account"_s).toString());
    QCOMPARE(accounts, (QSet<QString> { m_eu.accountId, options.accountId }));

    // The next run within the hour, unattended: the role session kept in the keychain signs, no code is asked for.
    m_cli->terminal = false;
    m_cli->input.clear();
    const CliRun later = m_cli->run(
        { u"--output"_s, u"json"_s, u"pending"_s, u"--profile"_s, u"prod-eu"_s, u"--profile"_s, u"ops"_s });
    QVERIFY2(later.exitCode == 0, later.describe());
    QVERIFY(!later.err.contains(u"MFA code"_s));
    QCOMPARE(assumeRoles, 1);
    QCOMPARE(later.json().value(u"pending"_s).toArray().size(), 2);

    // Forgotten: the next run must assume the role again. Forgetting twice is not an error, and says so.
    const CliRun forget = m_cli->run({ u"--output"_s, u"json"_s, u"profile"_s, u"forget"_s, u"ops"_s });
    QVERIFY2(forget.exitCode == 0, forget.describe());
    QCOMPARE(forget.json().value(u"outcome"_s).toString(), u"forgotten"_s);
    const CliRun again = m_cli->run({ u"profile"_s, u"forget"_s, u"ops"_s });
    QVERIFY2(again.exitCode == 0, again.describe());
    QVERIFY2(again.out.contains(u"has no session kept"_s), again.describe());

    // No code (nobody at a terminal): the role's connection fails with its reason, the other one still answers.
    const CliRun unattended = m_cli->run(
        { u"--output"_s, u"json"_s, u"pending"_s, u"--profile"_s, u"prod-eu"_s, u"--profile"_s, u"ops"_s });
    QCOMPARE(unattended.exitCode, 5);
    const QJsonObject document = unattended.json();
    QCOMPARE(document.value(u"pending"_s).toArray().size(), 1);
    QCOMPARE(document.value(u"pending"_s).toArray().at(0).toObject().value(u"account"_s).toString(), m_eu.accountId);
    const QJsonArray errors = document.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"profile"_s).toString(), u"ops"_s);
    QVERIFY2(!errors.at(0).toObject().value(u"message"_s).toString().isEmpty(), unattended.describe());
}

QTEST_GUILESS_MAIN(TestCliFleet)
#include "tst_cli_fleet.moc"
