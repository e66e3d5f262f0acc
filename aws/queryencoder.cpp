#include "queryencoder.h"

#include "sigv4signer.h"

using namespace Qt::StringLiterals;

namespace QueryEncoder {

QByteArray encodeComponent(const QString& text)
{
    return SigV4Signer::uriEncode(text.toUtf8()).replace("%20", "+");
}

QByteArray encode(const QString& action, const QString& version, const QueryParameters& parameters)
{
    QByteArray body = "Action=" + encodeComponent(action) + "&Version=" + encodeComponent(version);
    for (const auto& [name, value] : parameters)
        body += '&' + encodeComponent(name) + '=' + encodeComponent(value);
    return body;
}

void addList(QueryParameters& parameters, const QString& name, const QStringList& values)
{
    for (qsizetype i = 0; i < values.size(); ++i)
        parameters.append({ name + u".member."_s + QString::number(i + 1), values.at(i) });
}

void addFilters(QueryParameters& parameters, const QString& name, const QList<QPair<QString, QStringList>>& filters)
{
    for (qsizetype i = 0; i < filters.size(); ++i) {
        const QString prefix = name + u".member."_s + QString::number(i + 1);
        parameters.append({ prefix + u".Name"_s, filters.at(i).first });
        addList(parameters, prefix + u".Values"_s, filters.at(i).second);
    }
}

void addOptional(QueryParameters& parameters, const QString& name, const QString& value)
{
    if (!value.isEmpty())
        parameters.append({ name, value });
}

} // namespace QueryEncoder
