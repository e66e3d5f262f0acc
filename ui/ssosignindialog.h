#pragma once

#include "ssobrowsersignin.h"
#include "ssoportalclient.h"
#include "ssosettings.h"

#include <QDialog>
#include <QPointer>

class ProfileStore;
class QCheckBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QNetworkAccessManager;
class QPushButton;
class QStackedWidget;
class SsoServices;

// "Sign in with IAM Identity Center…": the session's start URL and region (and an endpoint for a local peer), a
// sign-in in the browser (or a code to confirm on another device), then every account and role the sign-in can use,
// with a filter; the ones ticked become profiles of the session. The sign-in is kept in the keychain
// (SsoTokenStore), the session and the profiles in the profiles file.
class SsoSignInDialog : public QDialog {
    Q_OBJECT
public:
    SsoSignInDialog(ProfileStore* store, QNetworkAccessManager* network, QWidget* parent = nullptr);

    // QDesktopServices::openUrl by default; tests follow the sign-in page themselves.
    void setBrowserOpener(SsoBrowserSignIn::BrowserOpener opener) { m_openBrowser = std::move(opener); }
    // A profile name for an account and role: "<account name>-<role>", within Profile's name rules.
    static QString profileNameFor(const SsoAccount& account, const QString& role);

Q_SIGNALS:
    void profilesAdded(const QStringList& names);

private:
    QWidget* makeSignInPage();
    QWidget* makeAccountsPage();
    void signIn();
    void startDeviceSignIn();
    void startBrowserSignIn();
    void signedIn(const SsoToken& token);
    void signInFailed(const QString& message);
    void showAccounts(const QList<SsoAccount>& accounts);
    void applyFilter(const QString& text);
    void addProfiles();
    void addNext(QStringList added);
    void setStatus(const QString& text);

    QPointer<ProfileStore> m_store;
    QNetworkAccessManager* m_network;
    SsoBrowserSignIn::BrowserOpener m_openBrowser;
    QStackedWidget* m_pages;
    QLineEdit* m_sessionName;
    QLineEdit* m_startUrl;
    QLineEdit* m_region;
    QLineEdit* m_endpoint;
    QCheckBox* m_noBrowser;
    QPushButton* m_signIn;
    QLabel* m_status;
    QLineEdit* m_filter;
    QListWidget* m_accounts;
    QPushButton* m_add;
    SsoServices* m_services = nullptr;
    SsoSession m_session; // as it was when the sign-in started
    QUrl m_endpointUrl;
    QList<QPair<SsoAccount, QString>> m_pending; // account and role still to add
};
