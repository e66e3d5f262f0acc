// hookdesk-cli complete and heartbeat over several connections (issue 14 item 4): --profile and --region repeated,
// or --all-profiles. Three in-process simulators, each its own account and region reached through its own saved
// profile: each instance is acted on through the one connection that lists it waiting, so each simulator receives
// exactly its own requests and each audit record names its own account and region; an instance no connection lists
// is refused with nothing sent; a connection that is down is reported beside the others (exit 5).
#include "auditlog.h"
#include "launchscenario.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QTest>
#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace {

QByteArray scenario(const QString& group)
{
    return uR"({ "groups": [ { "name": "%1", "minSize": 0, "maxSize": 4,
        "hooks": [ { "name": "warm-up", "transition": "launching", "heartbeatTimeout": 1800, "defaultResult": "ABANDON" } ],
        "instances": [ { "state": "InService", "count": 1 }, { "state": "Pending:Wait", "elapsed": 300 } ] } ] })"_s
        .arg(group)
        .toUtf8();
}

struct Account {
    QString profile;
    QString accountId;
    QString region;
    std::unique_ptr<SimulatorFixture> sim;
};

// The simulator's mutating requests of `action`, as instance IDs in the order they arrived.
QStringList ledgerInstances(const Account& account, const QString& action)
{
    QStringList instances;
    for (const SimLedgerEntry& entry : account.sim->simulator().ledger()) {
        if (entry.action == action)
            instances.append(entry.instanceId);
    }
    return instances;
}

} // namespace

class TestCliFleetActions : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();

    void completeGoesThroughEachInstancesOwnConnection();
    void tableNamesAccountAndRegion();
    void instanceNoConnectionListsIsRefused();
    void instanceListedByTwoConnectionsIsAmbiguous();
    void connectionDownDoesNotStopTheOthers();
    void heartbeatOverTwoConnections();
    void abandonWithoutYesOffTerminalSendsNothing();
    void abandonOnTerminalAsksForTheCountAcrossConnections();
    void allPendingActsInEveryConnectionWithTheGroup();
    void keepAliveStaysOnOneConnection();

private:
    bool addProfile(const QString& profile, const Account& account, const QString& region);
    QString instanceOf(const Account& account) const;
    QString groupOf(const Account& account) const { return u"web-"_s + account.region; }

    MemorySecretStore m_secrets;
    std::unique_ptr<CliHarness> m_cli;
    Account m_eu { u"prod-eu"_s, u"111111111111"_s, u"eu-west-1"_s, {} };
    Account m_us { u"prod-us"_s, u"222222222222"_s, u"us-east-1"_s, {} };
    Account m_ap { u"staging-ap"_s, u"333333333333"_s, u"ap-southeast-2"_s, {} };
};

void TestCliFleetActions::init()
{
    m_cli = std::make_unique<CliHarness>();
    m_cli->secrets = &m_secrets;
    for (Account* account : { &m_eu, &m_us, &m_ap }) {
        SimulatorOptions options = SimulatorFixture::defaultOptions();
        options.accountId = account->accountId;
        options.region = account->region;
        account->sim = std::make_unique<SimulatorFixture>(options);
        QString error;
        QVERIFY2(account->sim->start(&error), qPrintable(error));
        QVERIFY(account->sim->simulator().loadScenario(scenario(groupOf(*account))));
        QVERIFY(addProfile(account->profile, *account, account->region));
    }
}

void TestCliFleetActions::cleanup()
{
    m_cli.reset();
    m_eu.sim.reset();
    m_us.sim.reset();
    m_ap.sim.reset();
}

bool TestCliFleetActions::addProfile(const QString& profile, const Account& account, const QString& region)
{
    const Credentials& keys = account.sim->credentials();
    m_cli->input = keys.accessKeyId.toUtf8() + '\n' + keys.secretAccessKey.toUtf8() + "\n\n";
    const CliRun add = m_cli->run(
        { u"profile"_s, u"add"_s, profile, u"--region"_s, region, u"--endpoint-url"_s, account.sim->url().toString() });
    m_cli->input.clear();
    if (add.exitCode != 0)
        qWarning("%s", add.describe().constData());
    return add.exitCode == 0;
}

