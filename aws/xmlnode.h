#pragma once

#include "awserror.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

// A small element tree read with QXmlStreamReader, for the Query protocol's answers. Names are local names
// (namespaces ignored: live AWS says http://…, its documentation https://…). Lookups of elements that are absent
// or empty ("<LaunchTemplate/>") give empty values, so readers skip unknown and missing fields alike.
struct XmlNode {
    QString name;
    QString text; // character data directly inside, trimmed
    QList<XmlNode> children;

    bool isEmpty() const { return text.isEmpty() && children.isEmpty(); }
    // First direct child with this name, or nullptr.
    const XmlNode* child(QLatin1StringView name) const;
    // First element with this name anywhere below (depth-first), or nullptr.
    const XmlNode* find(QLatin1StringView name) const;
    QString childText(QLatin1StringView name) const;
    int childInt(QLatin1StringView name, int fallback = 0) const;
    bool childBool(QLatin1StringView name, bool fallback = false) const;
    QDateTime childDateTime(QLatin1StringView name) const; // invalid when absent or malformed
    // The <member> children of the named list child ("<Tags><member>…</member></Tags>").
    QList<const XmlNode*> members(QLatin1StringView listName) const;
    QStringList memberTexts(QLatin1StringView listName) const;
};

// Parses AWS Query answers: success bodies, <ErrorResponse> bodies and everything that is neither.
namespace AwsXml {

struct Document {
    XmlNode root;
    AwsError error; // set when the body is not well-formed XML (UnreadableBody)
};

// Well-formed XML into a tree; anything else gives an UnreadableBody error carrying the HTTP status and the start
// of the body.
Document parse(const QByteArray& body, int httpStatus);

// The error of a non-2xx answer: a Service error from <ErrorResponse> (moto nests it in <Errors>), else
// UnreadableBody. requestIdHeader is the x-amzn-RequestId header, used when the body has none.
AwsError errorFromResponse(int httpStatus, const QByteArray& body, const QString& requestIdHeader = {});

// The <OpResult> of a 2xx answer to `action`, or an error: an <ErrorResponse> that came with 200, an unexpected
// root element, or a body that is not XML. requestId is filled from <ResponseMetadata>.
struct ActionResult {
    XmlNode result; // <ActionResult>; empty for operations without a result element
    QString requestId;
    AwsError error;
};
ActionResult parseActionResult(const QByteArray& body, int httpStatus, QLatin1StringView action);

// An UnreadableBody error for this status and body, with a translated message.
AwsError unreadableBody(int httpStatus, const QByteArray& body, const QString& detail);

QDateTime parseTimestamp(const QString& text); // ISO 8601 with any number of fraction digits; UTC

} // namespace AwsXml
