// "Sign in with IAM Identity Center…" in the profile manager, driven as an operator would against the simulator:
// start URL and region, the browser sign-in (the test plays the browser), the accounts and roles listed with a
// filter, the ticked ones added as profiles whose credentials come from the sign-in; the device-code variant with
// its code shown; and a start URL that does not look like one refused before anything is sent.
#include "credentialchain.h"
#include "credentialprovider.h"
#include "keyringsession.h"
#include "profilemanagerdialog.h"
#include "profilestore.h"
#include "recordingkeychainstore.h"
#include "screenshot.h"
#include "secretstore.h"
#include "simulatorfixture.h"
#include "ssosignindialog.h"
#include "testsupport.h"
#include "widgetlookup.h"

#include <QCheckBox>
#include <QLabel>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::buttonNamed;
using TestSupport::editNamed;

class TestGuiSsoSignIn : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void browserSignInAddsTheTickedRolesAsProfiles();
    void deviceCodeIsShownUntilApproved();
    void startUrlThatDoesNotLookLikeOneIsRefused();

private:
    SsoSignInDialog* openSignIn();
    void fill(SsoSignInDialog* dialog, const QString& startUrl);
    // Loads the sign-in page and follows its redirect, as the browser does.
    bool actAsBrowser(const QUrl& url);
    QLabel* statusOf(SsoSignInDialog* dialog) const;

    QTemporaryDir m_dir;
    std::unique_ptr<SimulatorFixture> m_sim;
    // The keychain is a real Secret Service: gnome-keyring on a private session bus.
    TestSupport::KeyringSession m_keyring;
    std::unique_ptr<TestSupport::RecordingKeychainStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    QNetworkAccessManager m_network;
    std::unique_ptr<CredentialChain> m_chain;
    std::unique_ptr<ProfileManagerDialog> m_manager;
};

void TestGuiSsoSignIn::initTestCase()
{
    HOOKDESK_REQUIRE_SECRET_SERVICE(m_keyring);
}

void TestGuiSsoSignIn::init()
{
    m_sim = std::make_unique<SimulatorFixture>();
    QString error;
    QVERIFY2(m_sim->start(&error), qPrintable(error));
    m_secrets = std::make_unique<TestSupport::RecordingKeychainStore>();
    QFile::remove(m_dir.filePath(u"profiles.ini"_s));
    m_store = std::make_unique<ProfileStore>(m_secrets.get(), m_dir.filePath(u"profiles.ini"_s));
    m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, nullptr);
    m_chain->setEnvironment(QProcessEnvironment());
    m_manager = std::make_unique<ProfileManagerDialog>(m_store.get(), m_chain.get(), &m_network);
    m_manager->show();
}

void TestGuiSsoSignIn::cleanup()
{
    m_manager.reset();
    m_chain.reset();
    m_store.reset();
    if (m_secrets)
        m_secrets->removeRecorded();
    m_secrets.reset();
    m_sim.reset();
}

SsoSignInDialog* TestGuiSsoSignIn::openSignIn()
{
    QPushButton* button = buttonNamed(m_manager.get(), u"Sign in with IAM Identity Center…"_s);
    if (!button || !button->isEnabled())
        return nullptr;
    button->click();
    return m_manager->findChild<SsoSignInDialog*>();
}

void TestGuiSsoSignIn::fill(SsoSignInDialog* dialog, const QString& startUrl)
{
    editNamed(dialog, u"Session name"_s)->setText(u"corp"_s);
    editNamed(dialog, u"Start URL"_s)->setText(startUrl);
    editNamed(dialog, u"Region"_s)->setText(u"eu-west-1"_s);
    editNamed(dialog, u"Endpoint"_s)->setText(m_sim->url().toString());
}

QLabel* TestGuiSsoSignIn::statusOf(SsoSignInDialog* dialog) const
{
    for (QLabel* label : dialog->findChildren<QLabel*>())
        if (label->accessibleName() == u"Sign-in status"_s)
            return label;
    return nullptr;
}

bool TestGuiSsoSignIn::actAsBrowser(const QUrl& url)
{
    QNetworkRequest page(url);
    page.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    QNetworkReply* reply = m_network.get(page);
    connect(reply, &QNetworkReply::finished, this, [this, reply] {
        reply->deleteLater();
        QNetworkReply* callback
            = m_network.get(QNetworkRequest(reply->header(QNetworkRequest::LocationHeader).toUrl()));
        connect(callback, &QNetworkReply::finished, callback, &QObject::deleteLater);
    });
    return true;
}

