#pragma once

#include "lifecyclecommand.h"
#include "lifecyclenotification.h"

#include <QDialog>
#include <memory>

namespace Ui {
class NotificationDialog;
}
class QPushButton;

// "Complete from notification": the operator pastes the JSON their queue or event bus received and Hookdesk fills
// group, hook, instance and token from it (LifecycleNotification::parse). The fields stay editable; the result is
// chosen explicitly, with what it does for that transition said beside it.
class NotificationDialog : public QDialog {
    Q_OBJECT
public:
    explicit NotificationDialog(QWidget* parent = nullptr);
    ~NotificationDialog() override;

    void setJson(const QString& json);
    LifecycleNotification notification() const { return m_notification; }
    // The target as filled in (and possibly corrected) by the operator.
    LifecycleTarget target() const;
    LifecycleCommand command() const;
    QString groupName() const;
    QString hookName() const;
    QString instanceId() const;
    QString token() const;
    QString statusText() const;
    QPushButton* completeButton() const { return m_complete; }
    QPushButton* heartbeatButton() const { return m_heartbeat; }

Q_SIGNALS:
    // The operator chose to act; the window confirms and sends.
    void actionRequested(LifecycleCommand command, const LifecycleTarget& target);

private:
    void parse();
    void updateButtons();

    std::unique_ptr<Ui::NotificationDialog> m_ui;
    LifecycleNotification m_notification;
    QPushButton* m_complete;
    QPushButton* m_heartbeat;
    bool m_readOnly = false;
    QString m_account;
    QString m_region;

public:
    // Read-only mode: the form still parses (to look things up) but cannot send.
    void setReadOnly(bool readOnly);
    // The connection's account and region: a notification from another one is refused, with the reason.
    void setConnection(const QString& account, const QString& region);
};
