// FleetBoardWindow: its layout, the Connections panel and the scope of the list. The actions are in
// fleetboardactions.cpp.
#include "fleetboardwindow.h"

#include "auditlog.h"
#include "columnfitter.h"
#include "connection.h"
#include "countdowndelegate.h"
#include "fleetboard.h"
#include "fleetconnectionspanel.h"
#include "fleetfilterproxymodel.h"
#include "fleetgrouptreemodel.h"
#include "fleetpendingmodel.h"
#include "themedicon.h"

#include <QAction>
#include <QCheckBox>
#include <QCloseEvent>
#include <QComboBox>
#include <QGuiApplication>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

FleetBoardWindow::FleetBoardWindow(
    QNetworkAccessManager* network, FleetCatalog catalog, const QString& auditPath, QWidget* parent)
    : QMainWindow(parent)
    , m_catalog(std::move(catalog))
    , m_audit(new AuditLog(auditPath, this))
    , m_board(new FleetBoard(network, m_audit, m_catalog.resolver, this))
    , m_pendingModel(new FleetPendingModel(m_board, this))
    , m_proxy(new FleetFilterProxyModel(this))
    , m_groupModel(new FleetGroupTreeModel(m_board, this))
{
    setObjectName(u"fleetBoardWindow"_s);
    setWindowTitle(tr("Hookdesk — Fleet board"));
    m_proxy->setSourceModel(m_pendingModel);
    createActions();
    createToolBar();
    createCentralWidget();
    m_summary = new QLabel(this);
    statusBar()->addWidget(m_summary, 1);

    connect(m_board, &FleetBoard::statusChanged, this, &FleetBoardWindow::updateStatus);
    connect(m_board, &FleetBoard::connectionAdded, this, &FleetBoardWindow::updateScopeChoices);
    connect(m_board, &FleetBoard::connectionRemoved, this, &FleetBoardWindow::updateScopeChoices, Qt::QueuedConnection);
    connect(m_board, &FleetBoard::identityChanged, this, &FleetBoardWindow::updateScopeChoices);
    connect(m_panel, &FleetConnectionsPanel::tickedChanged, this, &FleetBoardWindow::applyTicked);

    QSettings settings;
    const QStringList ticked = settings.contains(m_catalog.settingsKey)
        ? settings.value(m_catalog.settingsKey).toStringList()
        : m_catalog.tickedByDefault;
    m_panel->setSources(m_catalog.sources, ticked);
    applyTicked();
    updateScopeChoices();
    updateActions();
    // Room for the list and the panel side by side, within the screen.
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        resize(screen->availableSize().boundedTo(QSize(1500, 900)) * 0.95);
    else
        resize(1320, 720);
}

FleetBoardWindow::~FleetBoardWindow()
{
    // The views let go of the models before the board deletes the connections under them.
    m_pendingView->setModel(nullptr);
    m_groupView->setModel(nullptr);
    delete m_board;
}

void FleetBoardWindow::createActions()
{
    m_refreshAction = new QAction(ThemedIcon::icon(u"refresh"_s), tr("&Refresh all"), this);
    m_refreshAction->setShortcut(QKeySequence::Refresh);
    m_refreshAction->setToolTip(tr("Refresh every open connection now"));
    connect(m_refreshAction, &QAction::triggered, this, &FleetBoardWindow::refreshAll);
    m_continueAction = new QAction(ThemedIcon::icon(u"continue"_s), tr("&Continue…"), this);
    m_continueAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    m_continueAction->setToolTip(tr("Send CONTINUE for the selected waiting instances, each through its account"));
    connect(m_continueAction, &QAction::triggered, this, &FleetBoardWindow::continueSelected);
    m_abandonAction = new QAction(ThemedIcon::icon(u"abandon"_s), tr("&Abandon…"), this);
    m_abandonAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A));
    m_abandonAction->setToolTip(tr("Send ABANDON for the selected waiting instances, each through its account"));
    connect(m_abandonAction, &QAction::triggered, this, &FleetBoardWindow::abandonSelected);
    m_heartbeatAction = new QAction(ThemedIcon::icon(u"heartbeat"_s), tr("&Heartbeat…"), this);
    m_heartbeatAction->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H));
    m_heartbeatAction->setToolTip(tr("Restart the hook timeout of the selected instances"));
    connect(m_heartbeatAction, &QAction::triggered, this, &FleetBoardWindow::heartbeatSelected);
    for (QAction* action : { m_refreshAction, m_continueAction, m_abandonAction, m_heartbeatAction })
        addAction(action);
}

