// Issue 18 item 7, profiles you can edit: Edit changes region, endpoint, role ARN, source profile and MFA device of
// a stored profile and keeps its keys; ticking "Replace the access keys" rotates them without removing the profile;
// a wrong field is said next to that field (no message box) and nothing is saved; Import says what it imported,
// what it skipped and why, and how the skipped ones can still be used.
#include "credentialchain.h"
#include "profileformdialog.h"
#include "profilemanagerdialog.h"
#include "profilestore.h"
#include "screenshot.h"
#include "secretstore.h"
#include "widgetlookup.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::buttonNamed;
using TestSupport::editNamed;
using Field = ProfileFormCheck::Field;

namespace {

void save(QDialog* form)
{
    form->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Save)->click();
}

} // namespace

class TestGuiProfileEdit : public QObject {
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

    ProfileFormDialog* visibleForm() const
    {
        for (ProfileFormDialog* form : m_manager->findChildren<ProfileFormDialog*>()) {
            if (form->isVisible())
                return form;
        }
        return nullptr;
    }

    bool hasSecret(const QString& secret) const
    {
        const auto entries = m_secrets->entries();
        return std::any_of(entries.cbegin(), entries.cend(), [&](const QString& value) { return value == secret; });
    }

    void addProd()
    {
        Profile prod;
        prod.name = u"prod"_s;
        prod.region = u"eu-west-1"_s;
        Credentials keys;
        keys.accessKeyId = u"AKIDOLD"_s;
        keys.secretAccessKey = u"old-secret"_s;
        auto* job = m_store->addProfile(prod, keys);
        QSignalSpy done(job, &AwsJob::finished);
        QVERIFY(done.wait(5000));
        m_manager = std::make_unique<ProfileManagerDialog>(m_store.get(), m_chain.get(), &m_network);
        m_manager->show();
        QCOMPARE(list()->count(), 1);
        list()->setCurrentRow(0);
    }

    ProfileFormDialog* openEdit()
    {
        QPushButton* edit = buttonNamed(m_manager.get(), u"Edit…"_s);
        if (!edit || !edit->isEnabled())
            return nullptr;
        edit->click();
        return visibleForm();
    }

private Q_SLOTS:
    void init()
    {
        m_secrets = std::make_unique<MemorySecretStore>();
        m_store = std::make_unique<ProfileStore>(
            m_secrets.get(), m_dir.filePath(QString::fromLatin1(QTest::currentTestFunction()) + u".ini"_s));
        m_chain = std::make_unique<CredentialChain>(m_store.get(), &m_network, nullptr);
        m_chain->setEnvironment(QProcessEnvironment());
    }

    void cleanup()
    {
        m_manager.reset();
        m_chain.reset();
        m_store.reset();
        m_secrets.reset();
    }

    // Before: no Edit; changing a region meant removing the profile (and its keys) and adding it again.
    void editChangesSettingsAndKeepsTheKeys()
    {
        addProd();
        ProfileFormDialog* form = openEdit();
        QVERIFY(form);
        QCOMPARE(form->windowTitle(), u"Edit profile"_s);
        QCOMPARE(editNamed(form, u"Profile name"_s)->text(), u"prod"_s);
        QCOMPARE(editNamed(form, u"Region"_s)->text(), u"eu-west-1"_s);
        QVERIFY(!editNamed(form, u"Access key ID"_s)->isEnabled()); // kept unless replaced
        editNamed(form, u"Region"_s)->setText(u"eu-central-1"_s);
        editNamed(form, u"Endpoint URL"_s)->setText(u"https://autoscaling.eu-central-1.amazonaws.com"_s);
        editNamed(form, u"Role ARN"_s)->setText(u"arn:aws:iam::123456789012:role/ops"_s);
        form->findChild<QComboBox*>()->setCurrentText(u"base"_s);
        editNamed(form, u"MFA device"_s)->setText(u"arn:aws:iam::123456789012:mfa/alice"_s);
        QPointer<ProfileFormDialog> open = form;
        save(form);
        QTRY_VERIFY(open.isNull() || !open->isVisible());
        const auto profile = m_store->profile(u"prod"_s);
        QVERIFY(profile);
        QCOMPARE(profile->region, u"eu-central-1"_s);
        QCOMPARE(profile->endpointUrl.toString(), u"https://autoscaling.eu-central-1.amazonaws.com"_s);
        QCOMPARE(profile->role.roleArn, u"arn:aws:iam::123456789012:role/ops"_s);
        QCOMPARE(profile->role.sourceProfile, u"base"_s);
        QCOMPARE(profile->role.mfaSerial, u"arn:aws:iam::123456789012:mfa/alice"_s);
        QVERIFY(m_store->hasStoredKeys(u"prod"_s));
        QVERIFY(hasSecret(u"old-secret"_s));
        QVERIFY(list()->item(0)->text().contains(u"eu-central-1"_s));
    }

