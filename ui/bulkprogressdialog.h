#pragma once

#include "bulkactionjob.h"

#include <QDialog>
#include <QPointer>

class QLabel;
class QProgressBar;
class QPushButton;
class QTreeWidget;

// Follows one BulkActionJob: one row per item with its outcome in words ("done", "already completed", "failed:
// …"), a summary line, and "Retry failed" once the run ended with failures. The job is not owned.
class BulkProgressDialog : public QDialog {
    Q_OBJECT
public:
    explicit BulkProgressDialog(BulkActionJob* job, QWidget* parent = nullptr);

    BulkActionJob* job() const { return m_job; }
    // "2 done · 1 already completed · 0 failed"
    QString summaryText() const;
    // "Sending ABANDON for 3 lifecycle actions…" while running, "Done: …" once finished.
    QString headlineText() const;
    QPushButton* retryButton() const { return m_retry; }
    // Text of an item's outcome column, for tests and screen readers.
    QString itemText(int index) const;

    static QString describe(const BulkActionJob::Item& item);

private:
    void rebuild();
    void updateItem(int index);
    void updateSummary();

    QPointer<BulkActionJob> m_job;
    QLabel* m_headline;
    QTreeWidget* m_list;
    QProgressBar* m_progress;
    QLabel* m_summary;
    QPushButton* m_retry;
    QPushButton* m_close;
};
