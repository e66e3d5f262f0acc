#include "hookeditordialog.h"

#include "lifecycle.h"
#include "lifecyclecommand.h"
#include "lifecyclevalidation.h"
#include "themedicon.h"
#include "ui_hookeditordialog.h"
#include "uistyle.h"

#include <QFormLayout>
#include <QPushButton>

using namespace Qt::StringLiterals;

HookEditorDialog::HookEditorDialog(const QStringList& groups, const QString& preselectedGroup, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HookEditorDialog>())
{
    setUp();
    setWindowTitle(tr("New lifecycle hook"));
    m_ui->groupCombo->addItems(groups);
    if (!preselectedGroup.isEmpty())
        m_ui->groupCombo->setCurrentText(preselectedGroup);
    m_ui->nameEdit->setFocus();
    validate();
}

HookEditorDialog::HookEditorDialog(const LifecycleHook& hook, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::HookEditorDialog>())
    , m_editing(true)
{
    setUp();
    setWindowTitle(tr("Edit lifecycle hook %1").arg(hook.name));
    m_ui->groupCombo->addItem(hook.groupName);
    m_ui->groupCombo->setEnabled(false);
    m_ui->nameEdit->setText(hook.name);
    m_ui->nameEdit->setReadOnly(true);
    // A read-only field must not look like one to type in: no frame, the window's background.
    m_ui->nameEdit->setFrame(false);
    m_ui->nameEdit->setBackgroundRole(QPalette::Window);
    m_ui->nameEdit->setToolTip(tr("A hook is identified by its group and name; to rename, create a new hook."));
    setTransition(hook.transition);
    m_ui->heartbeatSpin->setValue(hook.heartbeatTimeout);
    setDefaultResult(hook.defaultResult);
    m_ui->targetEdit->setText(hook.notificationTargetArn);
    m_ui->roleEdit->setText(hook.roleArn);
    m_hadTarget = !hook.notificationTargetArn.isEmpty() || !hook.roleArn.isEmpty();
    m_ui->metadataEdit->setPlainText(hook.notificationMetadata);
    m_ui->heartbeatSpin->setFocus();
    validate();
}

HookEditorDialog::~HookEditorDialog() = default;

void HookEditorDialog::setUp()
{
    m_ui->setupUi(this);
    setObjectName(u"hookEditorDialog"_s);
    m_ui->transitionCombo->addItem(tr("Instance launching"), nameOf(Lifecycle::HookTransition::Launching));
    m_ui->transitionCombo->addItem(tr("Instance terminating"), nameOf(Lifecycle::HookTransition::Terminating));
    m_ui->defaultCombo->addItem(tr("ABANDON"), u"ABANDON"_s);
    m_ui->defaultCombo->addItem(tr("CONTINUE"), u"CONTINUE"_s);
    m_ui->heartbeatSpin->setSuffix(tr(" s"));
    // The spin box takes any number and validate() says when it is outside 30 s–2 h: clamped to AWS's range, it
    // turned a typed 10 back into 3600 on leaving the field and cut 691200 to 6912, changing the value silently.
    m_ui->heartbeatSpin->setRange(0, 99999999);
    m_ui->heartbeatSpin->setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    saveButton()->setIcon(ThemedIcon::icon(u"hook-edit"_s));

    addErrorLabel(u"group"_s, m_ui->groupCombo);
    addErrorLabel(u"name"_s, m_ui->nameEdit);
    addErrorLabel(u"heartbeat"_s, m_ui->heartbeatLabel->buddy());
    addErrorLabel(u"target"_s, m_ui->targetEdit);
    addErrorLabel(u"role"_s, m_ui->roleEdit);
    addErrorLabel(u"metadata"_s, m_ui->metadataEdit);

    connect(m_ui->groupCombo, &QComboBox::currentTextChanged, this, &HookEditorDialog::validate);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this, &HookEditorDialog::validate);
    connect(m_ui->transitionCombo, &QComboBox::currentIndexChanged, this, &HookEditorDialog::validate);
    connect(m_ui->heartbeatSpin, &QSpinBox::valueChanged, this, &HookEditorDialog::validate);
    connect(m_ui->defaultCombo, &QComboBox::currentIndexChanged, this, &HookEditorDialog::validate);
    connect(m_ui->targetEdit, &QLineEdit::textChanged, this, &HookEditorDialog::validate);
    connect(m_ui->roleEdit, &QLineEdit::textChanged, this, &HookEditorDialog::validate);
    connect(m_ui->metadataEdit, &QPlainTextEdit::textChanged, this, &HookEditorDialog::validate);
    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, [this] {
        validate();
        if (isValid())
            Q_EMIT saveRequested(request());
    });
}

