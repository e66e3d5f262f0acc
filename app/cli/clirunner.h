#pragma once

#include <QStringList>

class QCoreApplication;
class QTextStream;

// Entry point of hookdesk-cli. Kept in a library so tests can run commands in-process.
class CliRunner {
public:
    static int run(QCoreApplication& app);
    // Runs one command line (arguments without the program name) and returns the process exit code.
    static int run(const QStringList& arguments, QTextStream& out, QTextStream& err);
};
