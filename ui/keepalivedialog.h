#pragma once

#include <QDateTime>
#include <QDialog>
#include <memory>

namespace Ui {
class KeepAliveDialog;
}

// Asks until when to keep the selected instances alive: default an hour from now, never past the earliest global
// deadline (a heartbeat cannot extend a wait beyond it), with the number of heartbeats that will be sent.
class KeepAliveDialog : public QDialog {
    Q_OBJECT
public:
    // `heartbeatTimeout`: the smallest of the hooks waited on (seconds); `globalDeadline` may be invalid.
    KeepAliveDialog(int instances, int heartbeatTimeout, const QDateTime& now, const QDateTime& globalDeadline,
        QWidget* parent = nullptr);
    ~KeepAliveDialog() override;

    QDateTime until() const; // UTC
    void setUntil(const QDateTime& until);

private:
    void updateSummary();

    std::unique_ptr<Ui::KeepAliveDialog> m_ui;
    int m_heartbeatTimeout;
    QDateTime m_now;
};