QString TestCliFleetActions::instanceOf(const Account& account) const
{
    return LaunchScenario::waitingInstances(account.sim->simulator(), groupOf(account)).value(0);
}

void TestCliFleetActions::completeGoesThroughEachInstancesOwnConnection()
{
    const QString eu = instanceOf(m_eu);
    const QString us = instanceOf(m_us);
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--profile"_s, u"prod-eu"_s,
        u"--profile"_s, u"prod-us"_s, u"--instance"_s, eu, us, u"--result"_s, u"CONTINUE"_s });
    QVERIFY2(run.exitCode == 0, run.describe());

    // Each simulator received exactly its own instance's action; the third, not named, nothing.
    QCOMPARE(ledgerInstances(m_eu, u"CompleteLifecycleAction"_s), QStringList { eu });
    QCOMPARE(ledgerInstances(m_us, u"CompleteLifecycleAction"_s), QStringList { us });
    QVERIFY(m_ap.sim->simulator().ledger().isEmpty());
    // Both moved on (Pending:Proceed, then InService): neither waits any more.
    QVERIFY(!LaunchScenario::waitingInstances(m_eu.sim->simulator(), groupOf(m_eu)).contains(eu));
    QVERIFY(!LaunchScenario::waitingInstances(m_us.sim->simulator(), groupOf(m_us)).contains(us));

    const QJsonObject document = run.json();
    QCOMPARE(document.value(u"errors"_s).toArray().size(), 0);
    QCOMPARE(document.value(u"summary"_s).toObject().value(u"done"_s).toInt(), 2);
    const QJsonArray items = document.value(u"items"_s).toArray();
    QCOMPARE(items.size(), 2);
    for (const QJsonValue value : items) {
        const QJsonObject item = value.toObject();
        const Account& account = item.value(u"instanceId"_s).toString() == eu ? m_eu : m_us;
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(item.value(u"account"_s).toString(), account.accountId);
        QCOMPARE(item.value(u"region"_s).toString(), account.region);
        QCOMPARE(item.value(u"profile"_s).toString(), account.profile);
        QCOMPARE(item.value(u"group"_s).toString(), groupOf(account));
    }

    // Every record of each action names the account and region it went to.
    int records = 0;
    for (const AuditRecord& record : AuditLog(m_cli->auditPath).readAll()) {
        if (record.action != u"CompleteLifecycleAction"_s)
            continue;
        ++records;
        const Account& account = record.instance == eu ? m_eu : m_us;
        QCOMPARE(record.account, account.accountId);
        QCOMPARE(record.region, account.region);
        QCOMPARE(record.profile, account.profile);
    }
    QCOMPARE(records, 4); // an intent and an outcome each
}

