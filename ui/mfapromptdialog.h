#pragma once

#include "mfaprompter.h"

#include <QDialog>
#include <QPointer>

class QLineEdit;
class QPushButton;

// Asks for the one-time code of an MFA device when a profile assumes a role that demands it.
class MfaPromptDialog : public QDialog {
    Q_OBJECT
public:
    explicit MfaPromptDialog(const MfaRequest& request, QWidget* parent = nullptr);
    QString code() const;
    void setCode(const QString& code);
    QPushButton* okButton() const { return m_ok; }

private:
    QLineEdit* m_code;
    QPushButton* m_ok;
};

// The GUI's MfaPrompter: one window-modal dialog per request, opened with open() (no nested event loop); `done`
// gets the code, or an empty string when the operator cancels. A cancel signs out: later requests (the automatic
// refresh every 15 s) are answered "cancelled" at once, without a dialog, until signInAgain() — the operator asks
// for the prompt again (Refresh, "Sign in", another connection); it does not come back by itself.
class DialogMfaPrompter : public MfaPrompter {
    Q_OBJECT
public:
    explicit DialogMfaPrompter(QWidget* window, QObject* parent = nullptr);
    void requestCode(const MfaRequest& request, const Callback& done) override;

    bool isSignedOut() const { return m_signedOut; }
    QString signedOutProfile() const { return m_signedOutProfile; }
    void signInAgain();
    int promptsShown() const { return m_promptsShown; }

Q_SIGNALS:
    void signedOutChanged(bool signedOut);

private:
    QPointer<QWidget> m_window;
    bool m_signedOut = false;
    QString m_signedOutProfile;
    int m_promptsShown = 0;
};
