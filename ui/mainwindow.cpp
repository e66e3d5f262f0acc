#include "mainwindow.h"

#include "actioncontroller.h"
#include "activitymodel.h"
#include "auditlog.h"
#include "auditlogmodel.h"
#include "countdowndelegate.h"
#include "detailspane.h"
#include "fleetboardwindow.h"
#include "grouplistmodel.h"
#include "hooklistmodel.h"
#include "instancelistmodel.h"
#include "instancerefreshpanel.h"
#include "inventorystore.h"
#include "languagemenu.h"
#include "pendingactionmodel.h"
#include "pendingfilterproxymodel.h"
#include "refreshcontroller.h"
#include "themedicon.h"
#include "thememanager.h"
#include "uilogging.h"
#include "uistyle.h"
#include "windowcontroller.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QScreen>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
QTreeView* makeView(const QString& objectName, const QString& accessibleName, QWidget* parent)
{
    auto* view = new QTreeView(parent);
    view->setObjectName(objectName);
    view->setAccessibleName(accessibleName);
    view->setRootIsDecorated(false);
    view->setUniformRowHeights(true);
    view->setAlternatingRowColors(true);
    view->setSortingEnabled(true);
    view->setAllColumnsShowFocus(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->header()->setStretchLastSection(true);
    view->header()->setSectionsMovable(true);
    return view;
}

TextFilterProxyModel* makeProxy(QObject* parent, int sortRole)
{
    auto* proxy = new TextFilterProxyModel(parent);
    proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    proxy->setSortCaseSensitivity(Qt::CaseInsensitive);
    proxy->setFilterKeyColumn(-1);
    proxy->setSortRole(sortRole);
    return proxy;
}

QFrame* makeBanner(const QString& objectName, QLabel** label, QWidget* parent)
{
    auto* banner = new QFrame(parent);
    banner->setObjectName(objectName);
    banner->setFrameShape(QFrame::StyledPanel);
    banner->setAutoFillBackground(true);
    auto* layout = new QHBoxLayout(banner);
    layout->setContentsMargins(10, 5, 10, 5);
    *label = new QLabel(banner);
    (*label)->setWordWrap(true);
    (*label)->setTextFormat(Qt::RichText);
    layout->addWidget(*label, 1);
    banner->setVisible(false);
    return banner;
}
} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent)
    , m_network(new QNetworkAccessManager(this))
    , m_pendingProxy(new PendingFilterProxyModel(this))
    , m_groupProxy(makeProxy(this, GroupListModel::SortRole))
    , m_instanceProxy(makeProxy(this, InstanceListModel::SortRole))
    , m_hookProxy(makeProxy(this, HookListModel::SortRole))
    , m_activityProxy(makeProxy(this, ActivityModel::SortRole))
    , m_auditProxy(makeProxy(this, AuditLogModel::SortRole))
{
    m_controller = new WindowController(this);
    setObjectName(u"mainWindow"_s);
    setWindowTitle(tr("Hookdesk"));
    m_pendingProxy->setSortRole(PendingActionModel::SortRole);
    m_groupProxy->setFilterKeyColumn(GroupListModel::NameColumn);

    m_theme = new ThemeManager(this);
    createActions();
    createMenus();
    createToolBars();
    createCentralWidget();
    setUpInstanceContextMenu();
    createStatusBar();
    createAuditDock();
    setUpColumns();
    setUpAccessibility();
    m_theme->start();

    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
        m_tray->setToolTip(tr("Hookdesk"));
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            showNormal();
            raise();
            activateWindow();
            m_tabs->setCurrentIndex(0);
        });
        m_tray->show();
    }

    // The age label ("12 s ago") and the details pane's "started ≈ … ago" move with the clock.
    auto* clock = new QTimer(this);
    clock->setInterval(1000);
    connect(clock, &QTimer::timeout, this, [this] {
        updateStatus();
        if (m_tabs->currentIndex() == 0)
            updateDetails();
    });
    clock->start();

    // A first start gets most of the screen: the pending table and the details pane both want room.
    if (const QScreen* screen = QGuiApplication::primaryScreen())
        resize(screen->availableSize().boundedTo(QSize(1500, 940)) * 0.95);
    else
        resize(1280, 800);
    restoreSettings();
    updateActions();
    updateStatus();
    updateTitle();
    m_details->showMessage(tr("Connecting…"));
}