void TestCliFleetActions::tableNamesAccountAndRegion()
{
    const QString eu = instanceOf(m_eu);
    const QString ap = instanceOf(m_ap);
    const CliRun run
        = m_cli->run({ u"complete"_s, u"--all-profiles"_s, u"--instance"_s, eu, ap, u"--result"_s, u"CONTINUE"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    const QStringList lines = run.out.split(u'\n', Qt::SkipEmptyParts);
    QVERIFY2(lines.size() >= 3, run.describe());
    QVERIFY2(lines.at(0).startsWith(u"ACCOUNT"_s) && lines.at(0).contains(u"REGION"_s), run.describe());
    QVERIFY(lines.at(0).contains(u"INSTANCE"_s) && lines.at(0).contains(u"OUTCOME"_s));
    // Each row starts with the account and region the instance was acted on in.
    const auto rowOf = [&lines](const QString& account) {
        const auto row
            = std::ranges::find_if(lines, [&account](const QString& line) { return line.startsWith(account); });
        return row == lines.cend() ? QString() : *row;
    };
    const QString euLine = rowOf(m_eu.accountId);
    const QString apLine = rowOf(m_ap.accountId);
    QVERIFY2(euLine.contains(m_eu.region) && euLine.contains(eu) && euLine.contains(u"done"_s), run.describe());
    QVERIFY2(apLine.contains(m_ap.region) && apLine.contains(ap) && apLine.contains(u"done"_s), run.describe());

    // One connection keeps its own columns.
    const CliRun single = m_cli->run({ u"complete"_s, u"--profile"_s, u"prod-us"_s, u"--instance"_s, instanceOf(m_us),
        u"--result"_s, u"CONTINUE"_s });
    QVERIFY2(single.exitCode == 0, single.describe());
    QVERIFY(single.out.startsWith(u"INSTANCE"_s));
}

void TestCliFleetActions::instanceNoConnectionListsIsRefused()
{
    const QString unknown = u"i-0123456789abcdef0"_s;
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--all-profiles"_s, u"--instance"_s,
        unknown, u"--result"_s, u"CONTINUE"_s });
    QCOMPARE(run.exitCode, 2); // as for one refused target on one connection
    for (const Account* account : { &m_eu, &m_us, &m_ap })
        QVERIFY(account->sim->simulator().ledger().isEmpty());
    const QJsonArray items = run.json().value(u"items"_s).toArray();
    QCOMPARE(items.size(), 1);
    const QJsonObject item = items.at(0).toObject();
    QCOMPARE(item.value(u"instanceId"_s).toString(), unknown);
    QCOMPARE(item.value(u"outcome"_s).toString(), u"refused"_s);
    QVERIFY2(item.value(u"message"_s).toString().contains(u"not in any Auto Scaling group"_s), run.describe());
    QVERIFY(item.value(u"account"_s).isNull());

    // An instance that is listed but not waiting: refused under its connection, nothing sent.
    const QString inService = LaunchScenario::inServiceInstance(m_us.sim->simulator(), groupOf(m_us));
    const CliRun notWaiting = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--all-profiles"_s,
        u"--instance"_s, inService, u"--result"_s, u"CONTINUE"_s });
    QCOMPARE(notWaiting.exitCode, 2);
    QVERIFY(m_us.sim->simulator().ledger().isEmpty());
    const QJsonObject listed = notWaiting.json().value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(listed.value(u"outcome"_s).toString(), u"refused"_s);
    QCOMPARE(listed.value(u"account"_s).toString(), m_us.accountId);
    QCOMPARE(listed.value(u"group"_s).toString(), groupOf(m_us));
    QVERIFY2(listed.value(u"message"_s).toString().contains(u"is not waiting on a lifecycle hook: it is InService"_s),
        notWaiting.describe());

    // Beside a target that is found: that one is done, the unknown one refused, exit 5 as for several targets.
    const CliRun mixed
        = m_cli->run({ u"heartbeat"_s, u"--all-profiles"_s, u"--instance"_s, instanceOf(m_us), unknown });
    QCOMPARE(mixed.exitCode, 5);
    QCOMPARE(ledgerInstances(m_us, u"RecordLifecycleActionHeartbeat"_s), QStringList { instanceOf(m_us) });
    QVERIFY2(mixed.out.contains(unknown + u": Instance "_s + unknown + u" is not in any"_s), mixed.describe());
}

void TestCliFleetActions::instanceListedByTwoConnectionsIsAmbiguous()
{
    // A second profile on the eu simulator, in another region: the simulator answers for any region, so two
    // connections list the same instance. Which one is meant cannot be told: nothing is sent.
    QVERIFY(addProfile(u"prod-eu-again"_s, m_eu, u"eu-central-1"_s));
    const QString eu = instanceOf(m_eu);
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--profile"_s, u"prod-eu"_s,
        u"--profile"_s, u"prod-eu-again"_s, u"--instance"_s, eu, u"--result"_s, u"CONTINUE"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY(m_eu.sim->simulator().ledger().isEmpty());
    const QJsonObject item = run.json().value(u"items"_s).toArray().at(0).toObject();
    QCOMPARE(item.value(u"outcome"_s).toString(), u"refused"_s);
    const QString message = item.value(u"message"_s).toString();
    QVERIFY2(message.contains(u"ambiguous"_s), qPrintable(message));
    QVERIFY2(message.contains(u"111111111111 in eu-west-1"_s) && message.contains(u"111111111111 in eu-central-1"_s),
        qPrintable(message));
}

