// Fuzz target: the simulator's Query form decoder (SimParams::decodeForm, simulator/simqueryapi.h), which turns a
// request's URL query and x-www-form-urlencoded body into parameters. The input is the form as sent.

#include "fuzzcheck.h"
#include "simqueryapi.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace {

// The form a client would send for these parameters (every byte but the unreserved ones percent-encoded).
QByteArray encode(const QHash<QString, QString>& values)
{
    QByteArrayList pairs;
    for (auto it = values.cbegin(); it != values.cend(); ++it)
        pairs.append(QUrl::toPercentEncoding(it.key()) + '=' + QUrl::toPercentEncoding(it.value()));
    return pairs.join('&');
}

void checkParams(const QHash<QString, QString>& values)
{
    // The typed readers answer for any value: a value or a MalformedInput error with a message, never a crash.
    const SimParams params(values);
    for (auto it = values.cbegin(); it != values.cend(); ++it) {
        FUZZ_CHECK(params.has(it.key()) && params.value(it.key()) == it.value());
        const auto integer = params.integer(it.key());
        FUZZ_CHECK(integer.ok() ? integer.value().has_value() : !integer.error().message.isEmpty());
        const auto boolean = params.boolean(it.key());
        FUZZ_CHECK(boolean.ok() ? boolean.value().has_value() : !boolean.error().message.isEmpty());
        // A member list stops at its first gap, so it can never be longer than what was sent.
        const qsizetype member = it.key().indexOf(u".member."_s);
        if (member > 0)
            FUZZ_CHECK(params.list(it.key().left(member)).size() <= values.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray form = Fuzz::bytes(data, size);
    const QHash<QString, QString> values = SimParams::decodeForm(form);

    // One parameter per non-empty pair at most.
    qsizetype pairs = 0;
    for (const QByteArray& pair : form.split('&'))
        pairs += pair.isEmpty() ? 0 : 1;
    FUZZ_CHECK(values.size() <= pairs);
    // Without escapes, names and values are the bytes as sent.
    if (!form.contains('%') && !form.contains('+') && QString::fromUtf8(form).toUtf8() == form) {
        for (auto it = values.cbegin(); it != values.cend(); ++it)
            FUZZ_CHECK(form.contains(it.key().toUtf8()));
    }
    // Encoded again, the parameters decode to themselves.
    FUZZ_CHECK(SimParams::decodeForm(encode(values)) == values);
    // A repeated name keeps its last value (the form body overrides the URL query the same way): whatever the
    // part after the last '&' says wins.
    const qsizetype lastAmpersand = form.lastIndexOf('&');
    if (lastAmpersand >= 0) {
        const QHash<QString, QString> tail = SimParams::decodeForm(form.mid(lastAmpersand + 1));
        for (auto it = tail.cbegin(); it != tail.cend(); ++it)
            FUZZ_CHECK(values.value(it.key()) == it.value());
    }
    checkParams(values);
    return 0;
}
