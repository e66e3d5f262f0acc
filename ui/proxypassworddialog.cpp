#include "proxypassworddialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

ProxyPasswordDialog::ProxyPasswordDialog(const QString& proxyHostPort, const QString& user, QWidget* parent)
    : QDialog(parent)
    , m_proxy(proxyHostPort)
{
    setObjectName(u"proxyPasswordDialog"_s);
    setWindowTitle(tr("Proxy Authentication"));
    auto* layout = new QVBoxLayout(this);
    auto* explanation = new QLabel(tr("The proxy %1 asks for a user name and password. The request that met it "
                                      "failed; the next one (Refresh) uses what you enter here.")
                                       .arg(proxyHostPort),
        this);
    explanation->setWordWrap(true);
    layout->addWidget(explanation);
    m_user = new QLineEdit(user, this);
    m_user->setObjectName(u"proxyUserEdit"_s);
    m_user->setAccessibleName(tr("Proxy user name"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"proxyPasswordEdit"_s);
    m_password->setAccessibleName(tr("Proxy password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_remember = new QCheckBox(tr("&Remember the password in the keychain"), this);
    m_remember->setObjectName(u"proxyRememberCheck"_s);
    m_remember->setChecked(true);
    auto* form = new QFormLayout;
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Password:"), m_password);
    layout->addLayout(form);
    layout->addWidget(m_remember);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    if (!user.isEmpty())
        m_password->setFocus();
}

ProxyCredentials ProxyPasswordDialog::credentials() const
{
    return { m_user->text().trimmed(), m_password->text(), m_remember->isChecked() };
}