MainWindow::~MainWindow()
{
    // The fleet board's connections use this window's network manager: they go first.
    delete m_fleetBoard.data();
    tearDownConnection();
}

void MainWindow::createActions()
{
    auto make = [this](const QString& name, const QString& text, const QString& icon, const QKeySequence& shortcut,
                    const QString& tip) {
        auto* action = new QAction(text, this);
        action->setObjectName(name);
        if (!icon.isEmpty())
            action->setIcon(ThemedIcon::icon(icon));
        if (!shortcut.isEmpty()) {
            action->setShortcut(shortcut);
            action->setToolTip(u"%1 (%2)"_s.arg(tip, shortcut.toString(QKeySequence::NativeText)));
        } else {
            action->setToolTip(tip);
        }
        action->setStatusTip(tip);
        return action;
    };
    m_refreshAction = make(u"refreshAction"_s, tr("&Refresh"), u"refresh"_s, QKeySequence::Refresh,
        tr("Reload groups, instances and hooks now"));
    m_refreshAction->setShortcuts({ QKeySequence(Qt::Key_F5), QKeySequence(Qt::CTRL | Qt::Key_R) });
    m_continueAction = make(u"continueAction"_s, tr("&Continue"), u"continue"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), tr("Send CONTINUE for the selected waiting instances"));
    m_abandonAction = make(u"abandonAction"_s, tr("&Abandon"), u"abandon"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_A), tr("Send ABANDON for the selected waiting instances"));
    m_heartbeatAction = make(u"heartbeatAction"_s, tr("&Heartbeat"), u"heartbeat"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_H), tr("Restart the hook timeout of the selected instances"));
    m_newHookAction = make(u"newHookAction"_s, tr("&New hook…"), u"hook-new"_s, QKeySequence(Qt::CTRL | Qt::Key_N),
        tr("Create a lifecycle hook"));
    m_editHookAction = make(u"editHookAction"_s, tr("&Edit hook…"), u"hook-edit"_s, QKeySequence(Qt::CTRL | Qt::Key_E),
        tr("Edit the selected lifecycle hook"));
    m_deleteHookAction = make(u"deleteHookAction"_s, tr("&Delete hook…"), u"hook-delete"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), tr("Delete the selected lifecycle hook"));
    m_notificationAction = make(u"notificationAction"_s, tr("Complete from &notification…"), u"notification"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_V), tr("Paste an SQS, SNS or EventBridge lifecycle notification"));
    m_profilesAction = make(u"profilesAction"_s, tr("&Profiles…"), u"profiles"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P), tr("Add, edit, import and test AWS profiles"));
    m_readOnlyAction = make(u"readOnlyAction"_s, tr("Read-&only mode"), u"readonly"_s,
        QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_R), tr("Look without touching: every mutating action is disabled"));
    m_readOnlyAction->setCheckable(true);
    m_auditAction = make(u"auditAction"_s, tr("&Audit log"), u"audit"_s, QKeySequence(Qt::CTRL | Qt::Key_L),
        tr("Show every action Hookdesk sent, with its outcome"));
    m_auditAction->setCheckable(true);
    m_filterAction = make(
        u"filterAction"_s, tr("&Filter"), QString(), QKeySequence::Find, tr("Filter by instance, group or hook"));
    m_quitAction = make(u"quitAction"_s, tr("&Quit"), QString(), QKeySequence::Quit, tr("Quit Hookdesk"));
    m_aboutAction = make(u"aboutAction"_s, tr("&About Hookdesk"), QString(), {}, tr("About Hookdesk"));

    createKeepAliveActions();
    createRequestTimeoutAction();
    createNetworkAction();
    createRemedyActions();
    m_refreshPanel = new InstanceRefreshPanel(this);
    connect(m_refreshPanel, &InstanceRefreshPanel::changed, this, &MainWindow::updateDetails);
    connect(m_refreshPanel, &InstanceRefreshPanel::reported, this,
        [this](const QString& text) { statusBar()->showMessage(text, 15000); });

    connect(m_refreshAction, &QAction::triggered, this, &MainWindow::refreshNow);
    connect(m_continueAction, &QAction::triggered, this, &MainWindow::continueSelected);
    connect(m_abandonAction, &QAction::triggered, this, &MainWindow::abandonSelected);
    connect(m_heartbeatAction, &QAction::triggered, this, &MainWindow::heartbeatSelected);
    connect(m_newHookAction, &QAction::triggered, this, &MainWindow::newHook);
    connect(m_editHookAction, &QAction::triggered, this, &MainWindow::editHook);
    connect(m_deleteHookAction, &QAction::triggered, this, &MainWindow::deleteHook);
    connect(m_notificationAction, &QAction::triggered, this, &MainWindow::completeFromNotification);
    connect(m_profilesAction, &QAction::triggered, this, &MainWindow::showProfiles);
    connect(m_readOnlyAction, &QAction::toggled, this, &MainWindow::setReadOnly);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);
    connect(m_filterAction, &QAction::triggered, this, [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    connect(m_aboutAction, &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About Hookdesk"),
            tr("<h3>Hookdesk %1</h3><p>A desktop console for EC2 Auto Scaling lifecycle hooks: see what waits, "
               "where and for how long, and unstick it.</p>")
                .arg(QApplication::applicationVersion()));
    });
}

