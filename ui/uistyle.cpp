#include "uistyle.h"

#include <QList>
#include <cmath>

bool UiStyle::isDark(const QPalette& palette)
{
    return palette.color(QPalette::Window).lightnessF() < 0.5;
}

qreal UiStyle::relativeLuminance(const QColor& color)
{
    const auto linear
        = [](qreal channel) { return channel <= 0.04045 ? channel / 12.92 : std::pow((channel + 0.055) / 1.055, 2.4); };
    const QColor rgb = color.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

qreal UiStyle::contrastRatio(const QColor& a, const QColor& b)
{
    const qreal la = relativeLuminance(a);
    const qreal lb = relativeLuminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

QColor UiStyle::readableOn(const QColor& color, const QList<QColor>& backgrounds, qreal minimum)
{
    if (backgrounds.isEmpty())
        return color;
    qreal average = 0;
    for (const QColor& background : backgrounds)
        average += relativeLuminance(background) / qreal(backgrounds.size());
    const QColor target = average > 0.18 ? QColor(Qt::black) : QColor(Qt::white);
    const auto worst = [&backgrounds](const QColor& candidate) {
        qreal ratio = 21;
        for (const QColor& background : backgrounds)
            ratio = qMin(ratio, contrastRatio(candidate, background));
        return ratio;
    };
    // Mix towards black or white in small steps: the hue stays recognisable (red stays red) while it gets readable.
    QColor mixed = color.toRgb();
    for (int step = 1; step <= 20 && worst(mixed) < minimum; ++step) {
        const float amount = float(step) / 20.0F;
        mixed = QColor::fromRgbF(color.redF() + (target.redF() - color.redF()) * amount,
            color.greenF() + (target.greenF() - color.greenF()) * amount,
            color.blueF() + (target.blueF() - color.blueF()) * amount);
    }
    return mixed;
}

namespace {
QList<QColor> rowColours(const QPalette& palette)
{
    return { palette.color(QPalette::Base), palette.color(QPalette::AlternateBase) };
}
} // namespace

QColor UiStyle::dangerColor(const QPalette& palette)
{
    return readableOn(isDark(palette) ? QColor(0xff, 0x7b, 0x72) : QColor(0xc0, 0x1c, 0x28), rowColours(palette));
}

QColor UiStyle::warningColor(const QPalette& palette)
{
    return readableOn(isDark(palette) ? QColor(0xe3, 0xb3, 0x41) : QColor(0x9a, 0x67, 0x00), rowColours(palette));
}

QColor UiStyle::successColor(const QPalette& palette)
{
    return readableOn(isDark(palette) ? QColor(0x56, 0xd3, 0x64) : QColor(0x1a, 0x7f, 0x37), rowColours(palette));
}

QColor UiStyle::tint(const QPalette& palette, const QColor& accent, qreal amount)
{
    const QColor base = palette.color(QPalette::Window);
    const auto mix = float(amount);
    return QColor::fromRgbF(base.redF() + (accent.redF() - base.redF()) * mix,
        base.greenF() + (accent.greenF() - base.greenF()) * mix, base.blueF() + (accent.blueF() - base.blueF()) * mix);
}
