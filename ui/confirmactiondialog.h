#pragma once

#include "lifecyclecommand.h"

#include <QDialog>
#include <QTimer>
#include <memory>

namespace Ui {
class ConfirmActionDialog;
}
class QPushButton;

// Confirms CONTINUE / ABANDON / heartbeat on one or more waiting instances. It explains in words what the command
// does for each transition among the targets and, for ABANDON or more than one instance, the operator has to type
// the number of instances before the button enables (design.md §7: destructive and bulk actions are typed).
class ConfirmActionDialog : public QDialog {
    Q_OBJECT
public:
    ConfirmActionDialog(LifecycleCommand command, const QList<LifecycleTarget>& targets, QWidget* parent = nullptr);
    ~ConfirmActionDialog() override;

    static bool requiresTypedCount(LifecycleCommand command, int count);
    bool requiresTypedCount() const { return requiresTypedCount(m_command, int(m_targets.size())); }
    // Tests and accessibility tools drive the dialog through these rather than by pixel.
    void setTypedConfirmation(const QString& text);
    QPushButton* confirmButton() const;
    QString explanationText() const;
    // Where the action goes and how long is left (issue 18 item 6): "Account 123456789012 · us-east-1 · ≈ 4:22
    // left". The time left counts down while the dialog is open, from the deadlines the targets were confirmed with.
    void setConnection(const QString& account, const QString& region);
    QString contextText() const;

private:
    // The constructor's steps, one part of the dialog each, in this order.
    void setUpHeadline(); // the window title and the question
    void setUpExplanation(); // what the command does for each transition among the targets
    void setUpTargetList();
    void setUpConfirmButton();
    void setUpTypedConfirmation(); // the count to type, or the focus on Cancel
    void updateButton();
    void updateContext();

    std::unique_ptr<Ui::ConfirmActionDialog> m_ui;
    LifecycleCommand m_command;
    QList<LifecycleTarget> m_targets;
    QString m_account;
    QString m_region;
    QTimer m_tick;
};
