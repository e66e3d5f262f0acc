#include "confirmactiondialog.h"

#include "themedicon.h"
#include "ui_confirmactiondialog.h"

#include <QPushButton>
#include <QSet>

using namespace Qt::StringLiterals;

ConfirmActionDialog::ConfirmActionDialog(
    LifecycleCommand command, const QList<LifecycleTarget>& targets, QWidget* parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::ConfirmActionDialog>())
    , m_command(command)
    , m_targets(targets)
{
    m_ui->setupUi(this);
    setUpHeadline();
    setUpExplanation();
    setUpTargetList();
    setUpConfirmButton();
    setUpTypedConfirmation();
    updateButton();
    connect(&m_tick, &QTimer::timeout, this, &ConfirmActionDialog::updateContext);
    m_tick.start(1000);
    updateContext();
}

void ConfirmActionDialog::setConnection(const QString& account, const QString& region)
{
    m_account = account;
    m_region = region;
    updateContext();
}

QString ConfirmActionDialog::contextText() const
{
    return m_ui->contextLabel->text();
}

void ConfirmActionDialog::updateContext()
{
    QStringList parts;
    parts << (m_account.isEmpty() ? tr("Account not known yet") : tr("Account %1").arg(m_account));
    if (!m_region.isEmpty())
        parts << m_region;
    // The earliest deadline among the targets: the first instance the timeout decides for if this waits too long.
    const LifecycleTarget* first = nullptr;
    for (const LifecycleTarget& target : std::as_const(m_targets)) {
        if (target.deadline.isValid() && (!first || target.deadline < first->deadline))
            first = &target;
    }
    if (first) {
        const qint64 left = QDateTime::currentDateTimeUtc().secsTo(first->deadline);
        const QString clock = LifecycleText::countdown(left);
        if (m_targets.size() > 1)
            parts << tr("%1 left for the first to time out (%2)").arg(clock, first->instanceId);
        else if (first->deadlineIsUpperBound)
            parts << tr("at most %1 left").arg(clock);
        else
            parts << tr("%1 left").arg(clock);
    } else {
        parts << tr("time left unknown");
    }
    m_ui->contextLabel->setText(parts.join(u" · "_s));
}

void ConfirmActionDialog::setUpHeadline()
{
    const int count = int(m_targets.size());
    switch (m_command) {
    case LifecycleCommand::Continue:
        setWindowTitle(tr("Continue lifecycle action"));
        m_ui->headlineLabel->setText(tr("<b>Send CONTINUE for %n instance(s)?</b>", nullptr, count));
        break;
    case LifecycleCommand::Abandon:
        setWindowTitle(tr("Abandon lifecycle action"));
        m_ui->headlineLabel->setText(tr("<b>Send ABANDON for %n instance(s)?</b>", nullptr, count));
        break;
    case LifecycleCommand::Heartbeat:
        setWindowTitle(tr("Record heartbeat"));
        m_ui->headlineLabel->setText(tr("<b>Record a heartbeat for %n instance(s)?</b>", nullptr, count));
        break;
    }
}

void ConfirmActionDialog::setUpExplanation()
{
    // One paragraph per transition present, so a mixed selection explains both outcomes.
    bool anyLaunch = false;
    bool anyTerminate = false;
    bool anyRetainingTerminate = false; // in a group that retains on ABANDON: said apart, it is not terminated
    int heartbeat = 0;
    for (const LifecycleTarget& target : std::as_const(m_targets)) {
        if (target.launching)
            anyLaunch = true;
        else
            (target.retainsOnAbandon ? anyRetainingTerminate : anyTerminate) = true;
        heartbeat = std::max(heartbeat, target.heartbeatTimeout);
    }
    const QString name = LifecycleText::commandName(m_command);
    QStringList paragraphs;
    if (m_command == LifecycleCommand::Heartbeat) {
        paragraphs << LifecycleText::consequence(m_command, true, heartbeat).toHtmlEscaped();
    } else {
        if (anyLaunch)
            paragraphs << tr("<b>On launch</b>, %1: %2")
                              .arg(name, LifecycleText::consequence(m_command, true).toHtmlEscaped());
        if (anyTerminate)
            paragraphs << tr("<b>On termination</b>, %1: %2")
                              .arg(name, LifecycleText::consequence(m_command, false).toHtmlEscaped());
        if (anyRetainingTerminate)
            paragraphs << tr("<b>On termination in a group that retains instances</b>, %1: %2")
                              .arg(name, LifecycleText::consequence(m_command, false, 3600, true).toHtmlEscaped());
    }
    m_ui->explanationLabel->setText(u"<p>"_s + paragraphs.join(u"</p><p>"_s) + u"</p>"_s);
}

