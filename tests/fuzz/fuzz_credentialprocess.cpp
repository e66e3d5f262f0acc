// Fuzz target: what a credential_process program prints (ProcessCredentialProvider::parse), read whatever the
// program is. Invariants: either credentials that can sign (both keys), or an error that never quotes the output —
// it may hold a secret; an Expiration, when given, is a valid UTC time; parsing is deterministic.

#include "fuzzcheck.h"
#include "processcredentialprovider.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray output = Fuzz::bytes(data, size);
    QString error;
    const Credentials credentials = ProcessCredentialProvider::parse(output, &error);
    QString again;
    const Credentials second = ProcessCredentialProvider::parse(output, &again);
    FUZZ_CHECK(error == again && credentials.accessKeyId == second.accessKeyId);
    if (!error.isEmpty()) {
        FUZZ_CHECK(!credentials.isValid());
        // The message is one of the parser's own sentences: nothing of the input is in it.
        const QJsonObject object = QJsonDocument::fromJson(output).object();
        for (const QString& field : { u"SecretAccessKey"_s, u"SessionToken"_s, u"AccessKeyId"_s }) {
            const QString value = object.value(field).toString();
            FUZZ_CHECK(value.size() < 4 || !error.contains(value));
        }
        return 0;
    }
    FUZZ_CHECK(credentials.isValid());
    FUZZ_CHECK(!credentials.expiration.isValid() || credentials.expiration.toUTC().isValid());
    return 0;
}
