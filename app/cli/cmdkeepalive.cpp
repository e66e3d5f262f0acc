// `heartbeat --keep-alive DURATION`: keeps instances in their wait with a heartbeat every half HeartbeatTimeout
// (models/KeepAlive, one per instance) until the duration passes, the instance leaves the wait, the GlobalTimeout
// makes heartbeats useless, or Ctrl+C / SIGTERM. One line (or one compact JSON document) per heartbeat round.
#include "cmdkeepalive.h"

#include "actioncontroller.h"
#include "clicontext.h"
#include "clijson.h"
#include "cmdactions.h"
#include "deadlineestimator.h"
#include "inventorystore.h"
#include "keepalive.h"
#include "lifecyclevalidation.h"
#include "unixsignalwatcher.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <utility>

using namespace Qt::StringLiterals;

namespace {

class KeepAliveCommand : public ActionCommand {
    Q_OBJECT
public:
    using ActionCommand::ActionCommand;

    void start() override
    {
        if (!parse())
            return;
        // Installed before anything is sent, so Ctrl+C always finds a keep-alive to stop cleanly.
        m_signals = new UnixSignalWatcher(this);
        connect(m_signals, &UnixSignalWatcher::terminationRequested, this, &KeepAliveCommand::interrupt);
        openController([this] {
            useTimeScale();
            refreshThen([this] { begin(); });
        });
    }

private:
    bool parse()
    {
        m_group = requireOption(u"group"_s);
        if (m_group.isEmpty())
            return false;
        m_hook = args().value(u"hook"_s).trimmed();
        m_instances = args().items(u"instance"_s);
        if (args().isSet(u"token"_s) || args().isSet(u"all-pending"_s) || m_instances.isEmpty()) {
            failUsage(tr("--keep-alive needs --instance (not --token or --all-pending)"));
            return false;
        }
        m_seconds = args().number(u"keep-alive"_s);
        QStringList problems { LifecycleValidation::groupNameError(m_group),
            m_hook.isEmpty() ? QString() : LifecycleValidation::hookNameError(m_hook) };
        for (const QString& instance : std::as_const(m_instances))
            problems.append(LifecycleValidation::instanceIdShapeError(instance));
        return failUsageOnFirst(problems);
    }

    // HOOKDESK_TIME_SCALE (for hookdesk-sim --time-scale and the tests): the keep-alive's clock runs that many
    // times faster than real time, so a simulated 60 s hook gets its heartbeats every half second.
    void useTimeScale()
    {
        bool ok = false;
        const double scale = context()->environment().value(u"HOOKDESK_TIME_SCALE"_s).toDouble(&ok);
        if (!ok || scale <= 0 || scale == 1)
            return;
        m_timeScale = scale;
        m_clockStart = QDateTime::currentDateTimeUtc();
        m_elapsed.start();
        store()->estimator()->setClock(
            [this] { return m_clockStart.addMSecs(qint64(double(m_elapsed.elapsed()) * m_timeScale)); });
    }

    void begin()
    {
        for (const QString& instance : std::as_const(m_instances)) {
            const GroupSnapshot* snapshot = store()->group(m_group);
            const bool known = snapshot && snapshot->instance(instance);
            if (!snapshot && store()->groupError(m_group).isError()) {
                fail(store()->groupError(m_group)); // a failed Describe is not a missing group
                return;
            }
            if (!known) {
                failWith(CliExit::AwsError,
                    snapshot ? tr("Instance %1 is not in group %2.").arg(instance, m_group)
                             : tr("Group %1 not found.").arg(m_group));
                return;
            }
        }
        if (m_interrupted) {
            finish(CliExit::Ok);
            return;
        }
        const QDateTime until = store()->estimator()->now().addSecs(m_seconds);
        for (const QString& instance : std::as_const(m_instances)) {
            auto* keepAlive = new KeepAlive(
                controller(), store(), LifecycleActionTarget { m_group, m_hook, instance, {} }, until, this);
            keepAlive->setTimeScale(m_timeScale);
            connect(keepAlive, &KeepAlive::heartbeatSent, this,
                [this, keepAlive](
                    int round, bool ok, const QString& detail) { printRound(keepAlive, round, ok, detail); });
            connect(keepAlive, &KeepAlive::finished, this, &KeepAliveCommand::keepAliveFinished);
            m_running.append(keepAlive);
            keepAlive->start();
        }
        if (!context()->json())
            context()->printNote(
                tr("Keeping %n instance(s) alive until %1; Ctrl+C stops.", nullptr, int(m_instances.size()))
                    .arg(timeText(until)));
    }

