#include "climfaprompter.h"

#include "clicontext.h"

#include <QTimer>

CliMfaPrompter::CliMfaPrompter(CliContext* context)
    : MfaPrompter(context)
    , m_context(context)
{
}

void CliMfaPrompter::requestCode(const MfaRequest& request, const Callback& done)
{
    const QString device = request.mfaSerial.isEmpty() ? request.roleArn : request.mfaSerial;
    const std::optional<QString> code
        = m_context->prompt().readLine(tr("MFA code for %1 (profile %2): ").arg(device, request.profile), false);
    const QString answer = code ? code->trimmed() : QString();
    // The interface promises an asynchronous answer; the prompt itself has already blocked for the person.
    QTimer::singleShot(0, this, [done, answer] { done(answer); });
}
