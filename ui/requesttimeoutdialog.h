#pragma once

#include <QDialog>

class QSpinBox;

// Asks for the overall deadline of one request to AWS (retries included), in seconds: what a refresh or an action
// waits at most for a slow or trickling server before it gives up and says so.
class RequestTimeoutDialog : public QDialog {
    Q_OBJECT
public:
    static constexpr int MinimumSeconds = 1;
    static constexpr int MaximumSeconds = 3600;
    static constexpr int DefaultSeconds = 60;

    explicit RequestTimeoutDialog(int seconds, QWidget* parent = nullptr);

    int seconds() const;

private:
    QSpinBox* m_seconds = nullptr;
};
