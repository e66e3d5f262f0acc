#include "simulatorfixture.h"
#include "testsupport.h"

#include <QProcess>
#include <QTest>

using namespace Qt::StringLiterals;

// AWS's own Python SDK against a hookdesk-sim process: if botocore parses every answer and sees the right error
// codes, the simulator is faithful enough for Hookdesk's tests to mean something. The script is
// tests/data/sim/boto3_lifecycle.py (group, hook, scale out, Pending:Wait, complete, InService, paginators,
// SignatureDoesNotMatch, InvalidClientTokenId, invalid hook name, AssumeRole credentials).
class TestSimBoto3 : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void boto3DrivesTheLifecycle()
    {
        const QString python = TestSupport::pythonWithMoto();
        if (python.isEmpty())
            QSKIP("no Python with boto3 on this machine");
        SimulatorProcess sim;
        QString error;
        QVERIFY2(sim.start({ u"--empty"_s, u"--time-scale"_s, u"20"_s }, &error), qPrintable(error));
        QProcess script;
        script.start(python,
            { TestSupport::dataDir() + u"/sim/boto3_lifecycle.py"_s, sim.url().toString(),
                sim.credentials().accessKeyId, sim.credentials().secretAccessKey });
        QVERIFY(script.waitForFinished(180000));
        const QByteArray out = script.readAllStandardOutput() + script.readAllStandardError();
        QVERIFY2(script.exitCode() == 0, out.constData());
        QVERIFY2(out.trimmed().endsWith("OK"), out.constData());
        QVERIFY2(sim.stop(), "hookdesk-sim did not exit cleanly on SIGTERM");
    }

    // IAM Identity Center with botocore's sso-oidc and sso models (tests/data/sim/boto3_sso.py): the device flow
    // with its exceptions, refresh, the portal's paginators, role credentials, logout.
    void boto3SignsInWithIdentityCenter()
    {
        const QString python = TestSupport::pythonWithMoto();
        if (python.isEmpty())
            QSKIP("no Python with boto3 on this machine");
        SimulatorProcess sim;
        QString error;
        QVERIFY2(sim.start({ u"--empty"_s, u"--sso-approve"_s, u"manual"_s }, &error), qPrintable(error));
        QProcess script;
        script.start(python, { TestSupport::dataDir() + u"/sim/boto3_sso.py"_s, sim.url().toString() });
        QVERIFY(script.waitForFinished(120000));
        const QByteArray out = script.readAllStandardOutput() + script.readAllStandardError();
        QVERIFY2(script.exitCode() == 0, out.constData());
        QVERIFY2(out.trimmed().endsWith("OK"), out.constData());
        QVERIFY2(sim.stop(), "hookdesk-sim did not exit cleanly on SIGTERM");
    }
};

QTEST_GUILESS_MAIN(TestSimBoto3)
#include "tst_sim_boto3.moc"
