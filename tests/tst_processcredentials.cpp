// credential_process run for real: small shell scripts stand in for the programs companies use (aws-vault,
// saml2aws, a vault agent). What they print becomes credentials, is reused until five minutes before its
// Expiration, and every way a program can fail is reported with what it said — never with what it printed on
// standard output, which may hold a secret.
#include "credentialfetch.h"
#include "processcredentialprovider.h"

#include <QDateTime>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using TestSupport::fetchCredentialsNow;

class TestProcessCredentials : public QObject {
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    // An executable script; every run appends a line to runs.log, so a test can count them.
    QString script(const QString& name, const QByteArray& body)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly))
            return {};
        file.write("#!/bin/sh\necho run >> '" + m_dir.filePath(u"runs.log"_s).toUtf8() + "'\n" + body);
        file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
        return path;
    }

    int runs() const
    {
        QFile log(m_dir.filePath(u"runs.log"_s));
        return log.open(QIODevice::ReadOnly) ? int(log.readAll().count('\n')) : 0;
    }

    static QByteArray printing(const QString& json) { return "cat <<'EOF'\n" + json.toUtf8() + "\nEOF\n"; }

private Q_SLOTS:
    void init() { QFile::remove(m_dir.filePath(u"runs.log"_s)); }

    void temporaryKeysAreReusedUntilShortlyBeforeTheyExpire()
    {
        const QString expiry = QDateTime::currentDateTimeUtc().addSecs(3600).toString(Qt::ISODate);
        const QString program = script(u"vault"_s,
            printing(u"{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESSEXAMPLE01\", \"SecretAccessKey\": \"s3cr3t\", "
                     "\"SessionToken\": \"tok\", \"Expiration\": \"%1\"}"_s.arg(expiry)));
        ProcessCredentialProvider provider(u"corp"_s, program + u" --profile 'corp admin'"_s);
        const auto first = fetchCredentialsNow(&provider);
        QVERIFY2(!first.error.isError(), qPrintable(first.error.toString()));
        QCOMPARE(first.credentials.accessKeyId, u"ASIAPROCESSEXAMPLE01"_s);
        QCOMPARE(first.credentials.sessionToken, u"tok"_s);
        QCOMPARE(first.credentials.expiration.toString(Qt::ISODate), expiry);
        QCOMPARE(fetchCredentialsNow(&provider).credentials.accessKeyId, u"ASIAPROCESSEXAMPLE01"_s);
        QCOMPARE(runs(), 1);
        provider.invalidate(); // after ExpiredToken
        QVERIFY(!fetchCredentialsNow(&provider).error.isError());
        QCOMPARE(runs(), 2);
    }

    void keysAboutToExpireAreFetchedAgain()
    {
        const QString soon = QDateTime::currentDateTimeUtc().addSecs(120).toString(Qt::ISODate);
        const QString program = script(u"short"_s,
            printing(u"{\"Version\": 1, \"AccessKeyId\": \"ASIA1\", \"SecretAccessKey\": \"s\", \"SessionToken\": "
                     "\"t\", \"Expiration\": \"%1\"}"_s.arg(soon)));
        ProcessCredentialProvider provider(u"corp"_s, program);
        QVERIFY(!fetchCredentialsNow(&provider).error.isError());
        QVERIFY(!fetchCredentialsNow(&provider).error.isError());
        QCOMPARE(runs(), 2);
    }

    void failuresSayWhatTheProgramSaid_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("expected");
        QTest::newRow("exit code") << QByteArray("echo 'token expired, run sso login' >&2\nexit 3\n")
                                   << u"exited with code 3: token expired, run sso login"_s;
        QTest::newRow("not JSON") << QByteArray("echo 'AKIASECRETLOOKING SecretValue123'\n") << u"not a JSON object"_s;
        QTest::newRow("version") << printing(u"{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"B\"}"_s)
                                 << u"\"Version\": 1"_s;
        QTest::newRow("no secret") << printing(u"{\"Version\": 1, \"AccessKeyId\": \"AKIAONLY\"}"_s)
                                   << u"lacks AccessKeyId or SecretAccessKey"_s;
        QTest::newRow("bad expiry") << printing(
            u"{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"SecretValue123\", "
            "\"Expiration\": \"tomorrow\"}"_s)
                                    << u"not an ISO 8601 time"_s;
    }

    void failuresSayWhatTheProgramSaid()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, expected);
        ProcessCredentialProvider provider(u"corp"_s, script(u"failing"_s, body));
        const auto fetched = fetchCredentialsNow(&provider);
        QCOMPARE(fetched.error.kind, AwsError::Kind::Credentials);
        QVERIFY2(fetched.error.message.contains(expected), qPrintable(fetched.error.message));
        QVERIFY2(fetched.error.message.contains(u"corp"_s), qPrintable(fetched.error.message));
        QVERIFY2(!fetched.error.message.contains(u"SecretValue123"_s), "the output was quoted");
    }

    void aProgramThatHangsIsStopped()
    {
        ProcessCredentialProvider provider(u"corp"_s, script(u"hang"_s, "sleep 30\n"));
        provider.setTimeoutMs(500);
        QElapsedTimer clock;
        clock.start();
        const auto fetched = fetchCredentialsNow(&provider);
        QVERIFY2(fetched.error.message.contains(u"did not finish"_s), qPrintable(fetched.error.message));
        QVERIFY(clock.elapsed() < 10000);
    }

    void aMissingProgramIsNamed()
    {
        ProcessCredentialProvider provider(u"corp"_s, m_dir.filePath(u"no-such-program"_s));
        const auto fetched = fetchCredentialsNow(&provider);
        QVERIFY2(fetched.error.message.contains(u"no-such-program"_s)
                && fetched.error.message.contains(u"could not be started"_s),
            qPrintable(fetched.error.message));
    }
};

QTEST_GUILESS_MAIN(TestProcessCredentials)
#include "tst_processcredentials.moc"
