#pragma once

struct AwsError;

// Process exit codes of hookdesk-cli. Scripts branch on these, so the numbers never change (documented in the README).
enum class CliExit : int {
    Ok = 0,
    AwsError = 1, // the service answered with an error (or an unreadable body)
    Usage = 2, // bad arguments, input rejected before sending, confirmation refused
    Credentials = 3, // no usable credentials, keychain unavailable or locked, keys rejected by AWS
    Network = 4, // connection refused/reset, DNS, TLS, timeout
    PartialFailure = 5, // a bulk action where some items failed (each item's outcome is printed)
    OutcomeNotRecorded = 6, // the action was sent but its outcome could not be written to the audit log
    KeepAliveEndedEarly = 7, // heartbeat --keep-alive: the GlobalTimeout ends the wait before the chosen time
};

inline int toInt(CliExit code)
{
    return static_cast<int>(code);
}

// Maps an aws/ error to the exit code a script sees. Service errors that mean "these keys are not accepted"
// (InvalidClientTokenId, SignatureDoesNotMatch, ExpiredToken…) count as credential errors: retrying the same
// command will not help, fixing the profile will.
CliExit exitCodeFor(const AwsError& error);
