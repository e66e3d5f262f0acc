#pragma once

// Runs hookdesk-cli command lines in-process, through the same CliRunner the executable uses, with buffers for
// stdout/stderr/stdin and a chosen "standard input is a terminal" flag. Shared by the tst_cli_* tests.
#include "clirunner.h"
#include "secretstore.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTextStream>

struct CliRun {
    int exitCode = -1;
    QString out;
    QString err;

    QJsonObject json() const
    {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(out.toUtf8(), &error);
        return error.error == QJsonParseError::NoError ? document.object() : QJsonObject();
    }
    bool isJson() const { return QJsonDocument::fromJson(out.toUtf8()).isObject(); }
    // "out: … err: …" for QVERIFY2 messages.
    QByteArray describe() const
    {
        return (QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(exitCode).arg(out, err)).toUtf8();
    }
};

class CliHarness {
public:
    CliHarness()
    {
        profilesPath = dir.filePath(QStringLiteral("profiles.ini"));
        auditPath = dir.filePath(QStringLiteral("audit.jsonl"));
    }

    // Keys for the environment the command sees (it never sees the test process's own environment).
    void setEnvironmentCredentials(const QString& keyId, const QString& secret, const QString& region)
    {
        environment.insert(QStringLiteral("AWS_ACCESS_KEY_ID"), keyId);
        environment.insert(QStringLiteral("AWS_SECRET_ACCESS_KEY"), secret);
        environment.insert(QStringLiteral("AWS_REGION"), region);
    }

    CliRun run(const QStringList& arguments, int timeoutMs = 20000)
    {
        QBuffer in;
        in.setData(input);
        in.open(QIODevice::ReadOnly);
        CliRun result;
        QTextStream out(&result.out);
        QTextStream err(&result.err);
        CliIo io;
        io.out = &out;
        io.err = &err;
        io.in = &in;
        io.inputIsTerminal = terminal;
        CliRunner runner(io);
        runner.setEnvironment(environment);
        runner.setProfileSettingsPath(profilesPath);
        runner.setAuditLogPath(auditPath);
        if (secrets)
            runner.setSecretStore(secrets);
        QSignalSpy finished(&runner, &CliRunner::finished);
        runner.start(arguments);
        if (!runner.isFinished())
            finished.wait(timeoutMs);
        out.flush();
        err.flush();
        result.exitCode = runner.isFinished() ? runner.exitCode() : -1;
        return result;
    }

    QTemporaryDir dir;
    QProcessEnvironment environment;
    QByteArray input; // standard input of the next run
    bool terminal = false; // pretend standard input is a terminal (prompts and confirmations are asked)
    SecretStore* secrets = nullptr;
    QString profilesPath;
    QString auditPath;
};