void ConfirmActionDialog::setUpTargetList()
{
    for (const LifecycleTarget& target : std::as_const(m_targets)) {
        auto* item = new QTreeWidgetItem(m_ui->targetList);
        item->setText(0, target.instanceId);
        item->setText(1, target.groupName);
        item->setText(2, target.hookName);
        item->setText(3,
            target.launching              ? tr("launching")
                : target.retainsOnAbandon ? tr("terminating (group retains on ABANDON)")
                                          : tr("terminating"));
    }
    for (int column = 0; column < m_ui->targetList->columnCount(); ++column)
        m_ui->targetList->resizeColumnToContents(column);
}

void ConfirmActionDialog::setUpConfirmButton()
{
    const int count = int(m_targets.size());
    QPushButton* ok = confirmButton();
    switch (m_command) {
    case LifecycleCommand::Continue:
        ok->setText(tr("Continue %n instance(s)", nullptr, count));
        ok->setIcon(ThemedIcon::icon(u"continue"_s));
        break;
    case LifecycleCommand::Abandon:
        ok->setText(tr("Abandon %n instance(s)", nullptr, count));
        ok->setIcon(ThemedIcon::icon(u"abandon"_s));
        break;
    case LifecycleCommand::Heartbeat:
        ok->setText(tr("Send %n heartbeat(s)", nullptr, count));
        ok->setIcon(ThemedIcon::icon(u"heartbeat"_s));
        break;
    }
    ok->setAccessibleName(ok->text());
}

void ConfirmActionDialog::setUpTypedConfirmation()
{
    const int count = int(m_targets.size());
    const bool typed = requiresTypedCount();
    m_ui->typeLabel->setVisible(typed);
    m_ui->typeEdit->setVisible(typed);
    if (typed) {
        m_ui->typeLabel->setText(tr("Type <b>%1</b> (the number of instances) to confirm:").arg(count));
        m_ui->typeEdit->setPlaceholderText(QString::number(count));
        m_ui->typeEdit->setFocus();
        connect(m_ui->typeEdit, &QLineEdit::textChanged, this, &ConfirmActionDialog::updateButton);
    } else {
        // A single CONTINUE or heartbeat is not destructive; still, Enter should not be the reflex that fires it
        // before the text was read, so Cancel keeps the focus.
        m_ui->buttonBox->button(QDialogButtonBox::Cancel)->setFocus();
    }
    confirmButton()->setDefault(typed);
}

ConfirmActionDialog::~ConfirmActionDialog() = default;

bool ConfirmActionDialog::requiresTypedCount(LifecycleCommand command, int count)
{
    return command == LifecycleCommand::Abandon || count > 1;
}

void ConfirmActionDialog::setTypedConfirmation(const QString& text)
{
    m_ui->typeEdit->setText(text);
}

QPushButton* ConfirmActionDialog::confirmButton() const
{
    return m_ui->buttonBox->button(QDialogButtonBox::Ok);
}

QString ConfirmActionDialog::explanationText() const
{
    return m_ui->explanationLabel->text();
}

void ConfirmActionDialog::updateButton()
{
    const bool ok = !requiresTypedCount() || m_ui->typeEdit->text().trimmed() == QString::number(m_targets.size());
    confirmButton()->setEnabled(ok && !m_targets.isEmpty());
}
