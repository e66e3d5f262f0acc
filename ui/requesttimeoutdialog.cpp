#include "requesttimeoutdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

RequestTimeoutDialog::RequestTimeoutDialog(int seconds, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"requestTimeoutDialog"_s);
    setWindowTitle(tr("Request Timeout"));
    auto* layout = new QVBoxLayout(this);
    auto* explanation = new QLabel(tr("The longest Hookdesk waits for one request to AWS, retries included. A server "
                                      "that answers more slowly is given up on and the error is shown; the next "
                                      "refresh tries again. Applies from the next request."),
        this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);

    m_seconds = new QSpinBox(this);
    m_seconds->setObjectName(u"requestTimeoutSpin"_s);
    m_seconds->setRange(MinimumSeconds, MaximumSeconds);
    m_seconds->setSuffix(tr(" s"));
    m_seconds->setValue(seconds);
    m_seconds->setAccessibleName(tr("Request timeout in seconds"));
    auto* form = new QFormLayout;
    form->addRow(tr("&Timeout:"), m_seconds);
    layout->addLayout(form);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->setObjectName(u"requestTimeoutButtons"_s);
    auto* defaults = buttons->addButton(tr("&Default (%1 s)").arg(DefaultSeconds), QDialogButtonBox::ResetRole);
    connect(defaults, &QPushButton::clicked, this, [this] { m_seconds->setValue(DefaultSeconds); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

int RequestTimeoutDialog::seconds() const
{
    return m_seconds->value();
}
