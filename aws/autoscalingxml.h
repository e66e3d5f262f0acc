#pragma once

#include "autoscalingtypes.h"
#include "awserror.h"
#include "awsjob.h"
#include "credentials.h"

#include <QByteArray>
#include <QString>

// One parsed answer: the value, the page's NextToken, the request ID, or an error (nothing else is then valid).
template <typename T> struct ParsedResponse {
    T value {};
    QString nextToken;
    QString requestId;
    AwsError error;
    bool ok() const { return !error.isError(); }
};

// Readers for the Auto Scaling (2011-01-01) answers Hookdesk uses. Each takes the body of a 2xx answer; a body that
// is not the operation's <…Response> (an HTML page, a truncated body, an <ErrorResponse>) gives an error.
namespace AutoScalingXml {

ParsedResponse<QList<AutoScalingGroup>> describeAutoScalingGroups(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<GroupInstance>> describeAutoScalingInstances(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<LifecycleHook>> describeLifecycleHooks(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QStringList> describeLifecycleHookTypes(const QByteArray& body, int httpStatus = 200);
ParsedResponse<QList<ScalingActivity>> describeScalingActivities(const QByteArray& body, int httpStatus = 200);
// One page of DescribeWarmPool (NextToken in the response's nextToken).
ParsedResponse<WarmPool> describeWarmPool(const QByteArray& body, int httpStatus = 200);
// TerminateInstanceInAutoScalingGroup answers the termination activity.
ParsedResponse<ScalingActivity> terminateInstanceInAutoScalingGroup(const QByteArray& body, int httpStatus = 200);
// EnterStandby and ExitStandby answer one activity per instance (`action` names the operation).
ParsedResponse<QList<ScalingActivity>> standbyActivities(
    const QByteArray& body, QLatin1StringView action, int httpStatus = 200);
// PutLifecycleHook, DeleteLifecycleHook, CompleteLifecycleAction, RecordLifecycleActionHeartbeat: only the
// envelope (<ActionResponse>) and the request ID matter.
ParsedResponse<NoResult> emptyResult(const QByteArray& body, QLatin1StringView action, int httpStatus = 200);

// The NextToken of a listing found without reading the whole body: the text of the first <NextToken> after the
// closing tag of the list (`listElement`, e.g. "AutoScalingGroups"), which no text inside the list can contain
// (a '<' in a value is escaped). Empty when there is none. Only a hint: the full read is the truth.
QString trailingNextToken(const QByteArray& body, QByteArrayView listElement);

} // namespace AutoScalingXml

// Readers for STS (2011-06-15).
namespace StsXml {

ParsedResponse<CallerIdentity> getCallerIdentity(const QByteArray& body, int httpStatus = 200);
// The role's temporary credentials (with Expiration).
ParsedResponse<Credentials> assumeRole(const QByteArray& body, int httpStatus = 200);
// The user's own temporary credentials (with Expiration), after MFA.
ParsedResponse<Credentials> getSessionToken(const QByteArray& body, int httpStatus = 200);
// <Credentials> in <{action}Result>: AssumeRole, GetSessionToken and AssumeRoleWithWebIdentity share the shape.
ParsedResponse<Credentials> temporaryCredentials(const QByteArray& body, int httpStatus, QLatin1StringView action);

} // namespace StsXml
