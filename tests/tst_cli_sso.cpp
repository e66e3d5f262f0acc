// hookdesk-cli with IAM Identity Center (issue 13 item 1) against the simulator's OIDC service and portal: the
// device-code sign-in (approved at once, approved after pending polls, denied), the accounts and roles it reaches,
// a profile of one account and role whose calls sign with the role credentials, a token renewed with its refresh
// token when the portal refuses it, sign-out, and start URLs or regions that do not look like one refused before
// anything is sent. Nothing secret reaches the output.
#include "clibrowser.h"
#include "credentialchain.h"
#include "credentialprovider.h"
#include "keyringsession.h"
#include "profilestore.h"
#include "recordingkeychainstore.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "ssobrowsersignin.h"
#include "ssorolecache.h"
#include "testsupport.h"
#include "tst_cli_harness.h"

#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace {
const QString startUrl = u"https://d-1234567890.awsapps.com/start"_s;
}

class TestCliSso : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void signInListsAccountsAndSignsAProfile();
    void manualApprovalWaitsThroughPendingPolls();
    void deniedSignInFailsWithTheReason();
    void slowDownWidensThePollInterval();
    void expiredTokenIsRenewedWithTheRefreshToken();
    void startUrlAndRegionThatDoNotLookLikeOneAreRefused();
    void browserSignInWithPkce();
    void redirectWithAnotherStateIsRefused();
    void pkceChallengeIsS256();
    void awsConfigProfilesSignInAtRunTime();
    void roleCredentialsAreRenewedBeforeTheyEnd();
    void roleCredentialsAreKeptForTheNextRun();
    void transientFaultsAreRetried();
    void rolesKeptAtOnceAreAllIndexed();
    void deviceCodeThatExpiresUnapprovedFails();
    void signedOutProviderPicksUpALaterSignIn();

private:
    // Signs in, adds profile prod and fetches its credentials twice in one process against a simulator whose role
    // credentials last `seconds`; the number of GetRoleCredentials calls and the two key IDs.
    int roleFetches(int seconds, QStringList* keyIds);
    // A browser: loads the sign-in page and follows its redirect to the loopback receiver. Before that, when
    // `forgedState` is set, a page that guessed the port sends its own redirect; its answer's status is kept.
    void actAsBrowser(const QUrl& url, bool forgedState);
    CliRun browserLogin();

    QNetworkAccessManager m_browser;
    QList<int> m_forgedStatuses;
    int m_callbackStatus = 0;
    CliRun login(const QString& session = u"corp"_s);
    // Every secret the keychain holds, in pieces long enough to be recognised in output.
    void verifyNoSecretIn(const CliRun& run);

    // The keychain is a real Secret Service: gnome-keyring on a private session bus, as on an operator's desktop.
    TestSupport::KeyringSession m_keyring;
    std::unique_ptr<TestSupport::RecordingKeychainStore> m_secrets;
    std::unique_ptr<SimulatorFixture> m_sim;
    std::unique_ptr<CliHarness> m_cli;
};

void TestCliSso::initTestCase()
{
    HOOKDESK_REQUIRE_SECRET_SERVICE(m_keyring);
}

void TestCliSso::init()
{
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    m_sim = std::make_unique<SimulatorFixture>(options);
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
    m_cli = std::make_unique<CliHarness>();
    m_secrets = std::make_unique<TestSupport::RecordingKeychainStore>();
    m_cli->secrets = m_secrets.get();
}

void TestCliSso::cleanup()
{
    if (m_secrets) // the next test function starts from an empty keyring, as init() did from an empty store
        m_secrets->removeRecorded();
    m_cli.reset();
    m_sim.reset();
    m_secrets.reset();
}

CliRun TestCliSso::login(const QString& session)
{
    return m_cli->run({ u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"login"_s,
        u"--session"_s, session, u"--start-url"_s, startUrl, u"--sso-region"_s, u"eu-west-1"_s, u"--no-browser"_s });
}

