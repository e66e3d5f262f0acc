#include "xmlstream.h"

using namespace Qt::StringLiterals;

namespace {

// xmlnode.cpp's limit, so that a body the tree refuses is refused here too (then the tree words the error).
constexpr int MaxDepth = 64;

bool isNamed(QStringView name, QLatin1StringView action, QLatin1StringView suffix)
{
    return name.size() == action.size() + suffix.size() && name.startsWith(action) && name.endsWith(suffix);
}

} // namespace

XmlStream::XmlStream(const QByteArray& body)
    : m_reader(body)
{
}

bool XmlStream::enterRoot(QLatin1StringView action)
{
    while (!m_reader.atEnd()) {
        const auto token = m_reader.readNext();
        // A DTD is refused by the tree ("<!doctype html>"); it can only come before the root.
        if (token == QXmlStreamReader::DTD)
            return false;
        if (token == QXmlStreamReader::StartElement)
            return isNamed(m_reader.name(), action, "Response"_L1) && startElement();
    }
    return false;
}

bool XmlStream::isResultElement(QLatin1StringView action) const
{
    return isNamed(m_reader.name(), action, "Result"_L1);
}

void XmlStream::readRequestId(QString& requestId)
{
    bool seen = false;
    while (nextChild()) {
        if (!seen && name() == "RequestId"_L1) {
            seen = true;
            requestId = readText();
        } else {
            skip();
        }
    }
}

bool XmlStream::startElement()
{
    ++m_depth;
    if (m_depth > MaxDepth) {
        m_reader.raiseError(u"elements nested too deeply"_s);
        return false;
    }
    return true;
}

bool XmlStream::nextChild()
{
    while (!m_reader.atEnd()) {
        switch (m_reader.readNext()) {
        case QXmlStreamReader::StartElement:
            return startElement();
        case QXmlStreamReader::EndElement:
            --m_depth;
            return false;
        default:
            break;
        }
    }
    return false;
}

QString XmlStream::readText()
{
    QString text;
    while (!m_reader.atEnd()) {
        switch (m_reader.readNext()) {
        case QXmlStreamReader::Characters:
            text += m_reader.text();
            break;
        case QXmlStreamReader::StartElement:
            // A child's text is not its parent's (XmlNode::text), but the child must still be well-formed.
            if (!startElement())
                return {};
            skip();
            break;
        case QXmlStreamReader::EndElement:
            --m_depth;
            return std::move(text).trimmed();
        default:
            break;
        }
    }
    return {};
}

void XmlStream::skip()
{
    // Not QXmlStreamReader::skipCurrentElement(): the depth limit must hold inside skipped elements too.
    const int depth = m_depth;
    while (!m_reader.atEnd()) {
        switch (m_reader.readNext()) {
        case QXmlStreamReader::StartElement:
            if (!startElement())
                return;
            break;
        case QXmlStreamReader::EndElement:
            if (--m_depth < depth)
                return;
            break;
        default:
            break;
        }
    }
}

int XmlStream::readInt(int fallback)
{
    bool ok = false;
    const int value = readText().toInt(&ok);
    return ok ? value : fallback;
}

bool XmlStream::readBool(bool fallback)
{
    const QString value = readText();
    if (value == "true"_L1)
        return true;
    if (value == "false"_L1)
        return false;
    return fallback;
}

bool XmlStream::finish()
{
    // The rest of the body must be what the tree accepts after its root: no second root element, no error.
    while (!m_reader.atEnd()) {
        const auto token = m_reader.readNext();
        if (token == QXmlStreamReader::StartElement || token == QXmlStreamReader::DTD)
            return false;
    }
    return !m_reader.hasError();
}
