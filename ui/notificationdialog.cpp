#include "notificationdialog.h"

#include "agetext.h"
#include "inventorystore.h"
#include "lifecycle.h"
#include "lifecyclevalidation.h"
#include "themedicon.h"
#include "ui_notificationdialog.h"
#include "uistyle.h"

#include <QFontDatabase>
#include <QPushButton>

using namespace Qt::StringLiterals;

NotificationDialog::NotificationDialog(QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::NotificationDialog>())
{
    m_ui->setupUi(this);
    setObjectName(u"notificationDialog"_s);
    m_ui->jsonEdit->setPlaceholderText(
        u"{\n  \"Origin\": \"EC2\",\n  \"LifecycleHookName\": \"warm-up\",\n  \"AutoScalingGroupName\": \"web-blue\",\n"
        "  \"EC2InstanceId\": \"i-0123456789abcdef0\",\n  \"LifecycleActionToken\": \"…\",\n  \"LifecycleTransition\": "
        "\"autoscaling:EC2_INSTANCE_LAUNCHING\"\n}"_s);
    QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_ui->jsonEdit->setFont(mono);
    m_ui->tokenEdit->setFont(mono);
    m_ui->resultCombo->addItem(tr("CONTINUE"), int(LifecycleCommand::Continue));
    m_ui->resultCombo->addItem(tr("ABANDON"), int(LifecycleCommand::Abandon));

    m_heartbeat = m_ui->buttonBox->addButton(tr("Send &heartbeat…"), QDialogButtonBox::ActionRole);
    m_heartbeat->setIcon(ThemedIcon::icon(u"heartbeat"_s));
    m_heartbeat->setObjectName(u"heartbeatButton"_s);
    m_complete = m_ui->buttonBox->addButton(tr("&Complete…"), QDialogButtonBox::AcceptRole);
    m_complete->setIcon(ThemedIcon::icon(u"continue"_s));
    m_complete->setObjectName(u"completeButton"_s);

    connect(m_ui->jsonEdit, &QPlainTextEdit::textChanged, this, &NotificationDialog::parse);
    for (QLineEdit* edit : { m_ui->groupEdit, m_ui->hookEdit, m_ui->instanceEdit, m_ui->tokenEdit })
        connect(edit, &QLineEdit::textChanged, this, &NotificationDialog::updateButtons);
    // A typed correction of the target is looked up once the typing pauses, not at every key.
    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(400);
    connect(&m_checkTimer, &QTimer::timeout, this, &NotificationDialog::checkWaiting);
    for (QLineEdit* edit : { m_ui->groupEdit, m_ui->hookEdit, m_ui->instanceEdit })
        connect(edit, &QLineEdit::textChanged, &m_checkTimer, qOverload<>(&QTimer::start));
    // The age grows while the dialog is open; the operator decides on what it says when they act.
    m_ageTimer.setInterval(1000);
    connect(&m_ageTimer, &QTimer::timeout, this, &NotificationDialog::updateAge);
    m_ageTimer.start();
    connect(m_ui->resultCombo, &QComboBox::currentIndexChanged, this, &NotificationDialog::updateButtons);
    connect(m_complete, &QPushButton::clicked, this, [this] { Q_EMIT actionRequested(command(), target()); });
    connect(m_heartbeat, &QPushButton::clicked, this,
        [this] { Q_EMIT actionRequested(LifecycleCommand::Heartbeat, target()); });
    // The buttons hand over to the window's confirmation; the box itself must not close on AcceptRole.
    disconnect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, nullptr);
    parse();
}

NotificationDialog::~NotificationDialog() = default;

void NotificationDialog::setJson(const QString& json)
{
    m_ui->jsonEdit->setPlainText(json);
}

void NotificationDialog::setConnection(const QString& account, const QString& region)
{
    m_account = account;
    m_region = region;
    showStatus();
    updateButtons();
    showWaiting();
}

