#pragma once

#include "endpointresolver.h"

#include <QProcessEnvironment>
#include <QString>
#include <QUrl>
#include <array>

// What a profile of ~/.aws/config says about endpoints (AwsConfigImport reads it): its endpoint_url, the per-service
// endpoint_url of the [services <name>] section it names, and ignore_configured_endpoint_urls.
struct ConfiguredEndpoints {
    QUrl endpointUrl;
    QString servicesSection; // the name after "services =", for messages; empty when the profile names none
    std::array<QUrl, std::size(EndpointResolver::AllServices)> services;
    bool ignoreConfigured = false;

    QUrl service(EndpointResolver::Service s) const { return services.at(std::size_t(s)); }
};

// The endpoint URL each service is sent to instead of the region's AWS host, with where that URL was configured, so
// a URL that cannot be used is refused with the place to fix it. Precedence, as the AWS SDKs document it
// ("Service-specific endpoints"), highest first:
//   1. an endpoint for every service given explicitly: --endpoint-url, or the endpoint of a Hookdesk profile (the
//      operator set it on that profile on purpose, so the environment does not move it);
//   2. AWS_ENDPOINT_URL_<SERVICE> (AWS_ENDPOINT_URL_AUTO_SCALING, _STS, _SSO, _SSO_OIDC);
//   3. AWS_ENDPOINT_URL;
//   4. the profile's [services <name>] section: "<service> =" with an indented "endpoint_url = …";
//   5. the profile's endpoint_url;
//   6. none: the region's AWS endpoint.
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true, or ignore_configured_endpoint_urls = true in the profile, drops 2–5;
// an explicit endpoint (1) is used all the same, as the SDK documentation says.
class EndpointOverrides {
public:
    struct Entry {
        QUrl url; // empty: the region's AWS endpoint
        QString origin; // "AWS_ENDPOINT_URL_STS", "profile prod", "[services local] in config"…; not translated
    };

    // One URL for every service (1 above); empty `url` makes no override.
    static EndpointOverrides forAll(const QUrl& url, const QString& origin);
    // 2–5 above; `profile` may be empty (no ~/.aws profile in play, e.g. environment keys or a Hookdesk profile).
    static EndpointOverrides configured(const QProcessEnvironment& environment, const ConfiguredEndpoints& profile = {},
        const QString& configFile = {});
    // True when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS (or the setting's value given) says "true", in any case.
    static bool isTrue(const QString& value);

    Entry entry(EndpointResolver::Service service) const { return m_entries.at(std::size_t(service)); }
    QUrl url(EndpointResolver::Service service) const { return entry(service).url; }
    bool isEmpty() const;
    void set(EndpointResolver::Service service, const QUrl& url, const QString& origin);

    // EndpointResolver::resolve with this service's override; a refused override names where it was configured.
    EndpointResolver::Result resolve(EndpointResolver::Service service, const QString& region, bool fips = false) const;
    // "auto_scaling=http://127.0.0.1:4566 (AWS_ENDPOINT_URL_AUTO_SCALING), sts=…" for --debug; empty when none.
    QString describe() const;

    bool operator==(const EndpointOverrides& other) const;

private:
    std::array<Entry, std::size(EndpointResolver::AllServices)> m_entries;
};
