#pragma once

#include "awsconfig.h"

#include <QString>

// What "Import from ~/.aws" tells the operator (issue 18 item 7): which profiles it imported, which it skipped and
// why — already in Hookdesk, or of a kind it does not copy (credential_process, SSO, web identity) with what can be
// done with those instead. One line per fact, translated.
namespace ProfileImportReport {
// After a commit (`result` may be empty when nothing was importable).
QString text(const AwsConfigPreview& preview, const AwsConfigImportResult& result);
// Why a profile of the AWS files is not imported, and how it can still be used (or that it cannot yet).
QString skippedReason(const AwsConfigUnsupported& unsupported);
} // namespace ProfileImportReport
