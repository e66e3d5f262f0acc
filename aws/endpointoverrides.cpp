#include "endpointoverrides.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

EndpointOverrides EndpointOverrides::forAll(const QUrl& url, const QString& origin)
{
    EndpointOverrides overrides;
    if (url.isEmpty())
        return overrides;
    for (EndpointResolver::Service service : EndpointResolver::AllServices)
        overrides.set(service, url, origin);
    return overrides;
}

bool EndpointOverrides::isTrue(const QString& value)
{
    return value.trimmed().compare(u"true"_s, Qt::CaseInsensitive) == 0;
}

EndpointOverrides EndpointOverrides::configured(
    const QProcessEnvironment& environment, const ConfiguredEndpoints& profile, const QString& configFile)
{
    EndpointOverrides overrides;
    if (isTrue(environment.value(u"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"_s)) || profile.ignoreConfigured)
        return overrides;
    const QString file = configFile.isEmpty() ? u"config"_s : configFile;
    const QString global = environment.value(u"AWS_ENDPOINT_URL"_s).trimmed();
    for (EndpointResolver::Service service : EndpointResolver::AllServices) {
        const QString key = EndpointResolver::configKey(service);
        const QString variable = u"AWS_ENDPOINT_URL_"_s + key.toUpper();
        // An empty variable is unset, as in botocore: `AWS_ENDPOINT_URL_STS= aws …` does not mean "no host".
        if (const QString specific = environment.value(variable).trimmed(); !specific.isEmpty())
            overrides.set(service, QUrl(specific), variable);
        else if (!global.isEmpty())
            overrides.set(service, QUrl(global), u"AWS_ENDPOINT_URL"_s);
        else if (!profile.service(service).isEmpty())
            overrides.set(
                service, profile.service(service), u"[services %1] %2 in %3"_s.arg(profile.servicesSection, key, file));
        else if (!profile.endpointUrl.isEmpty())
            overrides.set(service, profile.endpointUrl, u"endpoint_url in %1"_s.arg(file));
    }
    return overrides;
}

bool EndpointOverrides::isEmpty() const
{
    return std::all_of(m_entries.cbegin(), m_entries.cend(), [](const Entry& e) { return e.url.isEmpty(); });
}

void EndpointOverrides::set(EndpointResolver::Service service, const QUrl& url, const QString& origin)
{
    m_entries.at(std::size_t(service)) = { url, origin };
}

EndpointResolver::Result EndpointOverrides::resolve(
    EndpointResolver::Service service, const QString& region, bool fips) const
{
    const Entry chosen = entry(service);
    EndpointResolver::Result result = EndpointResolver::resolve(service, region, fips, chosen.url);
    // With a region, the only way an override fails is its URL: say where it was set.
    if (!result.ok() && !chosen.url.isEmpty() && !region.isEmpty())
        result.error = QCoreApplication::translate("EndpointOverrides", "The %1 endpoint from %2 cannot be used: %3")
                           .arg(EndpointResolver::displayName(service), chosen.origin, result.error);
    return result;
}

QString EndpointOverrides::describe() const
{
    QStringList parts;
    for (EndpointResolver::Service service : EndpointResolver::AllServices) {
        const Entry e = entry(service);
        if (!e.url.isEmpty())
            parts << u"%1=%2 (%3)"_s.arg(EndpointResolver::configKey(service), e.url.toString(), e.origin);
    }
    return parts.join(u", "_s);
}

bool EndpointOverrides::operator==(const EndpointOverrides& other) const
{
    for (std::size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).url != other.m_entries.at(i).url || m_entries.at(i).origin != other.m_entries.at(i).origin)
            return false;
    }
    return true;
}