void FleetBoardWindow::createToolBar()
{
    QToolBar* bar = addToolBar(tr("Fleet"));
    bar->setObjectName(u"fleetToolBar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->addAction(m_refreshAction);
    bar->addSeparator();
    bar->addAction(m_continueAction);
    bar->addAction(m_abandonAction);
    bar->addAction(m_heartbeatAction);
    bar->addSeparator();
    auto* showLabel = new QLabel(tr("&Show:"), bar);
    m_scope = new QComboBox(bar);
    m_scope->setObjectName(u"fleetScope"_s);
    m_scope->setAccessibleName(tr("Show the rows of"));
    m_scope->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    showLabel->setBuddy(m_scope);
    connect(m_scope, &QComboBox::activated, this, &FleetBoardWindow::onScopeChosen);
    bar->addWidget(showLabel);
    bar->addWidget(m_scope);
    m_filter = new QLineEdit(bar);
    m_filter->setObjectName(u"fleetFilter"_s);
    m_filter->setPlaceholderText(tr("Filter instances, groups, hooks…"));
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(280);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &FleetFilterProxyModel::setFilterText);
    bar->addWidget(m_filter);
    bar->addSeparator();
    m_readOnlyCheck = new QCheckBox(tr("Read-only"), bar);
    m_readOnlyCheck->setObjectName(u"fleetReadOnly"_s);
    m_readOnlyCheck->setToolTip(tr("Look without touching: CONTINUE, ABANDON and heartbeat are refused"));
    connect(m_readOnlyCheck, &QCheckBox::toggled, this, &FleetBoardWindow::setReadOnly);
    bar->addWidget(m_readOnlyCheck);
}