void TestCliSso::verifyNoSecretIn(const CliRun& run)
{
    const QStringList values = m_secrets->entries().values();
    for (const QString& value : values) {
        // Token parts are JSON text cut anywhere: look for each long run of token characters.
        static const QRegularExpression secretLike(u"[A-Za-z0-9+/=_-]{24,}"_s);
        for (const QRegularExpressionMatch& match : secretLike.globalMatch(value)) {
            QVERIFY2(!run.out.contains(match.captured()), qPrintable(u"stdout holds a secret"_s));
            QVERIFY2(!run.err.contains(match.captured()), qPrintable(u"stderr holds a secret"_s));
        }
    }
}

void TestCliSso::signInListsAccountsAndSignsAProfile()
{
    const CliRun signedIn = login();
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    QCOMPARE(signedIn.json().value(u"outcome"_s).toString(), u"signed-in"_s);
    QVERIFY2(signedIn.err.contains(u"/device"_s), signedIn.describe()); // where to approve
    QVERIFY(m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
    verifyNoSecretIn(signedIn);

    const CliRun accounts = m_cli->run({ u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(),
        u"sso"_s, u"accounts"_s, u"--session"_s, u"corp"_s });
    QVERIFY2(accounts.exitCode == 0, accounts.describe());
    const QJsonArray listed = accounts.json().value(u"accounts"_s).toArray();
    QStringList ids;
    for (const auto& account : listed)
        ids << account.toObject().value(u"accountId"_s).toString();
    QStringList expected = m_sim->simulator().ssoAccountIds();
    ids.sort();
    expected.sort();
    QCOMPARE(ids, expected);
    const QJsonObject first = listed.first().toObject();
    const QString account = first.value(u"accountId"_s).toString();
    const QString role = first.value(u"roles"_s).toArray().first().toString();
    QVERIFY(!role.isEmpty());
    verifyNoSecretIn(accounts);

    const CliRun add = m_cli->run({ u"--output"_s, u"json"_s, u"profile"_s, u"add"_s, u"prod"_s, u"--sso-session"_s,
        u"corp"_s, u"--account"_s, account, u"--role"_s, role, u"--endpoint-url"_s, m_sim->url().toString() });
    QVERIFY2(add.exitCode == 0, add.describe());
    QCOMPARE(add.json().value(u"profile"_s).toObject().value(u"region"_s).toString(), u"eu-west-1"_s);

    const CliRun whoami = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"prod"_s });
    QVERIFY2(whoami.exitCode == 0, whoami.describe());
    const QString arn = whoami.json().value(u"arn"_s).toString();
    QVERIFY2(arn.contains(u":assumed-role/"_s + role + u'/'), qPrintable(arn));
    QVERIFY2(arn.contains(account), qPrintable(arn));
    verifyNoSecretIn(whoami);

    // Signed out: the keychain entries are gone and the profile asks for a sign-in instead of failing obscurely.
    const CliRun logout
        = m_cli->run({ u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"logout"_s });
    QVERIFY2(logout.exitCode == 0, logout.describe());
    QCOMPARE(logout.json().value(u"sessions"_s).toArray(), QJsonArray { u"corp"_s });
    QVERIFY(!m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
    const CliRun after = m_cli->run({ u"whoami"_s, u"--profile"_s, u"prod"_s });
    QCOMPARE(after.exitCode, 3);
    QVERIFY2(after.err.contains(u"sso login --session corp"_s), after.describe());
}

void TestCliSso::manualApprovalWaitsThroughPendingPolls()
{
    m_sim->simulator().setSsoApproval(SimSsoApproval::Manual);
    int pendingSeen = 0;
    QTimer approver;
    connect(&approver, &QTimer::timeout, this, [&] {
        const QStringList codes = m_sim->simulator().pendingUserCodes();
        if (codes.isEmpty())
            return;
        // Let the CLI poll a few times first: it must keep waiting, not give up on "pending".
        if (++pendingSeen == 12)
            QVERIFY(m_sim->simulator().approveUserCode(codes.first()));
    });
    approver.start(250);
    const CliRun signedIn = login();
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    QVERIFY(pendingSeen >= 12);
    QVERIFY(m_sim->simulator().pendingUserCodes().isEmpty());
}

