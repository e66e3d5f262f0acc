// The window's audit notices: crash recovery after the first load, and outcomes the log could not write.
#include "auditlog.h"
#include "auditreconciler.h"
#include "inventorystore.h"
#include "mainwindow.h"

#include <QBoxLayout>
#include <QLabel>
#include <QStatusBar>

using namespace Qt::StringLiterals;

void MainWindow::reconcileInterrupted()
{
    // The demo's simulated account has nothing to do with what a real run left in the log.
    if (m_demo || !m_audit || !m_store)
        return;
    auto* reconciler = new AuditReconciler(m_audit, m_store, m_store);
    connect(reconciler, &AuditReconciler::finished, this,
        [this, reconciler](const QList<AuditReconciler::Interrupted>& interrupted) {
            reconciler->deleteLater();
            if (interrupted.isEmpty())
                return;
            QStringList lines;
            for (const AuditReconciler::Interrupted& item : interrupted) {
                lines.append(tr("%1 %2 on %3 (sent %4): %5")
                                 .arg(item.intent.action, item.intent.result,
                                     item.intent.instance.isEmpty() ? item.intent.hook : item.intent.instance,
                                     item.intent.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), item.outcome)
                                 .toHtmlEscaped());
            }
            showAuditNotice(tr("<b>%n action(s) of an interrupted Hookdesk run had no recorded outcome.</b> Checked "
                               "now and recorded in the audit log:<br>%1",
                nullptr, int(interrupted.size()))
                                .arg(lines.join(u"<br>"_s)));
        });
    reconciler->run();
}

void MainWindow::showAuditNotice(const QString& html)
{
    if (!m_auditNotice) {
        m_auditNotice = new QLabel(this);
        m_auditNotice->setObjectName(u"auditNotice"_s);
        m_auditNotice->setWordWrap(true);
        m_auditNotice->setTextFormat(Qt::RichText);
        m_auditNotice->setFrameShape(QFrame::StyledPanel);
        m_auditNotice->setContentsMargins(10, 5, 10, 5);
        if (auto* layout = qobject_cast<QBoxLayout*>(centralWidget()->layout()))
            layout->insertWidget(0, m_auditNotice);
    }
    m_auditNotice->setText(html);
    m_auditNotice->setVisible(true);
    statusBar()->showMessage(m_auditNotice->text().section(u"</b>"_s, 0, 0).remove(u"<b>"_s), 15000);
}
