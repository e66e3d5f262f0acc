// hookdesk-cli without a network: parsing, help, usage errors and their exit codes, confirmation refusal, the
// table layout, prompts, and `profile` commands on an in-memory keychain.
#include "awserror.h"
#include "cliarguments.h"
#include "cliexitcode.h"
#include "cliformat.h"
#include "cliprompt.h"
#include "clitable.h"
#include "fakeawsserver.h"
#include "secretstore.h"
#include "tst_cli_harness.h"

#include <QFile>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;

class TestCliUnit : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void helpListsEveryCommand()
    {
        CliHarness cli;
        const CliRun run = cli.run({ u"--help"_s });
        QCOMPARE(run.exitCode, 0);
        for (const char* command :
            { "whoami", "groups", "hooks", "instances", "pending", "activities", "complete", "heartbeat", "put-hook",
                "delete-hook", "profile list", "profile add", "profile remove", "profile import", "profile test" })
            QVERIFY2(run.out.contains(u"\n  "_s + QLatin1String(command) + u' '), command);
        const QStringList lines = run.out.split(u'\n');
        for (const QString& line : lines)
            QVERIFY2(line.size() <= 100, qPrintable(line));
        // No arguments at all: the same help, but on stderr and as a usage error.
        const CliRun bare = cli.run({});
        QCOMPARE(bare.exitCode, 2);
        QVERIFY(bare.out.isEmpty());
        QVERIFY(bare.err.contains(u"Usage: hookdesk-cli"_s));
    }

    void commandHelpThreeWays()
    {
        CliHarness cli;
        const CliRun a = cli.run({ u"complete"_s, u"--help"_s });
        const CliRun b = cli.run({ u"help"_s, u"complete"_s });
        const CliRun c = cli.run({ u"complete"_s, u"-h"_s });
        QCOMPARE(a.exitCode, 0);
        QVERIFY(a.out.contains(u"--all-pending"_s));
        QVERIFY(a.out.contains(u"already-completed"_s));
        QCOMPARE(b.out, a.out);
        QCOMPARE(c.out, a.out);
        const CliRun profileAdd = cli.run({ u"help"_s, u"profile"_s, u"add"_s });
        QCOMPARE(profileAdd.exitCode, 0);
        QVERIFY(profileAdd.out.contains(u"--source-profile"_s));
    }

    void usageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << u"unknown command"_s;
        QTest::newRow("unknown option") << QStringList { u"groups"_s, u"--colour"_s } << u"unknown option"_s;
        QTest::newRow("missing value") << QStringList { u"hooks"_s, u"--group"_s } << u"needs a value"_s;
        QTest::newRow("missing --group") << QStringList { u"hooks"_s } << u"--group is required"_s;
        QTest::newRow("bad --output") << QStringList { u"--output"_s, u"yaml"_s, u"groups"_s } << u"--output"_s;
        QTest::newRow("two selectors") << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--instance"_s, u"i-1"_s,
            u"--all-pending"_s, u"--result"_s, u"CONTINUE"_s }
                                       << u"exactly one of"_s;
        QTest::newRow("no selector") << QStringList { u"heartbeat"_s, u"--group"_s, u"g"_s } << u"exactly one of"_s;
        QTest::newRow("token without group") << QStringList { u"heartbeat"_s, u"--hook"_s, u"h"_s, u"--token"_s,
            u"2ed3a9c4-3d9e-4f2f-a6b7-123456789012"_s }
                                             << u"--group is required with --token"_s;
        QTest::newRow("all-pending without group") << QStringList { u"complete"_s, u"--all-pending"_s, u"--result"_s,
            u"CONTINUE"_s, u"--yes"_s } << u"--group is required"_s;
        QTest::newRow("empty role alone") << QStringList { u"put-hook"_s, u"--group"_s, u"g"_s, u"--hook"_s, u"h"_s,
            u"--role-arn"_s, QString() } << u"role ARN cannot be emptied"_s;
        QTest::newRow("token without hook") << QStringList { u"heartbeat"_s, u"--group"_s, u"g"_s, u"--token"_s,
            u"2ed3a9c4-3d9e-4f2f-a6b7-123456789012"_s }
                                            << u"--token needs --hook"_s;
        QTest::newRow("bad result") << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--instance"_s, u"i-1"_s,
            u"--result"_s, u"MAYBE"_s }
                                    << u"CONTINUE"_s;
        QTest::newRow("missing result") << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--instance"_s,
            u"i-1"_s } << u"--result"_s;
        QTest::newRow("heartbeat timeout range") << QStringList { u"put-hook"_s, u"--group"_s, u"g"_s, u"--hook"_s,
            u"h"_s, u"--heartbeat-timeout"_s, u"10"_s }
                                                 << u"30"_s;
        QTest::newRow("target without role") << QStringList { u"put-hook"_s, u"--group"_s, u"g"_s, u"--hook"_s, u"h"_s,
            u"--target-arn"_s, u"arn:aws:sns:us-east-1:123456789012:t"_s }
                                             << u"--role-arn"_s;
        QTest::newRow("bad transition") << QStringList { u"put-hook"_s, u"--group"_s, u"g"_s, u"--hook"_s, u"h"_s,
            u"--transition"_s, u"sideways"_s }
                                        << u"launch or terminate"_s;
        QTest::newRow("option twice") << QStringList { u"hooks"_s, u"--group"_s, u"a"_s, u"--group"_s, u"b"_s }
                                      << u"more than once"_s;
        QTest::newRow("profile needs subcommand") << QStringList { u"profile"_s } << u"subcommand"_s;
        QTest::newRow("secret as argument is refused") << QStringList { u"profile"_s, u"add"_s, u"x"_s, u"--region"_s,
            u"eu-west-1"_s, u"--secret-access-key"_s, u"abc"_s }
                                                       << u"unknown option"_s;
        QTest::newRow("bad filter") << QStringList { u"groups"_s, u"--filter"_s, u"env=prod"_s } << u"tag:KEY=VALUE"_s;
        // Issue 17: shapes are checked before any request (the closed port would turn a sent one into exit 4).
        QTest::newRow("not an instance ID") << QStringList {
            u"complete"_s, u"--group"_s, u"g"_s, u"--instance"_s, u"x-123"_s, u"--result"_s, u"CONTINUE"_s, u"--yes"_s
        } << u"x-123 is not an instance ID (i- followed by 8 or 17 hexadecimal digits)"_s;
        QTest::newRow("short instance ID") << QStringList { u"heartbeat"_s, u"--group"_s, u"g"_s, u"--instance"_s,
            u"i-0123456789abcdef0"_s, u"i-123"_s }
                                           << u"i-123 is not an instance ID"_s;
        QTest::newRow("keep-alive instance ID") << QStringList { u"heartbeat"_s, u"--group"_s, u"g"_s, u"--instance"_s,
            u"i-XYZ01234"_s, u"--keep-alive"_s, u"1h"_s }
                                                << u"i-XYZ01234 is not an instance ID"_s;
        QTest::newRow("hook name shape") << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--hook"_s,
            u"warm up"_s, u"--instance"_s, u"i-0123abcd"_s, u"--result"_s, u"CONTINUE"_s, u"--yes"_s }
                                         << u"A hook name may only contain"_s;
        QTest::newRow("delete-hook group shape") << QStringList { u"delete-hook"_s, u"--group"_s, u"g\u0001"_s,
            u"--hook"_s, u"h"_s, u"--yes"_s } << u"control characters"_s;
    }

    void usageErrorsExitTwo()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, message);
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIAEXAMPLE"_s, u"secret"_s, u"us-east-1"_s);
        // A closed port: if a usage error let a request out, the test would see exit 4 instead of 2.
        const CliRun run = cli.run(arguments + QStringList { u"--endpoint-url"_s, u"http://127.0.0.1:9"_s });
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(message), run.describe());
        QVERIFY(run.out.isEmpty());
    }

    void usageErrorAsJson()
    {
        CliHarness cli;
        const CliRun run = cli.run({ u"--output=json"_s, u"hooks"_s });
        QCOMPARE(run.exitCode, 2);
        const QJsonObject error = run.json().value(u"error"_s).toObject();
        QCOMPARE(error.value(u"exitCode"_s).toInt(), 2);
        QCOMPARE(error.value(u"code"_s).toString(), u"UsageError"_s);
        QVERIFY(error.value(u"message"_s).toString().contains(u"--group"_s));
    }

    // ABANDON, --all-pending and delete-hook refuse without --yes when nobody can answer; nothing is sent.
    void confirmationRefusedWithoutTerminal_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::newRow("abandon") << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--instance"_s, u"i-0123abcd"_s,
            u"--result"_s, u"abandon"_s };
        QTest::newRow("all-pending continue")
            << QStringList { u"complete"_s, u"--group"_s, u"g"_s, u"--all-pending"_s, u"--result"_s, u"CONTINUE"_s };
        QTest::newRow("all-pending heartbeat")
            << QStringList { u"heartbeat"_s, u"--group"_s, u"g"_s, u"--all-pending"_s };
        QTest::newRow("delete-hook") << QStringList { u"delete-hook"_s, u"--group"_s, u"g"_s, u"--hook"_s, u"h"_s };
    }

    void confirmationRefusedWithoutTerminal()
    {
        QFETCH(QStringList, arguments);
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIAEXAMPLE"_s, u"secret"_s, u"us-east-1"_s);
        cli.input = "yes\n"; // piped text is not a confirmation
        const CliRun run = cli.run(arguments + QStringList { u"--endpoint-url"_s, u"http://127.0.0.1:9"_s });
        QVERIFY2(run.exitCode == 2, run.describe());
        QVERIFY2(run.err.contains(u"without --yes"_s), run.describe());
        QVERIFY2(!QFile::exists(cli.auditPath), "nothing may be attempted");
    }

    void connectionFailureExitsFour()
    {
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIAEXAMPLE"_s, u"secret"_s, u"us-east-1"_s);
        const CliRun run = cli.run({ u"groups"_s, u"--endpoint-url"_s, u"http://127.0.0.1:9"_s });
        QVERIFY2(run.exitCode == 4, run.describe());
    }

    void missingCredentialsExitThree()
    {
        CliHarness cli;
        const CliRun run = cli.run({ u"groups"_s, u"--region"_s, u"us-east-1"_s, u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 3, run.describe());
        QCOMPARE(run.json().value(u"error"_s).toObject().value(u"kind"_s).toString(), u"credentials"_s);
        const CliRun unknown = cli.run({ u"--profile"_s, u"nope"_s, u"groups"_s });
        QVERIFY2(unknown.exitCode == 3, unknown.describe());
    }

    void exitCodeMapping()
    {
        AwsError error;
        QCOMPARE(exitCodeFor(error), CliExit::Ok);
        error.kind = AwsError::Kind::Service;
        error.code = u"ValidationError"_s;
        QCOMPARE(exitCodeFor(error), CliExit::AwsError);
        error.code = u"SignatureDoesNotMatch"_s;
        QCOMPARE(exitCodeFor(error), CliExit::Credentials);
        error.code = u"InvalidClientTokenId"_s;
        QCOMPARE(exitCodeFor(error), CliExit::Credentials);
        error.kind = AwsError::Kind::Timeout;
        QCOMPARE(exitCodeFor(error), CliExit::Network);
        error.kind = AwsError::Kind::UnreadableBody;
        QCOMPARE(exitCodeFor(error), CliExit::AwsError);
        QCOMPARE(exitCodeFor(AwsError::validation(u"x"_s)), CliExit::Usage);
        QCOMPARE(exitCodeFor(AwsError::credentials(u"x"_s)), CliExit::Credentials);
    }

    void argumentForms()
    {
        const QList<CliOption> options { { u"group"_s, u"G"_s, {} }, { u"instance"_s, u"I"_s, {}, true, true },
            { u"yes"_s, {}, {} } };
        CliArguments args;
        QVERIFY(args.parse(
            { u"--group=web"_s, u"--instance"_s, u"i-1"_s, u"i-2"_s, u"--yes"_s, u"--instance"_s, u"i-3"_s }, options));
        QCOMPARE(args.value(u"group"_s), u"web"_s);
        QCOMPARE(args.values(u"instance"_s), (QStringList { u"i-1"_s, u"i-2"_s, u"i-3"_s }));
        QVERIFY(args.isSet(u"yes"_s));
        QVERIFY(!args.parse({ u"--yes=1"_s }, options));
        QVERIFY(!args.parse({ u"stray"_s }, options));
        QVERIFY(args.parse({ u"name"_s, u"--"_s, u"--not-an-option"_s }, options, 2));
        QCOMPARE(args.positional(), (QStringList { u"name"_s, u"--not-an-option"_s }));
    }

    // Issue 17: text from AWS cannot drive the terminal; tabs and line breaks stay (the table flattens them).
    void controlAndBidiCharactersAreEscaped()
    {
        QCOMPARE(CliFormat::terminalSafe(u"plain name"_s), u"plain name"_s);
        QCOMPARE(CliFormat::terminalSafe(u"a\x1b[31mred\x07"_s), u"a\\x1b[31mred\\x07"_s);
        QCOMPARE(
            CliFormat::terminalSafe(u"evil\u202Egnp.exe \u2066x\u2069"_s), u"evil\\u202egnp.exe \\u2066x\\u2069"_s);
        QCOMPARE(CliFormat::terminalSafe(u"csi\u009B2J del\x7f cr\r"_s), u"csi\\u009b2J del\\x7f cr\\x0d"_s);
        QCOMPARE(CliFormat::terminalSafe(u"line one\n\tline two"_s), u"line one\n\tline two"_s);
        QCOMPARE(CliFormat::terminalSafe(u"ünïcødé ☃"_s), u"ünïcødé ☃"_s);

        CliTable table({ { u"NAME"_s }, { u"STATE"_s } });
        table.addRow({ u"web\u202E\x1b]0;pwned\x07"_s, u"InService"_s });
        const QString text = table.render();
        QVERIFY2(text.contains(u"web\\u202e\\x1b]0;pwned\\x07  InService"_s), qPrintable(text));
        QVERIFY(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x202E)));
    }

    // Issue 17: an error message from the server is printed escaped (and whole in JSON, which escapes it itself).
    void serverErrorTextIsEscaped()
    {
        FakeAwsServer server;
        QVERIFY(server.listen());
        // XML cannot carry C0 controls (ESC), but C1 ones (U+009B is CSI to some terminals) and bidi overrides it can.
        server.respondError(400, "ValidationError",
            "Group \xc2\x9b"
            "2J\xe2\x80\xae not here");
        CliHarness cli;
        cli.setEnvironmentCredentials(u"AKIAEXAMPLE"_s, u"secret"_s, u"us-east-1"_s);
        const CliRun run = cli.run({ u"groups"_s, u"--endpoint-url"_s, server.url().toString() });
        QVERIFY2(run.exitCode != 0, run.describe());
        QVERIFY2(run.err.contains(u"Group \\u009b2J\\u202e not here"_s), run.describe());
        QVERIFY(!run.err.contains(QChar(0x9B)) && !run.err.contains(QChar(0x202E)));
    }

    void tableAlignsAndFitsHundredColumns()
    {
        CliTable table({ { u"INSTANCE"_s }, { u"COUNT"_s, CliTable::Align::Right },
            { u"DESCRIPTION"_s, CliTable::Align::Left, true, 12 }, { u"STATE"_s } });
        table.addRow({ u"i-0123456789abcdef0"_s, u"7"_s, QString(150, u'x'), u"Pending:Wait"_s });
        table.addRow({ u"i-1"_s, u"1234"_s, u"short\ttext\nwith breaks"_s, u"InService"_s });
        const QStringList lines = table.render().split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 3);
        for (const QString& line : lines)
            QVERIFY2(line.size() <= 100, qPrintable(line));
        // Every column starts at the same offset on every line; identifiers are whole.
        const qsizetype stateColumn = lines.at(0).indexOf(u"STATE"_s);
        QCOMPARE(lines.at(1).indexOf(u"Pending:Wait"_s), stateColumn);
        QCOMPARE(lines.at(2).indexOf(u"InService"_s), stateColumn);
        QVERIFY(lines.at(1).startsWith(u"i-0123456789abcdef0  "_s));
        QVERIFY(lines.at(1).contains(u"x…"_s));
        // Right-aligned numbers end under the end of their header.
        const qsizetype countEnd = lines.at(0).indexOf(u"COUNT"_s) + 5;
        QCOMPARE(lines.at(1).indexOf(u" 7 "_s) + 2, countEnd);
        QCOMPARE(lines.at(2).indexOf(u"1234"_s) + 4, countEnd);
        QVERIFY(!lines.at(2).contains(u'\t'));
        // Nothing to cut: nothing is cut.
        CliTable narrow({ { u"A"_s }, { u"B"_s, CliTable::Align::Left, true } });
        narrow.addRow({ u"1"_s, u"two words"_s });
        QCOMPARE(narrow.render(), u"A  B\n1  two words\n"_s);
    }

    void promptReadsLinesAndConfirms()
    {
        QBuffer in;
        in.setData("AKIA1\r\nsecret value\n2\nno\n");
        in.open(QIODevice::ReadOnly);
        QString errText;
        QTextStream err(&errText);
        CliIo io;
        io.err = &err;
        io.in = &in;
        io.inputIsTerminal = true; // prompts are shown; there is no real terminal to turn echo off on
        CliPrompt prompt(io);
        QCOMPARE(prompt.readLine(u"Key: "_s).value_or(QString()), u"AKIA1"_s);
        QCOMPARE(prompt.readLine(u"Secret: "_s, true).value_or(QString()), u"secret value"_s);
        QVERIFY(prompt.confirmByTyping(u"Abandon 2?"_s, u"2"_s));
        QVERIFY(!prompt.confirmByTyping(u"Abandon 2?"_s, u"2"_s));
        QVERIFY(!prompt.readLine(u"More: "_s).has_value());
        err.flush();
        QVERIFY(errText.contains(u"Key: "_s));
        QVERIFY(errText.contains(u"Type 2 to confirm"_s));
        QVERIFY(!errText.contains(u"secret value"_s));
    }

    void profileAddFromStdinListAndRemove()
    {
        MemorySecretStore secrets;
        CliHarness cli;
        cli.secrets = &secrets;
        const QString secret = u"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"_s;
        cli.input = "AKIAIOSFODNN7EXAMPLE\n" + secret.toUtf8() + "\n";
        const CliRun add = cli.run({ u"profile"_s, u"add"_s, u"prod"_s, u"--region"_s, u"eu-west-1"_s,
            u"--endpoint-url"_s, u"http://127.0.0.1:4566"_s });
        QVERIFY2(add.exitCode == 0, add.describe());
        QVERIFY(!add.out.contains(secret) && !add.err.contains(secret));
        QVERIFY(std::any_of(secrets.entries().cbegin(), secrets.entries().cend(),
            [&](const QString& value) { return value == secret; }));
        QFile settings(cli.profilesPath);
        QVERIFY(settings.open(QIODevice::ReadOnly));
        const QByteArray metadata = settings.readAll();
        QVERIFY(metadata.contains("prod"));
        QVERIFY(!metadata.contains(secret.toUtf8()));

        const CliRun again = cli.run({ u"profile"_s, u"add"_s, u"prod"_s, u"--region"_s, u"eu-west-1"_s });
        QCOMPARE(again.exitCode, 2);

        cli.input.clear();
        const CliRun role = cli.run({ u"profile"_s, u"add"_s, u"admin"_s, u"--region"_s, u"eu-west-1"_s,
            u"--role-arn"_s, u"arn:aws:iam::123456789012:role/admin"_s, u"--source-profile"_s, u"prod"_s,
            u"--mfa-serial"_s, u"arn:aws:iam::123456789012:mfa/alice"_s });
        QVERIFY2(role.exitCode == 0, role.describe());

        const CliRun list = cli.run({ u"profile"_s, u"list"_s, u"--output"_s, u"json"_s });
        QCOMPARE(list.exitCode, 0);
        const QJsonArray profiles = list.json().value(u"profiles"_s).toArray();
        QCOMPARE(profiles.size(), 2);
        const QJsonObject admin = profiles.at(0).toObject();
        QCOMPARE(admin.value(u"name"_s).toString(), u"admin"_s);
        QCOMPARE(admin.value(u"roleArn"_s).toString(), u"arn:aws:iam::123456789012:role/admin"_s);
        QCOMPARE(admin.value(u"sourceProfile"_s).toString(), u"prod"_s);
        QCOMPARE(admin.value(u"mfaSerial"_s).toString(), u"arn:aws:iam::123456789012:mfa/alice"_s);
        QCOMPARE(admin.value(u"durationSeconds"_s).toInt(), 3600);
        QCOMPARE(admin.value(u"hasStoredKeys"_s).toBool(), false);
        const QJsonObject prod = profiles.at(1).toObject();
        QCOMPARE(prod.value(u"region"_s).toString(), u"eu-west-1"_s);
        QCOMPARE(prod.value(u"endpointUrl"_s).toString(), u"http://127.0.0.1:4566"_s);
        QCOMPARE(prod.value(u"hasStoredKeys"_s).toBool(), true);
        QVERIFY(prod.value(u"roleArn"_s).isNull());

        const CliRun table = cli.run({ u"profile"_s, u"list"_s });
        QVERIFY(table.out.startsWith(u"PROFILE"_s));
        QVERIFY(table.out.contains(u"keychain"_s));

        const CliRun refused = cli.run({ u"profile"_s, u"remove"_s, u"prod"_s });
        QCOMPARE(refused.exitCode, 2);
        const CliRun removed = cli.run({ u"profile"_s, u"remove"_s, u"prod"_s, u"--yes"_s });
        QVERIFY2(removed.exitCode == 0, removed.describe());
        QVERIFY(std::none_of(secrets.entries().cbegin(), secrets.entries().cend(),
            [&](const QString& value) { return value == secret; }));
    }

    void profileAddNeedsKeys()
    {
        MemorySecretStore secrets;
        CliHarness cli;
        cli.secrets = &secrets;
        cli.input = "AKIAONLYTHEID\n";
        const CliRun run = cli.run({ u"profile"_s, u"add"_s, u"x"_s, u"--region"_s, u"eu-west-1"_s });
        QVERIFY2(run.exitCode == 3, run.describe());
        QVERIFY(secrets.entries().isEmpty());
        QVERIFY(!QFile::exists(cli.profilesPath) || !QFile(cli.profilesPath).size());
    }

    void profileAddKeychainLockedExitsThree()
    {
        MemorySecretStore secrets;
        secrets.setFailure(SecretError::Kind::Locked);
        CliHarness cli;
        cli.secrets = &secrets;
        cli.input = "AKIAIOSFODNN7EXAMPLE\nsecret\n";
        const CliRun run = cli.run({ u"profile"_s, u"add"_s, u"x"_s, u"--region"_s, u"eu-west-1"_s });
        QVERIFY2(run.exitCode == 3, run.describe());
    }

    void profileTerminalPromptsAndConfirmation()
    {
        MemorySecretStore secrets;
        CliHarness cli;
        cli.secrets = &secrets;
        cli.terminal = true;
        cli.input = "AKIAIOSFODNN7EXAMPLE\ntopsecret\n\n";
        const CliRun add = cli.run({ u"profile"_s, u"add"_s, u"dev"_s, u"--region"_s, u"us-west-2"_s });
        QVERIFY2(add.exitCode == 0, add.describe());
        QVERIFY(add.err.contains(u"Access key ID: "_s));
        QVERIFY(add.err.contains(u"Secret access key: "_s));
        QVERIFY(!add.err.contains(u"topsecret"_s));

        cli.input = "wrong\n";
        const CliRun notConfirmed = cli.run({ u"profile"_s, u"remove"_s, u"dev"_s });
        QCOMPARE(notConfirmed.exitCode, 2);
        cli.input = "dev\n";
        const CliRun confirmed = cli.run({ u"profile"_s, u"remove"_s, u"dev"_s });
        QVERIFY2(confirmed.exitCode == 0, confirmed.describe());
    }

    void profileImportFromDirectory()
    {
        MemorySecretStore secrets;
        CliHarness cli;
        cli.secrets = &secrets;
        QFile credentials(cli.dir.filePath(u"credentials"_s));
        QVERIFY(credentials.open(QIODevice::WriteOnly));
        credentials.write(
            "[default]\naws_access_key_id = AKIAIMPORTED0000001\naws_secret_access_key = imported/secret\n");
        credentials.close();
        QFile config(cli.dir.filePath(u"config"_s));
        QVERIFY(config.open(QIODevice::WriteOnly));
        config.write("[default]\nregion = eu-central-1\n[profile sso]\nsso_start_url = https://x.awsapps.com/start\n");
        config.close();
        const CliRun run
            = cli.run({ u"profile"_s, u"import"_s, u"--from"_s, cli.dir.path(), u"--output"_s, u"json"_s });
        QVERIFY2(run.exitCode == 0, run.describe());
        QCOMPARE(run.json().value(u"imported"_s).toArray(), QJsonArray { u"default"_s });
        QCOMPARE(run.json().value(u"unsupported"_s).toArray().at(0).toObject().value(u"name"_s).toString(), u"sso"_s);
        const CliRun list = cli.run({ u"profile"_s, u"list"_s, u"--output"_s, u"json"_s });
        QCOMPARE(list.json().value(u"profiles"_s).toArray().at(0).toObject().value(u"region"_s).toString(),
            u"eu-central-1"_s);
    }
};

QTEST_GUILESS_MAIN(TestCliUnit)
#include "tst_cli_unit.moc"
