#pragma once

#include <QString>

// AWS_CA_BUNDLE: a PEM file of extra certificate authorities (a company's TLS-inspecting proxy, a private endpoint),
// trusted beside the system's roots for every connection Hookdesk makes — Auto Scaling, STS, sign-in — as the AWS
// SDKs and boto3 do with the same variable. The system roots are never replaced.
namespace CaBundle {

// Adds the certificates of `path` to this process's default TLS configuration, which every QNetworkAccessManager
// request starts from. False, with a message naming the file, when it cannot be read or holds no certificate (a
// wrong path must not silently leave the endpoint untrusted and look like a network fault). Adding the same file
// again changes nothing.
bool trust(const QString& path, QString* error);

// The same for the bundle of the Network preferences, whose messages name the file, not AWS_CA_BUNDLE.
bool trustFile(const QString& path, QString* error);
// Only the check: can `path` be read and does it hold at least one PEM certificate (the preferences page's test).
bool check(const QString& path, QString* error);

} // namespace CaBundle
