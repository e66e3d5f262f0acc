// The profile manager and the MFA prompt, driven as an operator would: add a profile (keys to the secret store,
// never shown again), refuse a bad one without saving anything, survive a locked keychain, use, test the connection
// against the simulator, remove; type an MFA code (six digits or nothing) and get it back exactly once.
#include "credentialchain.h"
#include "mfapromptdialog.h"
#include "profilemanagerdialog.h"
#include "profilestore.h"
#include "secretstore.h"
#include "sessioncache.h"
#include "simulatorfixture.h"
#include "widgetlookup.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::buttonNamed;
using TestSupport::editNamed;

namespace {

// The "Add profile" form the manager opens (window-modal, not exec()'d).
QDialog* addForm(QDialog* manager)
{
    for (QDialog* dialog : manager->findChildren<QDialog*>()) {
        if (dialog->isVisible() && dialog->windowTitle() == u"Add profile"_s)
            return dialog;
    }
    return nullptr;
}

} // namespace

class TestGuiProfiles : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<MemorySecretStore> m_secrets;
    std::unique_ptr<ProfileStore> m_store;
    QNetworkAccessManager m_network;
    std::unique_ptr<CredentialChain> m_chain;
    std::unique_ptr<ProfileManagerDialog> m_manager;

    QLabel* status() const { return m_manager->findChild<QLabel*>(); }
    QListWidget* list() const { return m_manager->findChild<QListWidget*>(); }

    // Fills and saves the add form; returns it (deleted on close, so only valid while still open).
    QPointer<QDialog> fillAddForm(const QString& name, const QString& region, const QString& endpoint,
        const QString& keyId, const QString& secret)
    {
        QPushButton* add = buttonNamed(m_manager.get(), u"Add…"_s);
        if (!add)
            return {};
        add->click();
        QPointer<QDialog> form = addForm(m_manager.get());
        if (!form)
            return {};
        editNamed(form, u"Profile name"_s)->setText(name);
        editNamed(form, u"Region"_s)->setText(region);
        editNamed(form, u"Endpoint URL"_s)->setText(endpoint);
        editNamed(form, u"Access key ID"_s)->setText(keyId);
        editNamed(form, u"Secret access key"_s)->setText(secret);
        form->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
        return form;
    }

    void select(const QString& name)
    {
        for (int row = 0; row < list()->count(); ++row) {
            if (list()->item(row)->data(Qt::UserRole).toString() == name)
                list()->setCurrentRow(row);
        }
    }

