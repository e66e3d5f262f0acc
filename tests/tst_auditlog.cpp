// The audit log: JSON Lines, durable before append() returns, readable back, shared by several writers, and the
// audit view's model growing in place.
#include "auditlog.h"
#include "auditlogmodel.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

AuditRecord intent(const QString& instance)
{
    AuditRecord r;
    r.time = QDateTime(QDate(2026, 3, 1), QTime(3, 4, 5, 678), Qt::UTC);
    r.phase = u"intent"_s;
    r.profile = u"prod-admin"_s;
    r.account = u"123456789012"_s;
    r.region = u"eu-west-1"_s;
    r.action = u"CompleteLifecycleAction"_s;
    r.group = u"web-blue"_s;
    r.hook = u"warm-up"_s;
    r.instance = instance;
    r.token = u"71514b9d-6a40-4b26-8523-05e7e0000000"_s;
    r.result = u"CONTINUE"_s;
    return r;
}

QList<QByteArray> fileLines(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    QList<QByteArray> lines = file.readAll().split('\n');
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

class TestAuditLog : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString path(const QString& name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void defaultPathIsInAppData()
    {
        QCoreApplication::setApplicationName(u"hookdesk-test"_s);
        QVERIFY(AuditLog::defaultPath().endsWith(u"/audit.jsonl"_s));
        QVERIFY(AuditLog::defaultPath().contains(u"hookdesk-test"_s));
    }

    void writesOneJsonLinePerRecord()
    {
        AuditLog log(path(u"sub/dir/audit.jsonl"_s)); // missing directories are created
        QSignalSpy appended(&log, &AuditLog::recordAppended);
        QString error;
        QVERIFY2(log.append(intent(u"i-1"_s), &error), qPrintable(error));
        AuditRecord outcome = intent(u"i-1"_s);
        outcome.phase = u"outcome"_s;
        outcome.requestId = u"req-42"_s;
        outcome.outcome = u"done"_s;
        QVERIFY(log.append(outcome));
        QCOMPARE(appended.count(), 2);

        // The file on disk, read without AuditLog: one compact object per line with the documented field names.
        const QList<QByteArray> lines = fileLines(log.path());
        QCOMPARE(lines.size(), 2);
        const QJsonObject first = QJsonDocument::fromJson(lines.at(0)).object();
        QCOMPARE(first.value(u"time"_s).toString(), u"2026-03-01T03:04:05.678Z"_s);
        QCOMPARE(first.value(u"phase"_s).toString(), u"intent"_s);
        QCOMPARE(first.value(u"profile"_s).toString(), u"prod-admin"_s);
        QCOMPARE(first.value(u"account"_s).toString(), u"123456789012"_s);
        QCOMPARE(first.value(u"region"_s).toString(), u"eu-west-1"_s);
        QCOMPARE(first.value(u"action"_s).toString(), u"CompleteLifecycleAction"_s);
        QCOMPARE(first.value(u"group"_s).toString(), u"web-blue"_s);
        QCOMPARE(first.value(u"hook"_s).toString(), u"warm-up"_s);
        QCOMPARE(first.value(u"instance"_s).toString(), u"i-1"_s);
        QCOMPARE(first.value(u"token"_s).toString(), u"71514b9d-6a40-4b26-8523-05e7e0000000"_s);
        QCOMPARE(first.value(u"result"_s).toString(), u"CONTINUE"_s);
        QVERIFY(!first.contains(u"outcome"_s));
        const QJsonObject second = QJsonDocument::fromJson(lines.at(1)).object();
        QCOMPARE(second.value(u"requestId"_s).toString(), u"req-42"_s);
        QCOMPARE(second.value(u"outcome"_s).toString(), u"done"_s);

        const QList<AuditRecord> back = log.readAll();
        QCOMPARE(back.size(), 2);
        QCOMPARE(back.at(0), intent(u"i-1"_s));
        QCOMPARE(back.at(1), outcome);
    }

    void missingTimeIsStampedNow()
    {
        AuditLog log(path(u"stamp.jsonl"_s));
        AuditRecord r = intent(u"i-2"_s);
        r.time = {};
        const QDateTime before = QDateTime::currentDateTimeUtc().addMSecs(-1);
        QVERIFY(log.append(r));
        const QDateTime written = log.readAll().constFirst().time;
        QVERIFY(written >= before);
        QVERIFY(written <= QDateTime::currentDateTimeUtc());
    }

    void unwritableFileIsReported()
    {
        QFile blocker(path(u"blocker"_s));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        AuditLog log(path(u"blocker/audit.jsonl"_s)); // a file where the directory should be
        QSignalSpy appended(&log, &AuditLog::recordAppended);
        QString error;
        QVERIFY(!log.append(intent(u"i-3"_s), &error));
        QVERIFY(error.contains(u"audit log"_s));
        QCOMPARE(appended.count(), 0);
    }

    void brokenLinesAreSkipped()
    {
        const QString file = path(u"broken.jsonl"_s);
        AuditLog log(file);
        QVERIFY(log.append(intent(u"i-a"_s)));
        {
            QFile raw(file);
            QVERIFY(raw.open(QIODevice::Append));
            raw.write("{\"time\":\"2026-03-01T03:04:05Z\",\"pha\n"); // cut short by a crash
        }
        QVERIFY(log.append(intent(u"i-b"_s)));
        int skipped = -1;
        const QList<AuditRecord> records = log.readAll(&skipped);
        QCOMPARE(skipped, 1);
        QCOMPARE(records.size(), 2);
        QCOMPARE(records.at(1).instance, u"i-b"_s);
    }

    void twoWritersShareTheFile()
    {
        const QString file = path(u"shared.jsonl"_s);
        AuditLog gui(file);
        AuditLog cli(file);
        for (int i = 0; i < 50; ++i) {
            QVERIFY(gui.append(intent(u"i-gui-%1"_s.arg(i))));
            QVERIFY(cli.append(intent(u"i-cli-%1"_s.arg(i))));
        }
        int skipped = -1;
        QCOMPARE(gui.readAll(&skipped).size(), 100);
        QCOMPARE(skipped, 0);
    }

    void modelGrowsInPlace()
    {
        const QString file = path(u"model.jsonl"_s);
        AuditLog log(file);
        QVERIFY(log.append(intent(u"i-old"_s)));

        AuditLogModel model(&log);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 1);

        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QVERIFY(log.append(intent(u"i-new"_s)));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.index(1, AuditLogModel::InstanceColumn).data().toString(), u"i-new"_s);
        QCOMPARE(model.index(1, 0).data(AuditLogModel::PhaseRole).toString(), u"intent"_s);
        QCOMPARE(model.index(1, AuditLogModel::ResultColumn).data().toString(), u"CONTINUE"_s);

        // Another process (the CLI) appends: reload() adds the tail, no reset.
        AuditLog other(file);
        QVERIFY(other.append(intent(u"i-cli"_s)));
        QCOMPARE(model.rowCount(), 2);
        model.reload();
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(reset.count(), 0);
        QCOMPARE(model.recordAt(2).instance, u"i-cli"_s);

        // A record the other process is still writing shows once it is complete, not before and not twice.
        {
            QFile raw(file);
            QVERIFY(raw.open(QIODevice::Append));
            raw.write(R"({"time":"2026-03-01T03:04:09.000Z","phase":"intent",)");
            raw.flush();
            model.reload();
            QCOMPARE(model.rowCount(), 3);
            raw.write(R"("instance":"i-slow"})"
                      "\n");
        }
        model.reload();
        model.reload();
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.recordAt(3).instance, u"i-slow"_s);
        QCOMPARE(reset.count(), 0);

        // The file replaced underneath (rotation): reset to what is there.
        QVERIFY(QFile::remove(file));
        QVERIFY(other.append(intent(u"i-rotated"_s)));
        model.reload();
        QCOMPARE(reset.count(), 1);
        QCOMPARE(model.rowCount(), 1);
    }
};

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
