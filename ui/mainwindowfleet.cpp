// MainWindow: View > Fleet board… (issue 14 item 3). The board is a window of its own with connections of its own;
// this window only opens it, with what it may offer and the same audit log and read-only choice.
#include "auditlog.h"
#include "credentialchain.h"
#include "fleetboardwindow.h"
#include "mainwindow.h"

#include <QAction>

using namespace Qt::StringLiterals;

void MainWindow::createFleetAction()
{
    m_fleetAction = new QAction(tr("Fleet &board…"), this);
    m_fleetAction->setObjectName(u"fleetBoardAction"_s);
    // Ctrl+Shift+F is Scale-in protection ▸ Off; G as in "groups of every account".
    const QKeySequence shortcut(Qt::CTRL | Qt::SHIFT | Qt::Key_G);
    m_fleetAction->setShortcut(shortcut);
    const QString tip = tr("Every instance waiting on a hook across several accounts and regions, most urgent first");
    m_fleetAction->setToolTip(u"%1 (%2)"_s.arg(tip, shortcut.toString(QKeySequence::NativeText)));
    m_fleetAction->setStatusTip(tip);
    connect(m_fleetAction, &QAction::triggered, this, &MainWindow::showFleetBoard);
}

void MainWindow::setFleetCatalog(const FleetCatalog& catalog)
{
    m_fleetCatalog = catalog;
}

FleetBoardWindow* MainWindow::fleetBoard() const
{
    return m_fleetBoard;
}

void MainWindow::showFleetBoard()
{
    if (!m_fleetBoard) {
        FleetCatalog catalog = m_fleetCatalog;
        if (!catalog.isValid() && m_profiles && m_chain)
            catalog = FleetCatalog::fromProfiles(m_profiles, m_chain);
        // A window of its own, deleted when closed, and with this one at the latest (~MainWindow): closing this
        // window still quits the application.
        const QString audit = auditLogPathInUse().isEmpty() ? AuditLog::defaultPath() : auditLogPathInUse();
        m_fleetBoard = new FleetBoardWindow(m_network, catalog, audit, this);
        m_fleetBoard->setWindowFlag(Qt::Window);
        m_fleetBoard->setAttribute(Qt::WA_DeleteOnClose);
        m_fleetBoard->setReadOnly(isReadOnly());
    }
    m_fleetBoard->show();
    m_fleetBoard->raise();
    m_fleetBoard->activateWindow();
}
