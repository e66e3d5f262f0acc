// Fuzz target: the INI reader of ~/.aws/credentials and ~/.aws/config (aws/inifile.h) and the profile import built
// on it (AwsConfigImport::previewContent, aws/awsconfig.h). The input is the credentials file, a NUL byte, the
// config file, and optionally another NUL and the directory the files are said to live in.

#include "awsconfig.h"
#include "fuzzcheck.h"
#include "inifile.h"

#include <QSet>

using namespace Qt::StringLiterals;

namespace {

// The seed corpus uses this as (part of) secret key values. Its capitals matter: keys are lower-cased before they
// are quoted in a message, so the marker can reach a message legitimately only as (part of) a section name.
const QString SecretMarker = u"hookdeskSecretMarker"_s;

int lineCount(QByteArray content)
{
    if (content.startsWith("\xEF\xBB\xBF"))
        content.remove(0, 3);
    return int(content.count('\n')) + 1;
}

bool anySectionContains(const QList<const IniDocument*>& documents, const QString& text)
{
    for (const IniDocument* document : documents) {
        for (const IniSection& section : document->sections) {
            if (section.name.contains(text))
                return true;
        }
    }
    return false;
}

// A message says which line and which setting is wrong, never what the value is (it may be a secret key).
void checkMessage(const QString& message, const QString& input, const QList<const IniDocument*>& documents)
{
    FUZZ_CHECK(!message.isEmpty());
    if (message.contains(SecretMarker))
        FUZZ_CHECK(anySectionContains(documents, SecretMarker));
    // A "%<digit>" the input does not contain is a placeholder that QString::arg() filled with the wrong argument
    // (chained arg() calls re-substitute placeholders that came in with a section name or a key).
    for (qsizetype i = 0; i + 1 < message.size(); ++i) {
        if (message.at(i) == u'%' && message.at(i + 1).isDigit())
            FUZZ_CHECK(input.contains(message.mid(i, 2)));
    }
}

void checkDocument(const IniDocument& document, const QByteArray& content)
{
    const int lines = lineCount(content);
    const QString input = QString::fromUtf8(content);
    const QList<const IniDocument*> self { &document };
    FUZZ_CHECK(document.isValid() == document.errors.isEmpty());
    for (const QList<IniDiagnostic>* diagnostics : { &document.errors, &document.warnings }) {
        for (const IniDiagnostic& diagnostic : *diagnostics) {
            FUZZ_CHECK(diagnostic.line >= 1 && diagnostic.line <= lines);
            checkMessage(diagnostic.message, input, self);
        }
    }
    for (const IniSection& section : document.sections) {
        FUZZ_CHECK(section.line >= 1 && section.line <= lines);
        FUZZ_CHECK(!section.name.isEmpty() && section.name == section.name.simplified());
        FUZZ_CHECK(document.section(section.name) == &section); // repeated sections are merged
        for (const IniEntry& entry : section.entries) {
            FUZZ_CHECK(entry.line >= section.line && entry.line <= lines);
            FUZZ_CHECK(!entry.key.isEmpty() && entry.key == entry.key.toLower() && entry.key == entry.key.trimmed());
            FUZZ_CHECK(!entry.key.contains(u'=') && !entry.key.contains(u':'));
            FUZZ_CHECK(section.entry(entry.key) == &entry); // a repeated key replaces the earlier value
        }
    }
}

void checkPreview(const AwsConfigPreview& preview, const QByteArray& credentials, const QByteArray& config,
    const QString& credentialsName, const QString& configName, const QList<const IniDocument*>& documents)
{
    const QString input = QString::fromUtf8(credentials + config) + credentialsName + configName;
    for (const QList<AwsConfigIssue>* issues : { &preview.errors, &preview.warnings }) {
        for (const AwsConfigIssue& issue : *issues) {
            FUZZ_CHECK(issue.file == credentialsName || issue.file == configName);
            const int lines = lineCount(issue.file == credentialsName ? credentials : config);
            FUZZ_CHECK(issue.line >= 1 && issue.line <= lines);
            checkMessage(issue.message, input, documents);
            FUZZ_CHECK(issue.toString() == issue.file + u':' + QString::number(issue.line) + u": "_s + issue.message);
        }
    }
    // Every error of either file stops the import.
    FUZZ_CHECK(preview.errors.size() >= documents.at(0)->errors.size() + documents.at(1)->errors.size());
    FUZZ_CHECK(!preview.canCommit() || (preview.errors.isEmpty() && !preview.profiles.isEmpty()));

    QSet<QString> names;
    for (const AwsConfigCandidate& candidate : preview.profiles) {
        FUZZ_CHECK(candidate.profile.validationError().isEmpty());
        FUZZ_CHECK(!names.contains(candidate.profile.name));
        names.insert(candidate.profile.name);
        FUZZ_CHECK(preview.candidate(candidate.profile.name) == &candidate);
        // A role profile takes its keys from its source profile, never from its own section.
        FUZZ_CHECK(!candidate.profile.assumesRole() || !candidate.hasKeys());
    }
    for (const AwsConfigUnsupported& unsupported : preview.unsupported) {
        FUZZ_CHECK(!unsupported.reason.isEmpty());
        FUZZ_CHECK(!names.contains(unsupported.name)); // a profile is either offered or explained, not both
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    const qsizetype first = input.indexOf('\0');
    const qsizetype second = first < 0 ? -1 : input.indexOf('\0', first + 1);
    const QByteArray credentials = first < 0 ? input : input.left(first);
    const QByteArray config = first < 0 ? QByteArray() : input.mid(first + 1, second < 0 ? -1 : second - first - 1);
    const QString directory = second < 0 ? QString() : QString::fromUtf8(input.mid(second + 1));
    const QString credentialsName = directory.isEmpty() ? u"credentials"_s : directory + u"/credentials"_s;
    const QString configName = directory.isEmpty() ? u"config"_s : directory + u"/config"_s;

    const IniDocument credentialsDocument = IniDocument::parse(credentials);
    checkDocument(credentialsDocument, credentials);
    const IniDocument configDocument = IniDocument::parse(config);
    checkDocument(configDocument, config);

    const AwsConfigPreview preview = AwsConfigImport::previewContent(credentials, config, credentialsName, configName);
    checkPreview(preview, credentials, config, credentialsName, configName, { &credentialsDocument, &configDocument });
    return 0;
}
