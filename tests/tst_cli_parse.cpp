// hookdesk-cli command lines parsed into a CliInvocation, with nothing run: no context, no session, no event loop.
// Every kind of option (flag, text, list, greedy list, integer, duration), both value forms, repeats, "--",
// help in its three spellings, and each usage error with the words and the action the runner prints it with.
#include "cliinvocation.h"

#include <QTest>

using namespace Qt::StringLiterals;
using Action = CliInvocation::Action;

class TestCliParse : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void commandAndOptionsOfEveryType()
    {
        const CliInvocation groups = CliInvocation::parse(
            { u"groups"_s, u"--filter"_s, u"tag:env=prod"_s, u"--filter=tag-key=team"_s, u"--verbose"_s });
        QCOMPARE(groups.action, Action::Run);
        QVERIFY(groups.command);
        QCOMPARE(groups.command->name, u"groups"_s);
        QCOMPARE(groups.arguments.values(u"filter"_s), (QStringList { u"tag:env=prod"_s, u"tag-key=team"_s }));
        QVERIFY(groups.globals.verbose);
        QVERIFY(!groups.globals.json);

        const CliInvocation complete = CliInvocation::parse({ u"complete"_s, u"--group"_s, u"web"_s, u"--instance"_s,
            u"i-1"_s, u"i-2"_s, u"--instance"_s, u"i-3"_s, u"--result"_s, u"continue"_s, u"--yes"_s });
        QCOMPARE(complete.action, Action::Run);
        QCOMPARE(complete.command->name, u"complete"_s);
        QCOMPARE(complete.arguments.value(u"group"_s), u"web"_s);
        QCOMPARE(complete.arguments.values(u"instance"_s), (QStringList { u"i-1"_s, u"i-2"_s, u"i-3"_s }));
        QCOMPARE(complete.arguments.value(u"result"_s), u"continue"_s); // checked by the command, case-insensitively
        QVERIFY(complete.arguments.isSet(u"yes"_s));
        const CliInvocation commas = CliInvocation::parse(
            { u"heartbeat"_s, u"--instance"_s, u"i-1, i-2"_s, u"i-3"_s, u"--instance=i-1"_s, u"--yes"_s });
        QCOMPARE(commas.arguments.items(u"instance"_s), (QStringList { u"i-1"_s, u"i-2"_s, u"i-3"_s }));
        QVERIFY(!complete.arguments.isSet(u"all-pending"_s));

        const CliInvocation activities
            = CliInvocation::parse({ u"activities"_s, u"--group"_s, u"web"_s, u"--max"_s, u"250"_s });
        QCOMPARE(activities.action, Action::Run);
        QCOMPARE(activities.arguments.number(u"max"_s, 20), 250);
        const CliInvocation defaults = CliInvocation::parse({ u"activities"_s, u"--group=web"_s });
        QCOMPARE(defaults.arguments.number(u"max"_s, 20), 20);

        const CliInvocation keepAlive = CliInvocation::parse(
            { u"heartbeat"_s, u"--group"_s, u"web"_s, u"--instance"_s, u"i-1"_s, u"--keep-alive"_s, u"1h30m"_s });
        QCOMPARE(keepAlive.action, Action::Run);
        QCOMPARE(keepAlive.arguments.number(u"keep-alive"_s), 5400);

        const CliInvocation profileAdd = CliInvocation::parse(
            { u"profile"_s, u"add"_s, u"prod"_s, u"--region"_s, u"eu-west-1"_s, u"--duration"_s, u"900"_s });
        QCOMPARE(profileAdd.action, Action::Run);
        QCOMPARE(profileAdd.command->name, u"profile add"_s);
        QCOMPARE(profileAdd.arguments.positional(), QStringList { u"prod"_s });
        // The command's own --region, not the global one: the profile's region, not the session's.
        QCOMPARE(profileAdd.arguments.value(u"region"_s), u"eu-west-1"_s);
        QCOMPARE(profileAdd.arguments.number(u"duration"_s), 900);
    }

    void bothValueForms()
    {
        const CliInvocation separate = CliInvocation::parse(
            { u"--output"_s, u"json"_s, u"hooks"_s, u"--group"_s, u"web"_s, u"--region"_s, u"eu-west-1"_s });
        const CliInvocation inlined
            = CliInvocation::parse({ u"--output=json"_s, u"hooks"_s, u"--group=web"_s, u"--region=eu-west-1"_s });
        for (const CliInvocation& invocation : { separate, inlined }) {
            QCOMPARE(invocation.action, Action::Run);
            QCOMPARE(invocation.arguments.value(u"group"_s), u"web"_s);
            QCOMPARE(invocation.globals.regions, QStringList { u"eu-west-1"_s });
            QCOMPARE(invocation.globals.region(), u"eu-west-1"_s);
            QVERIFY(invocation.globals.json);
        }
        // An inline value may be empty, or start with dashes; a separate one may not start with "--".
        const CliInvocation empty = CliInvocation::parse(
            { u"put-hook"_s, u"--group=g"_s, u"--hook=h"_s, u"--target-arn="_s, u"--metadata=--odd"_s });
        QCOMPARE(empty.action, Action::Run);
        QVERIFY(empty.arguments.isSet(u"target-arn"_s));
        QCOMPARE(empty.arguments.value(u"target-arn"_s), QString());
        QCOMPARE(empty.arguments.value(u"metadata"_s), u"--odd"_s);
    }

    void globalOptionsBeforeAndAfterTheCommand()
    {
        const CliInvocation after = CliInvocation::parse({ u"--profile"_s, u"a"_s, u"--region"_s, u"eu-west-1"_s,
            u"groups"_s, u"--profile"_s, u"b"_s, u"--endpoint-url"_s, u"http://127.0.0.1:4566"_s });
        QCOMPARE(after.action, Action::Run);
        QCOMPARE(after.globals.profiles, QStringList { u"b"_s }); // after the command wins, as today
        QCOMPARE(after.globals.profile(), u"b"_s);
        QCOMPARE(after.globals.regions, QStringList { u"eu-west-1"_s });
        QCOMPARE(after.globals.endpointUrl, u"http://127.0.0.1:4566"_s);

        const CliInvocation none = CliInvocation::parse({ u"whoami"_s });
        QCOMPARE(none.action, Action::Run);
        QVERIFY(none.globals.profiles.isEmpty());
        QCOMPARE(none.globals.profile(), QString());
        QCOMPARE(none.globals.region(), QString());

        // --profile and --region repeat for the fleet commands (pending, groups, complete, heartbeat): profiles ×
        // regions.
        const CliInvocation fleet = CliInvocation::parse({ u"--profile"_s, u"a"_s, u"--profile"_s, u"b"_s, u"groups"_s,
            u"--region"_s, u"eu-west-1"_s, u"--region"_s, u"us-east-1"_s });
        QCOMPARE(fleet.action, Action::Run);
        QCOMPARE(fleet.globals.profiles, (QStringList { u"a"_s, u"b"_s }));
        QCOMPARE(fleet.globals.regions, (QStringList { u"eu-west-1"_s, u"us-east-1"_s }));
        QVERIFY(fleet.globals.isFleet());
        const CliInvocation all = CliInvocation::parse({ u"pending"_s, u"--all-profiles"_s });
        QCOMPARE(all.action, Action::Run);
        QVERIFY(all.globals.allProfiles && all.globals.isFleet());

        // Every other command takes one connection, and says so before anything is opened.
        const CliInvocation twice = CliInvocation::parse(
            { u"--profile"_s, u"a"_s, u"--profile"_s, u"b"_s, u"hooks"_s, u"--group"_s, u"g"_s });
        QCOMPARE(twice.action, Action::InvalidValue);
        QVERIFY(twice.error.startsWith(u"hooks works on one connection"_s));
        const CliInvocation regions = CliInvocation::parse(
            { u"terminate"_s, u"--region"_s, u"a"_s, u"--region"_s, u"b"_s, u"--instance"_s, u"i-1"_s });
        QCOMPARE(regions.action, Action::InvalidValue);
        QVERIFY(regions.error.startsWith(u"terminate works on one connection"_s));
        // complete and heartbeat act over several connections too.
        const CliInvocation complete = CliInvocation::parse({ u"complete"_s, u"--region"_s, u"a"_s, u"--region"_s,
            u"b"_s, u"--instance"_s, u"i-1"_s, u"--result"_s, u"CONTINUE"_s });
        QCOMPARE(complete.action, Action::Run);
        const CliInvocation heartbeat
            = CliInvocation::parse({ u"heartbeat"_s, u"--all-profiles"_s, u"--instance"_s, u"i-1"_s });
        QCOMPARE(heartbeat.action, Action::Run);
        const CliInvocation both = CliInvocation::parse({ u"pending"_s, u"--all-profiles"_s, u"--profile"_s, u"a"_s });
        QCOMPARE(both.action, Action::InvalidValue);
        QCOMPARE(both.error, u"use --all-profiles or --profile, not both"_s);
    }

    void usageErrorsOfTheCommandLine_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("error");
        QTest::newRow("unknown option") << QStringList { u"groups"_s, u"--colour"_s } << u"groups"_s
                                        << u"unknown option '--colour'"_s;
        QTest::newRow("unknown short option")
            << QStringList { u"groups"_s, u"-x"_s } << u"groups"_s << u"unknown option '-x'"_s;
        QTest::newRow("unknown global option")
            << QStringList { u"--colour"_s, u"groups"_s } << QString() << u"unknown option '--colour'"_s;
        QTest::newRow("missing value at the end")
            << QStringList { u"hooks"_s, u"--group"_s } << u"hooks"_s << u"option '--group' needs a value (G)"_s;
        QTest::newRow("missing value before an option") << QStringList { u"delete-hook"_s, u"--group"_s, u"--yes"_s }
                                                        << u"delete-hook"_s << u"option '--group' needs a value (G)"_s;
        QTest::newRow("value for a flag")
            << QStringList { u"delete-hook"_s, u"--yes=1"_s } << u"delete-hook"_s << u"option '--yes' takes no value"_s;
        QTest::newRow("option twice") << QStringList { u"hooks"_s, u"--group"_s, u"a"_s, u"--group"_s, u"b"_s }
                                      << u"hooks"_s << u"option '--group' given more than once"_s;
        QTest::newRow("stray word") << QStringList { u"whoami"_s, u"now"_s } << u"whoami"_s
                                    << u"unexpected argument 'now'"_s;
        QTest::newRow("two profile names") << QStringList { u"profile"_s, u"test"_s, u"a"_s, u"b"_s }
                                           << u"profile test"_s << u"unexpected argument 'b'"_s;
        QTest::newRow("unknown command") << QStringList { u"frobnicate"_s } << QString()
                                         << u"unknown command 'frobnicate'"_s;
        QTest::newRow("group without subcommand")
            << QStringList { u"profile"_s } << QString() << u"'profile' needs a subcommand:"_s;
    }

    void usageErrorsOfTheCommandLine()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, command);
        QFETCH(QString, error);
        const CliInvocation invocation = CliInvocation::parse(arguments);
        QCOMPARE(invocation.action, Action::UsageError);
        QCOMPARE(invocation.command ? invocation.command->name : QString(), command);
        QCOMPARE(invocation.error, error);
        QVERIFY(invocation.details.endsWith(u'\n'));
        if (!command.isEmpty())
            QCOMPARE(invocation.details, u"Run 'hookdesk-cli %1 --help' for usage.\n"_s.arg(command));
    }

    void subcommandsAreListed()
    {
        const CliInvocation invocation = CliInvocation::parse({ u"profile"_s });
        for (const char* sub : { "list", "add", "remove", "import", "test" })
            QVERIFY2(invocation.details.contains(u"  hookdesk-cli profile "_s + QLatin1String(sub)), sub);
    }

    // Values the declaration refuses: printed as a running command prints its usage errors (JSON too).
    void invalidValues_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("error");
        QTest::newRow("required missing") << QStringList { u"hooks"_s } << u"--group is required"_s;
        QTest::newRow("required blank") << QStringList { u"instances"_s, u"--group"_s, u" "_s }
                                        << u"--group is required"_s;
        QTest::newRow("second required") << QStringList { u"delete-hook"_s, u"--group"_s, u"g"_s }
                                         << u"--hook is required"_s;
        QTest::newRow("required before a bad number")
            << QStringList { u"activities"_s, u"--max"_s, u"x"_s } << u"--group is required"_s;
        QTest::newRow("integer not a number") << QStringList { u"activities"_s, u"--group=g"_s, u"--max=many"_s }
                                              << u"--max takes a number from 1 to 1000"_s;
        QTest::newRow("integer out of range") << QStringList { u"activities"_s, u"--group=g"_s, u"--max=1001"_s }
                                              << u"--max takes a number from 1 to 1000"_s;
        QTest::newRow("integer empty") << QStringList { u"activities"_s, u"--group=g"_s, u"--max="_s }
                                       << u"--max takes a number from 1 to 1000"_s;
        QTest::newRow("integer without range") << QStringList { u"put-hook"_s, u"--group=g"_s, u"--hook=h"_s,
            u"--heartbeat-timeout"_s, u"1m"_s } << u"--heartbeat-timeout takes a number of seconds (30 to 7200)"_s;
        QTest::newRow("duration") << QStringList { u"heartbeat"_s, u"--group=g"_s, u"--instance=i-1"_s,
            u"--keep-alive"_s, u"90"_s }
                                  << u"--keep-alive needs a duration such as 45s, 90m, 2h or 1h30m (at most 48h), "
                                     "not '90'"_s;
        QTest::newRow("duration too long")
            << QStringList { u"heartbeat"_s, u"--group=g"_s, u"--instance=i-1"_s, u"--keep-alive=49h"_s }
            << u"--keep-alive needs a duration such as 45s, 90m, 2h or 1h30m (at most 48h), "
               "not '49h'"_s;
        QTest::newRow("output") << QStringList { u"--output"_s, u"yaml"_s, u"groups"_s }
                                << u"--output must be 'table' or 'json', not 'yaml'"_s;
    }

    void invalidValues()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, error);
        const CliInvocation invocation = CliInvocation::parse(arguments);
        QCOMPARE(invocation.action, Action::InvalidValue);
        QVERIFY(invocation.command);
        QCOMPARE(invocation.error, error);
    }

    void invalidValueKnowsTheOutputFormat()
    {
        const CliInvocation invocation = CliInvocation::parse({ u"hooks"_s, u"--output"_s, u"json"_s });
        QCOMPARE(invocation.action, Action::InvalidValue);
        QVERIFY(invocation.globals.json); // so the runner also prints {"error": …}
        QCOMPARE(CliInvocation::parse({ u"--output="_s, u"whoami"_s }).action, Action::Run); // empty: the table
    }

    void help_data()
    {
        QTest::addColumn<QStringList>("arguments");
        QTest::addColumn<QString>("command");
        QTest::newRow("--help") << QStringList { u"--help"_s } << QString();
        QTest::newRow("-h") << QStringList { u"-h"_s } << QString();
        QTest::newRow("help") << QStringList { u"help"_s } << QString();
        QTest::newRow("command --help") << QStringList { u"complete"_s, u"--help"_s } << u"complete"_s;
        QTest::newRow("command -h") << QStringList { u"complete"_s, u"-h"_s } << u"complete"_s;
        QTest::newRow("--help command") << QStringList { u"--help"_s, u"complete"_s } << u"complete"_s;
        QTest::newRow("help command") << QStringList { u"help"_s, u"complete"_s } << u"complete"_s;
        QTest::newRow("help subcommand") << QStringList { u"help"_s, u"profile"_s, u"add"_s } << u"profile add"_s;
        // Help wins over values the command would refuse.
        QTest::newRow("help without required") << QStringList { u"hooks"_s, u"--help"_s } << u"hooks"_s;
        QTest::newRow("help with bad output")
            << QStringList { u"--output"_s, u"yaml"_s, u"groups"_s, u"-h"_s } << u"groups"_s;
    }

    void help()
    {
        QFETCH(QStringList, arguments);
        QFETCH(QString, command);
        const CliInvocation invocation = CliInvocation::parse(arguments);
        QCOMPARE(invocation.action, Action::Help);
        QVERIFY(invocation.text.startsWith(u"Usage: hookdesk-cli [GLOBAL OPTIONS] "_s + command));
        QCOMPARE(invocation.command ? invocation.command->name : QString(), command);
    }

    void noCommandAndVersion()
    {
        const CliInvocation bare = CliInvocation::parse({});
        QCOMPARE(bare.action, Action::UsageError);
        QVERIFY(bare.error.isEmpty());
        QVERIFY(bare.details.startsWith(u"Usage: hookdesk-cli"_s));
        QCOMPARE(CliInvocation::parse({ u"--verbose"_s }).action, Action::UsageError);

        const CliInvocation version = CliInvocation::parse({ u"--version"_s });
        QCOMPARE(version.action, Action::Version);
        QVERIFY(version.text.startsWith(u"hookdesk-cli "_s));
        QVERIFY(version.text.endsWith(u'\n'));
    }

    void doubleDashEndsTheOptions()
    {
        const CliInvocation invocation
            = CliInvocation::parse({ u"profile"_s, u"remove"_s, u"--yes"_s, u"--"_s, u"--odd-name"_s });
        QCOMPARE(invocation.action, Action::Run);
        QCOMPARE(invocation.arguments.positional(), QStringList { u"--odd-name"_s });
        QVERIFY(invocation.arguments.isSet(u"yes"_s));
        // Still one name at most.
        QCOMPARE(
            CliInvocation::parse({ u"profile"_s, u"remove"_s, u"a"_s, u"--"_s, u"b"_s }).action, Action::UsageError);
    }

    void optionTypes()
    {
        QCOMPARE(CliOption::flag(u"yes"_s, {}).type(), CliOption::Type::Flag);
        QCOMPARE(CliOption::text(u"group"_s, u"G"_s, {}).type(), CliOption::Type::Text);
        QCOMPARE(CliOption::list(u"filter"_s, u"F"_s, {}).type(), CliOption::Type::List);
        QCOMPARE(CliOption::words(u"instance"_s, u"I"_s, {}).type(), CliOption::Type::List);
        const CliOption count = CliOption::integer(u"n"_s, u"N"_s, {}, u"bad %1"_s, 1, 9);
        QCOMPARE(count.type(), CliOption::Type::Integer);
        QCOMPARE(count.problemWith(u"5"_s), QString());
        QCOMPARE(count.problemWith(u"10"_s), u"bad 10"_s);
        const CliOption wait = CliOption::duration(u"wait"_s, u"D"_s, {}, u"no"_s);
        QCOMPARE(wait.type(), CliOption::Type::Duration);
        QCOMPARE(wait.problemWith(u"2h"_s), QString());
        QCOMPARE(wait.problemWith(u"2x"_s), u"no"_s);
        QVERIFY(!wait.required);
        QVERIFY(wait.asRequired().required);
    }
};

QTEST_GUILESS_MAIN(TestCliParse)
#include "tst_cli_parse.moc"