void NotificationDialog::setStore(InventoryStore* store)
{
    if (m_store)
        disconnect(m_store, nullptr, this, nullptr);
    m_store = store;
    if (m_store) {
        // A refresh underneath (auto-refresh goes on while the dialog is open) may change the answer.
        connect(m_store, &InventoryStore::pendingActionsChanged, this, &NotificationDialog::showWaiting);
    }
    m_checkedTarget.clear();
    checkWaiting();
}

void NotificationDialog::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    updateButtons();
}

void NotificationDialog::parse()
{
    const QByteArray json = m_ui->jsonEdit->toPlainText().trimmed().toUtf8();
    m_parseError.clear();
    m_notification = json.isEmpty() ? LifecycleNotification {} : LifecycleNotification::parse(json, &m_parseError);
    // Every field comes from this paste, empty where it says nothing: a value left from the previous paste would
    // send the new notification's action to the old instance or with the old token.
    const bool usable
        = m_notification.source != LifecycleNotification::Source::Unknown && !m_notification.isTestNotification;
    m_ui->groupEdit->setText(usable ? m_notification.groupName : QString());
    m_ui->hookEdit->setText(usable ? m_notification.hookName : QString());
    m_ui->instanceEdit->setText(usable ? m_notification.instanceId : QString());
    m_ui->tokenEdit->setText(usable ? m_notification.token : QString());
    m_ui->resultCombo->setCurrentIndex(0);
    showStatus();
    updateAge();
    updateButtons();
    m_checkTimer.stop();
    m_checkedTarget.clear(); // a paste, even of the same notification, asks again "right now"
    checkWaiting();
}

void NotificationDialog::showStatus()
{
    QPalette pal = m_ui->statusLabel->palette();
    pal.setColor(QPalette::WindowText, palette().color(QPalette::WindowText));
    if (m_ui->jsonEdit->toPlainText().trimmed().isEmpty()) {
        m_ui->statusLabel->setText(tr("Waiting for a pasted notification."));
    } else if (m_notification.source == LifecycleNotification::Source::Unknown) {
        pal.setColor(QPalette::WindowText, UiStyle::dangerColor(palette()));
        m_ui->statusLabel->setText(m_parseError.isEmpty() ? tr("This is not a lifecycle notification.") : m_parseError);
    } else if (m_notification.isTestNotification) {
        pal.setColor(QPalette::WindowText, UiStyle::warningColor(palette()));
        m_ui->statusLabel->setText(
            tr("This is Auto Scaling's test notification, sent when a hook is created: there is nothing to complete."));
    } else {
        QString source;
        switch (m_notification.source) {
        case LifecycleNotification::Source::Sqs:
            source = tr("an SQS message");
            break;
        case LifecycleNotification::Source::Sns:
            source = tr("an SNS notification");
            break;
        case LifecycleNotification::Source::EventBridge:
            source = tr("an EventBridge event");
            break;
        default:
            source = tr("a lifecycle notification");
            break;
        }
        const QString mismatch = m_notification.mismatchWith(m_account, m_region);
        pal.setColor(QPalette::WindowText,
            mismatch.isEmpty() ? UiStyle::successColor(palette()) : UiStyle::dangerColor(palette()));
        m_ui->statusLabel->setText(
            mismatch.isEmpty() ? tr("Recognised %1.").arg(source) : tr("Recognised %1. %2").arg(source, mismatch));
    }
    m_ui->statusLabel->setPalette(pal);
}

void NotificationDialog::updateAge()
{
    const QString age = AgeText::sent(m_notification.time, QDateTime::currentDateTimeUtc());
    m_ui->ageValue->setText(age.isEmpty() ? tr("unknown: the notification carries no time") : age);
}

void NotificationDialog::checkWaiting()
{
    const QString key = groupName() + u'/' + hookName() + u'/' + instanceId();
    if (!m_store || groupName().isEmpty() || instanceId().isEmpty() || key == m_checkedTarget) {
        showWaiting();
        return;
    }
    m_checkedTarget = key;
    // "Right now" means a fresh read of the group, not the last auto-refresh (up to a minute old under backoff).
    ++m_checksInFlight;
    QPointer<NotificationDialog> self = this;
    m_store->refreshGroup(groupName(), [self] {
        if (!self)
            return;
        self->m_checksInFlight = qMax(0, self->m_checksInFlight - 1);
        self->showWaiting();
    });
    showWaiting();
}

