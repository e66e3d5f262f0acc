#include "simulatorfixture.h"
#include "testsupport.h"

#include <QDir>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

// The AWS CLI against a hookdesk-sim process, as an operator types it (tests/data/sim/awscli_lifecycle.sh):
// create a group, put a hook, scale out, see Pending:Wait, complete, see InService, a paginated listing, and the
// right error codes for a second completion, a bad signature and an invalid hook name.
class TestSimAwsCli : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void awsCliDrivesTheLifecycle()
    {
        QString aws;
        const QString python = TestSupport::pythonWithMoto();
        if (!python.isEmpty() && QFileInfo::exists(QFileInfo(python).dir().filePath(u"aws"_s)))
            aws = QFileInfo(python).dir().filePath(u"aws"_s);
        if (aws.isEmpty())
            aws = QStandardPaths::findExecutable(u"aws"_s);
        if (aws.isEmpty())
            QSKIP("no AWS CLI on this machine");
        SimulatorProcess sim;
        QString error;
        QVERIFY2(sim.start({ u"--generate"_s, u"groups=2,instances=1,hooks=1,waiting=1"_s, u"--time-scale"_s, u"20"_s },
                     &error),
            qPrintable(error));
        QProcess script;
        script.start(u"bash"_s,
            { TestSupport::dataDir() + u"/sim/awscli_lifecycle.sh"_s, aws, sim.url().toString(),
                sim.credentials().accessKeyId, sim.credentials().secretAccessKey });
        QVERIFY(script.waitForFinished(240000));
        const QByteArray out = script.readAllStandardOutput() + script.readAllStandardError();
        QVERIFY2(script.exitCode() == 0, out.constData());
        QVERIFY2(out.trimmed().endsWith("OK"), out.constData());
        QVERIFY2(sim.stop(), "hookdesk-sim did not exit cleanly on SIGTERM");
    }
};

QTEST_GUILESS_MAIN(TestSimAwsCli)
#include "tst_sim_awscli.moc"