void TestCliFleetActions::connectionDownDoesNotStopTheOthers()
{
    const QString eu = instanceOf(m_eu);
    const QString ap = instanceOf(m_ap);
    m_ap.sim->simulator().stop();
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"complete"_s, u"--all-profiles"_s, u"--instance"_s, eu,
        ap, u"--result"_s, u"CONTINUE"_s });
    QCOMPARE(run.exitCode, 5);
    QCOMPARE(ledgerInstances(m_eu, u"CompleteLifecycleAction"_s), QStringList { eu });
    QVERIFY(!LaunchScenario::waitingInstances(m_eu.sim->simulator(), groupOf(m_eu)).contains(eu));
    QVERIFY(m_us.sim->simulator().ledger().isEmpty());

    const QJsonObject document = run.json();
    const QJsonArray errors = document.value(u"errors"_s).toArray();
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errors.at(0).toObject().value(u"profile"_s).toString(), m_ap.profile);
    QCOMPARE(errors.at(0).toObject().value(u"region"_s).toString(), m_ap.region);
    QCOMPARE(errors.at(0).toObject().value(u"code"_s).toString(), u"ConnectionRefused"_s);
    // The dead connection's instance cannot be found: failed with that connection's error, under its name.
    QHash<QString, QJsonObject> items;
    for (const QJsonValue value : document.value(u"items"_s).toArray())
        items.insert(value.toObject().value(u"instanceId"_s).toString(), value.toObject());
    QCOMPARE(items.value(eu).value(u"outcome"_s).toString(), u"done"_s);
    QCOMPARE(items.value(eu).value(u"account"_s).toString(), m_eu.accountId);
    QCOMPARE(items.value(ap).value(u"outcome"_s).toString(), u"failed"_s);
    QCOMPARE(items.value(ap).value(u"profile"_s).toString(), m_ap.profile);
    QCOMPARE(items.value(ap).value(u"error"_s).toObject().value(u"code"_s).toString(), u"ConnectionRefused"_s);

    // In a table the dead connection is a warning on standard error.
    const CliRun table = m_cli->run({ u"heartbeat"_s, u"--all-profiles"_s, u"--instance"_s, instanceOf(m_us) });
    QCOMPARE(table.exitCode, 5);
    QVERIFY2(table.err.contains(u"warning: staging-ap in ap-southeast-2"_s), table.describe());
    QCOMPARE(ledgerInstances(m_us, u"RecordLifecycleActionHeartbeat"_s), QStringList { instanceOf(m_us) });
}

void TestCliFleetActions::heartbeatOverTwoConnections()
{
    const QString eu = instanceOf(m_eu);
    const QString ap = instanceOf(m_ap);
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"heartbeat"_s, u"--profile"_s, u"prod-eu"_s,
        u"--profile"_s, u"staging-ap"_s, u"--instance"_s, eu, ap });
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(ledgerInstances(m_eu, u"RecordLifecycleActionHeartbeat"_s), QStringList { eu });
    QCOMPARE(ledgerInstances(m_ap, u"RecordLifecycleActionHeartbeat"_s), QStringList { ap });
    QVERIFY(m_us.sim->simulator().ledger().isEmpty());
    // A heartbeat keeps the instance waiting.
    QCOMPARE(m_eu.sim->simulator().lifecycleState(eu), u"Pending:Wait"_s);
    const QJsonObject document = run.json();
    QCOMPARE(document.value(u"operation"_s).toString(), u"heartbeat"_s);
    for (const QJsonValue value : document.value(u"items"_s).toArray()) {
        const QJsonObject item = value.toObject();
        const bool isEu = item.value(u"instanceId"_s).toString() == eu;
        QCOMPARE(item.value(u"outcome"_s).toString(), u"done"_s);
        QCOMPARE(item.value(u"account"_s).toString(), isEu ? m_eu.accountId : m_ap.accountId);
    }
    for (const AuditRecord& record : AuditLog(m_cli->auditPath).readAll()) {
        if (record.action == u"RecordLifecycleActionHeartbeat"_s)
            QCOMPARE(record.account, record.instance == eu ? m_eu.accountId : m_ap.accountId);
    }
}

