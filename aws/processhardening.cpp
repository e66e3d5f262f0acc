#include "processhardening.h"

#include <QtGlobal>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif
#if defined(Q_OS_WIN)
#include <windows.h>
#endif

namespace ProcessHardening {

bool disableCoreDumps()
{
    bool ok = true;
#if defined(Q_OS_UNIX)
    const rlimit none { 0, 0 };
    ok = setrlimit(RLIMIT_CORE, &none) == 0 && ok;
#endif
#if defined(Q_OS_LINUX)
    // Also covers a core_pattern that pipes to a handler (systemd-coredump), which RLIMIT_CORE alone does not.
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
#if defined(Q_OS_WIN)
    // No fault dialog, so Windows Error Reporting does not offer to send a dump of this process. Excluding it
    // from WER's local dumps needs WerAddExcludedApplication and wer.lib, left to the installer.
    SetErrorMode(SetErrorMode(0) | SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
#endif
    return ok;
}

bool coreDumpsDisabled()
{
#if defined(Q_OS_UNIX)
    rlimit limit {};
    if (getrlimit(RLIMIT_CORE, &limit) != 0 || limit.rlim_cur != 0)
        return false;
#endif
#if defined(Q_OS_LINUX)
    return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0;
#elif defined(Q_OS_UNIX)
    return true;
#else
    return false;
#endif
}

} // namespace ProcessHardening