void TestCliSso::deniedSignInFailsWithTheReason()
{
    m_sim->simulator().setSsoApproval(SimSsoApproval::Manual);
    QTimer denier;
    connect(&denier, &QTimer::timeout, this, [&] {
        for (const QString& code : m_sim->simulator().pendingUserCodes())
            m_sim->simulator().denyUserCode(code);
    });
    denier.start(200);
    const CliRun denied = login();
    QCOMPARE(denied.exitCode, 3);
    QVERIFY2(denied.err.contains(u"denied"_s), denied.describe());
    QVERIFY(!m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
}

void TestCliSso::slowDownWidensThePollInterval()
{
    // The service says "slow down" once: the sign-in keeps polling, five seconds further apart (RFC 8628), and ends
    // signed in; it neither gives up nor hammers the service.
    QList<QDateTime> polls;
    connect(&m_sim->simulator(), &Simulator::requestServed, this, [&polls](const QString& action, int) {
        if (action == u"CreateToken"_s)
            polls << QDateTime::currentDateTimeUtc();
    });
    m_sim->simulator().injectFault(SimFault::Throttle, 1, u"CreateToken"_s);
    const CliRun signedIn = login();
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    QCOMPARE(polls.size(), 2);
    const qint64 gap = polls.at(0).msecsTo(polls.at(1));
    QVERIFY2(gap >= 5000, qPrintable(u"polled again after %1 ms"_s.arg(gap)));
    QTRY_VERIFY(m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
}

void TestCliSso::expiredTokenIsRenewedWithTheRefreshToken()
{
    QVERIFY2(login().exitCode == 0, "sign-in");
    const QString account = m_sim->simulator().ssoAccountIds().first();
    const CliRun accounts = m_cli->run(
        { u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"accounts"_s });
    QVERIFY2(accounts.exitCode == 0, accounts.describe());
    const QString role = accounts.json()
                             .value(u"accounts"_s)
                             .toArray()
                             .first()
                             .toObject()
                             .value(u"roles"_s)
                             .toArray()
                             .first()
                             .toString();
    QCOMPARE(m_cli
                 ->run({ u"profile"_s, u"add"_s, u"prod"_s, u"--sso-session"_s, u"corp"_s, u"--account"_s,
                     accounts.json().value(u"accounts"_s).toArray().first().toObject().value(u"accountId"_s).toString(),
                     u"--role"_s, role, u"--endpoint-url"_s, m_sim->url().toString() })
                 .exitCode,
        0);
    const QString keptBefore = m_secrets->entries().value(u"hookdesk/sso/corp/token.1"_s);

    // Two simulated hours later the portal refuses the access token; the refresh token gets a new one, unattended.
    m_sim->simulator().advance(2 * 3600);
    const CliRun whoami = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"prod"_s });
    QVERIFY2(whoami.exitCode == 0, whoami.describe());
    QVERIFY(whoami.json().value(u"arn"_s).toString().contains(role));
    QVERIFY2(m_secrets->entries().value(u"hookdesk/sso/corp/token.1"_s) != keptBefore, "the renewed token is kept");
    Q_UNUSED(account);
}

void TestCliSso::startUrlAndRegionThatDoNotLookLikeOneAreRefused()
{
    const int before = m_sim->simulator().requestCount();
    for (const auto& [url, region] : { std::pair { u"http://d-1234567890.awsapps.com/start"_s, u"eu-west-1"_s },
             std::pair { u"not a url"_s, u"eu-west-1"_s }, std::pair { startUrl, u"Europe"_s } }) {
        const CliRun run = m_cli->run({ u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"login"_s,
            u"--session"_s, u"bad"_s, u"--start-url"_s, url, u"--sso-region"_s, region });
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains(u"does not look like"_s), run.describe());
    }
    QCOMPARE(m_sim->simulator().requestCount(), before);
    const CliRun unknown = m_cli->run({ u"sso"_s, u"accounts"_s, u"--session"_s, u"nowhere"_s });
    QCOMPARE(unknown.exitCode, 2);
    QVERIFY2(unknown.err.contains(u"--start-url"_s), unknown.describe());
}

