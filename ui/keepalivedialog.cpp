#include "keepalivedialog.h"

#include "keepalive.h"
#include "ui_keepalivedialog.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

KeepAliveDialog::KeepAliveDialog(
    int instances, int heartbeatTimeout, const QDateTime& now, const QDateTime& globalDeadline, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::KeepAliveDialog>())
    , m_heartbeatTimeout(heartbeatTimeout)
    , m_now(now.toUTC())
{
    m_ui->setupUi(this);
    m_ui->introLabel->setText(
        tr("Send a heartbeat now and then every %1 s for %n instance(s), so their wait does not time out. "
           "Hookdesk must stay open: quitting stops the heartbeats.",
            nullptr, instances)
            .arg(qMax(1, heartbeatTimeout / 2)));
    m_ui->untilEdit->setMinimumDateTime(m_now.toLocalTime().addSecs(60));
    if (globalDeadline.isValid())
        m_ui->untilEdit->setMaximumDateTime(globalDeadline.toLocalTime());
    QDateTime suggested = m_now.addSecs(3600);
    if (globalDeadline.isValid() && suggested > globalDeadline)
        suggested = globalDeadline;
    m_ui->untilEdit->setDateTime(suggested.toLocalTime());
    connect(m_ui->untilEdit, &QDateTimeEdit::dateTimeChanged, this, &KeepAliveDialog::updateSummary);
    m_ui->buttonBox->button(QDialogButtonBox::Ok)->setText(tr("&Keep alive"));
    updateSummary();
}

KeepAliveDialog::~KeepAliveDialog() = default;

QDateTime KeepAliveDialog::until() const
{
    return m_ui->untilEdit->dateTime().toUTC();
}

void KeepAliveDialog::setUntil(const QDateTime& until)
{
    m_ui->untilEdit->setDateTime(until.toLocalTime());
}

void KeepAliveDialog::updateSummary()
{
    const int count = KeepAlive::plannedHeartbeats(m_heartbeatTimeout, m_now, until());
    m_ui->summaryLabel->setText(tr("%n heartbeat(s) per instance, the last one before %1.", nullptr, count)
                                    .arg(until().toLocalTime().toString(u"HH:mm"_s)));
}
