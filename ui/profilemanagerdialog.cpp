#include "profilemanagerdialog.h"

#include "awsconfig.h"
#include "credentialchain.h"
#include "profileconnectiontest.h"
#include "profileformdialog.h"
#include "profileimportreport.h"
#include "profilestore.h"
#include "secretstore.h"
#include "sessioncache.h"
#include "ssosignindialog.h"
#include "uistyle.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kRegionRole = Qt::UserRole + 1;
constexpr int kFromAwsFilesRole = Qt::UserRole + 2; // a profile of the AWS CLI's files, used by name
} // namespace

ProfileManagerDialog::ProfileManagerDialog(
    ProfileStore* store, CredentialChain* chain, QNetworkAccessManager* network, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_chain(chain)
    , m_network(network)
{
    setObjectName(u"profileManagerDialog"_s);
    setWindowTitle(tr("AWS profiles"));
    resize(560, 380);
    auto* layout = new QVBoxLayout(this);
    auto* row = new QHBoxLayout;
    m_list = new QListWidget(this);
    m_list->setAccessibleName(tr("Profiles"));
    row->addWidget(m_list, 1);
    auto* side = new QVBoxLayout;
    auto button = [this, side](const QString& text) {
        auto* b = new QPushButton(text, this);
        side->addWidget(b);
        return b;
    };
    m_use = button(tr("&Use"));
    QPushButton* add = button(tr("&Add…"));
    m_edit = button(tr("&Edit…"));
    m_remove = button(tr("&Remove"));
    QPushButton* import = button(tr("&Import from ~/.aws"));
    QPushButton* sso = button(tr("&Sign in with IAM Identity Center…"));
    sso->setObjectName(u"ssoSignInButton"_s);
    m_test = button(tr("&Test connection"));
    m_forget = button(tr("&Forget kept session"));
    m_forget->setToolTip(tr("A session made with an MFA code is kept in the keychain, so that the next start asks "
                            "for no code. Forget it to sign in anew."));
    side->addStretch(1);
    row->addLayout(side);
    layout->addLayout(row, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setAccessibleName(tr("Profile status"));
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_use, &QPushButton::clicked, this, [this] {
        const QListWidgetItem* item = m_list->currentItem();
        if (!item)
            return;
        // A profile of the AWS CLI's files is used by name: the credential chain reads the files at each use.
        Q_EMIT useProfileRequested(item->data(Qt::UserRole).toString(), item->data(kRegionRole).toString());
        accept();
    });
    connect(add, &QPushButton::clicked, this, &ProfileManagerDialog::addProfile);
    connect(m_edit, &QPushButton::clicked, this, &ProfileManagerDialog::editProfile);
    connect(m_list, &QListWidget::itemActivated, this, &ProfileManagerDialog::editProfile);
    connect(m_remove, &QPushButton::clicked, this, &ProfileManagerDialog::removeProfile);
    connect(import, &QPushButton::clicked, this, &ProfileManagerDialog::importProfiles);
    connect(m_test, &QPushButton::clicked, this, &ProfileManagerDialog::testConnection);
    connect(sso, &QPushButton::clicked, this, &ProfileManagerDialog::signInWithSso);
    connect(m_forget, &QPushButton::clicked, this, &ProfileManagerDialog::forgetSession);
    connect(m_list, &QListWidget::currentRowChanged, this, &ProfileManagerDialog::updateButtons);
    add->setEnabled(store != nullptr);
    import->setEnabled(store != nullptr);
    sso->setEnabled(store != nullptr);
    reload();
}

void ProfileManagerDialog::updateButtons()
{
    const bool have = !selectedName().isEmpty();
    // Hookdesk never edits the AWS files: their profiles can be used and tested, not edited or removed here.
    const bool fromFiles = have && m_list->currentItem()->data(kFromAwsFilesRole).toBool();
    m_use->setEnabled(have);
    m_edit->setEnabled(have && !fromFiles);
    m_remove->setEnabled(have && !fromFiles);
    m_test->setEnabled(have);
    const auto profile = have && !fromFiles && m_store ? m_store->profile(selectedName()) : std::nullopt;
    m_forget->setEnabled(profile && !profile->role.mfaSerial.isEmpty());
}

void ProfileManagerDialog::listAwsFileProfiles()
{
    const AwsConfigPreview files = AwsConfigImport::previewForEnvironment(
        m_chain ? m_chain->environment() : QProcessEnvironment::systemEnvironment());
    QList<QPair<QString, QString>> usable; // name, region
    for (const AwsConfigCandidate& candidate : files.profiles)
        usable.append({ candidate.profile.name, candidate.profile.region });
    for (const AwsConfigUnsupported& other : files.unsupported) {
        if (other.usableAtRunTime())
            usable.append({ other.name, other.region });
    }
    for (const auto& [name, region] : usable) {
        if (m_store->contains(name))
            continue; // the saved profile of that name wins, as in the credential chain
        auto* item = new QListWidgetItem(
            name + u" — "_s + (region.isEmpty() ? u"-"_s : region) + u" · "_s + tr("from ~/.aws"), m_list);
        item->setData(Qt::UserRole, name);
        item->setData(kRegionRole, region);
        item->setData(kFromAwsFilesRole, true);
        item->setToolTip(tr("Read from %1 at each use; Hookdesk does not copy or change it.")
                             .arg(files.configFile.isEmpty() ? files.credentialsFile : files.configFile));
    }
}

QString ProfileManagerDialog::selectedName() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(Qt::UserRole).toString() : QString();
}

