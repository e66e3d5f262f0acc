#pragma once

#include "awserror.h"
#include "credentials.h"

#include <QObject>
#include <functional>

// Where a QueryClient gets credentials for each request. Asynchronous because the answer may need the keychain,
// an STS AssumeRole call or an MFA prompt. `done` is called exactly once, never synchronously re-entering the
// caller's slot in a way that starts another keychain job (queue it).
class CredentialProvider : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const Credentials& credentials, const AwsError& error)>;
    using QObject::QObject;

    virtual void fetchCredentials(const Callback& done) = 0;
    // Forget cached credentials (after ExpiredToken or a profile change) so the next fetch gets fresh ones.
    virtual void invalidate() { }
};

// Fixed credentials: from the environment, from a test, or the simulator's demo keys.
class StaticCredentialProvider : public CredentialProvider {
    Q_OBJECT
public:
    explicit StaticCredentialProvider(const Credentials& credentials, QObject* parent = nullptr);
    void fetchCredentials(const Callback& done) override;

private:
    Credentials m_credentials;
};