void FleetBoardWindow::createCentralWidget()
{
    auto* split = new QSplitter(Qt::Horizontal, this);
    auto* left = new QSplitter(Qt::Vertical, split);
    m_panel = new FleetConnectionsPanel(left);
    m_groupView = new QTreeView(left);
    m_groupView->setObjectName(u"fleetGroupView"_s);
    m_groupView->setAccessibleName(tr("Accounts, regions and groups"));
    m_groupView->setModel(m_groupModel);
    m_groupView->setUniformRowHeights(true);
    m_groupView->header()->setStretchLastSection(false);
    m_groupView->header()->setSectionResizeMode(FleetGroupTreeModel::NameColumn, QHeaderView::Stretch);
    m_groupView->header()->setSectionResizeMode(FleetGroupTreeModel::WaitingColumn, QHeaderView::ResizeToContents);
    // A new account or region opens expanded: the groups are what the tree is for.
    connect(m_groupModel, &QAbstractItemModel::rowsInserted, m_groupView, &QTreeView::expandAll);
    connect(m_groupView, &QTreeView::clicked, this, &FleetBoardWindow::onGroupTreeClicked);
    left->addWidget(m_panel);
    left->addWidget(m_groupView);
    left->setStretchFactor(1, 1);
    left->setSizes({ 160, 540 });

    m_pendingView = new QTreeView(split);
    m_pendingView->setObjectName(u"fleetPendingView"_s);
    m_pendingView->setAccessibleName(tr("Pending lifecycle actions of every open connection"));
    m_pendingView->setRootIsDecorated(false);
    m_pendingView->setUniformRowHeights(true);
    m_pendingView->setAlternatingRowColors(true);
    m_pendingView->setAllColumnsShowFocus(true);
    m_pendingView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_pendingView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pendingView->setSortingEnabled(true);
    m_pendingView->setModel(m_proxy);
    m_pendingView->sortByColumn(FleetPendingModel::LeftColumn, Qt::AscendingOrder);
    auto* delegate = new CountdownDelegate(m_pendingView);
    delegate->setCountdownColumn(FleetPendingModel::LeftColumn);
    m_pendingView->setItemDelegate(delegate);
    // As in the main window: the countdown and its result right after the instance, so the time left stays in view
    // while the wider columns scroll; a retained instance's long state is prose, elided past a readable width.
    QHeaderView* header = m_pendingView->header();
    header->setSectionsMovable(true);
    header->moveSection(header->visualIndex(FleetPendingModel::LeftColumn), FleetPendingModel::InstanceColumn + 1);
    header->moveSection(header->visualIndex(FleetPendingModel::DefaultColumn), FleetPendingModel::InstanceColumn + 2);
    auto* fitter = new ColumnFitter(m_pendingView, header, FleetPendingModel::HooksColumn);
    fitter->setTickingColumn(FleetPendingModel::LeftColumn);
    fitter->setCappedColumn(FleetPendingModel::StateColumn, 32 * fontMetrics().averageCharWidth());
    m_pendingView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_pendingView, &QWidget::customContextMenuRequested, this, &FleetBoardWindow::showContextMenu);
    connect(m_pendingView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
        &FleetBoardWindow::updateActions);
    split->addWidget(left);
    split->addWidget(m_pendingView);
    split->setStretchFactor(1, 1);
    split->setSizes({ 420, 900 });
    setCentralWidget(split);
}

void FleetBoardWindow::applyTicked()
{
    // A connection with actions in flight or keep-alives running stays open until they have their outcome: unticking
    // it is refused, and says so (tearing it down would leave requests whose answers nobody checks).
    const QStringList wanted = m_panel->tickedKeys();
    const QStringList busy = busyConnections();
    QStringList kept;
    for (const QString& key : busy) {
        if (!wanted.contains(key))
            kept << key;
    }
    if (!kept.isEmpty()) {
        const QSignalBlocker blocker(m_panel);
        for (const QString& key : std::as_const(kept))
            m_panel->setTicked(key, true);
        statusBar()->showMessage(
            tr("%1: actions are still running; the connection stays open until each has its outcome.")
                .arg(kept.join(u", "_s)),
            10000);
    }
    QSettings().setValue(m_catalog.settingsKey, m_panel->tickedKeys());
    m_board->setSources(m_panel->tickedSources());
    for (const FleetSource& source : m_catalog.sources)
        updateStatus(source.key());
}

void FleetBoardWindow::updateStatus(const QString& key)
{
    if (const FleetBoard::Member* member = m_board->member(key))
        m_panel->setStatus(key, m_board->statusText(key), member->status == FleetBoard::Status::Failed);
    else
        m_panel->setStatus(key, {}, false);
    int waiting = 0;
    int failed = 0;
    for (const FleetBoard::Member& member : m_board->members()) {
        if (member.connection)
            waiting += FleetBoard::waitingCount(member.connection);
        if (member.status == FleetBoard::Status::Failed)
            ++failed;
    }
    const int open = int(m_board->members().size());
    QString text = tr("%n waiting", nullptr, waiting) + u" · "_s + tr("%n connection(s)", nullptr, open);
    if (failed > 0)
        text += u" · "_s + tr("%n with errors", nullptr, failed);
    if (isReadOnly())
        text += u" · "_s + tr("read-only");
    m_summary->setText(text);
    selectMostUrgentOnce();
    updateActions();
}

