// The fault matrix (issue 17): the seven-command operator session — pending, a bulk CONTINUE, an ABANDON by instance
// list, a heartbeat, put-hook, delete-hook, pending — run through the real hookdesk-cli binary against the in-process
// simulator under each fault, with the simulator's ledger of applied requests as ground truth. For every cell:
//   - nothing applied that the command did not choose (target and result);
//   - nothing applied twice for one decision;
//   - every reported outcome agrees with the ledger (done ⇔ applied by this command; already-completed, failed and
//     refused ⇔ not applied by it; unknown is allowed and counted, it claims nothing);
//   - every applied action has an intent in the audit log, and every intent a final record (an outcome, or the
//     "reconciled" record the next inventory command writes for a process that died).
// A separate process per command matters: crash recovery only settles intents of processes that are gone.
#include "faultsession.h"

#include <QTest>

Q_DECLARE_METATYPE(SimFaults)

using namespace Qt::StringLiterals;

namespace {

struct CellSummary {
    QString name;
    quint32 seed = 0;
    FaultSession::Tally tally;
};

QList<CellSummary>& summaries()
{
    static QList<CellSummary> list;
    return list;
}

SimFaults seeded(quint32 seed)
{
    SimFaults faults;
    faults.seed = seed;
    return faults;
}

} // namespace

class TestFaultsSession : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        if (!QFileInfo::exists(TestSupport::executable(u"hookdesk-cli"_s)))
            QFAIL("hookdesk-cli is not built next to the tests (HOOKDESK_BIN_DIR)");
    }

    void session_data()
    {
        QTest::addColumn<SimFaults>("faults");
        QTest::addColumn<int>("special");
        QTest::addColumn<int>("bulkSize");
        using S = FaultSession::Special;

        auto row = [](const char* name, SimFaults faults, S special = S::None, int bulkSize = 12) {
            QTest::newRow(name) << faults << int(special) << bulkSize;
        };
        quint32 seed = 1701;
        row("none", seeded(seed++));
        SimFaults f = seeded(seed++);
        f.latencyMs = 150;
        row("latency 150 ms", f);
        f = seeded(seed++);
        f.serverErrorRate = 0.3;
        row("500 before acting", f);
        f = seeded(seed++);
        f.serverErrorAfterApplyingRate = 0.3;
        row("500 after acting", f);
        f = seeded(seed++);
        f.unavailableRate = 0.3;
        row("503", f);
        f = seeded(seed++);
        f.throttleAboveRps = 6;
        row("throttling > 6 rps", f);
        f = seeded(seed++);
        f.dropRate = 0.25;
        row("drop before acting", f);
        f = seeded(seed++);
        f.dropAfterApplyingRate = 0.25;
        row("drop after acting", f);
        f = seeded(seed++);
        f.truncateRate = 0.25;
        row("truncation", f);
        f = seeded(seed++);
        f.clockSkewSeconds = 20 * 60;
        row("clock +20 min", f);
        f = seeded(seed++);
        f.clockSkewSeconds = -20 * 60;
        row("clock -20 min", f);
        f = seeded(seed++);
        f.latencyMs = 20;
        f.serverErrorRate = 0.05;
        f.serverErrorAfterApplyingRate = 0.05;
        f.unavailableRate = 0.05;
        f.dropRate = 0.05;
        f.dropAfterApplyingRate = 0.05;
        f.truncateRate = 0.05;
        f.throttleAboveRps = 20;
        f.clockSkewSeconds = 17 * 60;
        row("combination", f);
        row("full disk", seeded(seed++), S::FullDisk);
        row("torn log", seeded(seed++), S::TornLog);
        f = seeded(seed++);
        f.latencyMs = 60;
        row("kill -9 mid-bulk", f, S::Kill, 40);
        f = seeded(seed++);
        f.latencyMs = 60;
        f.dropAfterApplyingRate = 0.2;
        row("kill -9 mid-bulk, drops", f, S::Kill, 40);
    }

    void session()
    {
        QFETCH(SimFaults, faults);
        QFETCH(int, special);
        QFETCH(int, bulkSize);

        FaultSession cell(faults, FaultSession::Special(special), bulkSize);
        QString error;
        QVERIFY2(cell.start(&error), qPrintable(error));
        QVERIFY2(cell.run(&error), qPrintable(error));
        const FaultSession::Tally tally = cell.check();
        summaries().append({ QString::fromLatin1(QTest::currentDataTag()), faults.seed, tally });

        QVERIFY2(tally.applied > 0, "the session applied nothing: the cell tests nothing");
        // A cell whose fault can lose the answer of an applied action must have lost some, or it proves nothing.
        if (faults.dropAfterApplyingRate + faults.serverErrorAfterApplyingRate + faults.truncateRate > 0)
            QVERIFY2(tally.answersLost > 0, "no applied action lost its answer: choose another seed");
        if (!tally.problems.isEmpty())
            qWarning().noquote() << tally.problems.join(u'\n') << u"\n\n"_s << cell.transcript();
        QVERIFY2(tally.problems.isEmpty(), qPrintable(tally.problems.value(0)));
    }

    void cleanupTestCase()
    {
        QString table
            = u"\nfault                      seed  applied  lost  unknown  reconciled  wrong  dupl  missing\n"_s;
        for (const CellSummary& s : std::as_const(summaries())) {
            table += u"%1 %2 %3 %4 %5 %6 %7 %8 %9\n"_s.arg(s.name, -24)
                         .arg(s.seed, 6)
                         .arg(s.tally.applied, 8)
                         .arg(s.tally.answersLost, 5)
                         .arg(s.tally.unknown, 8)
                         .arg(s.tally.reconciled, 11)
                         .arg(s.tally.wrongOutcomes, 6)
                         .arg(s.tally.duplicates, 5)
                         .arg(s.tally.missingRecords, 8);
        }
        qInfo().noquote() << table;
    }
};

QTEST_GUILESS_MAIN(TestFaultsSession)
#include "tst_faults_session.moc"
