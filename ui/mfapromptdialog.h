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
// gets the code, or an empty string when the operator cancels.
class DialogMfaPrompter : public MfaPrompter {
    Q_OBJECT
public:
    explicit DialogMfaPrompter(QWidget* window, QObject* parent = nullptr);
    void requestCode(const MfaRequest& request, const Callback& done) override;

private:
    QPointer<QWidget> m_window;
};
