#include "sessionidentity.h"

#include "awssession.h"

#include <memory>
#include <utility>

namespace SessionIdentity {

void whenKnown(AwsSession* session, QObject* context, const std::function<void()>& then)
{
    if (session->hasIdentity()) {
        then();
        return;
    }
    auto proceed = std::make_shared<std::function<void()>>(then);
    const auto once = [proceed] {
        if (*proceed)
            std::exchange(*proceed, nullptr)();
    };
    QObject::connect(session, &AwsSession::identityChanged, context, once);
    QObject::connect(session, &AwsSession::identityFailed, context, once);
    session->fetchIdentity();
}

AuditRecord auditRecord(const AwsSession* session, const QString& phase)
{
    AuditRecord record;
    record.time = QDateTime::currentDateTimeUtc();
    record.phase = phase;
    if (session) {
        record.profile = session->profileName();
        record.account = session->account();
        record.region = session->region();
    }
    return record;
}

} // namespace SessionIdentity