void MainWindow::createMenus()
{
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(m_profilesAction);
    file->addAction(m_notificationAction);
    file->addAction(m_requestTimeoutAction);
    file->addAction(m_networkAction);
    file->addSeparator();
    file->addAction(m_quitAction);
    QMenu* actions = menuBar()->addMenu(tr("&Actions"));
    actions->addAction(m_refreshAction);
    actions->addSeparator();
    actions->addAction(m_continueAction);
    actions->addAction(m_abandonAction);
    actions->addAction(m_heartbeatAction);
    actions->addAction(m_keepAliveAction);
    actions->addAction(m_stopKeepAliveAction);
    actions->addSeparator();
    actions->addActions(remedyMenuActions());
    actions->addAction(m_refreshPanel->cancelAction());
    actions->addAction(m_refreshPanel->rollbackAction());
    QMenu* hooks = menuBar()->addMenu(tr("Hoo&ks"));
    hooks->addAction(m_newHookAction);
    hooks->addAction(m_editHookAction);
    hooks->addAction(m_deleteHookAction);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(m_filterAction);
    view->addAction(m_auditAction);
    createFleetAction();
    view->addAction(m_fleetAction);
    view->addSeparator();
    view->addAction(m_readOnlyAction);
    view->addMenu(new LanguageMenu(view));
    view->addMenu(m_theme->createMenu(view));
    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(m_aboutAction);
}