void TestCliSso::actAsBrowser(const QUrl& url, bool forgedState)
{
    QNetworkRequest page(url);
    page.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply = m_browser.get(page);
    connect(reply, &QNetworkReply::finished, this, [this, reply, forgedState] {
        reply->deleteLater();
        const QUrl callback = reply->header(QNetworkRequest::LocationHeader).toUrl();
        QVERIFY2(callback.host() == u"127.0.0.1"_s, qPrintable(callback.toString()));
        auto follow = [this, callback] {
            QNetworkReply* answer = m_browser.get(QNetworkRequest(callback));
            connect(answer, &QNetworkReply::finished, this, [this, answer] {
                m_callbackStatus = answer->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
                answer->deleteLater();
            });
        };
        if (!forgedState)
            return follow();
        QUrl forged = callback;
        QUrlQuery query(forged);
        query.removeAllQueryItems(u"state"_s);
        query.addQueryItem(u"state"_s, u"guessed"_s);
        forged.setQuery(query);
        QNetworkReply* refused = m_browser.get(QNetworkRequest(forged));
        connect(refused, &QNetworkReply::finished, this, [this, refused, follow] {
            m_forgedStatuses << refused->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            refused->deleteLater();
            follow();
        });
    });
}

CliRun TestCliSso::browserLogin()
{
    return m_cli->run({ u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"login"_s,
        u"--session"_s, u"corp"_s, u"--start-url"_s, startUrl, u"--sso-region"_s, u"eu-west-1"_s });
}