    void interrupt()
    {
        m_interrupted = true;
        for (KeepAlive* keepAlive : std::as_const(m_running))
            keepAlive->stop();
    }

    QString timeText(const QDateTime& time) const { return QLocale::c().toString(time.toLocalTime(), u"HH:mm:ss"_s); }

    void printLine(const QJsonObject& object) const
    {
        context()->out() << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact)) << u'\n';
        context()->out().flush();
    }

    void printRound(KeepAlive* keepAlive, int round, bool ok, const QString& detail)
    {
        const QDateTime now = store()->estimator()->now();
        const QDateTime next = keepAlive->nextHeartbeat();
        if (context()->json()) {
            printLine(QJsonObject { { u"event"_s, u"heartbeat"_s }, { u"group"_s, m_group },
                { u"instanceId"_s, keepAlive->target().instanceId }, { u"hook"_s, CliJson::text(m_hook) },
                { u"round"_s, round }, { u"outcome"_s, ok ? u"done"_s : u"failed"_s },
                { u"message"_s, CliJson::text(detail) }, { u"time"_s, CliJson::time(now) },
                { u"intervalSeconds"_s, keepAlive->intervalSeconds() } });
            return;
        }
        QString line = timeText(now) + u"  "_s + keepAlive->target().instanceId + u"  "_s
            + (ok ? tr("heartbeat %1 sent").arg(round) : tr("heartbeat %1 failed: %2").arg(round).arg(detail));
        if (ok && next.isValid() && next < keepAlive->until())
            line += u"  "_s + tr("(every %1 s)").arg(keepAlive->intervalSeconds());
        context()->printLine(line);
    }

    void keepAliveFinished(KeepAlive* keepAlive)
    {
        const KeepAlive::StopReason reason = keepAlive->stopReason();
        if (context()->json()) {
            printLine(QJsonObject { { u"event"_s, u"stopped"_s }, { u"group"_s, m_group },
                { u"instanceId"_s, keepAlive->target().instanceId }, { u"reason"_s, KeepAlive::reasonName(reason) },
                { u"message"_s, keepAlive->stopMessage() }, { u"heartbeats"_s, keepAlive->heartbeatsSent() },
                { u"failed"_s, keepAlive->heartbeatsFailed() },
                { u"time"_s, CliJson::time(store()->estimator()->now()) } });
        } else {
            context()->printLine(timeText(store()->estimator()->now()) + u"  "_s + keepAlive->target().instanceId
                + u"  "_s
                + tr("stopped after %n heartbeat(s): %1", nullptr, keepAlive->heartbeatsSent())
                      .arg(keepAlive->stopMessage()));
        }
        if (reason == KeepAlive::StopReason::Failed)
            m_exit = keepAlive->heartbeatsSent() > 0 ? CliExit::PartialFailure : CliExit::AwsError;
        else if (reason == KeepAlive::StopReason::GlobalTimeout && m_exit == CliExit::Ok)
            m_exit = CliExit::KeepAliveEndedEarly;
        m_running.removeOne(keepAlive);
        keepAlive->deleteLater();
        if (m_running.isEmpty()) {
            delete std::exchange(m_signals, nullptr); // Ctrl+C interrupts as usual again
            finish(m_exit);
        }
    }

    QString m_group;
    QString m_hook;
    QStringList m_instances;
    qint64 m_seconds = 0;
    double m_timeScale = 1.0;
    QDateTime m_clockStart;
    QElapsedTimer m_elapsed;
    UnixSignalWatcher* m_signals = nullptr;
    QList<KeepAlive*> m_running;
    CliExit m_exit = CliExit::Ok;
    bool m_interrupted = false;
};

} // namespace

CliCommand* CliCommands::createKeepAlive(CliContext* context, const CliArguments& arguments)
{
    return new KeepAliveCommand(context, arguments);
}

#include "cmdkeepalive.moc"
