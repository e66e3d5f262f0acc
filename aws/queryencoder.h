#pragma once

#include "queryclient.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The Query protocol's form body: "Action=…&Version=…&Name=value…", parameters in the order given. Keys and values
// are percent-encoded with RFC 3986's unreserved set (A–Z a–z 0–9 - _ . ~ kept, everything else %XX in UTF-8),
// except that a space is '+', as application/x-www-form-urlencoded and botocore have it: AWS accepts both, but
// peers that verify the signature over the re-encoded form (moto) only match botocore's bytes.
namespace QueryEncoder {

QByteArray encode(const QString& action, const QString& version, const QueryParameters& parameters);
QByteArray encodeComponent(const QString& text);

// Name.member.1 … Name.member.N (from 1); nothing for an empty list (AWS treats "absent" and "empty" alike here).
void addList(QueryParameters& parameters, const QString& name, const QStringList& values);
// Filters.member.N.Name and Filters.member.N.Values.member.M, for DescribeAutoScalingGroups' tag filters.
void addFilters(QueryParameters& parameters, const QString& name, const QList<QPair<QString, QStringList>>& filters);
// Adds name=value when value is not empty.
void addOptional(QueryParameters& parameters, const QString& name, const QString& value);

} // namespace QueryEncoder
