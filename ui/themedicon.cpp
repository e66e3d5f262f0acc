#include "themedicon.h"

#include <QFile>
#include <QGuiApplication>
#include <QIconEngine>
#include <QPainter>
#include <QPalette>
#include <QPixmapCache>
#include <QSvgRenderer>

using namespace Qt::StringLiterals;

namespace {

class PaletteIconEngine : public QIconEngine {
public:
    explicit PaletteIconEngine(QString path)
        : m_path(std::move(path))
    {
        QFile file(m_path);
        if (file.open(QIODevice::ReadOnly))
            m_svg = file.readAll();
    }

    QIconEngine* clone() const override { return new PaletteIconEngine(*this); }
    QString key() const override { return u"HookdeskPaletteIconEngine"_s; }
    bool isNull() override { return m_svg.isEmpty(); }

    void paint(QPainter* painter, const QRect& rect, QIcon::Mode mode, QIcon::State state) override
    {
        const qreal dpr = painter->device() ? painter->device()->devicePixelRatioF() : 1.0;
        const QPixmap pm = scaledPixmap(rect.size(), mode, state, dpr);
        painter->drawPixmap(rect, pm);
    }

    QPixmap pixmap(const QSize& size, QIcon::Mode mode, QIcon::State state) override
    {
        return scaledPixmap(size, mode, state, 1.0);
    }

    QPixmap scaledPixmap(const QSize& size, QIcon::Mode mode, QIcon::State, qreal scale) override
    {
        const QPalette palette = QGuiApplication::palette();
        const QColor ink = palette.color(QPalette::Active, QPalette::WindowText);
        const QSize pixelSize = size * scale;
        const QString cacheKey = u"hookdesk-icon:%1:%2x%3:%4:%5"_s.arg(m_path)
                                     .arg(pixelSize.width())
                                     .arg(pixelSize.height())
                                     .arg(int(mode))
                                     .arg(ink.name());
        QPixmap pm;
        if (QPixmapCache::find(cacheKey, &pm))
            return pm;

        QByteArray svg = m_svg;
        svg.replace("currentColor", ink.name().toLatin1());
        QSvgRenderer renderer(svg);
        pm = QPixmap(pixelSize);
        pm.fill(Qt::transparent);
        {
            QPainter p(&pm);
            // Disabled actions must read as disabled on both light and dark themes: fade rather than recolour.
            if (mode == QIcon::Disabled)
                p.setOpacity(0.35);
            renderer.render(&p, QRectF(QPointF(0, 0), QSizeF(pixelSize)));
        }
        pm.setDevicePixelRatio(scale);
        QPixmapCache::insert(cacheKey, pm);
        return pm;
    }

    QSize actualSize(const QSize& size, QIcon::Mode, QIcon::State) override { return size; }

private:
    QString m_path;
    QByteArray m_svg;
};

} // namespace

QIcon ThemedIcon::icon(const QString& name)
{
    return QIcon(new PaletteIconEngine(u":/icons/"_s + name + u".svg"_s));
}
