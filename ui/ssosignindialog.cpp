#include "ssosignindialog.h"

#include "profilestore.h"
#include "ssooidcclient.h"
#include "ssoservices.h"
#include "ssotokenstore.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QRegularExpression>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
constexpr int kAccountRole = Qt::UserRole;
constexpr int kRoleRole = Qt::UserRole + 1;
} // namespace

SsoSignInDialog::SsoSignInDialog(ProfileStore* store, QNetworkAccessManager* network, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_network(network)
    , m_openBrowser([](const QUrl& url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(u"ssoSignInDialog"_s);
    setWindowTitle(tr("Sign in with IAM Identity Center"));
    resize(620, 460);
    auto* layout = new QVBoxLayout(this);
    m_pages = new QStackedWidget(this);
    m_pages->addWidget(makeSignInPage());
    m_pages->addWidget(makeAccountsPage());
    layout->addWidget(m_pages, 1);
    m_status = new QLabel(this);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_status->setOpenExternalLinks(true);
    m_status->setAccessibleName(tr("Sign-in status"));
    layout->addWidget(m_status);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

QWidget* SsoSignInDialog::makeSignInPage()
{
    auto* page = new QWidget(this);
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::ExpandingFieldsGrow);
    m_sessionName = new QLineEdit(u"sso"_s, page);
    m_startUrl = new QLineEdit(page);
    m_startUrl->setPlaceholderText(u"https://d-1234567890.awsapps.com/start"_s);
    m_region = new QLineEdit(page);
    m_region->setPlaceholderText(u"eu-west-1"_s);
    m_endpoint = new QLineEdit(page);
    m_endpoint->setPlaceholderText(tr("optional: a VPC endpoint or a local simulator"));
    m_noBrowser = new QCheckBox(tr("Show a code to confirm on another device instead of opening the browser"), page);
    m_signIn = new QPushButton(tr("&Sign in"), page);
    m_signIn->setDefault(true);
    m_sessionName->setAccessibleName(tr("Session name"));
    m_startUrl->setAccessibleName(tr("Start URL"));
    m_region->setAccessibleName(tr("Region"));
    m_endpoint->setAccessibleName(tr("Endpoint"));
    form->addRow(tr("Session &name:"), m_sessionName);
    form->addRow(tr("Start &URL:"), m_startUrl);
    form->addRow(tr("&Region:"), m_region);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(m_noBrowser);
    form->addRow(m_signIn);
    connect(m_signIn, &QPushButton::clicked, this, &SsoSignInDialog::signIn);
    return page;
}

QWidget* SsoSignInDialog::makeAccountsPage()
{
    auto* page = new QWidget(this);
    auto* layout = new QVBoxLayout(page);
    m_filter = new QLineEdit(page);
    m_filter->setPlaceholderText(tr("Filter accounts and roles"));
    m_filter->setAccessibleName(tr("Filter accounts and roles"));
    m_filter->setClearButtonEnabled(true);
    m_accounts = new QListWidget(page);
    m_accounts->setAccessibleName(tr("Accounts and roles"));
    m_add = new QPushButton(tr("&Add ticked as profiles"), page);
    layout->addWidget(m_filter);
    layout->addWidget(m_accounts, 1);
    layout->addWidget(m_add);
    connect(m_filter, &QLineEdit::textChanged, this, &SsoSignInDialog::applyFilter);
    connect(m_add, &QPushButton::clicked, this, &SsoSignInDialog::addProfiles);
    return page;
}

void SsoSignInDialog::setStatus(const QString& text)
{
    m_status->setTextFormat(Qt::PlainText); // messages may quote what a server or the user wrote
    m_status->setText(text);
}

void SsoSignInDialog::signIn()
{
    SsoSession session { m_sessionName->text().trimmed(), m_startUrl->text().trimmed(), m_region->text().trimmed(),
        {} };
    QString error = session.validationError();
    const QUrl endpoint(m_endpoint->text().trimmed(), QUrl::StrictMode);
    if (error.isEmpty() && !m_endpoint->text().trimmed().isEmpty())
        error = EndpointResolver::overrideUrlError(endpoint);
    // A session of that name keeps its registration scopes (sso_registration_scopes from an import).
    if (const auto existing = m_store ? m_store->ssoSession(session.name) : std::nullopt)
        session.scopes = existing->scopes;
    if (error.isEmpty() && m_store && !m_store->saveSsoSession(session, &error))
        error = error.isEmpty() ? tr("Profiles are not available in this session.") : error;
    if (!error.isEmpty())
        return setStatus(error);
    // What this sign-in is for, as typed now: the fields may change while the browser is open.
    m_session = session;
    m_endpointUrl = endpoint;
    delete m_services; // and with it a listing of an earlier sign-in still running
    const EndpointOverrides endpoints = endpoint.isEmpty()
        ? EndpointOverrides::configured(QProcessEnvironment::systemEnvironment())
        : EndpointOverrides::forAll(endpoint, tr("the endpoint field"));
    m_services = new SsoServices(m_network, endpoints, session.region, this);
    if (!m_services->ok())
        return setStatus(m_services->error());
    m_signIn->setEnabled(false);
    if (m_noBrowser->isChecked())
        startDeviceSignIn();
    else
        startBrowserSignIn();
}

void SsoSignInDialog::startDeviceSignIn()
{
    auto* device = new SsoDeviceSignIn(
        m_services->oidc(), m_session.startUrl, m_session.region, m_session.effectiveScopes(), {}, this);
    connect(device, &SsoDeviceSignIn::deviceCodeReady, this, [this](const SsoDeviceCode& code) {
        // The code is what the operator types or compares on the other device: large, and the page a link.
        const QString uri = code.verificationUri.toHtmlEscaped();
        m_status->setTextFormat(Qt::RichText);
        m_status->setText(tr("Open %1 on any device and confirm the code %2.")
                              .arg(u"<a href=\"%1\">%1</a>"_s.arg(uri),
                                  u"<span style=\"font-size:x-large; font-weight:bold\">%1</span>"_s.arg(
                                      code.userCode.toHtmlEscaped())));
    });
    connect(device, &AwsJob::finished, this,
        [this, device] { device->hasError() ? signInFailed(device->error().message) : signedIn(device->result()); });
    device->start();
}

void SsoSignInDialog::startBrowserSignIn()
{
    auto* browser = new SsoBrowserSignIn(
        m_services->oidc(), m_session.startUrl, m_session.region, m_session.effectiveScopes(), m_openBrowser, this);
    connect(browser, &SsoBrowserSignIn::browserUrlReady, this, [this](const QUrl& url, bool opened) {
        setStatus(opened ? tr("Sign in in the browser. Waiting for its answer…")
                         : tr("No browser could be opened. Open %1").arg(url.toString(QUrl::FullyEncoded)));
    });
    connect(browser, &AwsJob::finished, this, [this, browser] {
        browser->hasError() ? signInFailed(browser->error().message) : signedIn(browser->result());
    });
    browser->start();
}

void SsoSignInDialog::signInFailed(const QString& message)
{
    setStatus(message);
    m_signIn->setEnabled(true);
}

void SsoSignInDialog::signedIn(const SsoToken& token)
{
    if (!m_store)
        return signInFailed(tr("Profiles are not available in this session."));
    setStatus(tr("Signed in. Listing the accounts and roles…"));
    SsoTokenStore::write(m_store->secretStore(), m_session.name, token, this, [this](const SecretError& error) {
        if (error.isError())
            setStatus(tr("Signed in, but the sign-in could not be kept in the keychain: %1").arg(error.message));
    });
    // A child of the services it calls: they never go away under it.
    auto* listing = new SsoAccountsListing(m_services->portal(), token.accessToken, m_services);
    connect(listing, &AwsJob::finished, this, [this, listing] {
        m_signIn->setEnabled(true);
        listing->hasError() ? setStatus(listing->error().toString()) : showAccounts(listing->result());
    });
    listing->start();
}

void SsoSignInDialog::showAccounts(const QList<SsoAccount>& accounts)
{
    m_accounts->clear();
    for (const SsoAccount& account : accounts) {
        for (const QString& role : account.roles) {
            auto* item = new QListWidgetItem(tr("%1 (%2) — %3").arg(account.accountName, account.accountId, role));
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
            item->setData(kAccountRole, QVariant::fromValue(QStringList { account.accountId, account.accountName }));
            item->setData(kRoleRole, role);
            m_accounts->addItem(item);
        }
    }
    m_pages->setCurrentIndex(1);
    setStatus(tr("%n role(s) in %1 account(s). Tick the ones to add as profiles.", nullptr, m_accounts->count())
                  .arg(accounts.size()));
    m_filter->setFocus();
}

void SsoSignInDialog::applyFilter(const QString& text)
{
    for (int row = 0; row < m_accounts->count(); ++row) {
        QListWidgetItem* item = m_accounts->item(row);
        item->setHidden(!text.isEmpty() && !item->text().contains(text, Qt::CaseInsensitive));
    }
}

QString SsoSignInDialog::profileNameFor(const SsoAccount& account, const QString& role)
{
    static const QRegularExpression unusable(u"[^A-Za-z0-9_.@+=,-]+"_s);
    QString base = (account.accountName.isEmpty() ? account.accountId : account.accountName) + u'-' + role;
    base.replace(unusable, u"-"_s);
    return base.left(64);
}

void SsoSignInDialog::addProfiles()
{
    m_pending.clear();
    for (int row = 0; row < m_accounts->count(); ++row) {
        const QListWidgetItem* item = m_accounts->item(row);
        if (item->checkState() != Qt::Checked)
            continue;
        const QStringList account = item->data(kAccountRole).toStringList();
        m_pending.append(
            { SsoAccount { account.value(0), account.value(1), {}, {} }, item->data(kRoleRole).toString() });
    }
    if (m_pending.isEmpty())
        return setStatus(tr("Tick at least one role."));
    m_add->setEnabled(false);
    addNext({});
}

void SsoSignInDialog::addNext(QStringList added)
{
    if (m_pending.isEmpty() || !m_store) {
        m_add->setEnabled(true);
        setStatus(tr("Added %n profile(s): %1", nullptr, int(added.size())).arg(added.join(u", "_s)));
        Q_EMIT profilesAdded(added);
        return;
    }
    const auto [account, role] = m_pending.takeFirst();
    Profile profile;
    profile.name = profileNameFor(account, role);
    for (int n = 2; m_store->contains(profile.name); ++n)
        profile.name = profileNameFor(account, role).left(60) + u'-' + QString::number(n);
    profile.region = m_session.region;
    profile.endpointUrl = m_endpointUrl;
    profile.sso = { m_session.name, account.accountId, role };
    auto* job = m_store->addProfile(profile);
    connect(job, &AwsJob::finished, this, [this, job, added, name = profile.name]() mutable {
        if (job->hasError()) {
            m_add->setEnabled(true);
            return setStatus(tr("%1 was not added: %2").arg(name, job->error().message));
        }
        added << name;
        addNext(added);
    });
}
