#pragma once

#include "autoscalingxml.h"

// The tree-based Auto Scaling readers that AutoScalingXml replaced (tests only; see treereaders.cpp). Same
// signatures and contracts as AutoScalingXml's.
namespace TreeReaders {

ParsedResponse<QList<AutoScalingGroup>> describeAutoScalingGroups(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<GroupInstance>> describeAutoScalingInstances(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<LifecycleHook>> describeLifecycleHooks(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QStringList> describeLifecycleHookTypes(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<ScalingActivity>> describeScalingActivities(const QByteArray& body, int httpStatus = 200);
ParsedResponse<NoResult> emptyResult(const QByteArray& body, QLatin1StringView action, int httpStatus = 200);

// Where two answers differ, in words ("value[3]", "error.message"), or an empty string when they are equal field by
// field: value, next token, request ID and every field of the error.
QString differences(const AwsError& a, const AwsError& b);

template <typename T> QString valueDifferences(const T& a, const T& b)
{
    return a == b ? QString() : QStringLiteral("value");
}

template <typename T> QString valueDifferences(const QList<T>& a, const QList<T>& b)
{
    if (a.size() != b.size())
        return QStringLiteral("value (%1 items against %2)").arg(a.size()).arg(b.size());
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (!(a.at(i) == b.at(i)))
            return QStringLiteral("value[%1]").arg(i);
    }
    return {};
}

inline QString valueDifferences(const NoResult& /*a*/, const NoResult& /*b*/)
{
    return {};
}

template <typename T> QString differences(const ParsedResponse<T>& a, const ParsedResponse<T>& b)
{
    if (a.nextToken != b.nextToken)
        return QStringLiteral("nextToken");
    if (a.requestId != b.requestId)
        return QStringLiteral("requestId");
    const QString error = differences(a.error, b.error);
    return error.isEmpty() ? valueDifferences(a.value, b.value) : error;
}

} // namespace TreeReaders
