// CredentialChain, web identity: STS AssumeRoleWithWebIdentity with a token file, named by the environment
// (AWS_WEB_IDENTITY_TOKEN_FILE, as EKS and CI runners set it) or by a ~/.aws profile (web_identity_token_file).
#include "credentialchain.h"
#include "webidentitycredentialprovider.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

std::optional<CredentialChain::Outcome> CredentialChain::fromWebIdentityEnvironment(QObject* parent) const
{
    const QString tokenFile = m_environment.value(u"AWS_WEB_IDENTITY_TOKEN_FILE"_s);
    if (tokenFile.isEmpty())
        return std::nullopt;
    Outcome outcome;
    const QString region = m_environment.value(u"AWS_REGION"_s, m_environment.value(u"AWS_DEFAULT_REGION"_s));
    if (region.isEmpty()) {
        outcome.error = AwsError::validation(QCoreApplication::translate("CredentialChain",
            "The web identity comes from the environment; set AWS_REGION (or AWS_DEFAULT_REGION) too."));
        return outcome;
    }
    outcome.resolved.source = ResolvedCredentials::Source::EnvironmentWebIdentity;
    outcome.resolved.region = region;
    outcome.resolved.endpoints = EndpointOverrides::configured(m_environment);
    outcome.resolved.provider = webIdentityProvider(tokenFile, m_environment.value(u"AWS_ROLE_ARN"_s),
        m_environment.value(u"AWS_ROLE_SESSION_NAME"_s), region, outcome.resolved.endpoints, parent, &outcome.error);
    return outcome;
}

CredentialProvider* CredentialChain::webIdentityProvider(const QString& tokenFile, const QString& roleArn,
    const QString& sessionName, const QString& region, const EndpointOverrides& endpoints, QObject* parent,
    AwsError* error) const
{
    if (roleArn.isEmpty()) {
        *error = AwsError::credentials(QCoreApplication::translate("CredentialChain",
            "A web identity token file needs the role to assume: set role_arn (or AWS_ROLE_ARN) too."));
        return nullptr;
    }
    const EndpointResolver::Result sts = endpoints.resolve(EndpointResolver::Service::Sts, region);
    if (!sts.ok()) {
        *error = AwsError::validation(sts.error);
        return nullptr;
    }
    return new WebIdentityCredentialProvider(tokenFile, roleArn, sessionName, sts.endpoint, m_network, parent);
}
