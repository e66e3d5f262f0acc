#include "networkpreferencesdialog.h"

#include "cabundle.h"
#include "proxyserver.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QLineEdit* lineEdit(QWidget* parent, const QString& objectName, const QString& accessibleName)
{
    auto* edit = new QLineEdit(parent);
    edit->setObjectName(objectName);
    edit->setAccessibleName(accessibleName);
    return edit;
}
} // namespace

NetworkPreferencesDialog::NetworkPreferencesDialog(QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"networkPreferencesDialog"_s);
    setWindowTitle(tr("Network"));
    auto* layout = new QVBoxLayout(this);
    auto* explanation = new QLabel(tr("How Hookdesk reaches AWS from this network. Changes apply to the next "
                                      "connection (File > Profiles, or switching profile or region); requests "
                                      "already under way keep the settings they started with."),
        this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    m_mode = new QComboBox(this);
    m_mode->setObjectName(u"proxyModeCombo"_s);
    m_mode->setAccessibleName(tr("Proxy"));
    m_mode->addItem(tr("From the environment (HTTPS_PROXY, HTTP_PROXY, NO_PROXY)"),
        int(NetworkPreferences::ProxyMode::Environment));
    m_mode->addItem(tr("None: always connect directly"), int(NetworkPreferences::ProxyMode::None));
    m_mode->addItem(tr("Manual"), int(NetworkPreferences::ProxyMode::Manual));
    m_manualProxy = lineEdit(this, u"manualProxyEdit"_s, tr("Proxy host and port"));
    m_manualProxy->setPlaceholderText(tr("proxy.example.com:3128"));
    m_user = lineEdit(this, u"proxyUserEdit"_s, tr("Proxy user name"));
    m_user->setPlaceholderText(tr("optional; the password is asked for and kept in the keychain"));
    m_caBundle = lineEdit(this, u"caBundleEdit"_s, tr("Extra CA bundle file"));
    m_caBundle->setPlaceholderText(tr("optional PEM file, trusted beside the system's certificate authorities"));
    auto* browse = new QPushButton(tr("&Browse…"), this);
    browse->setObjectName(u"caBundleBrowse"_s);
    auto* bundleRow = new QHBoxLayout;
    bundleRow->addWidget(m_caBundle, 1);
    bundleRow->addWidget(browse);

    auto* form = new QFormLayout;
    form->addRow(tr("&Proxy:"), m_mode);
    form->addRow(tr("&Host:port:"), m_manualProxy);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("Extra &CA bundle:"), bundleRow);
    layout->addLayout(form);

    m_problem = new QLabel(this);
    m_problem->setObjectName(u"networkProblemLabel"_s);
    m_problem->setWordWrap(true);
    m_problem->setVisible(false);
    layout->addWidget(m_problem);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"networkButtons"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &NetworkPreferencesDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &NetworkPreferencesDialog::updateEnabled);
    connect(browse, &QPushButton::clicked, this, &NetworkPreferencesDialog::browseForBundle);
    setPreferences(NetworkPreferences::load());
}

NetworkPreferences NetworkPreferencesDialog::preferences() const
{
    NetworkPreferences preferences;
    preferences.proxyMode = NetworkPreferences::ProxyMode(m_mode->currentData().toInt());
    preferences.manualProxy = m_manualProxy->text().trimmed();
    preferences.proxyUser = m_user->text().trimmed();
    preferences.caBundle = m_caBundle->text().trimmed();
    return preferences;
}

void NetworkPreferencesDialog::setPreferences(const NetworkPreferences& preferences)
{
    m_mode->setCurrentIndex(qMax(0, m_mode->findData(int(preferences.proxyMode))));
    m_manualProxy->setText(preferences.manualProxy);
    m_user->setText(preferences.proxyUser);
    m_caBundle->setText(preferences.caBundle);
    updateEnabled();
}

QString NetworkPreferencesDialog::problem() const
{
    const NetworkPreferences wanted = preferences();
    if (wanted.proxyMode == NetworkPreferences::ProxyMode::Manual) {
        QString error;
        const ProxyServer server = ProxyServer::parse(wanted.manualProxy, &error);
        if (!server.isValid())
            return error.isEmpty() ? tr("Enter the proxy as host:port.") : error;
        // The password belongs in the keychain, never in the settings file.
        if (!server.password.isEmpty() || !server.user.isEmpty())
            return tr("Enter the proxy as host:port and the user name below; the password is asked for.");
    }
    QString error;
    if (!wanted.caBundle.isEmpty() && !CaBundle::check(wanted.caBundle, &error))
        return error;
    return {};
}

void NetworkPreferencesDialog::accept()
{
    const QString reason = problem();
    m_problem->setText(reason);
    m_problem->setVisible(!reason.isEmpty());
    if (!reason.isEmpty())
        return;
    preferences().save();
    QDialog::accept();
}

void NetworkPreferencesDialog::updateEnabled()
{
    const bool manual = m_mode->currentData().toInt() == int(NetworkPreferences::ProxyMode::Manual);
    m_manualProxy->setEnabled(manual);
}

void NetworkPreferencesDialog::browseForBundle()
{
    auto* dialog = new QFileDialog(
        this, tr("Extra CA Bundle"), m_caBundle->text(), tr("PEM files (*.pem *.crt);;All files (*)"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setFileMode(QFileDialog::ExistingFile);
    connect(dialog, &QFileDialog::fileSelected, m_caBundle, &QLineEdit::setText);
    dialog->open();
}