void TestCliSso::browserSignInWithPkce()
{
    QList<QUrl> opened;
    CliBrowser::setOpenerForTests([&](const QUrl& url) {
        opened << url;
        actAsBrowser(url, false);
        return true;
    });
    const CliRun signedIn = browserLogin();
    CliBrowser::setOpenerForTests({});
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    QCOMPARE(m_callbackStatus, 200);
    QCOMPARE(opened.size(), 1);
    // The page's URL: a challenge and a state, never the verifier or a client secret.
    const QUrlQuery query(opened.first());
    QCOMPARE(query.queryItemValue(u"code_challenge_method"_s), u"S256"_s);
    QVERIFY(!query.queryItemValue(u"state"_s).isEmpty());
    QVERIFY(!opened.first().toString().contains(u"secret"_s, Qt::CaseInsensitive));
    QVERIFY(m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
    verifyNoSecretIn(signedIn);
    const CliRun accounts = m_cli->run(
        { u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"accounts"_s });
    QVERIFY2(accounts.exitCode == 0, accounts.describe());
    QVERIFY(!accounts.json().value(u"accounts"_s).toArray().isEmpty());
}

void TestCliSso::redirectWithAnotherStateIsRefused()
{
    m_forgedStatuses.clear();
    CliBrowser::setOpenerForTests([&](const QUrl& url) {
        actAsBrowser(url, true);
        return true;
    });
    const CliRun signedIn = browserLogin();
    CliBrowser::setOpenerForTests({});
    // The guessed state got 400 and did not end the sign-in; the directory's own redirect then did.
    QCOMPARE(m_forgedStatuses, QList<int> { 400 });
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    QCOMPARE(m_callbackStatus, 200);
}

void TestCliSso::pkceChallengeIsS256()
{
    // RFC 7636 Appendix B.
    QCOMPARE(SsoBrowserSignIn::challengeFor(u"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"_s),
        u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    const QString verifier = SsoBrowserSignIn::randomUrlSafe(64);
    QVERIFY(verifier.size() >= 43 && verifier.size() <= 128);
    QVERIFY(!verifier.contains(u'=') && !verifier.contains(u'+') && !verifier.contains(u'/'));
}

void TestCliSso::awsConfigProfilesSignInAtRunTime()
{
    QTemporaryDir home;
    QFile config(home.filePath(u"config"_s));
    QVERIFY(config.open(QIODevice::WriteOnly));
    const QString sim = m_sim->url().toString();
    const QString account = m_sim->simulator().ssoAccountIds().first();
    config.write(u"[sso-session corp]\nsso_start_url = %1\nsso_region = eu-west-1\n"
                 "sso_registration_scopes = sso:account:access\n\n"
                 "[profile dev]\nsso_session = corp\nsso_account_id = %2\nsso_role_name = ReadOnlyAccess\n"
                 "region = eu-west-1\nendpoint_url = %3\n\n"
                 "[profile old]\nsso_start_url = %1\nsso_region = eu-west-1\nsso_account_id = %2\n"
                 "sso_role_name = AdministratorAccess\nregion = eu-west-1\nendpoint_url = %3\n\n"
                 "[profile broken]\nsso_session = elsewhere\nsso_account_id = %2\nsso_role_name = R\n"_s
                     .arg(startUrl, account, sim)
                     .toUtf8());
    config.close();
    m_cli->environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
    m_cli->environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, home.filePath(u"credentials"_s));

    // Before any sign-in the profile says how to sign in; after `sso login --profile dev` (the session as the
    // config file defines it) it works, read fresh from the file and never copied.
    const CliRun before = m_cli->run({ u"whoami"_s, u"--profile"_s, u"dev"_s });
    QCOMPARE(before.exitCode, 3);
    QVERIFY2(before.err.contains(u"sso login --session corp"_s), before.describe());
    const CliRun signedIn
        = m_cli->run({ u"--endpoint-url"_s, sim, u"--profile"_s, u"dev"_s, u"sso"_s, u"login"_s, u"--no-browser"_s });
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());
    const CliRun dev = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"dev"_s });
    QVERIFY2(dev.exitCode == 0, dev.describe());
    QVERIFY2(dev.json().value(u"arn"_s).toString().contains(u"assumed-role/ReadOnlyAccess/"_s), dev.describe());
    QVERIFY(m_cli->run({ u"--output"_s, u"json"_s, u"profile"_s, u"list"_s })
                .json()
                .value(u"profiles"_s)
                .toArray()
                .isEmpty()); // used, not copied

    // The legacy form has a session of its own, keyed by its start URL: it needs its own sign-in.
    const CliRun old = m_cli->run({ u"whoami"_s, u"--profile"_s, u"old"_s });
    QCOMPARE(old.exitCode, 3);
    QVERIFY2(old.err.contains(u"sso login --session url-"_s), old.describe());
    QCOMPARE(m_cli->run({ u"--endpoint-url"_s, sim, u"--profile"_s, u"old"_s, u"sso"_s, u"login"_s, u"--no-browser"_s })
                 .exitCode,
        0);
    const CliRun legacy = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"old"_s });
    QVERIFY2(legacy.exitCode == 0, legacy.describe());
    QVERIFY(legacy.json().value(u"arn"_s).toString().contains(u"assumed-role/AdministratorAccess/"_s));

    // A profile naming a session the file does not define is refused with the reason.
    const CliRun broken = m_cli->run({ u"whoami"_s, u"--profile"_s, u"broken"_s });
    QCOMPARE(broken.exitCode, 3);
    QVERIFY2(broken.err.contains(u"[sso-session elsewhere]"_s), broken.describe());
}

