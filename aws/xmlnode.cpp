#include "xmlnode.h"

#include <QCoreApplication>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace {

// Deep enough for every Auto Scaling / STS answer (about 8 levels); stops hostile nesting from exhausting the stack.
constexpr int MaxDepth = 64;
constexpr qsizetype BodyStartBytes = 256;
// A reason quoted in a message may name an element or entity of the body (a 2000-character root element name): like
// the body's start, it is bounded, so the message never grows with the body.
constexpr qsizetype QuotedDetailChars = 200;

bool readElement(QXmlStreamReader& reader, XmlNode& node, int depth)
{
    if (depth > MaxDepth) {
        reader.raiseError(u"elements nested too deeply"_s);
        return false;
    }
    node.name = reader.name().toString();
    QString text;
    while (!reader.atEnd()) {
        switch (reader.readNext()) {
        case QXmlStreamReader::StartElement: {
            XmlNode child;
            if (!readElement(reader, child, depth + 1))
                return false;
            node.children.append(std::move(child));
            break;
        }
        case QXmlStreamReader::Characters:
            text += reader.text();
            break;
        case QXmlStreamReader::EndElement:
            node.text = text.trimmed();
            return true;
        default:
            break;
        }
    }
    return false;
}

} // namespace

const XmlNode* XmlNode::child(QLatin1StringView childName) const
{
    for (const XmlNode& c : children) {
        if (c.name == childName)
            return &c;
    }
    return nullptr;
}

const XmlNode* XmlNode::find(QLatin1StringView elementName) const
{
    for (const XmlNode& c : children) {
        if (c.name == elementName)
            return &c;
        if (const XmlNode* found = c.find(elementName))
            return found;
    }
    return nullptr;
}

QString XmlNode::childText(QLatin1StringView childName) const
{
    const XmlNode* c = child(childName);
    return c ? c->text : QString();
}

int XmlNode::childInt(QLatin1StringView childName, int fallback) const
{
    bool ok = false;
    const int value = childText(childName).toInt(&ok);
    return ok ? value : fallback;
}

bool XmlNode::childBool(QLatin1StringView childName, bool fallback) const
{
    const QString value = childText(childName);
    if (value == u"true"_s)
        return true;
    if (value == u"false"_s)
        return false;
    return fallback;
}

QDateTime XmlNode::childDateTime(QLatin1StringView childName) const
{
    return AwsXml::parseTimestamp(childText(childName));
}

QList<const XmlNode*> XmlNode::members(QLatin1StringView listName) const
{
    QList<const XmlNode*> result;
    const XmlNode* list = child(listName);
    if (!list)
        return result;
    for (const XmlNode& c : list->children) {
        if (c.name == "member"_L1)
            result.append(&c);
    }
    return result;
}

QStringList XmlNode::memberTexts(QLatin1StringView listName) const
{
    QStringList result;
    for (const XmlNode* member : members(listName)) {
        if (!member->text.isEmpty())
            result.append(member->text);
    }
    return result;
}

