#pragma once

#include "autoscalingtypes.h"

#include <QDialog>
#include <memory>

namespace Ui {
class DeleteHookDialog;
}
class QPushButton;

// Confirms DeleteLifecycleHook by having the operator type the hook's name, after saying what AWS does to the
// instances still waiting on it (their actions complete: ABANDON on launch, CONTINUE on terminate).
class DeleteHookDialog : public QDialog {
    Q_OBJECT
public:
    DeleteHookDialog(const LifecycleHook& hook, int waitingInstances, QWidget* parent = nullptr);
    ~DeleteHookDialog() override;

    const LifecycleHook& hook() const { return m_hook; }
    void setTypedConfirmation(const QString& text);
    QPushButton* deleteButton() const;
    // Where the hook is deleted (issue 18 item 6: confirmations say the account and region).
    void setConnection(const QString& account, const QString& region);
    QString contextText() const;

private:
    std::unique_ptr<Ui::DeleteHookDialog> m_ui;
    LifecycleHook m_hook;
};
