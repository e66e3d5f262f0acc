#include "cliproxyprompter.h"

#include "clicontext.h"

#include <QCoreApplication>

namespace CliProxyPrompter {

ProxyAuthenticator::Asker make(CliContext* context)
{
    return [context](const QString& proxy, const QString& knownUser) -> std::optional<ProxyCredentials> {
        if (!context->io().inputIsTerminal) {
            context->printNote(QCoreApplication::translate("CliProxyPrompter",
                "The proxy %1 asks for a user name and password, and standard input is not a terminal to ask on: "
                "give them in HTTPS_PROXY (http://user:password@host:port).")
                                   .arg(proxy));
            return std::nullopt;
        }
        QString user = knownUser;
        if (user.isEmpty()) {
            const std::optional<QString> typed = context->prompt().readLine(
                QCoreApplication::translate("CliProxyPrompter", "User name for the proxy %1: ").arg(proxy));
            user = typed ? typed->trimmed() : QString();
        }
        if (user.isEmpty())
            return std::nullopt;
        const std::optional<QString> password = context->prompt().readLine(
            QCoreApplication::translate("CliProxyPrompter", "Password of %1 for the proxy %2: ").arg(user, proxy),
            true);
        if (!password || password->isEmpty())
            return std::nullopt;
        return ProxyCredentials { user, *password, true };
    };
}

} // namespace CliProxyPrompter
