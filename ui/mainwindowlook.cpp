// MainWindow: how the window looks and reads (issue 18.1, 18.8, 18.9): columns sized to their content with the
// countdown always in view, accessible names and a tab order that follows the layout.
#include "activitymodel.h"
#include "auditlogmodel.h"
#include "columnfitter.h"
#include "detailspane.h"
#include "grouplistmodel.h"
#include "hooklistmodel.h"
#include "instancelistmodel.h"
#include "mainwindow.h"
#include "pendingactionmodel.h"

#include <QAbstractButton>
#include <QCheckBox>
#include <QComboBox>
#include <QHeaderView>
#include <QLineEdit>
#include <QTabBar>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QTreeView>

using namespace Qt::StringLiterals;

void MainWindow::setUpColumns()
{
    QHeaderView* pending = m_pendingView->header();
    auto* pendingFitter = new ColumnFitter(m_pendingView, pending, PendingActionModel::HooksColumn);
    pendingFitter->setTickingColumn(PendingActionModel::LeftColumn);

    new ColumnFitter(m_groupView, m_groupView->header(), GroupListModel::NameColumn);
    new ColumnFitter(m_instanceView, m_instanceView->header(), InstanceListModel::ProtectedColumn);
    new ColumnFitter(m_hookView, m_hookView->header(), HookListModel::TargetColumn);

    // Descriptions, causes and error messages are prose, not identifiers: past a readable width they are elided,
    // with the whole text in the cell's tooltip.
    const int em = fontMetrics().averageCharWidth();
    auto* activity = new ColumnFitter(m_activityView, m_activityView->header(), ActivityModel::CauseColumn);
    activity->setCappedColumn(ActivityModel::DescriptionColumn, 70 * em);
    activity->setCappedColumn(ActivityModel::CauseColumn, 90 * em);
    if (auto* audit = findChild<QTableView*>(u"auditView"_s)) {
        auto* fitter = new ColumnFitter(audit, audit->horizontalHeader(), AuditLogModel::ErrorColumn);
        fitter->setCappedColumn(AuditLogModel::ErrorColumn, 90 * em);
    }
}

void MainWindow::placePendingColumns()
{
    // The countdown and its result right after the instance: at 1024 px or 2× scaling the time left stays in view
    // while the wider columns scroll; Hooks, the elastic column, goes last.
    QHeaderView* pending = m_pendingView->header();
    pending->moveSection(pending->visualIndex(PendingActionModel::LeftColumn), 1);
    pending->moveSection(pending->visualIndex(PendingActionModel::DefaultColumn), 2);
    pending->moveSection(pending->visualIndex(PendingActionModel::HooksColumn), PendingActionModel::ColumnCount - 1);
}

void MainWindow::setUpAccessibility()
{
    m_tabs->tabBar()->setAccessibleName(tr("Views"));
    m_tabs->tabBar()->setAccessibleDescription(tr("Pending actions, instances, hooks and scaling activities"));
    m_details->setAccessibleName(tr("Details"));
    m_details->setAccessibleDescription(tr("What the selection is and what happens to it if nothing is done"));
    m_pendingView->setAccessibleDescription(
        tr("Every instance waiting on a lifecycle hook, most urgent first, with the time left and the result that "
           "then applies"));
    m_groupView->setAccessibleDescription(tr("Pick a group to show only its instances and hooks"));
    m_filter->setAccessibleDescription(tr("Shows only rows that contain this text; Escape clears it"));
    m_readOnlyCheck->setAccessibleDescription(tr("When checked, every action that changes something is disabled"));
    // Qt's own icon-only buttons carry no name: the toolbar's overflow arrow (at 1024 px it holds the actions).
    for (auto* button : findChildren<QToolButton*>(u"qt_toolbar_ext_button"_s))
        button->setAccessibleName(tr("More tools"));
    for (auto* button : findChildren<QToolButton*>(u"qt_menubar_ext_button"_s))
        button->setAccessibleName(tr("More menus"));
    // The filter's clear button and the audit table's corner button (select all) are Qt's, unnamed too.
    for (auto* button : m_filter->findChildren<QToolButton*>())
        button->setAccessibleName(tr("Clear filter"));
    if (auto* audit = findChild<QTableView*>(u"auditView"_s)) {
        for (auto* button : audit->findChildren<QAbstractButton*>(Qt::FindDirectChildrenOnly))
            button->setAccessibleName(tr("Select all records"));
    }

    // Top to bottom, left to right, as the window is laid out: the connection row, the filter, the group list, the
    // tabs and their page, the details, the audit log button and the audit log.
    const QList<QWidget*> chain { m_profileCombo, m_regionCombo, m_readOnlyCheck, m_filter, m_groupView,
        m_tabs->tabBar(), m_pendingView, m_instanceView, m_hookView, m_activityView, m_details, m_auditButton,
        findChild<QTableView*>(u"auditView"_s) };
    for (qsizetype i = 1; i < chain.size(); ++i) {
        if (chain.at(i - 1) && chain.at(i))
            setTabOrder(chain.at(i - 1), chain.at(i));
    }
}
