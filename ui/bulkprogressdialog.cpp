#include "bulkprogressdialog.h"

#include "themedicon.h"
#include "uistyle.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace {
// Read on every update, not once: a job gets its items only after the targets were checked, so a count read at
// construction said "for 0 lifecycle actions" beside "3 done".
QString headline(const BulkActionJob* job)
{
    const bool done = job->isFinished();
    switch (job->kind()) {
    case BulkActionJob::Kind::Complete:
        return done
            ? BulkProgressDialog::tr("Done: %1 for %n lifecycle action(s)", nullptr, job->count()).arg(job->result())
            : BulkProgressDialog::tr("Sending %1 for %n lifecycle action(s)…", nullptr, job->count())
                  .arg(job->result());
    case BulkActionJob::Kind::Heartbeat:
        return done ? BulkProgressDialog::tr("Done: %n heartbeat(s)", nullptr, job->count())
                    : BulkProgressDialog::tr("Recording %n heartbeat(s)…", nullptr, job->count());
    case BulkActionJob::Kind::PutHook:
        return done ? BulkProgressDialog::tr("Done: saving the lifecycle hook")
                    : BulkProgressDialog::tr("Saving the lifecycle hook…");
    case BulkActionJob::Kind::DeleteHook:
        return done ? BulkProgressDialog::tr("Done: deleting the lifecycle hook")
                    : BulkProgressDialog::tr("Deleting the lifecycle hook…");
    case BulkActionJob::Kind::Remediate:
        return done ? BulkProgressDialog::tr("Done: %1 for %n instance(s)", nullptr, job->count()).arg(job->result())
                    : BulkProgressDialog::tr("%1: %n instance(s)…", nullptr, job->count()).arg(job->result());
    }
    return {};
}
} // namespace

BulkProgressDialog::BulkProgressDialog(BulkActionJob* job, QWidget* parent)
    : QDialog(parent)
    , m_job(job)
{
    setWindowTitle(tr("Lifecycle actions"));
    setObjectName(u"bulkProgressDialog"_s);
    resize(640, 360);
    auto* layout = new QVBoxLayout(this);
    m_headline = new QLabel(this);
    QFont font = m_headline->font();
    font.setBold(true);
    m_headline->setFont(font);
    layout->addWidget(m_headline);

    m_list = new QTreeWidget(this);
    m_list->setObjectName(u"itemList"_s);
    m_list->setAccessibleName(tr("Outcome of each item"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("Instance"), tr("Group"), tr("Hook"), tr("Outcome") });
    m_list->header()->setStretchLastSection(true);
    layout->addWidget(m_list, 1);

    m_progress = new QProgressBar(this);
    m_progress->setAccessibleName(tr("Progress"));
    layout->addWidget(m_progress);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"summaryLabel"_s);
    m_summary->setAccessibleName(tr("Summary"));
    layout->addWidget(m_summary);

    auto* buttons = new QDialogButtonBox(this);
    m_retry = buttons->addButton(tr("&Retry failed"), QDialogButtonBox::ActionRole);
    m_retry->setObjectName(u"retryButton"_s);
    m_retry->setIcon(ThemedIcon::icon(u"retry"_s));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    connect(m_close, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_retry, &QPushButton::clicked, this, [this] {
        if (m_job)
            m_job->retryFailed();
        updateSummary();
    });
    layout->addWidget(buttons);

    if (job) {
        connect(job, &BulkActionJob::itemChanged, this, &BulkProgressDialog::updateItem);
        connect(job, &BulkActionJob::progress, this, &BulkProgressDialog::updateSummary);
        connect(job, &BulkActionJob::finished, this, &BulkProgressDialog::rebuild);
        connect(job, &BulkActionJob::retryRequested, this, &BulkProgressDialog::rebuild);
    }
    rebuild();
}

QString BulkProgressDialog::describe(const BulkActionJob::Item& item)
{
    switch (item.state) {
    case BulkActionJob::ItemState::Queued:
        return tr("queued");
    case BulkActionJob::ItemState::Running:
        return item.message.isEmpty() ? tr("sending…") : item.message;
    case BulkActionJob::ItemState::Done:
        // ✓: reading the instance back confirmed it; without it the message says what was seen instead.
        if (item.verified)
            return item.message.isEmpty() ? tr("done ✓") : tr("done ✓ — %1").arg(item.message);
        return item.message.isEmpty() ? tr("done (not verified)") : tr("done, not verified: %1").arg(item.message);
    case BulkActionJob::ItemState::AlreadyCompleted:
        return item.message.isEmpty() ? tr("already completed") : tr("already completed: %1").arg(item.message);
    case BulkActionJob::ItemState::Failed:
        return item.message.isEmpty() ? tr("failed") : tr("failed: %1").arg(item.message);
    case BulkActionJob::ItemState::Refused:
        return item.message.isEmpty() ? tr("not sent") : tr("not sent: %1").arg(item.message);
    case BulkActionJob::ItemState::Unknown:
        return item.message.isEmpty() ? tr("unknown") : tr("unknown: %1").arg(item.message);
    }
    return {};
}

