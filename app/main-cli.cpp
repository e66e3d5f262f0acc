#include "clirunner.h"
#include "processhardening.h"
#include "resources.h"

#include <QCoreApplication>

int main(int argc, char* argv[])
{
    ProcessHardening::disableCoreDumps(); // first, before any key is read
    QCoreApplication app(argc, argv);
    // Messages, prompts and the confirmation wording follow the system locale where a translation exists.
    hookdesk_init_resources();
    hookdesk_install_translators();
    return CliRunner::run(app);
}