void FleetBoardWindow::selectMostUrgentOnce()
{
    // Once everything ticked has answered, the most urgent row is selected: that is why the board was opened. Later
    // loads leave the operator's selection alone.
    const auto& members = m_board->members();
    const bool answered = std::none_of(members.cbegin(), members.cend(),
        [](const FleetBoard::Member& member) { return member.status == FleetBoard::Status::Loading; });
    if (m_selectedFirst || !answered || m_proxy->rowCount() == 0)
        return;
    m_selectedFirst = true;
    if (!m_pendingView->currentIndex().isValid())
        m_pendingView->setCurrentIndex(m_proxy->index(0, 0));
}

void FleetBoardWindow::updateScopeChoices()
{
    const QString current = m_scope->currentData().toString();
    m_scope->clear();
    m_scope->addItem(tr("All accounts and regions"), QString());
    QStringList profiles;
    for (const FleetBoard::Member& member : m_board->members()) {
        if (!member.connection)
            continue;
        if (!profiles.contains(member.source.profile)) {
            profiles << member.source.profile;
            m_scope->addItem(tr("Account %1").arg(FleetBoard::accountLabel(member.connection)),
                QString(u"profile:"_s + member.source.profile));
        }
        m_scope->addItem(tr("%1 · %2").arg(FleetBoard::accountLabel(member.connection), member.source.region),
            QString(u"connection:"_s + member.source.key()));
    }
    const int index = m_scope->findData(current);
    m_scope->setCurrentIndex(index < 0 ? 0 : index);
    if (index < 0 && !current.isEmpty())
        onScopeChosen();
}

void FleetBoardWindow::onScopeChosen()
{
    const QString scope = m_scope->currentData().toString();
    if (scope.startsWith(u"profile:"_s))
        m_proxy->setScope(scope.mid(8), {}, {});
    else if (scope.startsWith(u"connection:"_s))
        m_proxy->setScope({}, scope.mid(11), {});
    else
        m_proxy->setScope({}, {}, {});
    m_groupView->clearSelection();
    updateActions();
}

void FleetBoardWindow::onGroupTreeClicked()
{
    const QModelIndex index = m_groupView->currentIndex();
    if (!index.isValid())
        return;
    const auto kind = FleetGroupTreeModel::Kind(index.data(FleetGroupTreeModel::KindRole).toInt());
    const QString profile = index.data(FleetGroupTreeModel::ProfileRole).toString();
    const QString key = index.data(FleetGroupTreeModel::ConnectionKeyRole).toString();
    switch (kind) {
    case FleetGroupTreeModel::Kind::Account:
        m_proxy->setScope(profile, {}, {});
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(QString(u"profile:"_s + profile))));
        break;
    case FleetGroupTreeModel::Kind::Region:
        m_proxy->setScope({}, key, {});
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(QString(u"connection:"_s + key))));
        break;
    case FleetGroupTreeModel::Kind::Group:
        m_proxy->setScope({}, key, index.data(FleetGroupTreeModel::GroupNameRole).toString());
        m_scope->setCurrentIndex(qMax(0, m_scope->findData(QString(u"connection:"_s + key))));
        break;
    }
    updateActions();
}

void FleetBoardWindow::refreshAll()
{
    m_board->refreshAll();
}

QStringList FleetBoardWindow::busyConnections() const
{
    QStringList keys;
    for (const FleetBoard::Member& member : m_board->members()) {
        if (member.connection && member.connection->isBusy())
            keys << member.source.key();
    }
    return keys;
}

void FleetBoardWindow::closeEvent(QCloseEvent* event)
{
    // As unticking: the board does not close under running actions (closing would tear every connection down).
    const QStringList busy = busyConnections();
    if (!busy.isEmpty()) {
        event->ignore();
        statusBar()->showMessage(
            tr("%1: actions are still running; close the board once each has its outcome.").arg(busy.join(u", "_s)),
            10000);
        return;
    }
    QMainWindow::closeEvent(event);
}