private Q_SLOTS:
    void init()
    {
        m_secrets = std::make_unique<MemorySecretStore>();
        m_store = std::make_unique<ProfileStore>(
            m_secrets.get(), m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".ini"_s));
        m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, nullptr);
        m_chain->setEnvironment(QProcessEnvironment());
        m_manager = std::make_unique<ProfileManagerDialog>(m_store.get(), m_chain.get(), &m_network);
        m_manager->show();
    }

    void cleanup()
    {
        m_manager.reset();
        m_chain.reset();
        m_store.reset();
        m_secrets.reset();
    }

    void emptyStoreSaysWhatToDo()
    {
        QCOMPARE(list()->count(), 0);
        QVERIFY(status()->text().contains(u"No profile yet"_s));
        QVERIFY(!buttonNamed(m_manager.get(), u"Use"_s)->isEnabled());
        QVERIFY(!buttonNamed(m_manager.get(), u"Remove"_s)->isEnabled());
        QVERIFY(!buttonNamed(m_manager.get(), u"Test connection"_s)->isEnabled());
    }

    void addedProfileIsListedAndItsKeysStoredNotShown()
    {
        const QString secret = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
        QPointer<QDialog> form = fillAddForm(u"prod"_s, u"eu-west-1"_s, {}, u"AKIDEXAMPLE"_s, secret);
        QVERIFY(form);
        QTRY_COMPARE(list()->count(), 1);
        QTRY_VERIFY(form.isNull() || !form->isVisible());
        QVERIFY(list()->item(0)->text().contains(u"prod"_s));
        QVERIFY(list()->item(0)->text().contains(u"eu-west-1"_s));
        const auto profile = m_store->profile(u"prod"_s);
        QVERIFY(profile);
        QCOMPARE(profile->region, u"eu-west-1"_s);
        QVERIFY(std::any_of(m_secrets->entries().cbegin(), m_secrets->entries().cend(),
            [&](const QString& value) { return value == secret; }));
        for (QLabel* label : m_manager->findChildren<QLabel*>())
            QVERIFY(!label->text().contains(secret));
        QVERIFY(!list()->item(0)->text().contains(secret));
    }

    void badProfileIsRefusedAndNothingSaved()
    {
        QPointer<QDialog> form = fillAddForm(u"bad name!"_s, u"eu-west-1"_s, {}, u"AKID"_s, u"secret"_s);
        QVERIFY(form);
        QVERIFY(form->isVisible()); // the operator can correct it
        QVERIFY(!status()->text().isEmpty());
        QVERIFY(!status()->text().contains(u"Saved"_s));
        QCOMPARE(list()->count(), 0);
        QVERIFY(m_store->profiles().isEmpty());
        QCOMPARE(m_secrets->entries().size(), 0);
        // Corrected in the same form, it saves.
        editNamed(form, u"Profile name"_s)->setText(u"good-name"_s);
        form->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
        QTRY_COMPARE(list()->count(), 1);
    }

    void lockedKeychainKeepsTheFormAndSaysWhy()
    {
        m_secrets->setFailure(SecretError::Kind::Locked);
        QPointer<QDialog> form = fillAddForm(u"prod"_s, u"eu-west-1"_s, {}, u"AKIDEXAMPLE"_s, u"secret"_s);
        QVERIFY(form);
        QTRY_VERIFY(!status()->text().contains(u"Saving"_s));
        QVERIFY2(status()->text().contains(u"lock"_s, Qt::CaseInsensitive), qPrintable(status()->text()));
        QVERIFY(!form.isNull() && form->isVisible()); // what was typed is still there to retry
        QCOMPARE(editNamed(form, u"Access key ID"_s)->text(), u"AKIDEXAMPLE"_s);
        QCOMPARE(list()->count(), 0);
        // Unlocked, the same form saves.
        m_secrets->setFailure(SecretError::Kind::None);
        form->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
        QTRY_COMPARE(list()->count(), 1);
    }

    void useEmitsTheProfileAndRegion()
    {
        QVERIFY(fillAddForm(u"staging"_s, u"us-west-2"_s, {}, u"AKID"_s, u"secret"_s));
        QTRY_COMPARE(list()->count(), 1);
        QSignalSpy used(m_manager.get(), &ProfileManagerDialog::useProfileRequested);
        select(u"staging"_s);
        QPushButton* use = buttonNamed(m_manager.get(), u"Use"_s);
        QVERIFY(use->isEnabled());
        use->click();
        QCOMPARE(used.count(), 1);
        QCOMPARE(used.constFirst().at(0).toString(), u"staging"_s);
        QCOMPARE(used.constFirst().at(1).toString(), u"us-west-2"_s);
        QCOMPARE(m_manager->result(), int(QDialog::Accepted));
    }

    void awsFileProfilesAreListedAndUsedByName()
    {
        QFile config(m_dir.filePath(u"aws-config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/dev\nsource_profile = base\n"
                     "region = eu-north-1\n\n[profile staging]\ncredential_process = /bin/false\n"
                     "region = us-east-2\n");
        config.close();
        QProcessEnvironment environment;
        environment.insert(u"AWS_CONFIG_FILE"_s, config.fileName());
        environment.insert(u"AWS_SHARED_CREDENTIALS_FILE"_s, m_dir.filePath(u"aws-credentials"_s));
        m_chain->setEnvironment(environment);
        // A saved profile of the same name wins, as in the credential chain: only dev comes from the files.
        QVERIFY(fillAddForm(u"staging"_s, u"us-west-2"_s, {}, u"AKID"_s, u"secret"_s));
        QTRY_COMPARE(list()->count(), 2);
        const QList<QListWidgetItem*> dev = list()->findItems(u"dev"_s, Qt::MatchStartsWith);
        QCOMPARE(dev.size(), 1);
        QVERIFY2(dev.first()->text().contains(u"from ~/.aws"_s), qPrintable(dev.first()->text()));
        QVERIFY(!list()->findItems(u"staging"_s, Qt::MatchStartsWith).first()->text().contains(u"~/.aws"_s));

        // Hookdesk never edits the AWS files: such a profile is used (by name) and tested, not edited or removed.
        select(u"dev"_s);
        QVERIFY(!buttonNamed(m_manager.get(), u"Edit…"_s)->isEnabled());
        QVERIFY(!buttonNamed(m_manager.get(), u"Remove"_s)->isEnabled());
        QVERIFY(buttonNamed(m_manager.get(), u"Test connection"_s)->isEnabled());
        QSignalSpy used(m_manager.get(), &ProfileManagerDialog::useProfileRequested);
        buttonNamed(m_manager.get(), u"Use"_s)->click();
        QCOMPARE(used.count(), 1);
        QCOMPARE(used.constFirst().at(0).toString(), u"dev"_s);
        QCOMPARE(used.constFirst().at(1).toString(), u"eu-north-1"_s);
    }

    void testConnectionAgainstTheSimulator()
    {
        SimulatorFixture sim;
        QString error;
        QVERIFY2(sim.start(&error), qPrintable(error));
        const QString region = sim->options().region;
        QVERIFY(fillAddForm(
            u"sim"_s, region, sim.url().toString(), sim.credentials().accessKeyId, sim.credentials().secretAccessKey));
        QVERIFY(fillAddForm(
            u"wrong-keys"_s, region, sim.url().toString(), sim.credentials().accessKeyId, u"not-the-secret"_s));
        QTRY_COMPARE(list()->count(), 2);

        select(u"sim"_s);
        buttonNamed(m_manager.get(), u"Test connection"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(status()->text().contains(u"works"_s), 20000);
        QVERIFY(status()->text().contains(u"account"_s));

        select(u"wrong-keys"_s);
        buttonNamed(m_manager.get(), u"Test connection"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(
            !status()->text().startsWith(u"Testing"_s) && status()->text().startsWith(u"wrong-keys"_s), 20000);
        QVERIFY2(!status()->text().contains(u"works"_s), qPrintable(status()->text()));
        QVERIFY2(status()->text().contains(u"Signature"_s), qPrintable(status()->text()));
        QVERIFY(!status()->text().contains(u"not-the-secret"_s));
    }

    // Issue 17: a credentials file others can read is imported, and the report says its permissions are too open.
    void importReportWarnsAboutLoosePermissions()
    {
        QTemporaryDir aws;
        const QString credentials = aws.filePath(u"credentials"_s);
        QFile file(credentials);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(
            "[loose]\naws_access_key_id = AKIDLOOSE\naws_secret_access_key = loose-secret\nregion = eu-west-1\n");
        file.close();
        QVERIFY(file.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ReadGroup | QFile::ReadOther));
        qputenv("AWS_SHARED_CREDENTIALS_FILE", credentials.toLocal8Bit());
        qputenv("AWS_CONFIG_FILE", aws.filePath(u"config"_s).toLocal8Bit());
        const auto restore = qScopeGuard([] {
            qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
            qunsetenv("AWS_CONFIG_FILE");
        });

        buttonNamed(m_manager.get(), u"Import from ~/.aws"_s)->click();
        QTRY_VERIFY2(status()->text().startsWith(u"Imported 1 profile"_s), qPrintable(status()->text()));
        QVERIFY2(status()->text().contains(u"Permissions 0644 are too open"_s), qPrintable(status()->text()));
        QVERIFY(m_store->profile(u"loose"_s).has_value());
    }

    // Remove asks for the profile's name (issue 17): nothing is deleted until it is typed.
    void removeTakesItOutOnlyOnceTheNameIsTyped()
    {
        QVERIFY(fillAddForm(u"old"_s, u"eu-west-1"_s, {}, u"AKID"_s, u"secret"_s));
        QTRY_COMPARE(list()->count(), 1);
        QTRY_VERIFY(!m_secrets->entries().isEmpty());
        const auto keys = m_secrets->entries().size();
        select(u"old"_s);
        buttonNamed(m_manager.get(), u"Remove"_s)->click();
        QPointer<QDialog> confirm = m_manager->findChild<QDialog*>(u"removeProfileDialog"_s);
        QVERIFY(confirm);
        QVERIFY(confirm->isVisible());
        QPushButton* remove = buttonNamed(confirm, u"Remove"_s);
        QVERIFY(remove);
        QVERIFY(!remove->isEnabled());
        editNamed(confirm, u"Name of the profile to remove"_s)->setText(u"ol"_s);
        QVERIFY(!remove->isEnabled());
        remove->click(); // disabled: nothing happens
        confirm->reject(); // Cancel
        QTRY_VERIFY(confirm.isNull());
        QTest::qWait(50);
        QCOMPARE(list()->count(), 1);
        QVERIFY(m_store->contains(u"old"_s));
        QCOMPARE(m_secrets->entries().size(), keys);

        select(u"old"_s);
        buttonNamed(m_manager.get(), u"Remove"_s)->click();
        confirm = m_manager->findChild<QDialog*>(u"removeProfileDialog"_s);
        QVERIFY(confirm);
        editNamed(confirm, u"Name of the profile to remove"_s)->setText(u"old"_s);
        remove = buttonNamed(confirm, u"Remove"_s);
        QVERIFY(remove->isEnabled());
        remove->click();
        QTRY_COMPARE(list()->count(), 0);
        QVERIFY(!m_store->contains(u"old"_s));
        QTRY_COMPARE(m_secrets->entries().size(), 0);
    }

    // A session kept in the keychain for a profile with an MFA device can be dropped from here; a profile without a
    // device has none to drop.
    void forgetDropsOnlyTheRoleSession()
    {
        QVERIFY(fillAddForm(u"base"_s, u"eu-west-1"_s, {}, u"AKID"_s, u"secret"_s));
        QTRY_COMPARE(list()->count(), 1);
        Profile admin;
        admin.name = u"admin"_s;
        admin.region = u"eu-west-1"_s;
        admin.role
            = { u"arn:aws:iam::123456789012:role/ops"_s, u"base"_s, {}, u"arn:aws:iam::123456789012:mfa/ops"_s, 900 };
        auto* add = m_store->addProfile(admin);
        add->setAutoDelete(false);
        QVERIFY(QTest::qWaitFor([add] { return add->isFinished(); }, 5000));
        QVERIFY(!add->hasError());
        delete add;
        // The manager lists what the store holds when it opens.
        m_manager = std::make_unique<ProfileManagerDialog>(m_store.get(), m_chain.get(), &m_network);
        m_manager->show();
        QCOMPARE(list()->count(), 2);
        bool written = false;
        m_secrets->write(u"admin"_s, SessionCache::field(), u"{}"_s, m_manager.get(),
            [&written](const SecretError& error) { written = !error.isError(); });
        QTRY_VERIFY(written);
        const auto entries = m_secrets->entries().size();

        QPushButton* forget = buttonNamed(m_manager.get(), u"Forget kept session"_s);
        QVERIFY(forget);
        select(u"base"_s);
        QVERIFY(!forget->isEnabled());
        select(u"admin"_s);
        QVERIFY(forget->isEnabled());
        forget->click();
        QTRY_COMPARE(m_secrets->entries().size(), entries - 1);
        QVERIFY(!m_secrets->entries().contains(SecretStore::keyFor(u"admin"_s, SessionCache::field())));
        QVERIFY(m_secrets->entries().contains(SecretStore::keyFor(u"base"_s, ProfileStore::secretAccessKeyField())));
        QTRY_VERIFY2(status()->text().contains(u"Forgot the kept session of admin"_s), qPrintable(status()->text()));

        // A keychain that refuses: the status says so, nothing is claimed.
        m_secrets->setFailure(SecretError::Kind::Locked);
        forget->click();
        QTRY_VERIFY2(status()->text().contains(u"stays in the keychain"_s), qPrintable(status()->text()));
    }

    void mfaCodeIsSixDigits()
    {
        MfaRequest request;
        request.profile = u"prod-admin"_s;
        request.roleArn = u"arn:aws:iam::123456789012:role/ops"_s;
        request.mfaSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;
        MfaPromptDialog dialog(request);
        dialog.show();
        auto* code = dialog.findChild<QLineEdit*>(u"codeEdit"_s);
        QVERIFY(code);
        QVERIFY(!dialog.okButton()->isEnabled());
        QTest::keyClicks(code, u"12ab34"_s); // letters are not taken
        QCOMPARE(code->text(), u"1234"_s);
        QVERIFY(!dialog.okButton()->isEnabled());
        QTest::keyClicks(code, u"5678"_s); // nor a seventh digit
        QCOMPARE(code->text(), u"123456"_s);
        QVERIFY(dialog.okButton()->isEnabled());
        QCOMPARE(dialog.code(), u"123456"_s);
    }

    void mfaPrompterAnswersOnceWithTheCodeOrNothing()
    {
        QWidget window;
        window.show();
        DialogMfaPrompter prompter(&window);
        MfaRequest request;
        request.profile = u"prod-admin"_s;
        request.mfaSerial = u"arn:aws:iam::123456789012:mfa/alice"_s;

        QStringList answers;
        prompter.requestCode(request, [&](const QString& code) { answers.append(code); });
        QPointer<MfaPromptDialog> dialog = window.findChild<MfaPromptDialog*>();
        QVERIFY(dialog);
        QVERIFY(dialog->isVisible());
        dialog->setCode(u"654321"_s);
        dialog->okButton()->click();
        QCOMPARE(answers, QStringList { u"654321"_s });
        QTRY_VERIFY(dialog.isNull()); // deleted on close: nothing piles up across prompts

        prompter.requestCode(request, [&](const QString& code) { answers.append(code); });
        dialog = window.findChild<MfaPromptDialog*>();
        QVERIFY(dialog);
        dialog->setCode(u"111111"_s);
        dialog->reject(); // Cancel: an empty answer, so the role is not assumed
        QCOMPARE(answers, (QStringList { u"654321"_s, QString() }));
    }
};

QTEST_MAIN(TestGuiProfiles)
#include "tst_gui_profiles.moc"
