#pragma once

#include "networkpreferences.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;

// File > Network…: how Hookdesk reaches AWS from a corporate network — the proxy (as the environment says, none, or
// one host:port with a user name) and an extra CA bundle trusted beside the system's roots. It loads from and, on
// OK, saves to QSettings (NetworkPreferences); OK is refused while the proxy is not host:port or the bundle holds
// no PEM certificate, with the reason shown. Applies to the next connection, which the page says.
class NetworkPreferencesDialog : public QDialog {
    Q_OBJECT
public:
    explicit NetworkPreferencesDialog(QWidget* parent = nullptr);

    NetworkPreferences preferences() const;
    void setPreferences(const NetworkPreferences& preferences);
    // The reason OK is refused, empty when the page may be saved.
    QString problem() const;

    void accept() override;

private:
    void updateEnabled();
    void browseForBundle();

    QComboBox* m_mode = nullptr;
    QLineEdit* m_manualProxy = nullptr;
    QLineEdit* m_user = nullptr;
    QLineEdit* m_caBundle = nullptr;
    QLabel* m_problem = nullptr;
};
