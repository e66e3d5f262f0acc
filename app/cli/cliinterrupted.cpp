#include "cliinterrupted.h"

#include "awssession.h"
#include "clicontext.h"
#include "inventorystore.h"

#include <QCoreApplication>
#include <QObject>
#include <memory>

using namespace Qt::StringLiterals;

namespace CliInterrupted {
namespace {

void report(CliContext* context, const QList<AuditReconciler::Interrupted>& interrupted)
{
    for (const AuditReconciler::Interrupted& item : interrupted) {
        context->printNote(u"hookdesk-cli: "_s
            + QCoreApplication::translate(
                "CliCommands", "notice: an earlier run was interrupted after sending %1 %2 to %3 at %4: %5 (%6)")
                  .arg(item.intent.action, item.intent.result,
                      item.intent.instance.isEmpty() ? item.intent.hook : item.intent.instance,
                      item.intent.time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s), item.outcome, item.state));
    }
}

void reconcile(CliContext* context, AwsSession* session, InventoryStore* store, QObject* owner, const Then& then)
{
    if (!session->hasIdentity()) {
        then({}); // whose intents they are is unknown: a later run that can ask STS settles them
        return;
    }
    InventoryStore* reader = store ? store : new InventoryStore(session, owner);
    auto* reconciler = new AuditReconciler(context->auditLog(), reader, owner);
    QObject::connect(reconciler, &AuditReconciler::finished, owner,
        [context, then, reconciler](const QList<AuditReconciler::Interrupted>& interrupted) {
            reconciler->deleteLater();
            report(context, interrupted);
            then(interrupted);
        });
    reconciler->run();
}

} // namespace

void settle(CliContext* context, AwsSession* session, InventoryStore* store, QObject* owner, const Then& then)
{
    if (AuditReconciler::unsettledIntents(*context->auditLog(), session->region(), {}).isEmpty()) {
        then({});
        return;
    }
    if (session->hasIdentity()) {
        reconcile(context, session, store, owner, then);
        return;
    }
    auto proceed = std::make_shared<std::function<void()>>(
        [context, session, store, owner, then] { reconcile(context, session, store, owner, then); });
    auto once = [proceed] {
        if (*proceed)
            std::exchange(*proceed, nullptr)();
    };
    QObject::connect(session, &AwsSession::identityChanged, owner, once);
    QObject::connect(session, &AwsSession::identityFailed, owner, once);
    session->fetchIdentity();
}

} // namespace CliInterrupted