void MainWindow::createCentralWidget()
{
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    layout->setContentsMargins(6, 4, 6, 0);
    layout->setSpacing(4);

    m_demoBanner = makeBanner(u"demoBanner"_s, &m_demoLabel, central);
    m_demoLabel->setAccessibleName(tr("Demo mode notice"));
    layout->addWidget(m_demoBanner);
    m_errorBanner = makeBanner(u"errorBanner"_s, &m_errorLabel, central);
    m_errorLabel->setAccessibleName(tr("Connection problem"));
    connect(m_errorLabel, &QLabel::linkActivated, this, &MainWindow::onBannerLink);
    layout->addWidget(m_errorBanner);

    auto* split = new QSplitter(Qt::Horizontal, central);
    split->setObjectName(u"mainSplitter"_s);
    split->setChildrenCollapsible(false);
    m_groupView = makeView(u"groupView"_s, tr("Auto Scaling groups"), split);
    m_groupView->setModel(m_groupProxy);
    m_groupView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_groupView->setAlternatingRowColors(false);
    m_groupView->setMinimumWidth(220);
    m_groupView->header()->setStretchLastSection(false);
    split->addWidget(m_groupView);

    auto* right = new QSplitter(Qt::Vertical, split);
    right->setObjectName(u"rightSplitter"_s);
    right->setChildrenCollapsible(false);
    createTabs(right);

    m_details = new DetailsPane(right);
    m_details->setMinimumHeight(110);
    connect(m_details, &DetailsPane::clearFilterRequested, m_filter, &QLineEdit::clear);
    right->addWidget(m_tabs);
    right->addWidget(m_details);
    right->setStretchFactor(0, 3);
    right->setStretchFactor(1, 1);
    split->addWidget(right);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({ 250, 1000 });
    right->setSizes({ 520, 230 });
    layout->addWidget(split, 1);
    setCentralWidget(central);

    connect(m_tabs, &QTabWidget::currentChanged, this, [this] {
        updateActions();
        updateDetails();
    });
    for (QTreeView* view : { m_pendingView, m_instanceView, m_hookView })
        connect(view, &QAbstractItemView::activated, this, &MainWindow::updateDetails);
}

void MainWindow::createTabs(QWidget* parent)
{
    m_tabs = new QTabWidget(parent);
    m_tabs->setObjectName(u"tabs"_s);
    m_tabs->setDocumentMode(true);

    m_pendingView = makeView(u"pendingView"_s, tr("Pending lifecycle actions"), m_tabs);
    m_pendingView->setModel(m_pendingProxy);
    m_pendingView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_pendingView->setItemDelegate(new CountdownDelegate(m_pendingView));
    m_pendingView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_pendingView->sortByColumn(PendingActionModel::LeftColumn, Qt::AscendingOrder);
    m_pendingView->header()->setStretchLastSection(false);
    connect(m_pendingView, &QWidget::customContextMenuRequested, this, &MainWindow::showPendingContextMenu);
    m_tabs->addTab(m_pendingView, ThemedIcon::icon(u"heartbeat"_s), tr("Pending actions"));

    m_instanceView = makeView(u"instanceView"_s, tr("Instances"), m_tabs);
    m_instanceView->setModel(m_instanceProxy);
    m_instanceView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tabs->addTab(m_instanceView, tr("Instances"));

    m_hookView = makeView(u"hookView"_s, tr("Lifecycle hooks"), m_tabs);
    m_hookView->setModel(m_hookProxy);
    m_hookView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_hookView->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(m_hookView, &QWidget::customContextMenuRequested, this, &MainWindow::showHookContextMenu);
    connect(m_hookView, &QAbstractItemView::doubleClicked, this, &MainWindow::editHook);
    m_tabs->addTab(m_hookView, tr("Hooks"));

    m_activityView = makeView(u"activityView"_s, tr("Scaling activities"), m_tabs);
    m_activityView->setModel(m_activityProxy);
    m_activityView->sortByColumn(ActivityModel::StartColumn, Qt::DescendingOrder);
    m_tabs->addTab(m_activityView, tr("Activity"));
}

void MainWindow::createStatusBar()
{
    m_statusLabel = new QLabel(statusBar());
    m_statusLabel->setObjectName(u"statusLabel"_s);
    m_statusLabel->setAccessibleName(tr("Requests, last refresh and errors"));
    statusBar()->addWidget(m_statusLabel, 1);
    m_auditButton = new QToolButton(statusBar());
    m_auditButton->setObjectName(u"auditButton"_s);
    m_auditButton->setDefaultAction(m_auditAction);
    m_auditButton->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_auditButton->setAutoRaise(true);
    statusBar()->addPermanentWidget(m_auditButton);
}

