#include "clibrowser.h"

#include <QProcess>

using namespace Qt::StringLiterals;

namespace {
CliBrowser::Opener& testOpener()
{
    static CliBrowser::Opener opener;
    return opener;
}
} // namespace

bool CliBrowser::open(const QUrl& url)
{
    if (testOpener())
        return testOpener()(url);
        // The URL is one argument of a program started without a shell: nothing in it is interpreted.
#if defined(Q_OS_WIN)
    return QProcess::startDetached(
        u"rundll32"_s, { u"url.dll,FileProtocolHandler"_s, url.toString(QUrl::FullyEncoded) });
#elif defined(Q_OS_MACOS)
    return QProcess::startDetached(u"open"_s, { url.toString(QUrl::FullyEncoded) });
#else
    return QProcess::startDetached(u"xdg-open"_s, { url.toString(QUrl::FullyEncoded) });
#endif
}

void CliBrowser::setOpenerForTests(Opener opener)
{
    testOpener() = std::move(opener);
}
