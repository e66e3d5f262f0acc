#pragma once

#include "proxyauthenticator.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

// Asks for the user name and password a proxy wants, once (ProxyAuthenticator::credentialsNeeded). The password is
// typed with echo off and, when "remember" is ticked (the default), kept in the keychain, never in the settings.
class ProxyPasswordDialog : public QDialog {
    Q_OBJECT
public:
    ProxyPasswordDialog(const QString& proxyHostPort, const QString& user, QWidget* parent = nullptr);

    ProxyCredentials credentials() const;
    QString proxyHostPort() const { return m_proxy; }

private:
    QString m_proxy;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_password = nullptr;
    QCheckBox* m_remember = nullptr;
};
