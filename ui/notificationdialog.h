#pragma once

#include "lifecyclecommand.h"
#include "lifecyclenotification.h"
#include "notificationwaitcheck.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>
#include <memory>

namespace Ui {
class NotificationDialog;
}
class InventoryStore;
class QPushButton;

// "Complete from notification": the operator pastes the JSON their queue or event bus received and Hookdesk fills
// group, hook, instance and token from it (LifecycleNotification::parse). The fields stay editable; the result is
// chosen explicitly, with what it does for that transition said beside it. Each paste replaces every field of the
// one before (issue 18 item 5), and the dialog says how old the notification is and whether the instance still
// waits on that hook now (a fresh read of its group from the window's inventory).
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
    QString ageText() const;
    NotificationWaitStatus waitStatus() const { return m_wait; }
    QPushButton* completeButton() const { return m_complete; }
    QPushButton* heartbeatButton() const { return m_heartbeat; }

    // Read-only mode: the form still parses (to look things up) but cannot send.
    void setReadOnly(bool readOnly);
    // The connection's account and region: a notification from another one is refused, with the reason. Called
    // again when the account becomes known (the identity is read after connecting); the fields are left alone.
    void setConnection(const QString& account, const QString& region);
    // The inventory the "waiting now" line is read from; the group is read afresh for each new target.
    void setStore(InventoryStore* store);

Q_SIGNALS:
    // The operator chose to act; the window confirms and sends.
    void actionRequested(LifecycleCommand command, const LifecycleTarget& target);

private:
    void parse();
    // The parse result and, for another account or region, why it is refused.
    void showStatus();
    void updateButtons();
    void updateAge();
    // Reads the group again, then says whether the instance waits (debounced while the operator types).
    void checkWaiting();
    void showWaiting();

    std::unique_ptr<Ui::NotificationDialog> m_ui;
    LifecycleNotification m_notification;
    QString m_parseError; // why the pasted text is not a notification, in words
    QPushButton* m_complete;
    QPushButton* m_heartbeat;
    bool m_readOnly = false;
    QString m_account;
    QString m_region;
    QPointer<InventoryStore> m_store;
    NotificationWaitStatus m_wait;
    QString m_checkedTarget; // group/hook/instance last read for
    int m_checksInFlight = 0;
    QTimer m_ageTimer;
    QTimer m_checkTimer;
};
