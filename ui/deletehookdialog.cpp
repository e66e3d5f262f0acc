#include "deletehookdialog.h"

#include "themedicon.h"
#include "ui_deletehookdialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

DeleteHookDialog::DeleteHookDialog(const LifecycleHook& hook, int waitingInstances, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::DeleteHookDialog>())
    , m_hook(hook)
{
    m_ui->setupUi(this);
    setObjectName(u"deleteHookDialog"_s);
    m_ui->headlineLabel->setText(tr("<b>Delete the lifecycle hook %1 of group %2?</b>")
                                     .arg(hook.name.toHtmlEscaped(), hook.groupName.toHtmlEscaped()));
    QString explanation = hook.isLaunching()
        ? tr("New instances will no longer wait for this hook when they launch. Instances waiting on it now are "
             "released with ABANDON: they are terminated and replaced.")
        : tr("Instances will no longer wait for this hook when they terminate. Instances waiting on it now are "
             "released with CONTINUE: their termination goes on.");
    if (waitingInstances > 0)
        explanation += u"\n\n"_s + tr("%n instance(s) waiting on this hook right now.", nullptr, waitingInstances);
    m_ui->explanationLabel->setText(explanation);
    m_ui->typeLabel->setText(tr("Type the hook name <b>%1</b> to confirm:").arg(hook.name.toHtmlEscaped()));
    m_ui->nameEdit->setPlaceholderText(hook.name);
    deleteButton()->setText(tr("Delete hook"));
    deleteButton()->setIcon(ThemedIcon::icon(u"hook-delete"_s));
    deleteButton()->setEnabled(false);
    connect(m_ui->nameEdit, &QLineEdit::textChanged, this,
        [this](const QString& text) { deleteButton()->setEnabled(text.trimmed() == m_hook.name); });
    m_ui->nameEdit->setFocus();
    setConnection({}, {});
}

void DeleteHookDialog::setConnection(const QString& account, const QString& region)
{
    const QString who = account.isEmpty() ? tr("Account not known yet") : tr("Account %1").arg(account);
    m_ui->contextLabel->setText(region.isEmpty() ? who : tr("%1 · %2").arg(who, region));
}

QString DeleteHookDialog::contextText() const
{
    return m_ui->contextLabel->text();
}

DeleteHookDialog::~DeleteHookDialog() = default;

void DeleteHookDialog::setTypedConfirmation(const QString& text)
{
    m_ui->nameEdit->setText(text);
}

QPushButton* DeleteHookDialog::deleteButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok);
}
