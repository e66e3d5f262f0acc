#pragma once

#include <QUrl>
#include <functional>

// Opens a URL in the user's browser for `sso login`: the desktop's opener (xdg-open, open, the Windows shell) started
// detached, so the CLI neither waits for nor owns the browser. Tests replace it with a client that follows the
// sign-in page's redirect as a browser would.
namespace CliBrowser {

bool open(const QUrl& url);
using Opener = std::function<bool(const QUrl& url)>;
// An empty opener restores the desktop's.
void setOpenerForTests(Opener opener);

} // namespace CliBrowser
