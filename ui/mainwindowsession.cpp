// MainWindow: the connection's life (issue 17). It does not go away under a running action: switching profile or
// region, or closing the window, while items are queued or in flight asks first, and every item sent gets its outcome
// record. A cancelled MFA prompt signs out until the operator asks to sign in again; a credential error at start is
// shown, with the profile manager and the demo one click away, instead of opening the demo silently.
#include "actioncontroller.h"
#include "detailspane.h"
#include "mainwindow.h"
#include "mfapromptdialog.h"

#include <QCloseEvent>
#include <QComboBox>
#include <QFrame>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QStatusBar>
#include <QTimer>

using namespace Qt::StringLiterals;

void MainWindow::requestConnection(const QString& profileName, const QString& region)
{
    askBeforeTearDown(
        tr("Switch connection"), [this, profileName, region] { Q_EMIT connectionRequested(profileName, region); },
        [this] { revertConnectionPickers(); });
}

void MainWindow::revertConnectionPickers()
{
    if (!m_session)
        return;
    m_profileCombo->setCurrentIndex(0); // connectTo() puts the current profile first
    m_regionCombo->setCurrentText(m_session->region());
}

bool MainWindow::mayCloseWithActions(QCloseEvent* event)
{
    if (!m_actions || m_actions->unsettledItems() == 0)
        return true;
    event->ignore();
    askBeforeTearDown(tr("Quit Hookdesk"), [this] { close(); });
    return false;
}

void MainWindow::askBeforeTearDown(
    const QString& title, const std::function<void()>& proceed, const std::function<void()>& cancelled)
{
    const int running = m_actions ? m_actions->unsettledItems() : 0;
    if (running == 0) {
        proceed();
        return;
    }
    // open(), not exec(): the answers keep arriving and being recorded while the question is on screen.
    auto* box = new QMessageBox(
        QMessageBox::Question, title, tr("%n action(s) still running.", nullptr, running), QMessageBox::NoButton, this);
    box->setObjectName(u"runningActionsBox"_s);
    box->setInformativeText(
        tr("<b>Wait</b>: nothing changes, the actions go on.<br><b>Stop after the current requests</b>: nothing more "
           "is sent; the answers to the requests already sent are checked and recorded first.<br><b>Stop now</b>: "
           "nothing more is sent; the requests already sent are recorded as <i>unknown</i> (AWS may have applied "
           "them)."));
    QPushButton* wait = box->addButton(tr("&Wait"), QMessageBox::RejectRole);
    wait->setObjectName(u"waitButton"_s);
    QPushButton* finish = box->addButton(tr("Stop &after the current requests"), QMessageBox::AcceptRole);
    finish->setObjectName(u"stopAfterCurrentButton"_s);
    QPushButton* now = box->addButton(tr("Stop &now"), QMessageBox::DestructiveRole);
    now->setObjectName(u"stopNowButton"_s);
    box->setDefaultButton(wait);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, finish, now, proceed, cancelled](QAbstractButton* button) {
        if (button != finish && button != now) {
            if (cancelled)
                cancelled();
            return;
        }
        if (m_actions)
            m_actions->stopAll(button == now);
        proceedWhenSettled(proceed);
    });
    box->open();
}

void MainWindow::proceedWhenSettled(const std::function<void()>& proceed)
{
    const int left = m_actions ? m_actions->unsettledItems() : 0;
    if (left == 0) {
        // Not from inside the controller's signal: proceeding deletes it.
        QTimer::singleShot(0, this, proceed);
        return;
    }
    statusBar()->showMessage(tr("Waiting for the answers to %n request(s) already sent…", nullptr, left));
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(m_actions, &ActionController::jobFinished, this, [this, connection, proceed] {
        if (m_actions && m_actions->unsettledItems() > 0)
            return;
        disconnect(*connection);
        statusBar()->clearMessage();
        QTimer::singleShot(0, this, proceed);
    });
}

void MainWindow::setMfaPrompter(DialogMfaPrompter* prompter)
{
    m_mfa = prompter;
    if (m_mfa)
        connect(m_mfa, &DialogMfaPrompter::signedOutChanged, this, &MainWindow::showSignedOut);
}

void MainWindow::showSignedOut()
{
    if (!m_mfa || !m_mfa->isSignedOut())
        return;
    m_errorLabel->setText(tr("<b>Signed out — MFA code needed.</b> The MFA prompt for profile %1 was cancelled: "
                             "nothing is refreshed until you sign in again. <a href=\"hookdesk:sign-in\">Sign "
                             "in…</a>")
                              .arg(m_mfa->signedOutProfile().toHtmlEscaped()));
    m_errorBanner->setVisible(true);
}

void MainWindow::showStartupError(const QString& message)
{
    m_errorLabel->setText(tr("<b>Cannot sign in.</b> %1<br>Fix the profile or add one in the "
                             "<a href=\"hookdesk:profiles\">profile manager</a>, or <a href=\"hookdesk:demo\">open "
                             "the demo</a> (a built-in simulator, no AWS account).")
                              .arg(message.toHtmlEscaped()));
    m_errorBanner->setVisible(true);
    m_details->showMessage(tr("Not connected: %1").arg(message));
    updateStatus();
}

void MainWindow::onBannerLink(const QString& link)
{
    if (link == u"hookdesk:sign-in"_s)
        refreshNow();
    else if (link == u"hookdesk:profiles"_s)
        showProfiles();
    else if (link == u"hookdesk:demo"_s)
        Q_EMIT demoRequested();
}
