#include "mfapromptdialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpressionValidator>
#include <QTimer>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

MfaPromptDialog::MfaPromptDialog(const MfaRequest& request, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(u"mfaPromptDialog"_s);
    setWindowTitle(tr("MFA code"));
    auto* layout = new QVBoxLayout(this);
    const QString text = request.roleArn.isEmpty()
        ? tr("Profile <b>%1</b> signs in with a code from your MFA device.").arg(request.profile.toHtmlEscaped())
        : tr("Profile <b>%1</b> assumes the role <b>%2</b>, which needs a code from your MFA device.")
              .arg(request.profile.toHtmlEscaped(), request.roleArn.toHtmlEscaped());
    auto* intro = new QLabel(text, this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto* form = new QFormLayout;
    auto* device = new QLabel(request.mfaSerial, this);
    device->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("Device:"), device);
    m_code = new QLineEdit(this);
    m_code->setObjectName(u"codeEdit"_s);
    m_code->setAccessibleName(tr("One-time MFA code"));
    m_code->setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,6}"_s), m_code));
    m_code->setPlaceholderText(u"123456"_s);
    m_code->setMaxLength(6);
    form->addRow(tr("&Code:"), m_code);
    layout->addLayout(form);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setEnabled(false);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_code, &QLineEdit::textChanged, this, [this](const QString& text) { m_ok->setEnabled(text.size() == 6); });
    layout->addWidget(buttons);
    m_code->setFocus();
}

QString MfaPromptDialog::code() const
{
    return m_code->text();
}

void MfaPromptDialog::setCode(const QString& code)
{
    m_code->setText(code);
}

DialogMfaPrompter::DialogMfaPrompter(QWidget* window, QObject* parent)
    : MfaPrompter(parent)
    , m_window(window)
{
}

void DialogMfaPrompter::requestCode(const MfaRequest& request, const Callback& done)
{
    if (m_signedOut) {
        QTimer::singleShot(0, this, [done] { done(QString()); });
        return;
    }
    ++m_promptsShown;
    auto* dialog = new MfaPromptDialog(request, m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::finished, this, [this, dialog, done, profile = request.profile](int result) {
        const QString code = result == QDialog::Accepted ? dialog->code() : QString();
        if (code.isEmpty() && !m_signedOut) {
            m_signedOut = true;
            m_signedOutProfile = profile;
            Q_EMIT signedOutChanged(true);
        }
        done(code);
    });
    dialog->open();
}

void DialogMfaPrompter::signInAgain()
{
    if (!m_signedOut)
        return;
    m_signedOut = false;
    m_signedOutProfile.clear();
    Q_EMIT signedOutChanged(false);
}