void HookEditorDialog::addErrorLabel(const QString& field, QWidget* after)
{
    auto* label = new QLabel(this);
    label->setObjectName(field + u"Error"_s);
    label->setWordWrap(true);
    QPalette pal = label->palette();
    pal.setColor(QPalette::WindowText, UiStyle::dangerColor(palette()));
    label->setPalette(pal);
    label->setVisible(false);
    int row = -1;
    QFormLayout::ItemRole role {};
    // The heartbeat spin box sits inside a nested layout; find the row through its buddy label instead.
    m_ui->form->getWidgetPosition(after, &row, &role);
    if (row < 0 && after == m_ui->heartbeatSpin)
        m_ui->form->getWidgetPosition(m_ui->heartbeatLabel, &row, &role);
    m_ui->form->insertRow(row + 1, QString(), label);
    m_errorLabels.insert(field, label);
}

QString HookEditorDialog::globalTimeoutText(int heartbeatSeconds)
{
    const int hundredTimes = heartbeatSeconds * 100;
    const int global = qMin(hundredTimes, 172800);
    if (hundredTimes > 172800)
        return tr("%1 (100 × heartbeat = %2, capped at 48 h). Set by AWS; heartbeats cannot extend a wait beyond it.")
            .arg(LifecycleText::duration(global), LifecycleText::duration(hundredTimes));
    return tr("%1 (100 × heartbeat). Set by AWS; heartbeats cannot extend a wait beyond it.")
        .arg(LifecycleText::duration(global));
}

void HookEditorDialog::validate()
{
    const PutLifecycleHookRequest req = request();
    const QString target = m_ui->targetEdit->text().trimmed();
    const QString role = m_ui->roleEdit->text().trimmed();
    const QHash<QString, QString> errors {
        { u"group"_s, LifecycleValidation::groupNameError(req.groupName) },
        { u"name"_s, LifecycleValidation::hookNameError(req.hookName) },
        { u"heartbeat"_s, LifecycleValidation::heartbeatTimeoutError(req.heartbeatTimeout.value_or(3600)) },
        { u"target"_s, LifecycleValidation::arnError(target) },
        { u"role"_s, LifecycleValidation::arnError(role) },
        { u"metadata"_s, LifecycleValidation::metadataError(req.notificationMetadata) },
    };
    for (auto it = errors.cbegin(); it != errors.cend(); ++it) {
        QLabel* label = m_errorLabels.value(it.key());
        // An empty required field is not shouted at before the operator typed anything; Save stays disabled.
        const bool untouched = it.key() == u"name"_s && req.hookName.isEmpty();
        label->setText(it.value());
        label->setVisible(!it.value().isEmpty() && !untouched);
    }
    // A role without a target (or the reverse) is accepted by AWS only as a pair.
    if (target.isEmpty() != role.isEmpty() && errors.value(u"role"_s).isEmpty()
        && errors.value(u"target"_s).isEmpty()) {
        QLabel* label = m_errorLabels.value(role.isEmpty() ? u"role"_s : u"target"_s);
        label->setText(tr("A notification target and a role ARN go together: fill in both or neither."));
        label->setVisible(true);
    }

    const int heartbeat = m_ui->heartbeatSpin->value();
    const bool heartbeatValid = errors.value(u"heartbeat"_s).isEmpty();
    m_ui->heartbeatHint->setText(heartbeatValid ? tr("= %1").arg(LifecycleText::duration(heartbeat))
                                                : tr("= %1, allowed 30 s–2 h").arg(LifecycleText::duration(heartbeat)));
    // Out of range: the number stays as typed, in the danger colour, beside the allowed range.
    QPalette spinPalette = palette();
    QPalette hintPalette = palette();
    if (!heartbeatValid) {
        spinPalette.setColor(QPalette::Text, UiStyle::dangerColor(palette()));
        hintPalette.setColor(QPalette::WindowText, UiStyle::dangerColor(palette()));
    }
    m_ui->heartbeatSpin->setPalette(spinPalette);
    m_ui->heartbeatHint->setPalette(hintPalette);
    m_ui->globalValue->setText(
        heartbeatValid ? globalTimeoutText(heartbeat) : tr("— (set a valid heartbeat timeout first)"));
    const bool launching = Lifecycle::parseHookTransition(m_ui->transitionCombo->currentData().toString())
        == Lifecycle::HookTransition::Launching;
    m_ui->defaultHint->setText(LifecycleText::ifNothingIsDone(m_ui->defaultCombo->currentData().toString(), launching));
    saveButton()->setEnabled(isValid());
}