void TestCliFleetActions::abandonWithoutYesOffTerminalSendsNothing()
{
    const QStringList instances { instanceOf(m_eu), instanceOf(m_us) };
    const QList<int> before { m_eu.sim->simulator().requestCount(), m_us.sim->simulator().requestCount(),
        m_ap.sim->simulator().requestCount() };
    const CliRun run = m_cli->run(
        QStringList { u"complete"_s, u"--all-profiles"_s, u"--result"_s, u"ABANDON"_s, u"--instance"_s } + instances);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"refusing to ABANDON instances without --yes"_s), run.describe());
    // Refused before any connection was opened: not even a read.
    const QList<int> after { m_eu.sim->simulator().requestCount(), m_us.sim->simulator().requestCount(),
        m_ap.sim->simulator().requestCount() };
    QCOMPARE(after, before);
}

void TestCliFleetActions::abandonOnTerminalAsksForTheCountAcrossConnections()
{
    const QString eu = instanceOf(m_eu);
    const QString us = instanceOf(m_us);
    m_cli->terminal = true;
    m_cli->input = "1\n"; // not the count: nothing is sent
    const CliRun refused
        = m_cli->run({ u"complete"_s, u"--all-profiles"_s, u"--instance"_s, eu, us, u"--result"_s, u"ABANDON"_s });
    QCOMPARE(refused.exitCode, 2);
    QVERIFY2(refused.err.contains(u"About to ABANDON 2 instance"_s), refused.describe());
    QVERIFY(
        refused.err.contains(u"111111111111 in eu-west-1"_s) && refused.err.contains(u"222222222222 in us-east-1"_s));
    QVERIFY(m_eu.sim->simulator().ledger().isEmpty() && m_us.sim->simulator().ledger().isEmpty());

    m_cli->input = "2\n";
    const CliRun run
        = m_cli->run({ u"complete"_s, u"--all-profiles"_s, u"--instance"_s, eu, us, u"--result"_s, u"ABANDON"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(ledgerInstances(m_eu, u"CompleteLifecycleAction"_s), QStringList { eu });
    QCOMPARE(ledgerInstances(m_us, u"CompleteLifecycleAction"_s), QStringList { us });
    QCOMPARE(m_eu.sim->simulator().ledger().constFirst().result, u"ABANDON"_s);
}

void TestCliFleetActions::allPendingActsInEveryConnectionWithTheGroup()
{
    // The same group name in two accounts (eu and us); ap has no such group and is left alone.
    QVERIFY(m_us.sim->simulator().loadScenario(scenario(groupOf(m_eu))));
    const CliRun run = m_cli->run({ u"--output"_s, u"json"_s, u"heartbeat"_s, u"--all-profiles"_s, u"--group"_s,
        groupOf(m_eu), u"--all-pending"_s, u"--yes"_s });
    QVERIFY2(run.exitCode == 0, run.describe());
    QCOMPARE(ledgerInstances(m_eu, u"RecordLifecycleActionHeartbeat"_s), QStringList { instanceOf(m_eu) });
    QCOMPARE(ledgerInstances(m_us, u"RecordLifecycleActionHeartbeat"_s).size(), 1);
    QVERIFY(m_ap.sim->simulator().ledger().isEmpty());

    // A group no connection has is a typo: refused, nothing sent.
    const CliRun typo = m_cli->run(
        { u"heartbeat"_s, u"--all-profiles"_s, u"--group"_s, u"web-nowhere"_s, u"--all-pending"_s, u"--yes"_s });
    QCOMPARE(typo.exitCode, 2);
    QVERIFY2(typo.err.contains(u"no Auto Scaling group named web-nowhere"_s), typo.describe());
}

void TestCliFleetActions::keepAliveStaysOnOneConnection()
{
    const QString eu = instanceOf(m_eu);
    const int before = m_eu.sim->simulator().requestCount();
    const CliRun run = m_cli->run({ u"heartbeat"_s, u"--all-profiles"_s, u"--group"_s, groupOf(m_eu), u"--instance"_s,
        eu, u"--keep-alive"_s, u"10m"_s });
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(u"--keep-alive works on one connection"_s), run.describe());
    QCOMPARE(m_eu.sim->simulator().requestCount(), before);
}

QTEST_GUILESS_MAIN(TestCliFleetActions)
#include "tst_cli_fleetactions.moc"
