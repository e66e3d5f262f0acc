#include "cliexitcode.h"

#include "awserror.h"

#include <QSet>

using namespace Qt::StringLiterals;

CliExit exitCodeFor(const AwsError& error)
{
    static const QSet<QString> credentialCodes {
        u"InvalidClientTokenId"_s,
        u"SignatureDoesNotMatch"_s,
        u"ExpiredToken"_s,
        u"ExpiredTokenException"_s,
        u"InvalidAccessKeyId"_s,
        u"UnrecognizedClientException"_s,
        u"MissingAuthenticationToken"_s,
        u"IncompleteSignature"_s,
        u"AuthFailure"_s,
        u"InvalidToken"_s,
    };
    switch (error.kind) {
    case AwsError::Kind::None:
        return CliExit::Ok;
    case AwsError::Kind::Validation:
        return CliExit::Usage;
    case AwsError::Kind::Credentials:
        return CliExit::Credentials;
    case AwsError::Kind::Network:
    case AwsError::Kind::Timeout:
        return CliExit::Network;
    case AwsError::Kind::Service:
        return credentialCodes.contains(error.code) ? CliExit::Credentials : CliExit::AwsError;
    case AwsError::Kind::UnreadableBody:
        return CliExit::AwsError;
    }
    return CliExit::AwsError;
}
