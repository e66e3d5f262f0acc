#pragma once

#include <QDateTime>
#include <QString>

// How old something is, in the words the window uses wherever an age is shown (the data after a failed refresh,
// a pasted notification). Translated; rounded down to what an operator reads at a glance.
namespace AgeText {
// "45 s ago", "2 min ago", "1 h 5 min ago", "3 d ago"; "just now" under 5 s.
QString ago(qint64 seconds);
// "data from 2 min ago": what the window shows while it keeps the last good data after a failed refresh.
QString dataFrom(const QDateTime& loaded, const QDateTime& now);
// "sent 3 min ago (14:02:11)"; "sent at 14:02:11, after this computer's clock: check it" for a time ahead of
// `now` by more than a minute; empty when `sent` is invalid (the notification carries no time).
QString sent(const QDateTime& sent, const QDateTime& now);
} // namespace AgeText
