#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

// The one error type every aws/ job reports. A job either has a result or one of these, never both.
struct AwsError {
    enum class Kind {
        None,
        Validation, // rejected before sending: bad input (no request went out)
        Credentials, // no usable credentials (keychain locked, profile missing, MFA refused…)
        Network, // connection refused/reset, DNS, TLS
        Timeout, // transfer timeout
        Service, // an AWS <ErrorResponse>: code + message + request ID
        UnreadableBody, // a body that is not the expected XML (HTML 500 page, truncated…)
    };

    Kind kind = Kind::None;
    int httpStatus = 0;
    QString code; // AWS error code, e.g. "ValidationError", "Throttling", "SignatureDoesNotMatch"
    QString message; // human-readable, safe to show (never contains secrets)
    QString type; // "Sender" or "Receiver" for Service errors
    QString requestId;
    QByteArray bodyStart; // first bytes of an unreadable body, for the message

    bool isError() const { return kind != Kind::None; }
    // CompleteLifecycleAction / RecordLifecycleActionHeartbeat on an action that is no longer active:
    // "No active Lifecycle Action found with instance ID i-…" (or "…with token …").
    bool isNoActiveLifecycleAction() const;
    bool isThrottling() const;
    // One line for a status bar or a CLI error: "ValidationError: message (request 1234…)".
    QString toString() const;

    static AwsError validation(const QString& message);
    static AwsError credentials(const QString& message);
};

Q_DECLARE_METATYPE(AwsError)