bool HookEditorDialog::isValid() const
{
    if (m_ui->targetEdit->text().trimmed().isEmpty() != m_ui->roleEdit->text().trimmed().isEmpty())
        return false;
    return !LifecycleValidation::validate(request()).isError();
}

QString HookEditorDialog::fieldError(const QString& field) const
{
    const QLabel* label = m_errorLabels.value(field);
    return label && label->isVisibleTo(this) ? label->text() : QString();
}

QPushButton* HookEditorDialog::saveButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Save);
}

PutLifecycleHookRequest HookEditorDialog::request() const
{
    PutLifecycleHookRequest req;
    req.groupName = m_ui->groupCombo->currentText().trimmed();
    req.hookName = m_ui->nameEdit->text().trimmed();
    req.transition = m_ui->transitionCombo->currentData().toString();
    req.heartbeatTimeout = m_ui->heartbeatSpin->value();
    req.defaultResult = m_ui->defaultCombo->currentData().toString();
    const QString target = m_ui->targetEdit->text().trimmed();
    const QString role = m_ui->roleEdit->text().trimmed();
    if (!target.isEmpty())
        req.notificationTargetArn = target;
    if (!role.isEmpty())
        req.roleArn = role;
    // Emptied fields of a hook that had a target must reach AWS as NotificationTargetARN= (which removes the role
    // too): left out, PutLifecycleHook would keep the old target and still answer with success.
    if (target.isEmpty() && role.isEmpty() && m_hadTarget)
        req.notificationTargetArn = QString();
    req.notificationMetadata = m_ui->metadataEdit->toPlainText();
    return req;
}

void HookEditorDialog::setHookName(const QString& name)
{
    m_ui->nameEdit->setText(name);
}

void HookEditorDialog::setGroupName(const QString& name)
{
    m_ui->groupCombo->setCurrentText(name);
}

void HookEditorDialog::setTransition(const QString& transition)
{
    const int index = m_ui->transitionCombo->findData(transition);
    if (index >= 0)
        m_ui->transitionCombo->setCurrentIndex(index);
}

void HookEditorDialog::setHeartbeatTimeout(int seconds)
{
    m_ui->heartbeatSpin->setValue(seconds);
}

void HookEditorDialog::setDefaultResult(const QString& result)
{
    const int index = m_ui->defaultCombo->findData(result.toUpper());
    if (index >= 0)
        m_ui->defaultCombo->setCurrentIndex(index);
}

void HookEditorDialog::setNotificationMetadata(const QString& metadata)
{
    m_ui->metadataEdit->setPlainText(metadata);
}