    void replacingTheKeysRotatesThemInPlace()
    {
        addProd();
        ProfileFormDialog* form = openEdit();
        QVERIFY(form);
        form->findChild<QCheckBox*>()->setChecked(true);
        QVERIFY(editNamed(form, u"Access key ID"_s)->isEnabled());
        // Ticked but empty: said next to the keys, nothing saved.
        save(form);
        QVERIFY(form->isVisible());
        QVERIFY(!form->fieldError(Field::Keys).isEmpty());
        editNamed(form, u"Access key ID"_s)->setText(u"AKIDNEW"_s);
        editNamed(form, u"Secret access key"_s)->setText(u"new-secret"_s);
        QPointer<ProfileFormDialog> open = form;
        save(form);
        QTRY_VERIFY(open.isNull() || !open->isVisible());
        QTRY_VERIFY(hasSecret(u"new-secret"_s));
        QVERIFY(!hasSecret(u"old-secret"_s));
        QVERIFY(m_store->contains(u"prod"_s));
        QCOMPARE(m_store->profile(u"prod"_s)->region, u"eu-west-1"_s);
    }

    // Before: a message box (or the manager's status line) said what was wrong, away from the field.
    void errorsShowNextToTheirFieldAndNothingIsSaved()
    {
        addProd();
        ProfileFormDialog* form = openEdit();
        QVERIFY(form);
        editNamed(form, u"Profile name"_s)->setText(u"bad name!"_s);
        editNamed(form, u"Region"_s)->setText(u"nowhere"_s);
        editNamed(form, u"Role ARN"_s)->setText(u"not-an-arn"_s);
        save(form);
        QVERIFY(form->isVisible());
        QVERIFY2(form->fieldError(Field::Name).contains(u"1 to 64"_s), qPrintable(form->fieldError(Field::Name)));
        QVERIFY2(form->fieldError(Field::Region).contains(u"eu-west-1"_s), qPrintable(form->fieldError(Field::Region)));
        QVERIFY(form->fieldError(Field::RoleArn).contains(u"arn:aws:iam::"_s));
        QVERIFY(form->fieldError(Field::Endpoint).isEmpty());
        QVERIFY(m_manager->findChildren<QMessageBox*>().isEmpty());
        TestSupport::screenshot(form, u"18-7-edit-profile-errors"_s);
        // Sized for what it holds: the error lines are inside the dialog, not cut off.
        QVERIFY(form->height() >= form->minimumSizeHint().height());
        QCOMPARE(m_store->profile(u"prod"_s)->region, u"eu-west-1"_s);
        // Fixed, the marks go and it saves.
        editNamed(form, u"Profile name"_s)->setText(u"prod"_s);
        editNamed(form, u"Region"_s)->setText(u"us-west-2"_s);
        editNamed(form, u"Role ARN"_s)->clear();
        QPointer<ProfileFormDialog> open = form;
        save(form);
        QTRY_VERIFY(open.isNull() || !open->isVisible());
        QCOMPARE(m_store->profile(u"prod"_s)->region, u"us-west-2"_s);
    }

    void importSaysWhatItImportedSkippedAndWhy()
    {
        addProd();
        QTemporaryDir aws;
        QFile credentials(aws.filePath(u"credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write("[fresh]\naws_access_key_id = AKIDFRESH\naws_secret_access_key = fresh-secret\n"
                          "[prod]\naws_access_key_id = AKIDPROD\naws_secret_access_key = prod-secret\n");
        credentials.close();
        QVERIFY(credentials.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        QFile config(aws.filePath(u"config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[profile helper]\ncredential_process = /usr/bin/true\nregion = eu-west-1\n"
                     "[profile sso-admin]\nsso_start_url = https://example.awsapps.com/start\nsso_region = "
                     "eu-west-1\nsso_account_id = 123456789012\nsso_role_name = Admin\n");
        config.close();
        qputenv("AWS_SHARED_CREDENTIALS_FILE", credentials.fileName().toLocal8Bit());
        qputenv("AWS_CONFIG_FILE", config.fileName().toLocal8Bit());
        const auto restore = qScopeGuard([] {
            qunsetenv("AWS_SHARED_CREDENTIALS_FILE");
            qunsetenv("AWS_CONFIG_FILE");
        });

        buttonNamed(m_manager.get(), u"Import from ~/.aws"_s)->click();
        QTRY_VERIFY2(status()->text().startsWith(u"Imported"_s), qPrintable(status()->text()));
        const QString report = status()->text();
        QVERIFY2(
            report.contains(u"Imported 2 profile"_s) && report.contains(u": fresh, sso-admin."_s), qPrintable(report));
        QVERIFY2(report.contains(u"Hookdesk has already"_s) && report.contains(u"prod"_s), qPrintable(report));
        QVERIFY2(report.contains(u"Skipped helper: uses credential_process"_s), qPrintable(report));
        QVERIFY2(report.contains(u"usable at run time"_s), qPrintable(report));
        // IAM Identity Center profiles come with their session (legacy form: named after the start URL).
        QVERIFY(m_store->profile(u"sso-admin"_s)->usesSso());
        QCOMPARE(m_store->ssoSession(m_store->profile(u"sso-admin"_s)->sso.session)->startUrl,
            u"https://example.awsapps.com/start"_s);
        // All of it is readable: the dialog grew to the report instead of squeezing it.
        QVERIFY(status()->height() >= status()->heightForWidth(status()->width()));
        TestSupport::screenshot(m_manager.get(), u"18-7-import-report"_s);
        QVERIFY(m_store->contains(u"fresh"_s));
        QVERIFY(!m_store->contains(u"helper"_s));
    }
};

QTEST_MAIN(TestGuiProfileEdit)
#include "tst_gui_profileedit.moc"
