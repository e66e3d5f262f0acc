#include "simhttpparser.h"

#include <QList>
#include <optional>

namespace {

SimHttpParse malformed(int status, const QByteArray& reason)
{
    SimHttpParse out;
    out.outcome = SimHttpParse::Outcome::Malformed;
    out.status = status;
    out.reason = reason;
    return out;
}

// The body length, 0 without a Content-Length; nullopt when one is not a number, or when two disagree: a proxy
// reading the other one would see a different request behind this one (request smuggling, RFC 9112 §6.3).
std::optional<qsizetype> contentLength(const SimHttpRequest& request)
{
    std::optional<qsizetype> length;
    for (const auto& [name, value] : request.headers) {
        if (name.compare("Content-Length", Qt::CaseInsensitive) != 0)
            continue;
        bool ok = false;
        const qsizetype parsed = value.toLongLong(&ok);
        if (!ok || parsed < 0 || (length && *length != parsed))
            return std::nullopt;
        length = parsed;
    }
    return length.value_or(0);
}

} // namespace

SimHttpParse SimHttpParser::parse(const QByteArray& buffer, const Limits& limits)
{
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    // A header section that cannot end within the limit is refused as soon as the limit is passed.
    if (headerEnd < 0 ? buffer.size() > limits.maxHeaderBytes : headerEnd + 4 > limits.maxHeaderBytes)
        return malformed(431, "header too large\n");
    if (headerEnd < 0)
        return {};
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1."))
        return malformed(400, "malformed request line\n");
    SimHttpParse out;
    SimHttpRequest& request = out.request;
    request.method = requestLine.at(0);
    const QByteArray& target = requestLine.at(1);
    const qsizetype q = target.indexOf('?');
    request.path = q < 0 ? target : target.left(q);
    request.query = q < 0 ? QByteArray() : target.mid(q + 1);
    // "GET  HTTP/1.1" splits into three parts as well; a request without a path names no resource.
    if (request.path.isEmpty())
        return malformed(400, "malformed request line\n");
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.emplaceBack(line.left(colon).trimmed(), line.mid(colon + 1).trimmed());
    }
    if (!request.header("Transfer-Encoding").isEmpty())
        return malformed(501, "chunked request bodies are not supported\n");
    const std::optional<qsizetype> length = contentLength(request);
    if (!length)
        return malformed(400, "bad Content-Length\n");
    if (*length > limits.maxBodyBytes)
        return malformed(413, "body too large\n");
    const qsizetype total = headerEnd + 4 + *length;
    if (buffer.size() < total) {
        SimHttpParse incomplete;
        incomplete.expectsContinue = request.header("Expect").compare("100-continue", Qt::CaseInsensitive) == 0
            && buffer.size() == headerEnd + 4;
        return incomplete;
    }
    request.body = buffer.mid(headerEnd + 4, *length);
    out.outcome = SimHttpParse::Outcome::Complete;
    out.consumed = total;
    const bool http10 = requestLine.at(2) == "HTTP/1.0";
    const QByteArray connection = request.header("Connection").toLower();
    out.keepAlive = http10 ? connection == "keep-alive" : connection != "close";
    return out;
}
