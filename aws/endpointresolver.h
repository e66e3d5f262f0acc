#pragma once

#include "queryclient.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>
#include <functional>

// Region → endpoint for Auto Scaling, STS and IAM Identity Center (the SSO portal and its OIDC service) in the aws,
// aws-cn and aws-us-gov partitions (botocore's endpoints.json is the source of the host names and of where FIPS
// endpoints exist), or an override URL.
namespace EndpointResolver {

enum class Service { AutoScaling, Sts, Sso, SsoOidc };
constexpr Service AllServices[] = { Service::AutoScaling, Service::Sts, Service::Sso, Service::SsoOidc };

// The service's identifier as the SDKs spell it for configured endpoints: "auto_scaling", "sts", "sso",
// "sso_oidc" (the key in a [services] section; upper-cased it ends AWS_ENDPOINT_URL_<SERVICE>).
QString configKey(Service service);
// "Auto Scaling", "STS", "IAM Identity Center", "IAM Identity Center OIDC": for messages.
QString displayName(Service service);

struct Result {
    ServiceEndpoint endpoint;
    QString error; // translated; set when no endpoint could be made
    bool ok() const { return error.isEmpty(); }
};

// "aws", "aws-cn", "aws-us-gov", or empty for a region name no partition knows.
QString partitionOf(const QString& region);
QString dnsSuffix(const QString& partition);

// overrideUrl (VPC endpoint, simulator, moto) wins over region-derived hosts; it must be https, or http to a
// loopback host (127.0.0.0/8, ::1, localhost) so nothing is signed in clear text over a network.
Result resolve(Service service, const QString& region, bool fips = false, const QUrl& overrideUrl = {});

// Why this override URL cannot be used, or empty when it can.
QString overrideUrlError(const QUrl& url);
// A loopback address, or "localhost" when every address it resolves to is loopback.
bool isLoopbackHost(const QString& host);
// Replaces the name lookup isLoopbackHost() uses (QHostInfo::fromName); an empty function restores it.
using HostLookup = std::function<QList<QHostAddress>(const QString& host)>;
void setHostLookupForTests(HostLookup lookup);

} // namespace EndpointResolver