int TestCliSso::roleFetches(int seconds, QStringList* keyIds)
{
    cleanup();
    SimulatorOptions options = SimulatorFixture::defaultOptions();
    options.ssoRoleCredentialSeconds = seconds;
    m_sim = std::make_unique<SimulatorFixture>(options);
    if (!m_sim->start())
        return -1;
    m_cli = std::make_unique<CliHarness>();
    m_secrets = std::make_unique<TestSupport::RecordingKeychainStore>();
    m_cli->secrets = m_secrets.get();
    int calls = 0;
    connect(&m_sim->simulator(), &Simulator::requestServed, this,
        [&calls](const QString& action, int) { calls += action == u"GetRoleCredentials"_s ? 1 : 0; });
    if (login().exitCode != 0)
        return -1;
    const QString account = m_sim->simulator().ssoAccountIds().first();
    if (m_cli
            ->run({ u"profile"_s, u"add"_s, u"prod"_s, u"--sso-session"_s, u"corp"_s, u"--account"_s, account,
                u"--role"_s, u"ReadOnlyAccess"_s, u"--endpoint-url"_s, m_sim->url().toString() })
            .exitCode
        != 0)
        return -1;
    // The window's way: one provider for the life of the connection, asked before each request.
    ProfileStore store(m_secrets.get(), m_cli->profilesPath);
    QNetworkAccessManager network;
    CredentialChain chain(&store, &network, nullptr);
    chain.setEnvironment(QProcessEnvironment());
    QObject owner;
    const CredentialChain::Outcome outcome = chain.resolve(u"prod"_s, &owner);
    for (int use = 0; use < 2 && outcome.ok(); ++use) {
        bool done = false;
        outcome.resolved.provider->fetchCredentials([&](const Credentials& credentials, const AwsError& error) {
            *keyIds << (error.isError() ? error.message : credentials.accessKeyId);
            done = true;
        });
        if (!QTest::qWaitFor([&] { return done; }, 10000))
            return -1;
    }
    return calls;
}

void TestCliSso::roleCredentialsAreRenewedBeforeTheyEnd()
{
    // Credentials with an hour left are reused; ones within five minutes of their end are fetched again.
    QStringList fresh;
    QCOMPARE(roleFetches(3600, &fresh), 1);
    QCOMPARE(fresh.size(), 2);
    QCOMPARE(fresh.at(0), fresh.at(1));
    QVERIFY(fresh.at(0).startsWith(u"ASIA"_s));
    QStringList ending;
    QCOMPARE(roleFetches(200, &ending), 2);
    QCOMPARE(ending.size(), 2);
    QVERIFY2(ending.at(0) != ending.at(1), qPrintable(ending.join(u", "_s)));
}

void TestCliSso::roleCredentialsAreKeptForTheNextRun()
{
    int roleCalls = 0;
    connect(&m_sim->simulator(), &Simulator::requestServed, this,
        [&roleCalls](const QString& action, int) { roleCalls += action == u"GetRoleCredentials"_s ? 1 : 0; });
    QVERIFY2(login().exitCode == 0, "signed in");
    const QString account = m_sim->simulator().ssoAccountIds().first();
    const CliRun add = m_cli->run({ u"profile"_s, u"add"_s, u"prod"_s, u"--sso-session"_s, u"corp"_s, u"--account"_s,
        account, u"--role"_s, u"ReadOnlyAccess"_s, u"--endpoint-url"_s, m_sim->url().toString() });
    QVERIFY2(add.exitCode == 0, add.describe());

    const CliRun first = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"prod"_s });
    QVERIFY2(first.exitCode == 0, first.describe());
    QCOMPARE(roleCalls, 1);
    // In the keychain (read back through another store, as the next process would), never in a file or the output.
    const QString key = u"hookdesk/sso/corp/role."_s + account + u".ReadOnlyAccess"_s;
    const std::optional<QString> kept = TestSupport::RecordingKeychainStore::readBack(key);
    QVERIFY2(kept && kept->contains(u"SessionToken"_s), qPrintable(key));
    verifyNoSecretIn(first);

    // The next run (another CliRunner: another process) uses them: no GetRoleCredentials, the same role.
    const CliRun second = m_cli->run({ u"--output"_s, u"json"_s, u"whoami"_s, u"--profile"_s, u"prod"_s });
    QVERIFY2(second.exitCode == 0, second.describe());
    QCOMPARE(roleCalls, 1);
    QCOMPARE(second.json().value(u"arn"_s).toString(), first.json().value(u"arn"_s).toString());

    // Signing out removes them with the sign-in: the next run asks for a sign-in and does not use them.
    const CliRun logout = m_cli->run({ u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s, u"logout"_s });
    QVERIFY2(logout.exitCode == 0, logout.describe());
    QVERIFY(!TestSupport::RecordingKeychainStore::readBack(key));
    QVERIFY(!TestSupport::RecordingKeychainStore::readBack(u"hookdesk/sso/corp/roles"_s));
    QVERIFY(!TestSupport::RecordingKeychainStore::readBack(u"hookdesk/sso/corp/token"_s));
    const CliRun after = m_cli->run({ u"whoami"_s, u"--profile"_s, u"prod"_s });
    QCOMPARE(after.exitCode, 3);
    QVERIFY2(after.err.contains(u"sso login --session corp"_s), after.describe());
    QCOMPARE(roleCalls, 1);
}