void ProfileManagerDialog::setBusy(const QString& message)
{
    m_status->setText(message);
    // An import report runs to several lines: the dialog grows to show all of it rather than squeeze the label
    // (a word-wrapped label's height is not part of the layout's minimum size).
    if (const int needed = layout()->totalHeightForWidth(width()); needed > height())
        resize(width(), needed);
}

void ProfileManagerDialog::reload()
{
    m_list->clear();
    if (!m_store) {
        m_status->setText(tr("Profiles are not available in this session."));
    } else {
        for (const Profile& profile : m_store->profiles()) {
            QString text = profile.name + u" — "_s + profile.region;
            if (profile.assumesRole())
                text += u" · "_s + tr("role %1").arg(profile.role.roleArn);
            if (profile.usesSso())
                text += u" · "_s
                    + tr("IAM Identity Center %1: %2 in %3")
                          .arg(profile.sso.session, profile.sso.roleName, profile.sso.accountId);
            if (!profile.endpointUrl.isEmpty())
                text += u" · "_s + profile.endpointUrl.toString();
            auto* item = new QListWidgetItem(text, m_list);
            item->setData(Qt::UserRole, profile.name);
            item->setData(kRegionRole, profile.region);
        }
        listAwsFileProfiles();
        if (m_list->count() == 0)
            m_status->setText(tr("No profile yet. Add one, or import your AWS CLI profiles."));
    }
    m_use->setEnabled(false);
    m_edit->setEnabled(false);
    m_remove->setEnabled(false);
    m_test->setEnabled(false);
    m_forget->setEnabled(false);
}

void ProfileManagerDialog::addProfile()
{
    openForm(std::nullopt);
}

void ProfileManagerDialog::editProfile()
{
    const auto profile = m_store ? m_store->profile(selectedName()) : std::nullopt;
    if (profile)
        openForm(profile);
}

void ProfileManagerDialog::openForm(const std::optional<Profile>& existing)
{
    if (!m_store)
        return;
    QStringList others = m_store->profileNames();
    if (existing)
        others.removeAll(existing->name);
    auto* dialog = new ProfileFormDialog(existing, others, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ProfileFormDialog::saveRequested, this, [this, dialog] {
        if (!m_store)
            return;
        const Profile profile = dialog->profile();
        auto* job = dialog->isEdit() ? m_store->updateProfile(dialog->originalName(), profile, dialog->keys())
                                     : m_store->addProfile(profile, dialog->keys().value_or(Credentials {}));
        setBusy(tr("Saving %1 to the keychain…").arg(profile.name));
        QPointer<ProfileFormDialog> form = dialog;
        connect(job, &AwsJob::finished, this, [this, form](AwsJob* done) {
            // Reload first: its "no profile yet" hint must not hide why saving failed (a locked keychain).
            reload();
            setBusy(done->hasError() ? done->error().message : tr("Saved."));
            if (!form)
                return;
            // The form keeps what was typed and says why beside it, so the operator retries without retyping.
            form->setSaveError(done->hasError() ? done->error().message : QString());
            if (!done->hasError())
                form->accept();
        });
    });
    dialog->open();
}

