#pragma once

#include <QByteArray>
#include <QtGlobal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

// Shared by the fuzz targets. A broken invariant stops the run with abort(): libFuzzer reports it as a crash and
// saves the input, and the replay test (HOOKDESK_FUZZ off) fails with the same message.
#define FUZZ_CHECK(condition)                                                                                          \
    do {                                                                                                               \
        if (!(condition)) {                                                                                            \
            std::fprintf(stderr, "%s:%d: invariant broken: %s\n", __FILE__, __LINE__, #condition);                     \
            std::abort();                                                                                              \
        }                                                                                                              \
    } while (false)

namespace Fuzz {

// A copy, not QByteArray::fromRawData: the parsers may rely on the terminating NUL a QByteArray always has.
inline QByteArray bytes(const uint8_t* data, size_t size)
{
    return QByteArray(reinterpret_cast<const char*>(data), qsizetype(size));
}

// Local time must never leak into UTC parsing. Pinning a zone with daylight saving time (Central Europe, given as a
// POSIX rule so no tzdata is needed) makes such a leak show up on every machine, CI's UTC ones included.
inline void pinTimeZoneWithDst()
{
    static const bool pinned = [] { return qputenv("TZ", "CET-1CEST,M3.5.0,M10.5.0/3"); }();
    Q_UNUSED(pinned);
}

} // namespace Fuzz