void NotificationDialog::showWaiting()
{
    m_wait = NotificationWaitStatus::evaluate(m_store, groupName(), hookName(), instanceId(), m_checksInFlight > 0);
    if (!m_notification.mismatchWith(m_account, m_region).isEmpty()) // this inventory is another account's
        m_wait = { NotificationWaitStatus::State::Unknown, tr("not checked: the notification is from elsewhere") };
    QColor color = palette().color(QPalette::WindowText);
    if (m_wait.state == NotificationWaitStatus::State::Waiting)
        color = UiStyle::successColor(palette());
    else if (m_wait.state == NotificationWaitStatus::State::NotWaiting)
        color = UiStyle::warningColor(palette());
    QPalette pal = m_ui->waitValue->palette();
    pal.setColor(QPalette::WindowText, color);
    m_ui->waitValue->setPalette(pal);
    m_ui->waitValue->setText(m_store ? m_wait.text : tr("unknown: not connected"));
}

LifecycleTarget NotificationDialog::target() const
{
    LifecycleTarget target;
    target.groupName = groupName();
    target.hookName = hookName();
    target.instanceId = instanceId();
    target.token = token();
    target.launching
        = Lifecycle::parseHookTransition(m_notification.transition) != Lifecycle::HookTransition::Terminating;
    const GroupSnapshot* group = m_store ? m_store->group(target.groupName) : nullptr;
    target.retainsOnAbandon = group && group->group.retainsOnTerminateAbandon();
    return target;
}

LifecycleCommand NotificationDialog::command() const
{
    return LifecycleCommand(m_ui->resultCombo->currentData().toInt());
}

QString NotificationDialog::groupName() const
{
    return m_ui->groupEdit->text().trimmed();
}

QString NotificationDialog::hookName() const
{
    return m_ui->hookEdit->text().trimmed();
}

QString NotificationDialog::instanceId() const
{
    return m_ui->instanceEdit->text().trimmed();
}

QString NotificationDialog::token() const
{
    return m_ui->tokenEdit->text().trimmed();
}

QString NotificationDialog::statusText() const
{
    return m_ui->statusLabel->text();
}

QString NotificationDialog::ageText() const
{
    return m_ui->ageValue->text();
}

void NotificationDialog::updateButtons()
{
    const LifecycleTarget t = target();
    const bool knownTransition = !m_notification.transition.isEmpty();
    m_ui->transitionValue->setText(!knownTransition ? tr("unknown")
            : t.launching                           ? tr("instance launching")
                                                    : tr("instance terminating"));
    m_ui->resultHint->setText(
        knownTransition ? LifecycleText::consequence(command(), t.launching, 3600, t.retainsOnAbandon) : QString());

    LifecycleActionTarget api { t.groupName, t.hookName, t.instanceId, t.token };
    // A pasted or typed instance ID is held to the shape EC2 issues, so a typo is refused here, not by AWS.
    const QString badInstance
        = t.instanceId.isEmpty() ? QString() : LifecycleValidation::instanceIdShapeError(t.instanceId);
    const bool complete = !t.groupName.isEmpty() && !t.hookName.isEmpty()
        && (!t.instanceId.isEmpty() || !t.token.isEmpty()) && badInstance.isEmpty()
        && !LifecycleValidation::validate(api).isError();
    // Another account or region: the group of that name here (if any) is a different group.
    const QString mismatch = m_notification.mismatchWith(m_account, m_region);
    m_complete->setEnabled(complete && !m_readOnly && mismatch.isEmpty());
    m_heartbeat->setEnabled(complete && !m_readOnly && mismatch.isEmpty());
    const QString why = m_readOnly ? tr("Read-only mode is on.") : !mismatch.isEmpty() ? mismatch : badInstance;
    m_complete->setToolTip(why);
    m_heartbeat->setToolTip(why);
}
