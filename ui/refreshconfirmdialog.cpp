#include "refreshconfirmdialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RefreshConfirmDialog::RefreshConfirmDialog(
    Operation operation, const InstanceRefresh& refresh, const QStringList& waitingInstances, QWidget* parent)
    : QDialog(parent)
    , m_operation(operation)
    , m_refresh(refresh)
{
    const bool cancel = operation == Operation::Cancel;
    setObjectName(u"refreshConfirmDialog"_s);
    setWindowTitle(cancel ? tr("Cancel instance refresh") : tr("Roll back instance refresh"));
    auto* layout = new QVBoxLayout(this);
    auto* question
        = new QLabel(cancel ? tr("<b>Cancel the instance refresh of %1?</b>").arg(refresh.groupName.toHtmlEscaped())
                            : tr("<b>Roll back the instance refresh of %1?</b>").arg(refresh.groupName.toHtmlEscaped()),
            this);
    layout->addWidget(question);
    m_explanation = new QLabel(InstanceRefreshAction::consequences(operation, refresh, waitingInstances), this);
    m_explanation->setObjectName(u"refreshConfirmExplanation"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::PlainText);
    layout->addWidget(m_explanation);
    m_context = new QLabel(this);
    m_context->setObjectName(u"refreshConfirmContext"_s);
    layout->addWidget(m_context);
    auto* prompt = new QLabel(tr("Type the group name (%1) to go ahead:").arg(refresh.groupName), this);
    layout->addWidget(prompt);
    m_typed = new QLineEdit(this);
    m_typed->setObjectName(u"refreshConfirmInput"_s);
    m_typed->setAccessibleName(tr("Group name to confirm"));
    prompt->setBuddy(m_typed);
    layout->addWidget(m_typed);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm
        = buttons->addButton(cancel ? tr("Cancel refresh") : tr("Roll back refresh"), QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"refreshConfirmButton"_s);
    m_confirm->setEnabled(false);
    buttons->button(QDialogButtonBox::Cancel)->setText(tr("Keep it running"));
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_typed, &QLineEdit::textChanged, this,
        [this](const QString& text) { m_confirm->setEnabled(text.trimmed() == m_refresh.groupName); });
}

void RefreshConfirmDialog::setConnection(const QString& account, const QString& region)
{
    m_context->setText(account.isEmpty() ? tr("Region %1").arg(region) : tr("Account %1 · %2").arg(account, region));
}

QString RefreshConfirmDialog::explanationText() const
{
    return m_explanation->text();
}

QString RefreshConfirmDialog::contextText() const
{
    return m_context->text();
}

void RefreshConfirmDialog::setTypedConfirmation(const QString& text)
{
    m_typed->setText(text);
}
