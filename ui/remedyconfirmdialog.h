#pragma once

#include "remediation.h"

#include <QDialog>

class QCheckBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;

// Confirms a remediation (terminate, set health, standby, scale-in protection) on instances of one group: says in
// words exactly what AWS will do (Remediation::consequences()), with the group's desired capacity as the window
// showed it, and offers the "decrement desired capacity" choice as a checkbox whose effect the text restates when
// it changes. Terminate, Unhealthy (which replaces the instance) and any action on several instances are confirmed by
// typing the group name (design.md §7).
class RemedyConfirmDialog : public QDialog {
    Q_OBJECT
public:
    RemedyConfirmDialog(const Remediation::Request& request, const AutoScalingGroup& group, QWidget* parent = nullptr);

    // The request as confirmed: with the decrement choice of the checkbox.
    Remediation::Request request() const;
    bool requiresTypedName() const;
    // Tests and accessibility tools drive the dialog through these rather than by pixel.
    QString explanationText() const;
    QCheckBox* decrementBox() const { return m_decrement; }
    void setTypedConfirmation(const QString& text);
    QPushButton* confirmButton() const { return m_confirm; }
    // "Account 123456789012 · us-east-1"
    void setConnection(const QString& account, const QString& region);

private:
    void updateExplanation();
    void updateButton();

    Remediation::Request m_request;
    AutoScalingGroup m_group;
    QLabel* m_explanation = nullptr;
    QLabel* m_context = nullptr;
    QCheckBox* m_decrement = nullptr;
    QLineEdit* m_typed = nullptr;
    QPushButton* m_confirm = nullptr;
};