QString BulkProgressDialog::headlineText() const
{
    return m_headline->text();
}

QString BulkProgressDialog::itemText(int index) const
{
    const QTreeWidgetItem* item = m_list->topLevelItem(index);
    return item ? item->text(3) : QString();
}

void BulkProgressDialog::rebuild()
{
    if (!m_job)
        return;
    if (m_list->topLevelItemCount() != m_job->count()) {
        m_list->clear();
        for (const BulkActionJob::Item& item : m_job->items()) {
            auto* row = new QTreeWidgetItem(m_list);
            row->setText(0, item.target.instanceId.isEmpty() ? u"—"_s : item.target.instanceId);
            row->setText(1, item.target.groupName);
            row->setText(2, item.target.hookName);
        }
    }
    for (int i = 0; i < m_job->count(); ++i)
        updateItem(i);
    for (int column = 0; column < 3; ++column)
        m_list->resizeColumnToContents(column);
    updateSummary();
}

void BulkProgressDialog::updateItem(int index)
{
    if (!m_job || index < 0 || index >= m_job->count())
        return;
    QTreeWidgetItem* row = m_list->topLevelItem(index);
    if (!row) {
        rebuild();
        return;
    }
    const BulkActionJob::Item& item = m_job->items().at(index);
    row->setText(3, describe(item));
    row->setToolTip(3, describe(item));
    if (!item.target.hookName.isEmpty())
        row->setText(2, item.target.hookName);
    QColor color;
    switch (item.state) {
    case BulkActionJob::ItemState::Done:
        color = UiStyle::successColor(palette());
        break;
    case BulkActionJob::ItemState::Failed:
    case BulkActionJob::ItemState::Refused:
        color = UiStyle::dangerColor(palette());
        break;
    case BulkActionJob::ItemState::Unknown:
        color = UiStyle::warningColor(palette());
        break;
    default:
        break;
    }
    row->setForeground(3, color.isValid() ? QBrush(color) : palette().text());
    updateSummary();
}

QString BulkProgressDialog::summaryText() const
{
    if (!m_job)
        return {};
    QStringList parts;
    parts << tr("%n done", nullptr, m_job->countIn(BulkActionJob::ItemState::Done));
    if (const int verified = m_job->verifiedCount())
        parts << tr("%n verified ✓", nullptr, verified);
    if (const int already = m_job->countIn(BulkActionJob::ItemState::AlreadyCompleted))
        parts << tr("%n already completed", nullptr, already);
    parts << tr("%n failed", nullptr, m_job->countIn(BulkActionJob::ItemState::Failed));
    if (const int refused = m_job->countIn(BulkActionJob::ItemState::Refused))
        parts << tr("%n not sent", nullptr, refused);
    if (const int unknown = m_job->countIn(BulkActionJob::ItemState::Unknown))
        parts << tr("%n unknown", nullptr, unknown);
    QString text = parts.join(u" · "_s);
    if (!m_job->errorMessage().isEmpty())
        text = m_job->errorMessage() + u" — "_s + text;
    return text;
}

void BulkProgressDialog::updateSummary()
{
    if (!m_job)
        return;
    m_headline->setText(headline(m_job));
    m_progress->setRange(0, qMax(1, m_job->count()));
    m_progress->setValue(m_job->completedCount());
    m_summary->setText(m_job->isFinished() || m_job->count() == 0
            ? summaryText()
            : tr("%1 of %2 finished").arg(m_job->completedCount()).arg(m_job->count()));
    const bool finished = m_job->isFinished() || (m_job->count() == 0 && !m_job->errorMessage().isEmpty());
    m_retry->setVisible(m_job->countIn(BulkActionJob::ItemState::Failed) > 0);
    m_retry->setEnabled(finished);
    m_close->setText(finished ? tr("Close") : tr("Hide"));
}
