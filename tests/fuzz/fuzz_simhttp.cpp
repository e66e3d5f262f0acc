// Fuzz target: the simulator's HTTP/1.1 request parser (simulator/simhttpparser.h), which reads whatever a client
// writes to the socket. The input is the connection's buffer: zero or more pipelined requests, possibly cut short.

#include "fuzzcheck.h"
#include "simhttpparser.h"

namespace {

using Outcome = SimHttpParse::Outcome;

bool sameRequest(const SimHttpRequest& a, const SimHttpRequest& b)
{
    return a.method == b.method && a.path == b.path && a.query == b.query && a.headers == b.headers && a.body == b.body;
}

// The request as a client would write it again; the parser must read back the same request from it.
QByteArray serialise(const SimHttpRequest& request)
{
    QByteArray out = request.method + ' ' + request.path;
    if (!request.query.isEmpty())
        out += '?' + request.query;
    out += " HTTP/1.1\r\n";
    for (const auto& [name, value] : request.headers)
        out += name + ": " + value + "\r\n";
    return out + "\r\n" + request.body;
}

void checkRefusal(const SimHttpParse& parsed)
{
    FUZZ_CHECK(parsed.consumed == 0);
    FUZZ_CHECK(parsed.status == 400 || parsed.status == 413 || parsed.status == 431 || parsed.status == 501);
    FUZZ_CHECK(!parsed.reason.isEmpty() && parsed.reason.endsWith('\n'));
}

void checkComplete(const QByteArray& buffer, const SimHttpParse& parsed, const SimHttpParser::Limits& limits)
{
    const SimHttpRequest& request = parsed.request;
    FUZZ_CHECK(parsed.consumed > 0 && parsed.consumed <= buffer.size());
    FUZZ_CHECK(parsed.consumed <= limits.maxHeaderBytes + limits.maxBodyBytes);
    FUZZ_CHECK(!request.method.isEmpty() && !request.method.contains(' '));
    FUZZ_CHECK(!request.path.isEmpty() && !request.path.contains('?') && !request.path.contains(' '));
    FUZZ_CHECK(request.body.size() <= limits.maxBodyBytes);
    FUZZ_CHECK(request.body.size() == request.header("Content-Length").toLongLong());
    FUZZ_CHECK(buffer.mid(parsed.consumed - request.body.size(), request.body.size()) == request.body);
    for (const auto& [name, value] : request.headers) {
        FUZZ_CHECK(!name.isEmpty() && !name.contains(':') && name == name.trimmed() && value == value.trimmed());
        FUZZ_CHECK(!name.contains('\n') && !value.contains('\n'));
        // Two lengths that disagree would let a proxy and the server see different requests (smuggling).
        if (name.compare("Content-Length", Qt::CaseInsensitive) == 0)
            FUZZ_CHECK(value.toLongLong() == request.body.size());
    }

    // The request alone parses the same, and one byte less is not yet a request.
    const QByteArray own = buffer.left(parsed.consumed);
    const SimHttpParse alone = SimHttpParser::parse(own, limits);
    FUZZ_CHECK(alone.outcome == Outcome::Complete && alone.consumed == parsed.consumed);
    FUZZ_CHECK(sameRequest(alone.request, request) && alone.keepAlive == parsed.keepAlive);
    FUZZ_CHECK(SimHttpParser::parse(own.chopped(1), limits).outcome == Outcome::Incomplete);

    // Written again the way a client would, it reads back as the same request.
    const QByteArray again = serialise(request);
    const SimHttpParse reparsed
        = SimHttpParser::parse(again, SimHttpParser::Limits { again.size(), limits.maxBodyBytes });
    FUZZ_CHECK(reparsed.outcome == Outcome::Complete && reparsed.consumed == again.size());
    FUZZ_CHECK(sameRequest(reparsed.request, request));
}

// Parses the buffer as the server does: request after request until one is incomplete or refused.
void checkBuffer(const QByteArray& input, const SimHttpParser::Limits& limits)
{
    QByteArray buffer = input;
    for (int requests = 0; requests < 64; ++requests) {
        const SimHttpParse parsed = SimHttpParser::parse(buffer, limits);
        switch (parsed.outcome) {
        case Outcome::Incomplete:
            // What a connection keeps while it waits for the rest is bounded by the limits.
            FUZZ_CHECK(parsed.consumed == 0 && parsed.status == 0);
            FUZZ_CHECK(buffer.size() < limits.maxHeaderBytes + limits.maxBodyBytes);
            return;
        case Outcome::Malformed:
            checkRefusal(parsed);
            return;
        case Outcome::Complete:
            checkComplete(buffer, parsed, limits);
            buffer.remove(0, parsed.consumed);
            break;
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    const QByteArray input = Fuzz::bytes(data, size);
    // The server's defaults, and small limits so that the 413 and 431 paths are reached with short inputs.
    const SimHttpParser::Limits defaults;
    const SimHttpParser::Limits small { 256, 512 };
    checkBuffer(input, defaults);
    checkBuffer(input, small);
    // Larger limits never turn an accepted request into a refused one.
    const SimHttpParse tight = SimHttpParser::parse(input, small);
    if (tight.outcome == Outcome::Complete) {
        const SimHttpParse loose = SimHttpParser::parse(input, defaults);
        FUZZ_CHECK(loose.outcome == Outcome::Complete && loose.consumed == tight.consumed);
    }
    return 0;
}