void MainWindow::createAuditDock()
{
    m_auditDock = new QDockWidget(tr("Audit log"), this);
    m_auditDock->setObjectName(u"auditDock"_s);
    auto* view = new QTableView(m_auditDock);
    view->setObjectName(u"auditView"_s);
    view->setAccessibleName(tr("Audit log"));
    view->setModel(m_auditProxy);
    view->setSortingEnabled(true);
    view->sortByColumn(AuditLogModel::TimeColumn, Qt::DescendingOrder);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->verticalHeader()->hide();
    view->setWordWrap(false);
    m_auditDock->setWidget(view);
    addDockWidget(Qt::BottomDockWidgetArea, m_auditDock);
    m_auditDock->hide();
    connect(m_auditAction, &QAction::toggled, m_auditDock, &QWidget::setVisible);
    connect(m_auditDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (!isMinimized())
            m_auditAction->setChecked(visible);
    });
}

void MainWindow::setDemoMode(bool demo, const QString& endpoint)
{
    m_demo = demo;
    m_demoLabel->setText(tr("<b>Demo — simulated endpoint.</b> Hookdesk is talking to its built-in simulator%1, not "
                            "to AWS: groups, hooks and waiting instances are made up, and instances "
                            "keep arriving. Nothing you do here touches an AWS account.")
                             .arg(endpoint.isEmpty() ? QString() : tr(" at %1").arg(endpoint.toHtmlEscaped())));
    m_demoBanner->setVisible(demo);
    changeEvent(nullptr);
    updateTitle();
}

void MainWindow::changeEvent(QEvent* event)
{
    // Banners are tinted from the current palette so a theme switch (light ↔ dark) keeps them readable.
    if (!event || event->type() == QEvent::PaletteChange || event->type() == QEvent::StyleChange) {
        QPalette demo = m_demoBanner->palette();
        demo.setColor(QPalette::Window, UiStyle::tint(palette(), palette().color(QPalette::Highlight), 0.22));
        demo.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
        m_demoBanner->setPalette(demo);
        QPalette error = m_errorBanner->palette();
        error.setColor(QPalette::Window, UiStyle::tint(palette(), UiStyle::dangerColor(palette()), 0.2));
        m_errorBanner->setPalette(error);
    }
    if (event)
        QMainWindow::changeEvent(event);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    if (!mayCloseWithActions(event) || !mayCloseWithKeepAlives(event))
        return;
    saveSettings();
    if (m_tray)
        m_tray->hide();
    event->accept();
}

void MainWindow::restoreSettings()
{
    QSettings settings;
    settings.beginGroup(u"mainWindow"_s);
    restoreGeometry(settings.value(u"geometry"_s).toByteArray());
    restoreState(settings.value(u"state"_s).toByteArray());
    if (auto* split = findChild<QSplitter*>(u"mainSplitter"_s))
        split->restoreState(settings.value(u"mainSplitter"_s).toByteArray());
    if (auto* split = findChild<QSplitter*>(u"rightSplitter"_s))
        split->restoreState(settings.value(u"rightSplitter"_s).toByteArray());
    m_controller->setReadOnly(settings.value(u"readOnly"_s, false).toBool());
    m_readOnlyAction->setChecked(m_controller->readOnlyWanted());
    m_auditAction->setChecked(m_auditDock->isVisible());
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.beginGroup(u"mainWindow"_s);
    settings.setValue(u"geometry"_s, saveGeometry());
    settings.setValue(u"state"_s, saveState());
    if (auto* split = findChild<QSplitter*>(u"mainSplitter"_s))
        settings.setValue(u"mainSplitter"_s, split->saveState());
    if (auto* split = findChild<QSplitter*>(u"rightSplitter"_s))
        settings.setValue(u"rightSplitter"_s, split->saveState());
    settings.setValue(u"pendingColumns"_s, m_pendingView->header()->saveState());
    settings.setValue(u"readOnly"_s, isReadOnly());
}
