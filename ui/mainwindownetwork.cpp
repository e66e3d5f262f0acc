// File > Network… and the network path of the window's one QNetworkAccessManager: the proxy factory and extra CA
// bundle of the Network preferences (applied at each new connection), and the one question for a proxy password.
#include "mainwindow.h"
#include "networkpreferencesdialog.h"
#include "proxyauthenticator.h"
#include "proxypassworddialog.h"
#include "secretstore.h"
#include "uilogging.h"

#include <QAction>
#include <QProcessEnvironment>
#include <QStatusBar>

using namespace Qt::StringLiterals;

void MainWindow::createNetworkAction()
{
    m_networkAction = new QAction(tr("Net&work…"), this);
    m_networkAction->setObjectName(u"networkAction"_s);
    m_networkAction->setStatusTip(tr("Proxy and extra certificate authorities for the connections to AWS"));
    connect(m_networkAction, &QAction::triggered, this, &MainWindow::showNetworkPreferences);
}

void MainWindow::showNetworkPreferences()
{
    auto* dialog = new NetworkPreferencesDialog(this);
    connect(dialog, &QDialog::accepted, this,
        [this] { statusBar()->showMessage(tr("Network settings saved: they apply to the next connection."), 15000); });
    openDialog(dialog);
}

void MainWindow::applyNetworkPreferences()
{
    const bool first = !m_networkSetup.authenticator;
    m_networkSetup
        = NetworkSetup::install(m_network, NetworkPreferences::load(), QProcessEnvironment::systemEnvironment());
    for (const QString& problem : std::as_const(m_networkSetup.problems))
        qCWarning(lcUi) << "network preferences:" << problem;
    if (!m_networkSetup.problems.isEmpty())
        statusBar()->showMessage(m_networkSetup.problems.join(u' '), 30000);
    ProxyAuthenticator* authenticator = m_networkSetup.authenticator;
    authenticator->setSecretStore(
        [this]() -> SecretStore* { return m_profiles ? m_profiles->secretStore() : nullptr; });
    if (first) {
        // Queued: Qt emits from inside its own signal, where no dialog may be opened.
        connect(authenticator, &ProxyAuthenticator::credentialsNeeded, this, &MainWindow::askProxyPassword,
            Qt::QueuedConnection);
    }
    // Read ahead, since Qt wants the answer synchronously; a challenge before the keychain answered asks instead.
    authenticator->loadSaved(m_networkSetup.proxyHostPorts(), [] {});
}

void MainWindow::askProxyPassword(const QString& proxyHostPort, const QString& user)
{
    auto* dialog = new ProxyPasswordDialog(proxyHostPort, user, this);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ProxyCredentials credentials = dialog->credentials();
        if (m_networkSetup.authenticator && !credentials.password.isEmpty())
            m_networkSetup.authenticator->setCredentials(dialog->proxyHostPort(), credentials);
    });
    openDialog(dialog);
}

QString MainWindow::networkStatusText() const
{
    if (!m_session)
        return {};
    const ProxyServer proxy = m_networkSetup.proxy.proxyFor(m_session->stsEndpoint());
    return proxy.isValid() ? tr("via proxy %1").arg(proxy.hostPort()) : QString();
}
