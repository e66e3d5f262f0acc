#include "remedyconfirmdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

using Operation = Remediation::Operation;

RemedyConfirmDialog::RemedyConfirmDialog(
    const Remediation::Request& request, const AutoScalingGroup& group, QWidget* parent)
    : QDialog(parent)
    , m_request(request)
    , m_group(group)
{
    setObjectName(u"remedyConfirmDialog"_s);
    const int count = int(request.instanceIds.size());
    const QString label = Remediation::label(request.operation);
    setWindowTitle(label);
    auto* layout = new QVBoxLayout(this);
    auto* headline = new QLabel(tr("<b>%1: %n instance(s) of %2?</b>", nullptr, count).arg(label, group.name), this);
    layout->addWidget(headline);
    m_context = new QLabel(this);
    m_context->setObjectName(u"contextLabel"_s);
    layout->addWidget(m_context);

    m_explanation = new QLabel(this);
    m_explanation->setObjectName(u"explanationLabel"_s);
    m_explanation->setWordWrap(true);
    m_explanation->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_explanation);

    if (request.operation == Operation::Terminate || request.operation == Operation::EnterStandby) {
        m_decrement = new QCheckBox(tr("&Decrement the desired capacity (no replacement is launched)"), this);
        m_decrement->setObjectName(u"decrementBox"_s);
        m_decrement->setChecked(request.decrementDesiredCapacity);
        connect(m_decrement, &QCheckBox::toggled, this, &RemedyConfirmDialog::updateExplanation);
        layout->addWidget(m_decrement);
    }

    auto* list = new QListWidget(this);
    list->setObjectName(u"instanceList"_s);
    list->setAccessibleName(tr("Instances"));
    list->addItems(request.instanceIds);
    list->setMaximumHeight(120);
    layout->addWidget(list);

    if (requiresTypedName()) {
        layout->addWidget(new QLabel(tr("Type the group name (%1) to go ahead:").arg(group.name), this));
        m_typed = new QLineEdit(this);
        m_typed->setObjectName(u"typedConfirmation"_s);
        m_typed->setAccessibleName(tr("Group name to confirm"));
        connect(m_typed, &QLineEdit::textChanged, this, &RemedyConfirmDialog::updateButton);
        layout->addWidget(m_typed);
    }

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_confirm = buttons->addButton(label, QDialogButtonBox::AcceptRole);
    m_confirm->setObjectName(u"confirmButton"_s);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Enter must not confirm a destructive action by accident: the focus starts on Cancel or the typed name.
    m_confirm->setAutoDefault(false);
    if (m_typed)
        m_typed->setFocus();
    else
        buttons->button(QDialogButtonBox::Cancel)->setFocus();

    updateExplanation();
    updateButton();
    setConnection({}, {});
}

Remediation::Request RemedyConfirmDialog::request() const
{
    Remediation::Request confirmed = m_request;
    confirmed.decrementDesiredCapacity = m_decrement && m_decrement->isChecked();
    return confirmed;
}

bool RemedyConfirmDialog::requiresTypedName() const
{
    return m_request.operation == Operation::Terminate || m_request.operation == Operation::SetUnhealthy
        || m_request.instanceIds.size() > 1;
}

QString RemedyConfirmDialog::explanationText() const
{
    return m_explanation->text();
}

void RemedyConfirmDialog::setTypedConfirmation(const QString& text)
{
    if (m_typed)
        m_typed->setText(text);
}

void RemedyConfirmDialog::setConnection(const QString& account, const QString& region)
{
    QStringList parts { account.isEmpty() ? tr("Account not known yet") : tr("Account %1").arg(account) };
    if (!region.isEmpty())
        parts << region;
    m_context->setText(parts.join(u" · "_s));
}

void RemedyConfirmDialog::updateExplanation()
{
    m_explanation->setText(Remediation::consequences(request(), m_group));
}

void RemedyConfirmDialog::updateButton()
{
    m_confirm->setEnabled(!m_typed || m_typed->text().trimmed() == m_group.name);
}