void TestCliSso::transientFaultsAreRetried()
{
    // A flaky network or a service hiccup during sign-in: sent again, as the SDKs do, and the sign-in goes through.
    Simulator& sim = m_sim->simulator();
    sim.injectFault(SimFault::ServerError, 2, u"StartDeviceAuthorization"_s);
    sim.injectFault(SimFault::Drop, 1, u"CreateToken"_s);
    const CliRun signedIn = login();
    QVERIFY2(signedIn.exitCode == 0, signedIn.describe());

    const QStringList accounts { u"--output"_s, u"json"_s, u"--endpoint-url"_s, m_sim->url().toString(), u"sso"_s,
        u"accounts"_s, u"--session"_s, u"corp"_s };
    sim.injectFault(SimFault::Throttle, 1, u"ListAccounts"_s);
    sim.injectFault(SimFault::Unavailable, 1, u"ListAccountRoles"_s);
    const CliRun listed = m_cli->run(accounts);
    QVERIFY2(listed.exitCode == 0, listed.describe());
    QCOMPARE(listed.json().value(u"accounts"_s).toArray().size(), sim.ssoAccountIds().size());

    // A fault that outlasts the attempts is reported as it is, not hidden behind a retry.
    sim.injectFault(SimFault::ServerError, 3, u"ListAccounts"_s);
    const CliRun failed = m_cli->run(accounts);
    QVERIFY2(failed.exitCode != 0, failed.describe());
    QVERIFY2(failed.err.contains(u"Internal error"_s), failed.describe());
    // The sign-in itself survives a server error: the next listing works.
    const CliRun again = m_cli->run(accounts);
    QVERIFY2(again.exitCode == 0, again.describe());
}

void TestCliSso::rolesKeptAtOnceAreAllIndexed()
{
    // A window with several profiles of one session keeps their roles at the same moment: every one must be in the
    // index, or sign-out would leave it behind (the keychain cannot list its entries).
    const SsoSession session { u"corp"_s, startUrl, u"eu-west-1"_s, {} };
    Credentials credentials { u"ASIAKEPTROLE00000001"_s, u"kept-secret"_s, u"kept-token"_s,
        QDateTime::currentDateTimeUtc().addSecs(3600) };
    const QList<SsoRoleSettings> roles { { u"corp"_s, u"111122223333"_s, u"Admin"_s },
        { u"corp"_s, u"111122223333"_s, u"ReadOnly"_s }, { u"corp"_s, u"444455556666"_s, u"Admin"_s } };
    for (const SsoRoleSettings& role : roles)
        SsoRoleCache::write(m_secrets.get(), session, role, credentials);
    QTRY_VERIFY_WITH_TIMEOUT(m_secrets->pendingOperations() == 0, 10000);
    const std::optional<QString> index = TestSupport::RecordingKeychainStore::readBack(u"hookdesk/sso/corp/roles"_s);
    QVERIFY(index);
    for (const SsoRoleSettings& role : roles) {
        QVERIFY2(index->contains(SsoRoleCache::field(role)), qPrintable(*index));
        bool read = false;
        SsoRoleCache::read(m_secrets.get(), session, role, this, [&](const std::optional<Credentials>& kept) {
            QVERIFY(kept && kept->accessKeyId == credentials.accessKeyId);
            read = true;
        });
        QTRY_VERIFY(read);
    }
    // Another directory under the same session name is not served these.
    bool other = false;
    SsoRoleCache::read(m_secrets.get(), { u"corp"_s, u"https://d-9999999999.awsapps.com/start"_s, u"eu-west-1"_s, {} },
        roles.first(), this, [&](const std::optional<Credentials>& kept) {
            QVERIFY(!kept);
            other = true;
        });
    QTRY_VERIFY(other);

    // Sign-out by index alone (no profile names them) removes every one, then the index.
    bool removed = false;
    SsoRoleCache::removeAll(m_secrets.get(), u"corp"_s, {}, this, [&](const SecretError& error) {
        QVERIFY(!error.isError());
        removed = true;
    });
    QTRY_VERIFY(removed);
    for (const SsoRoleSettings& role : roles)
        QVERIFY(!TestSupport::RecordingKeychainStore::readBack(u"hookdesk/sso/corp/"_s + SsoRoleCache::field(role)));
    QVERIFY(!TestSupport::RecordingKeychainStore::readBack(u"hookdesk/sso/corp/roles"_s));
}

