#pragma once

#include "queryclient.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// The Query protocol's form body: "Action=…&Version=…&Name=value…", every key and value percent-encoded the way
// SigV4 encodes (RFC 3986 unreserved characters kept, space as %20, never '+'), parameters in the order given.
namespace QueryEncoder {

QByteArray encode(const QString& action, const QString& version, const QueryParameters& parameters);

// Name.member.1 … Name.member.N (from 1); nothing for an empty list (AWS treats "absent" and "empty" alike here).
void addList(QueryParameters& parameters, const QString& name, const QStringList& values);
// Filters.member.N.Name and Filters.member.N.Values.member.M, for DescribeAutoScalingGroups' tag filters.
void addFilters(QueryParameters& parameters, const QString& name, const QList<QPair<QString, QStringList>>& filters);
// Adds name=value when value is not empty.
void addOptional(QueryParameters& parameters, const QString& name, const QString& value);

} // namespace QueryEncoder
