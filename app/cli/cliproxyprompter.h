#pragma once

#include "proxyauthenticator.h"

class CliContext;

// How hookdesk-cli answers a proxy that asks for a user name and password (ProxyAuthenticator's asker): on a
// terminal it asks once, the password with echo off, and the password is kept in the keychain for the next run;
// off a terminal nobody can answer, so it says what to set instead and the request fails.
namespace CliProxyPrompter {
ProxyAuthenticator::Asker make(CliContext* context);
}
