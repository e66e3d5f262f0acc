#include "profileimportreport.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace {
QString tr(const char* text, int n = -1)
{
    return QCoreApplication::translate("ProfileImportReport", text, nullptr, n);
}
} // namespace

QString ProfileImportReport::skippedReason(const AwsConfigUnsupported& unsupported)
{
    // CredentialChain reads ~/.aws at run time: what cannot be imported may still work by name, as it stands.
    if (!unsupported.credentialProcess.isEmpty())
        return tr("uses credential_process, whose keys are not Hookdesk's to copy; it is usable at run time as it "
                  "stands: pick it with --profile %1 or AWS_PROFILE=%1.")
            .arg(unsupported.name);
    if (!unsupported.credentialSource.isEmpty())
        return unsupported.reason; // says how to use it: --profile, since AWS_PROFILE yields to environment keys
    if (unsupported.usableAtRunTime())
        return tr("%1 It is usable at run time as it stands: pick it with --profile %2 or AWS_PROFILE=%2.")
            .arg(unsupported.reason, unsupported.name);
    return unsupported.reason;
}

QString ProfileImportReport::text(const AwsConfigPreview& preview, const AwsConfigImportResult& result)
{
    QStringList lines;
    if (result.imported.isEmpty())
        lines << tr("Imported nothing.");
    else
        lines << tr("Imported %n profile(s): %1.", int(result.imported.size())).arg(result.imported.join(u", "_s));
    if (!result.skippedExisting.isEmpty())
        lines << tr("Skipped %n profile(s) Hookdesk has already (left as they are; use Edit to change them): %1.",
            int(result.skippedExisting.size()))
                     .arg(result.skippedExisting.join(u", "_s));
    for (const AwsConfigUnsupported& unsupported : preview.unsupported)
        lines << tr("Skipped %1: %2").arg(unsupported.name, skippedReason(unsupported));
    if (!result.notice.isEmpty())
        lines << result.notice;
    return lines.join(u'\n');
}
