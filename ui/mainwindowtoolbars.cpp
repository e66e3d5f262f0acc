// MainWindow: the two toolbars — where we are (profile, region, identity, data age) and what we can do.
#include "mainwindow.h"
#include "pendingfilterproxymodel.h"
#include "readonlybadge.h"

#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSortFilterProxyModel>
#include <QToolBar>

using namespace Qt::StringLiterals;

namespace {
const QStringList& knownRegions()
{
    static const QStringList regions { u"us-east-1"_s, u"us-east-2"_s, u"us-west-1"_s, u"us-west-2"_s,
        u"ca-central-1"_s, u"eu-west-1"_s, u"eu-west-2"_s, u"eu-west-3"_s, u"eu-central-1"_s, u"eu-central-2"_s,
        u"eu-north-1"_s, u"eu-south-1"_s, u"ap-south-1"_s, u"ap-northeast-1"_s, u"ap-northeast-2"_s,
        u"ap-southeast-1"_s, u"ap-southeast-2"_s, u"sa-east-1"_s, u"me-south-1"_s, u"af-south-1"_s, u"cn-north-1"_s,
        u"us-gov-west-1"_s };
    return regions;
}
} // namespace

void MainWindow::createToolBars()
{
    // Row 1: where we are (profile, region, identity) and how fresh the data is; row 2: what we can do.
    createConnectionToolBar();
    addToolBarBreak();
    createActionsToolBar();
}

void MainWindow::createConnectionToolBar()
{
    auto* context = addToolBar(tr("Connection"));
    context->setObjectName(u"connectionToolBar"_s);
    context->setMovable(false);
    auto* profileLabel = new QLabel(tr("&Profile:"), context);
    m_profileCombo = new QComboBox(context);
    m_profileCombo->setObjectName(u"profileCombo"_s);
    m_profileCombo->setAccessibleName(tr("AWS profile"));
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_profileCombo->setMinimumContentsLength(12);
    profileLabel->setBuddy(m_profileCombo);
    auto* regionLabel = new QLabel(tr("Re&gion:"), context);
    m_regionCombo = new QComboBox(context);
    m_regionCombo->setObjectName(u"regionCombo"_s);
    m_regionCombo->setAccessibleName(tr("AWS region"));
    m_regionCombo->setEditable(true);
    m_regionCombo->addItems(knownRegions());
    m_regionCombo->setMinimumContentsLength(14);
    regionLabel->setBuddy(m_regionCombo);
    m_identityLabel = new QLabel(context);
    m_identityLabel->setObjectName(u"identityLabel"_s);
    m_identityLabel->setAccessibleName(tr("Account and identity"));
    m_identityLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ageLabel = new QLabel(context);
    m_ageLabel->setObjectName(u"refreshAgeLabel"_s);
    m_ageLabel->setAccessibleName(tr("Time since the last refresh"));
    m_readOnlyCheck = new QCheckBox(tr("Read-only"), context);
    m_readOnlyCheck->setObjectName(u"readOnlyCheck"_s);
    m_readOnlyCheck->setAccessibleName(tr("Read-only mode"));
    m_readOnlyCheck->setToolTip(m_readOnlyAction->toolTip());
    connect(m_readOnlyCheck, &QCheckBox::toggled, m_readOnlyAction, &QAction::setChecked);
    connect(m_readOnlyAction, &QAction::toggled, m_readOnlyCheck, &QCheckBox::setChecked);

    auto spacer = [context](int width) {
        auto* w = new QWidget(context);
        w->setFixedWidth(width);
        return w;
    };
    context->addWidget(spacer(4));
    context->addWidget(profileLabel);
    context->addWidget(spacer(4));
    context->addWidget(m_profileCombo);
    context->addWidget(spacer(12));
    context->addWidget(regionLabel);
    context->addWidget(spacer(4));
    context->addWidget(m_regionCombo);
    context->addWidget(spacer(12));
    context->addWidget(m_identityLabel);
    auto* stretch = new QWidget(context);
    stretch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    context->addWidget(stretch);
    context->addWidget(m_ageLabel);
    context->addWidget(spacer(12));
    // In a holder: a toolbar's own widgets are shown and hidden through their QAction, the badge simply by itself.
    auto* badgeHolder = new QWidget(context);
    auto* badgeLayout = new QHBoxLayout(badgeHolder);
    badgeLayout->setContentsMargins(0, 0, 6, 0);
    m_readOnlyBadge = new ReadOnlyBadge(badgeHolder);
    m_readOnlyBadge->setVisible(false);
    badgeLayout->addWidget(m_readOnlyBadge);
    context->addWidget(badgeHolder);
    context->addWidget(m_readOnlyCheck);
    context->addWidget(spacer(4));

    const auto pickerActivated
        = [this] { this->requestConnection(m_profileCombo->currentData().toString(), m_regionCombo->currentText()); };
    connect(m_profileCombo, &QComboBox::activated, this, pickerActivated);
    connect(m_regionCombo, &QComboBox::activated, this, pickerActivated);
}

void MainWindow::createActionsToolBar()
{
    auto* tools = addToolBar(tr("Actions"));
    tools->setObjectName(u"actionsToolBar"_s);
    tools->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    tools->setMovable(false);
    tools->addAction(m_refreshAction);
    tools->addSeparator();
    tools->addAction(m_continueAction);
    tools->addAction(m_abandonAction);
    tools->addAction(m_heartbeatAction);
    tools->addSeparator();
    tools->addAction(m_newHookAction);
    tools->addAction(m_editHookAction);
    tools->addAction(m_deleteHookAction);
    tools->addSeparator();
    tools->addAction(m_notificationAction);
    createFilterToolBar();
}

void MainWindow::createFilterToolBar()
{
    // A toolbar of its own beside the actions: when the row is short (1024 px) the actions toolbar overflows into
    // its » menu, while this one keeps its minimum width, so Ctrl+F always reaches a visible filter box.
    auto* tools = addToolBar(tr("Filter"));
    tools->setObjectName(u"filterToolBar"_s);
    tools->setMovable(false);
    auto* stretch = new QWidget(tools);
    stretch->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    tools->addWidget(stretch);
    m_filter = new QLineEdit(tools);
    m_filter->setObjectName(u"filterEdit"_s);
    m_filter->setAccessibleName(tr("Filter"));
    m_filter->setPlaceholderText(tr("Filter instances, groups, hooks (Ctrl+F)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMinimumWidth(260);
    m_filter->setMaximumWidth(360);
    tools->addWidget(m_filter);
    // The toolbar's own minimum is only its first item (the stretch); the filter's keeps the box out of the » menu.
    tools->setMinimumWidth(tools->sizeHint().width());
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_pendingProxy->setFilterText(text);
        m_instanceProxy->setFilterText(text);
        m_hookProxy->setFilterText(text);
        m_activityProxy->setFilterText(text);
        updatePendingTabTitle();
        updateDetails();
    });
    // Esc clears the filter, in the box and anywhere in the window while a filter hides rows.
    auto* clear = new QAction(tr("Clear filter"), this);
    clear->setObjectName(u"clearFilterAction"_s);
    clear->setShortcut(Qt::Key_Escape);
    clear->setEnabled(false);
    addAction(clear);
    connect(clear, &QAction::triggered, m_filter, &QLineEdit::clear);
    connect(
        m_filter, &QLineEdit::textChanged, clear, [clear](const QString& text) { clear->setEnabled(!text.isEmpty()); });
}
