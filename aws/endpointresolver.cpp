#include "endpointresolver.h"

#include <QCoreApplication>
#include <QHostAddress>
#include <QHostInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace EndpointResolver {

namespace {

// Regions with a FIPS host of their own in the aws partition (botocore endpoints.json, 2025).
const QStringList AutoScalingFipsRegions
    = { u"us-east-1"_s, u"us-east-2"_s, u"us-west-1"_s, u"us-west-2"_s, u"ca-central-1"_s, u"ca-west-1"_s };
const QStringList StsFipsRegions = { u"us-east-1"_s, u"us-east-2"_s, u"us-west-1"_s, u"us-west-2"_s };

// Host prefix, signing name and API version of each service (botocore endpoints.json and service models). The SSO
// portal and OIDC calls are unsigned (a bearer token, or nothing); their signing names are botocore's all the same.
struct ServiceInfo {
    QString hostPrefix;
    QString signingName;
    QString apiVersion;
    const QStringList* fipsRegions; // aws-partition regions with a FIPS host; null: none
};

ServiceInfo infoOf(Service service)
{
    switch (service) {
    case Service::Sts:
        return { u"sts"_s, u"sts"_s, u"2011-06-15"_s, &StsFipsRegions };
    case Service::Sso:
        return { u"portal.sso"_s, u"awsssoportal"_s, u"2019-06-10"_s, nullptr };
    case Service::SsoOidc:
        return { u"oidc"_s, u"sso-oauth"_s, u"2019-06-10"_s, nullptr };
    case Service::AutoScaling:
        break;
    }
    return { u"autoscaling"_s, u"autoscaling"_s, u"2011-01-01"_s, &AutoScalingFipsRegions };
}

} // namespace

QString configKey(Service service)
{
    switch (service) {
    case Service::Sts:
        return u"sts"_s;
    case Service::Sso:
        return u"sso"_s;
    case Service::SsoOidc:
        return u"sso_oidc"_s;
    case Service::AutoScaling:
        break;
    }
    return u"auto_scaling"_s;
}

QString displayName(Service service)
{
    switch (service) {
    case Service::Sts:
        return u"STS"_s;
    case Service::Sso:
        return u"IAM Identity Center"_s;
    case Service::SsoOidc:
        return u"IAM Identity Center OIDC"_s;
    case Service::AutoScaling:
        break;
    }
    return u"Auto Scaling"_s;
}

QString partitionOf(const QString& region)
{
    static const QRegularExpression gov(u"^us-gov-\\w+-\\d+$"_s);
    static const QRegularExpression cn(u"^cn-\\w+-\\d+$"_s);
    static const QRegularExpression aws(u"^(us|eu|ap|sa|ca|me|af|il|mx)-\\w+-\\d+$"_s);
    if (gov.match(region).hasMatch())
        return u"aws-us-gov"_s;
    if (cn.match(region).hasMatch())
        return u"aws-cn"_s;
    if (aws.match(region).hasMatch())
        return u"aws"_s;
    return {};
}

QString dnsSuffix(const QString& partition)
{
    return partition == u"aws-cn"_s ? u"amazonaws.com.cn"_s : u"amazonaws.com"_s;
}

namespace {
HostLookup& hostLookup()
{
    static HostLookup lookup;
    return lookup;
}
} // namespace

void setHostLookupForTests(HostLookup lookup)
{
    hostLookup() = std::move(lookup);
}

bool isLoopbackHost(const QString& host)
{
    QHostAddress address;
    if (address.setAddress(host))
        return address.isLoopback();
    if (host.compare(u"localhost"_s, Qt::CaseInsensitive) != 0)
        return false;
    // The name is only as good as the resolver: /etc/hosts or a DNS search domain can send "localhost" across
    // the network. Trusted when it resolves, and every address it resolves to is loopback. Blocking, but once per
    // resolution and answered from the hosts file.
    const QList<QHostAddress> addresses = hostLookup() ? hostLookup()(host) : QHostInfo::fromName(host).addresses();
    return !addresses.isEmpty()
        && std::all_of(addresses.cbegin(), addresses.cend(), [](const QHostAddress& a) { return a.isLoopback(); });
}

QString overrideUrlError(const QUrl& url)
{
    if (!url.isValid() || url.host().isEmpty())
        return QCoreApplication::translate("EndpointResolver", "The endpoint URL is not a valid URL with a host name.");
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https"_s)
        return {};
    if (scheme == u"http"_s) {
        if (isLoopbackHost(url.host()))
            return {};
        return QCoreApplication::translate("EndpointResolver",
            "Plain http is only allowed to this computer (127.0.0.1, ::1, or localhost when it resolves only to "
            "those): requests would cross the network unencrypted. Use an https:// endpoint URL for %1.")
            .arg(url.host());
    }
    return QCoreApplication::translate(
        "EndpointResolver", "The endpoint URL must start with https:// (or http:// for a server on this computer).");
}

Result resolve(Service service, const QString& region, bool fips, const QUrl& overrideUrl)
{
    Result result;
    const ServiceInfo info = infoOf(service);
    result.endpoint.signingName = info.signingName;
    result.endpoint.apiVersion = info.apiVersion;
    result.endpoint.region = region;
    if (region.isEmpty()) {
        result.error = QCoreApplication::translate("EndpointResolver", "Choose a region.");
        return result;
    }

    if (!overrideUrl.isEmpty()) {
        result.error = overrideUrlError(overrideUrl);
        if (result.ok()) {
            QUrl url = overrideUrl;
            if (url.path().isEmpty())
                url.setPath(u"/"_s);
            result.endpoint.url = url;
        }
        return result;
    }

    const QString partition = partitionOf(region);
    if (partition.isEmpty()) {
        result.error = QCoreApplication::translate("EndpointResolver",
            "\"%1\" is not a region name Hookdesk knows (for example eu-west-1, cn-north-1, "
            "us-gov-west-1). For another partition, give an endpoint URL.")
                           .arg(region);
        return result;
    }
    QString host = info.hostPrefix + u'.' + region + u'.' + dnsSuffix(partition);
    if (fips) {
        if (partition == u"aws-us-gov"_s) {
            // GovCloud's regular endpoints are the FIPS ones.
        } else if (partition == u"aws"_s && info.fipsRegions && info.fipsRegions->contains(region)) {
            host = info.hostPrefix + u"-fips."_s + region + u'.' + dnsSuffix(partition);
        } else {
            result.error = QCoreApplication::translate("EndpointResolver",
                "AWS offers no FIPS endpoint for %1 in %2. Turn FIPS off or choose a US or Canadian "
                "region.")
                               .arg(displayName(service), region);
            return result;
        }
    }
    result.endpoint.url = QUrl(u"https://"_s + host + u'/');
    return result;
}

} // namespace EndpointResolver
