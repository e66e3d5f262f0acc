#pragma once

#include "instancerefreshaction.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

// Confirms CancelInstanceRefresh or RollbackInstanceRefresh by having the operator type the group's name, after
// saying what AWS does (design.md §7: destructive actions are typed). Built in code: its text is all dynamic.
class RefreshConfirmDialog : public QDialog {
    Q_OBJECT
public:
    using Operation = InstanceRefreshAction::Operation;
    RefreshConfirmDialog(Operation operation, const InstanceRefresh& refresh, const QStringList& waitingInstances,
        QWidget* parent = nullptr);

    Operation operation() const { return m_operation; }
    const InstanceRefresh& refresh() const { return m_refresh; }
    void setConnection(const QString& account, const QString& region);
    QString explanationText() const;
    QString contextText() const;
    // Tests and accessibility tools drive the dialog through these rather than by pixel.
    void setTypedConfirmation(const QString& text);
    QPushButton* confirmButton() const { return m_confirm; }

private:
    Operation m_operation;
    InstanceRefresh m_refresh;
    QLabel* m_explanation = nullptr;
    QLabel* m_context = nullptr;
    QLineEdit* m_typed = nullptr;
    QPushButton* m_confirm = nullptr;
};