namespace AwsXml {

QDateTime parseTimestamp(const QString& text)
{
    if (text.isEmpty())
        return {};
    // AWS sends "2024-01-01T12:00:00Z" or "…:00.123Z"; moto sends microseconds. Keep milliseconds.
    QString normalized = text;
    const qsizetype dot = normalized.indexOf(u'.');
    if (dot > 0) {
        qsizetype end = dot + 1;
        while (end < normalized.size() && normalized.at(end).isDigit())
            ++end;
        QString fraction = normalized.mid(dot + 1, end - dot - 1).left(3);
        while (fraction.size() < 3)
            fraction += u'0';
        normalized = normalized.left(dot) + u'.' + fraction + normalized.mid(end);
    }
    // Without a zone designator Qt reads local time, where a time in a daylight-saving gap does not exist; AWS
    // timestamps are UTC, so say so.
    const qsizetype timeStart = normalized.indexOf(u'T');
    const bool hasZone = normalized.endsWith(u'Z')
        || (timeStart > 0 && (normalized.indexOf(u'+', timeStart) > 0 || normalized.indexOf(u'-', timeStart) > 0));
    if (!hasZone)
        normalized += u'Z';
    QDateTime parsed = QDateTime::fromString(normalized, Qt::ISODateWithMs);
    if (!parsed.isValid())
        return {};
    return parsed.toUTC();
}

AwsError unreadableBody(int httpStatus, const QByteArray& body, const QString& detail)
{
    AwsError error;
    error.kind = AwsError::Kind::UnreadableBody;
    error.httpStatus = httpStatus;
    const QString reason = detail.simplified().left(QuotedDetailChars);
    // A successful answer is never quoted: STS's hold a secret key and a session token, and a truncated one is
    // still mostly secret. An error page (a proxy's, an HTML 500) holds none and tells a person what answered.
    if (httpStatus >= 200 && httpStatus < 300) {
        error.message = QCoreApplication::translate("AwsXml",
            "The service answered HTTP %1 with a body that could not be read (%2, %3 bytes); it is not shown as it "
            "may hold credentials.")
                            .arg(httpStatus)
                            .arg(reason)
                            .arg(body.size());
        return error;
    }
    error.bodyStart = body.left(BodyStartBytes);
    const QString start = QString::fromUtf8(error.bodyStart).simplified().left(120);
    if (body.trimmed().isEmpty())
        error.message = QCoreApplication::translate("AwsXml", "The service answered HTTP %1 with an empty body (%2).")
                            .arg(httpStatus)
                            .arg(reason);
    else
        error.message = QCoreApplication::translate(
            "AwsXml", "The service answered HTTP %1 with a body that is not an AWS answer (%2): %3")
                            .arg(httpStatus)
                            .arg(reason, start);
    return error;
}

Document parse(const QByteArray& body, int httpStatus)
{
    Document document;
    QXmlStreamReader reader(body);
    bool haveRoot = false;
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::DTD) {
            // Query answers never carry a DTD; an HTML page does ("<!doctype html>").
            reader.raiseError(u"unexpected document type declaration"_s);
            break;
        }
        if (token == QXmlStreamReader::StartElement) {
            if (haveRoot) {
                reader.raiseError(u"more than one root element"_s);
                break;
            }
            if (!readElement(reader, document.root, 0))
                break;
            haveRoot = true;
        }
    }
    if (reader.hasError() || !haveRoot) {
        const QString detail
            = reader.hasError() ? reader.errorString() : QCoreApplication::translate("AwsXml", "no XML element");
        document.root = {};
        document.error = unreadableBody(httpStatus, body, detail);
    }
    return document;
}

namespace {

AwsError serviceErrorFrom(const XmlNode& root, int httpStatus, const QString& requestIdHeader)
{
    const XmlNode* errorNode = root.name == "Error"_L1 ? &root : root.find("Error"_L1);
    AwsError error;
    error.kind = AwsError::Kind::Service;
    error.httpStatus = httpStatus;
    if (errorNode) {
        error.code = errorNode->childText("Code"_L1);
        error.message = errorNode->childText("Message"_L1);
        error.type = errorNode->childText("Type"_L1);
    }
    error.requestId = root.childText("RequestId"_L1);
    if (error.requestId.isEmpty())
        error.requestId = requestIdHeader;
    if (error.code.isEmpty())
        error.code = u"HTTP%1"_s.arg(httpStatus);
    return error;
}

bool isErrorRoot(const XmlNode& root)
{
    return root.name == "ErrorResponse"_L1 || root.name == "Response"_L1 || root.name == "Error"_L1;
}

} // namespace

AwsError errorFromResponse(int httpStatus, const QByteArray& body, const QString& requestIdHeader)
{
    const Document document = parse(body, httpStatus);
    if (document.error.isError())
        return document.error;
    if (!isErrorRoot(document.root) || !(document.root.name == "Error"_L1 || document.root.find("Error"_L1)))
        return unreadableBody(
            httpStatus, body, QCoreApplication::translate("AwsXml", "no <ErrorResponse> in the answer"));
    return serviceErrorFrom(document.root, httpStatus, requestIdHeader);
}

ActionResult parseActionResult(const QByteArray& body, int httpStatus, QLatin1StringView action)
{
    ActionResult parsed;
    const Document document = parse(body, httpStatus);
    if (document.error.isError()) {
        parsed.error = document.error;
        return parsed;
    }
    const XmlNode& root = document.root;
    if (isErrorRoot(root) && (root.name == "Error"_L1 || root.find("Error"_L1))) {
        parsed.error = serviceErrorFrom(root, httpStatus, {});
        return parsed;
    }
    const QString expectedRoot = QString(action) + u"Response"_s;
    if (root.name != expectedRoot) {
        parsed.error = unreadableBody(httpStatus, body,
            QCoreApplication::translate("AwsXml", "expected <%1>, found <%2>").arg(expectedRoot, root.name));
        return parsed;
    }
    if (const XmlNode* metadata = root.child("ResponseMetadata"_L1))
        parsed.requestId = metadata->childText("RequestId"_L1);
    const QString resultName = QString(action) + u"Result"_s;
    for (const XmlNode& c : root.children) {
        if (c.name == resultName) {
            parsed.result = c;
            break;
        }
    }
    return parsed;
}

} // namespace AwsXml
