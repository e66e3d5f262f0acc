#pragma once

#include "autoscalingtypes.h"

#include <QDialog>
#include <QHash>
#include <memory>

namespace Ui {
class HookEditorDialog;
}
class QLabel;
class QPushButton;
class QWidget;

// Creates or edits a lifecycle hook. Every field is checked as it is typed with the service model's rules
// (LifecycleValidation) and the message shows under the field; Save enables only when all pass. GlobalTimeout is
// shown read-only as min(100 × heartbeat, 48 h), since AWS derives it. Editing keeps group, name and transition
// fixed: PutLifecycleHook identifies the hook by group + name.
class HookEditorDialog : public QDialog {
    Q_OBJECT
public:
    // Create: `groups` to choose from, `preselectedGroup` first.
    HookEditorDialog(const QStringList& groups, const QString& preselectedGroup, QWidget* parent = nullptr);
    // Edit an existing hook.
    HookEditorDialog(const LifecycleHook& hook, QWidget* parent = nullptr);
    ~HookEditorDialog() override;

    bool isEditing() const { return m_editing; }
    PutLifecycleHookRequest request() const;
    // Message shown for a field ("name", "group", "heartbeat", "metadata", "target", "role"); empty when valid.
    QString fieldError(const QString& field) const;
    bool isValid() const;
    QPushButton* saveButton() const;

    // Programmatic filling, for tests and for "duplicate hook".
    void setHookName(const QString& name);
    void setGroupName(const QString& name);
    void setTransition(const QString& transition);
    void setHeartbeatTimeout(int seconds);
    void setDefaultResult(const QString& result);
    void setNotificationMetadata(const QString& metadata);

    static QString globalTimeoutText(int heartbeatSeconds);

Q_SIGNALS:
    // Save pressed with valid input; the window sends it and closes the dialog when the request succeeded.
    void saveRequested(const PutLifecycleHookRequest& request);

private:
    void setUp();
    void addErrorLabel(const QString& field, QWidget* after);
    void validate();

    std::unique_ptr<Ui::HookEditorDialog> m_ui;
    QHash<QString, QLabel*> m_errorLabels;
    bool m_editing = false;
    bool m_hadTarget = false; // the edited hook had a target or role: empty fields then mean "remove them"
};
