#include "hookdeskversion.h"
#include "testsupport.h"

#include <QProcess>
#include <QTest>

// The three shipped executables start, answer --version with the CMake version, and --help without error.
class TestExecutables : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void version_data()
    {
        QTest::addColumn<QString>("program");
        QTest::newRow("gui") << QStringLiteral("hookdesk");
        QTest::newRow("cli") << QStringLiteral("hookdesk-cli");
        QTest::newRow("sim") << QStringLiteral("hookdesk-sim");
    }

    void version()
    {
        QFETCH(QString, program);
        QProcess process;
        process.start(TestSupport::executable(program), { QStringLiteral("--version") });
        QVERIFY2(process.waitForFinished(30000), qPrintable(process.errorString()));
        QCOMPARE(process.exitCode(), 0);
        const QString output = QString::fromUtf8(process.readAllStandardOutput()).trimmed();
        QVERIFY2(output.endsWith(QStringLiteral(HOOKDESK_VERSION)), qPrintable(output));
        QVERIFY2(output.startsWith(program), qPrintable(output));
    }

    void cliHelpAndUsageError()
    {
        QProcess help;
        help.start(TestSupport::executable(QStringLiteral("hookdesk-cli")), { QStringLiteral("--help") });
        QVERIFY(help.waitForFinished(30000));
        QCOMPARE(help.exitCode(), 0);
        QVERIFY(help.readAllStandardOutput().contains("Usage: hookdesk-cli"));

        QProcess bad;
        bad.start(TestSupport::executable(QStringLiteral("hookdesk-cli")), { QStringLiteral("no-such-command") });
        QVERIFY(bad.waitForFinished(30000));
        QCOMPARE(bad.exitCode(), 2);
    }
};

QTEST_GUILESS_MAIN(TestExecutables)
#include "tst_executables.moc"
