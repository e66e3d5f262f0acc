#pragma once

#include <QString>
#include <QStringList>

class CliArguments;

// What `complete` or `heartbeat` is asked to act on: read from the command line and checked once, for the command
// on one connection and for the one over several (cmdfleetlifecycle.cpp), so both accept exactly the same forms.
struct LifecycleActionOptions {
    bool complete = false;
    bool allPending = false;
    QString group;
    QString hook;
    QString token;
    QString result; // CONTINUE | ABANDON, upper-cased; complete only
    QStringList instances;

    // The options, and in `problem` the first usage problem (exit 2), empty when there is none.
    static LifecycleActionOptions parse(const CliArguments& arguments, bool complete, QString* problem);

    // ABANDON and --all-pending are confirmed (typed, or --yes).
    bool needsConfirmation() const { return allPending || result == QLatin1String("ABANDON"); }
    // "ABANDON instances", … for "refusing to %1 without --yes".
    QString whatWeDo() const;
};
