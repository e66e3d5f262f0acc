#pragma once

#include "awserror.h"

class QNetworkReply;

// The AwsError for a reply that ended without an HTTP answer (refused, reset, a TLS failure, an unknown host), with a
// message that says what to check. `timedOut`: the transfer timeout ended it (Kind::Timeout, else Kind::Network).
AwsError networkError(const QNetworkReply* reply, bool timedOut);
