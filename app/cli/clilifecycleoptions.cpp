#include "clilifecycleoptions.h"

#include "cliarguments.h"
#include "lifecyclevalidation.h"

#include <QCoreApplication>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace {

// The selector rules, before the values are checked one by one.
QString selectorProblem(const LifecycleActionOptions& options)
{
    const int selectors = int(!options.instances.isEmpty()) + int(!options.token.isEmpty()) + int(options.allPending);
    if (selectors != 1)
        return QCoreApplication::translate("CliCommands", "give exactly one of --instance, --token or --all-pending");
    if (options.group.isEmpty() && options.instances.isEmpty())
        return QCoreApplication::translate(
            "CliCommands", "--group is required with --token and --all-pending (only --instance can find its group)");
    if (!options.token.isEmpty() && options.hook.isEmpty())
        return QCoreApplication::translate("CliCommands", "--token needs --hook: a token belongs to one hook");
    if (options.complete && options.result.isEmpty())
        return QCoreApplication::translate("CliCommands", "--result is required: CONTINUE or ABANDON");
    return {};
}

} // namespace

LifecycleActionOptions LifecycleActionOptions::parse(const CliArguments& arguments, bool complete, QString* problem)
{
    LifecycleActionOptions options;
    options.complete = complete;
    options.group = arguments.value(u"group"_s).trimmed();
    options.hook = arguments.value(u"hook"_s).trimmed();
    options.instances = arguments.items(u"instance"_s);
    options.token = arguments.value(u"token"_s).trimmed();
    options.allPending = arguments.isSet(u"all-pending"_s);
    if (complete)
        options.result = arguments.value(u"result"_s).trimmed().toUpper();
    *problem = selectorProblem(options);
    if (!problem->isEmpty())
        return options;
    QStringList problems { options.group.isEmpty() ? QString() : LifecycleValidation::groupNameError(options.group),
        options.hook.isEmpty() ? QString() : LifecycleValidation::hookNameError(options.hook),
        LifecycleValidation::tokenError(options.token),
        complete ? LifecycleValidation::actionResultError(options.result) : QString() };
    for (const QString& instance : std::as_const(options.instances))
        problems.append(LifecycleValidation::instanceIdShapeError(instance));
    const auto first = std::ranges::find_if(problems, [](const QString& text) { return !text.isEmpty(); });
    if (first != problems.cend())
        *problem = *first;
    return options;
}

QString LifecycleActionOptions::whatWeDo() const
{
    if (!complete)
        return QCoreApplication::translate("CliCommands", "send heartbeats for every waiting instance");
    return allPending ? QCoreApplication::translate("CliCommands", "%1 every waiting instance").arg(result)
                      : QCoreApplication::translate("CliCommands", "ABANDON instances");
}
