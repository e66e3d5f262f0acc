#pragma once

// What every Hookdesk executable does first, before any key is read: a crash must not write the process memory
// (secret keys, session tokens, the keychain's answers) to a core file or a crash report.
namespace ProcessHardening {

// Linux: prctl(PR_SET_DUMPABLE, 0) (no core, no ptrace by other processes of the user) and RLIMIT_CORE 0;
// macOS and other Unixes: RLIMIT_CORE 0; Windows: no fault dialog (SetErrorMode).
// Returns false when a step the platform has failed (the process carries on; the caller may log it).
bool disableCoreDumps();

// True when the platform confirms core files are off for this process (tests; false where it cannot tell).
bool coreDumpsDisabled();

} // namespace ProcessHardening