void ProfileManagerDialog::removeProfile()
{
    const QString name = selectedName();
    if (!m_store || name.isEmpty())
        return;
    // The keys go from the keychain for good: the name is typed, as with `hookdesk-cli profile remove`.
    auto* dialog = new QDialog(this);
    dialog->setObjectName(u"removeProfileDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Remove profile"));
    auto* layout = new QVBoxLayout(dialog);
    auto* text = new QLabel(tr("Profile <b>%1</b> and its keys are deleted from the keychain; they cannot be "
                               "brought back. Type <b>%1</b> to confirm.")
                                .arg(name.toHtmlEscaped()),
        dialog);
    text->setWordWrap(true);
    layout->addWidget(text);
    auto* typed = new QLineEdit(dialog);
    typed->setAccessibleName(tr("Name of the profile to remove"));
    layout->addWidget(typed);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, dialog);
    QPushButton* remove = buttons->addButton(tr("&Remove"), QDialogButtonBox::DestructiveRole);
    remove->setEnabled(false);
    layout->addWidget(buttons);
    connect(typed, &QLineEdit::textChanged, remove,
        [remove, name](const QString& value) { remove->setEnabled(value.trimmed() == name); });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(remove, &QPushButton::clicked, this, [this, dialog, typed, name] {
        if (typed->text().trimmed() != name || !m_store)
            return;
        dialog->accept();
        auto* job = m_store->removeProfile(name);
        setBusy(tr("Removing %1…").arg(name));
        connect(job, &AwsJob::finished, this, [this](AwsJob* done) {
            reload();
            setBusy(done->hasError() ? done->error().message : tr("Removed."));
        });
    });
    dialog->open();
}

void ProfileManagerDialog::importProfiles()
{
    if (!m_store)
        return;
    const AwsConfigPreview preview = AwsConfigImport::preview();
    // Warnings (loose permissions on the credentials file, repeated keys) go with every report, so they are seen
    // while the files are fresh in mind.
    QStringList warnings;
    for (const AwsConfigIssue& issue : preview.warnings)
        warnings.append(tr("Warning: %1").arg(issue.toString()));
    const auto withWarnings
        = [warnings](const QString& message) { return (QStringList { message } + warnings).join(u'\n'); };
    if (!preview.canCommit()) {
        // Nothing to copy may still be something to say: the profiles skipped, and how to use them anyway.
        const QString report = preview.unsupported.isEmpty()
            ? tr("No importable profile found in ~/.aws.")
            : ProfileImportReport::text(preview, AwsConfigImportResult {});
        setBusy(withWarnings(preview.errors.isEmpty() ? report : preview.errors.first().toString()));
        return;
    }
    auto* importer = new AwsConfigImport(m_store, this);
    auto* job = importer->commit(preview);
    setBusy(tr("Importing %n profile(s)…", nullptr, int(preview.profiles.size())));
    connect(job, &AwsJob::finished, this, [this, importer, job, preview, withWarnings](AwsJob*) {
        reload();
        setBusy(
            withWarnings(job->hasError() ? job->error().message : ProfileImportReport::text(preview, job->result())));
        importer->deleteLater();
    });
}

void ProfileManagerDialog::testConnection()
{
    const QString name = selectedName();
    if (!m_store || !m_chain || name.isEmpty())
        return;
    const CredentialChain::Outcome outcome = m_chain->resolve(name, this);
    if (!outcome.ok()) {
        setBusy(outcome.error.toString());
        return;
    }
    auto* test = new ProfileConnectionTest(m_network, this);
    auto* job = test->run(outcome.resolved);
    setBusy(tr("Testing %1…").arg(name));
    connect(job, &AwsJob::finished, this, [this, test, job, name](AwsJob*) {
        if (job->hasError())
            setBusy(tr("%1: %2").arg(name, job->error().toString()));
        else
            setBusy(tr("%1 works: account %2, %3").arg(name, job->result().account, job->result().arn));
        test->deleteLater();
    });
}

void ProfileManagerDialog::forgetSession()
{
    const QString name = selectedName();
    if (!m_store || name.isEmpty())
        return;
    setBusy(tr("Forgetting the kept session of %1…").arg(name));
    m_store->secretStore()->remove(name, SessionCache::field(), this, [this, name](const SecretError& error) {
        // The window keeps the session it holds in memory: only the next start or profile switch is affected.
        setBusy(error.isError()
                ? tr("The kept session of %1 stays in the keychain: %2").arg(name, error.message)
                : tr("Forgot the kept session of %1. The next start or switch to it asks for the MFA code again.")
                      .arg(name));
    });
}

void ProfileManagerDialog::signInWithSso()
{
    if (!m_store)
        return;
    auto* dialog = new SsoSignInDialog(m_store, m_network, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SsoSignInDialog::profilesAdded, this, [this](const QStringList& names) {
        reload();
        setBusy(tr("Added %n profile(s) of IAM Identity Center.", nullptr, int(names.size())));
    });
    dialog->open();
}