void TestGuiSsoSignIn::browserSignInAddsTheTickedRolesAsProfiles()
{
    SsoSignInDialog* dialog = openSignIn();
    QVERIFY(dialog);
    dialog->setBrowserOpener([this](const QUrl& url) { return actAsBrowser(url); });
    fill(dialog, u"https://d-1234567890.awsapps.com/start"_s);
    buttonNamed(dialog, u"Sign in"_s)->click();

    auto* accounts = dialog->findChild<QListWidget*>();
    QTRY_VERIFY_WITH_TIMEOUT(accounts->count() > 0, 10000);
    // Kept in the keychain (written while the accounts are listed).
    QTRY_VERIFY(m_secrets->entries().contains(u"hookdesk/sso/corp/token"_s));
    // Three accounts with two roles each in the simulator's default directory.
    QCOMPARE(accounts->count(), m_sim->simulator().ssoAccountIds().size() * 2);

    QLineEdit* filter = editNamed(dialog, u"Filter accounts and roles"_s);
    filter->setText(u"ReadOnly"_s);
    QListWidgetItem* chosen = nullptr;
    int visible = 0;
    for (int row = 0; row < accounts->count(); ++row) {
        if (accounts->item(row)->isHidden())
            continue;
        ++visible;
        QVERIFY(accounts->item(row)->text().contains(u"ReadOnly"_s));
        chosen = chosen ? chosen : accounts->item(row);
    }
    QCOMPARE(visible, m_sim->simulator().ssoAccountIds().size());
    chosen->setCheckState(Qt::Checked);
    TestSupport::screenshot(dialog, u"13-1-sso-accounts"_s);
    QSignalSpy added(dialog, &SsoSignInDialog::profilesAdded);
    buttonNamed(dialog, u"Add ticked as profiles"_s)->click();
    QTRY_COMPARE(added.size(), 1);
    const QStringList names = added.first().first().toStringList();
    QCOMPARE(names.size(), 1);
    const std::optional<Profile> profile = m_store->profile(names.first());
    QVERIFY(profile && profile->usesSso());
    QCOMPARE(profile->sso.session, u"corp"_s);
    QVERIFY(profile->sso.roleName.startsWith(u"ReadOnly"_s));
    QCOMPARE(profile->region, u"eu-west-1"_s);

    // The new profile signs with role credentials from the sign-in, without asking for anything.
    const CredentialChain::Outcome outcome = m_chain->resolve(names.first(), this);
    QVERIFY2(outcome.ok(), qPrintable(outcome.error.message));
    bool done = false;
    Credentials credentials;
    outcome.resolved.provider->fetchCredentials([&](const Credentials& c, const AwsError& error) {
        QVERIFY2(!error.isError(), qPrintable(error.message));
        credentials = c;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(credentials.isTemporary());
    // The manager lists it.
    auto* list = m_manager->findChild<QListWidget*>();
    QTRY_VERIFY(!list->findItems(names.first(), Qt::MatchStartsWith).isEmpty());
}

void TestGuiSsoSignIn::deviceCodeIsShownUntilApproved()
{
    m_sim->simulator().setSsoApproval(SimSsoApproval::Manual);
    SsoSignInDialog* dialog = openSignIn();
    QVERIFY(dialog);
    dialog->setBrowserOpener([](const QUrl&) {
        qFatal("the device-code sign-in opens no browser");
        return false;
    });
    fill(dialog, u"https://d-1234567890.awsapps.com/start"_s);
    dialog->findChild<QCheckBox*>()->setChecked(true);
    buttonNamed(dialog, u"Sign in"_s)->click();
    QTRY_VERIFY(!m_sim->simulator().pendingUserCodes().isEmpty());
    const QString code = m_sim->simulator().pendingUserCodes().first();
    QTRY_VERIFY(statusOf(dialog)->text().contains(code));
    TestSupport::screenshot(dialog, u"13-2-sso-device-code"_s);
    QVERIFY(m_sim->simulator().approveUserCode(code));
    auto* accounts = dialog->findChild<QListWidget*>();
    QTRY_VERIFY_WITH_TIMEOUT(accounts->count() > 0, 10000);
}

void TestGuiSsoSignIn::startUrlThatDoesNotLookLikeOneIsRefused()
{
    SsoSignInDialog* dialog = openSignIn();
    QVERIFY(dialog);
    const int before = m_sim->simulator().requestCount();
    fill(dialog, u"http://intranet/start"_s);
    buttonNamed(dialog, u"Sign in"_s)->click();
    QVERIFY(statusOf(dialog)->text().contains(u"does not look like"_s));
    QVERIFY(m_store->ssoSessionNames().isEmpty());
    QTest::qWait(200);
    QCOMPARE(m_sim->simulator().requestCount(), before);
}

QTEST_MAIN(TestGuiSsoSignIn)
#include "tst_gui_ssosignin.moc"
