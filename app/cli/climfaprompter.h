#pragma once

#include "mfaprompter.h"

class CliContext;

// MFA codes for role profiles, asked on the terminal ("MFA code for arn:…:mfa/alice: "), or read as one line of
// standard input when it is not a terminal. An empty answer or end of input cancels (the chain then fails clearly).
class CliMfaPrompter : public MfaPrompter {
    Q_OBJECT
public:
    explicit CliMfaPrompter(CliContext* context);
    void requestCode(const MfaRequest& request, const Callback& done) override;

private:
    CliContext* m_context;
};
