#pragma once

#include "credentialprovider.h"

#include <QTest>
#include <memory>

namespace TestSupport {

// What one CredentialProvider::fetchCredentials() answered, waited for in a test (never in production code).
struct FetchedCredentials {
    bool done = false;
    Credentials credentials;
    AwsError error;
};

inline FetchedCredentials fetchCredentialsNow(CredentialProvider* provider, int timeoutMs = 30000)
{
    auto result = std::make_shared<FetchedCredentials>();
    provider->fetchCredentials([result](const Credentials& credentials, const AwsError& error) {
        result->done = true;
        result->credentials = credentials;
        result->error = error;
    });
    if (!QTest::qWaitFor([&] { return result->done; }, timeoutMs))
        return {};
    return *result;
}

} // namespace TestSupport
