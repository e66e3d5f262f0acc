#include "cliformat.h"

#include "autoscalingtypes.h"

#include <QRegularExpression>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace CliFormat {

QString duration(qint64 seconds)
{
    if (seconds < 0)
        return u"-"_s + duration(-seconds);
    const qint64 h = seconds / 3600;
    const qint64 m = (seconds % 3600) / 60;
    const qint64 s = seconds % 60;
    QString text;
    if (h > 0)
        text += QString::number(h) + u'h';
    if (m > 0)
        text += QString::number(m) + u'm';
    if (s > 0 || text.isEmpty())
        text += QString::number(s) + u's';
    return text;
}

qint64 parseDuration(const QString& text)
{
    static const QRegularExpression pattern(u"^(?:(\\d{1,3})h)?(?:(\\d{1,5})m)?(?:(\\d{1,6})s)?$"_s);
    const QString trimmed = text.trimmed().toLower();
    const QRegularExpressionMatch match = pattern.match(trimmed);
    if (trimmed.isEmpty() || !match.hasMatch())
        return -1;
    const qint64 seconds
        = match.captured(1).toLongLong() * 3600 + match.captured(2).toLongLong() * 60 + match.captured(3).toLongLong();
    return seconds > 0 && seconds <= 172800 ? seconds : -1;
}

QString utc(const QDateTime& time)
{
    if (!time.isValid())
        return {};
    return time.toUTC().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString hookTransition(const QString& transition)
{
    if (transition == QLatin1String(LifecycleTransition::Launching))
        return u"launch"_s;
    if (transition == QLatin1String(LifecycleTransition::Terminating))
        return u"terminate"_s;
    return transition;
}

QString hookTransitionFromUser(const QString& text)
{
    const QString lower = text.toLower();
    if (lower == u"launch"_s || lower == u"launching"_s || text == QLatin1String(LifecycleTransition::Launching))
        return QLatin1String(LifecycleTransition::Launching);
    if (lower == u"terminate"_s || lower == u"terminating"_s || text == QLatin1String(LifecycleTransition::Terminating))
        return QLatin1String(LifecycleTransition::Terminating);
    return {};
}

namespace {
bool needsEscape(char16_t u)
{
    if (u == u'\n' || u == u'\t')
        return false;
    return u < 0x20 || (u >= 0x7f && u <= 0x9f) || (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069);
}
} // namespace

QString terminalSafe(const QString& text)
{
    // Most text has nothing to escape: return it as it is, without a copy.
    const auto first = std::find_if(text.cbegin(), text.cend(), [](QChar c) { return needsEscape(c.unicode()); });
    if (first == text.cend())
        return text;
    QString safe = text.left(first - text.cbegin());
    for (auto it = first; it != text.cend(); ++it) {
        const char16_t u = it->unicode();
        if (!needsEscape(u))
            safe += *it;
        else if (u < 0x80)
            safe += u"\\x"_s + QString::number(u, 16).rightJustified(2, u'0');
        else
            safe += u"\\u"_s + QString::number(u, 16).rightJustified(4, u'0');
    }
    return safe;
}

} // namespace CliFormat