void TestCliSso::deviceCodeThatExpiresUnapprovedFails()
{
    m_sim->simulator().setSsoApproval(SimSsoApproval::Manual);
    bool aged = false;
    QTimer clock;
    connect(&clock, &QTimer::timeout, this, [&] {
        // Nobody approves: ten minutes pass while the CLI polls.
        if (!aged && !m_sim->simulator().pendingUserCodes().isEmpty()) {
            aged = true;
            m_sim->simulator().advance(601);
        }
    });
    clock.start(100);
    const CliRun run = login();
    QVERIFY(aged);
    QCOMPARE(run.exitCode, 3);
    QVERIFY2(run.err.contains(u"expired before it was approved"_s), run.describe());
    QVERIFY(!m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
}

void TestCliSso::signedOutProviderPicksUpALaterSignIn()
{
    // The window's provider, made before any sign-in: it says "sign in", then works once `sso login` has run,
    // without being made again (it asks the keychain, never AWS, while signed out).
    const QString sim = m_sim->url().toString();
    QVERIFY(m_cli
                ->run({ u"--endpoint-url"_s, sim, u"sso"_s, u"login"_s, u"--session"_s, u"corp"_s, u"--start-url"_s,
                    startUrl, u"--sso-region"_s, u"eu-west-1"_s, u"--no-browser"_s })
                .exitCode
        == 0);
    QCOMPARE(m_cli->run({ u"--endpoint-url"_s, sim, u"sso"_s, u"logout"_s }).exitCode, 0);
    QCOMPARE(m_cli
                 ->run({ u"profile"_s, u"add"_s, u"prod"_s, u"--sso-session"_s, u"corp"_s, u"--account"_s,
                     m_sim->simulator().ssoAccountIds().first(), u"--role"_s, u"ReadOnlyAccess"_s, u"--endpoint-url"_s,
                     sim })
                 .exitCode,
        0);
    ProfileStore store(m_secrets.get(), m_cli->profilesPath);
    QNetworkAccessManager network;
    CredentialChain chain(&store, &network, nullptr);
    chain.setEnvironment(QProcessEnvironment());
    QObject owner;
    const CredentialChain::Outcome outcome = chain.resolve(u"prod"_s, &owner);
    QVERIFY(outcome.ok());
    auto fetch = [&] {
        AwsError result;
        bool done = false;
        outcome.resolved.provider->fetchCredentials([&](const Credentials&, const AwsError& error) {
            result = error;
            done = true;
        });
        [[maybe_unused]] const bool answered = QTest::qWaitFor([&] { return done; }, 10000);
        return result;
    };
    const int before = m_sim->simulator().requestCount();
    QCOMPARE(fetch().code, u"SsoSignInRequired"_s);
    QCOMPARE(fetch().code, u"SsoSignInRequired"_s);
    QCOMPARE(m_sim->simulator().requestCount(), before); // nothing sent while signed out
    QVERIFY(login().exitCode == 0);
    const AwsError after = fetch();
    QVERIFY2(!after.isError(), qPrintable(after.toString()));
}

QTEST_GUILESS_MAIN(TestCliSso)
#include "tst_cli_sso.moc"
