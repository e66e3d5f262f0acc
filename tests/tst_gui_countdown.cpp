// The countdown column as the operator sees it: red when the default result is minutes away, amber as it nears,
// the palette's own colour otherwise, with a bar showing how much of the heartbeat window is left. Rendered
// offscreen and read back pixel by pixel, so a regression in the delegate or the urgency rules shows.
#include "countdowndelegate.h"
#include "inventorybuilders.h"
#include "inventorystore.h"
#include "pendingaction.h"
#include "pendingactionmodel.h"
#include "uistyle.h"

#include <QImage>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace {

const QDateTime T0(QDate(2026, 3, 1), QTime(3, 0), Qt::UTC);

// One instance of `name` waiting on one launch hook with this heartbeat timeout.
GroupSnapshot waitingGroup(const QString& name, int heartbeatTimeout)
{
    using namespace TestSupport;
    return group(name, { instance(name, u"i-"_s + name, u"Pending:Wait"_s) },
        { hook(name, u"warm-up"_s, true, heartbeatTimeout, u"ABANDON"_s) });
}

// Pixels of exactly `color` inside `rect` of `image` (the bar is a plain fill: its colour survives unblended).
int pixelsOf(const QImage& image, const QRect& rect, const QColor& color)
{
    int count = 0;
    const QRgb wanted = color.rgb();
    for (int y = rect.top(); y <= rect.bottom(); ++y) {
        for (int x = rect.left(); x <= rect.right(); ++x) {
            if (image.pixel(x, y) == wanted)
                ++count;
        }
    }
    return count;
}

} // namespace

class TestGuiCountdown : public QObject {
    Q_OBJECT

private:
    QDateTime m_now = T0;
    std::unique_ptr<InventoryStore> m_store;
    std::unique_ptr<PendingActionModel> m_model;
    std::unique_ptr<QTreeView> m_view;

    QRect cellOf(const QString& group) const
    {
        const int row = m_model->rowOf(group, u"i-"_s + group);
        return m_view->visualRect(m_model->index(row, PendingActionModel::LeftColumn));
    }

    QImage render() const { return m_view->viewport()->grab().toImage().convertToFormat(QImage::Format_RGB32); }

private Q_SLOTS:
    void init()
    {
        m_now = T0;
        m_store = std::make_unique<InventoryStore>(nullptr);
        m_store->estimator()->setClock([this] { return m_now; });
        // Seen waiting at T0: "red" has 90 s left, "amber" 5 min, "calm" 1 h.
        m_store->setSnapshotForTesting(
            { waitingGroup(u"red"_s, 90), waitingGroup(u"amber"_s, 300), waitingGroup(u"calm"_s, 3600) });
        m_model = std::make_unique<PendingActionModel>(m_store.get());
        m_model->setTickInterval(0);
        m_view = std::make_unique<QTreeView>();
        m_view->setRootIsDecorated(false);
        m_view->setModel(m_model.get());
        m_view->setItemDelegate(new CountdownDelegate(m_view.get()));
        m_view->resize(900, 240);
        m_view->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    }

    void cleanup()
    {
        m_view.reset();
        m_model.reset();
        m_store.reset();
    }

    void urgencyColoursTheCountdown()
    {
        const QPalette palette = m_view->palette();
        const QColor danger = UiStyle::dangerColor(palette);
        const QColor warning = UiStyle::warningColor(palette);
        QVERIFY(danger != warning);
        const QImage image = render();
        QVERIFY(pixelsOf(image, cellOf(u"red"_s), danger) > 0);
        QCOMPARE(pixelsOf(image, cellOf(u"red"_s), warning), 0);
        QVERIFY(pixelsOf(image, cellOf(u"amber"_s), warning) > 0);
        QCOMPARE(pixelsOf(image, cellOf(u"amber"_s), danger), 0);
        QCOMPARE(pixelsOf(image, cellOf(u"calm"_s), danger), 0);
        QCOMPARE(pixelsOf(image, cellOf(u"calm"_s), warning), 0);
        // Other columns of an urgent row keep the normal text colour.
        const int redRow = m_model->rowOf(u"red"_s, u"i-red"_s);
        const QRect instanceCell = m_view->visualRect(m_model->index(redRow, PendingActionModel::InstanceColumn));
        QCOMPARE(pixelsOf(image, instanceCell, danger), 0);
    }

    void timePassingTurnsARowAmberThenRed()
    {
        const QColor danger = UiStyle::dangerColor(m_view->palette());
        const QColor warning = UiStyle::warningColor(m_view->palette());
        QCOMPARE(pixelsOf(render(), cellOf(u"calm"_s), warning), 0);
        m_now = T0.addSecs(3600 - 300); // 5 min left
        m_model->tick();
        QVERIFY(pixelsOf(render(), cellOf(u"calm"_s), warning) > 0);
        m_now = T0.addSecs(3600 - 60); // 1 min left
        m_model->tick();
        const QImage image = render();
        QVERIFY(pixelsOf(image, cellOf(u"calm"_s), danger) > 0);
        QCOMPARE(pixelsOf(image, cellOf(u"calm"_s), warning), 0);
    }

    // The bar under the countdown shrinks with the time left in the heartbeat window.
    void barShowsTheShareOfTheWindowLeft()
    {
        const QColor warning = UiStyle::warningColor(m_view->palette());
        const int full = pixelsOf(render(), cellOf(u"amber"_s), warning);
        m_now = T0.addSecs(150); // half of amber's 300 s window left
        m_model->tick();
        const int half = pixelsOf(render(), cellOf(u"amber"_s), warning);
        QVERIFY2(half > 0 && half < full, qPrintable(u"%1 of %2"_s.arg(half).arg(full)));
        // The text is anti-aliased, the bar is not: compare the bar's share with a tolerance for the glyphs.
        QVERIFY2(std::abs(double(half) / full - 0.5) < 0.2, qPrintable(u"%1 of %2"_s.arg(half).arg(full)));
    }
};

QTEST_MAIN(TestGuiCountdown)
#include "tst_gui_countdown.moc"
