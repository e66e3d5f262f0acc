// TextFilterProxyModel keeps exactly the rows QSortFilterProxyModel keeps with a case-insensitive fixed string over
// every column, also after cells change, rows come and go and the model resets (its per-row text cache must never
// answer for a row that changed).
#include "textfilterproxymodel.h"

#include <QAbstractItemModelTester>
#include <QStandardItemModel>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

QStringList shown(const QAbstractItemModel& proxy)
{
    QStringList rows;
    for (int row = 0; row < proxy.rowCount(); ++row)
        rows.append(proxy.index(row, 0).data().toString());
    rows.sort();
    return rows;
}

void addRow(QStandardItemModel& model, const QStringList& cells)
{
    QList<QStandardItem*> items;
    for (const QString& cell : cells)
        items.append(new QStandardItem(cell));
    model.appendRow(items);
}

} // namespace

class TestTextFilter : public QObject {
    Q_OBJECT

private:
    QStandardItemModel m_source;
    TextFilterProxyModel m_proxy;
    QSortFilterProxyModel m_reference;

    void setFilter(const QString& text)
    {
        m_proxy.setFilterText(text);
        m_reference.setFilterFixedString(text);
    }

    void verifySame() { QCOMPARE(shown(m_proxy), shown(m_reference)); }

private Q_SLOTS:
    void init()
    {
        m_source.clear();
        m_source.setColumnCount(3);
        addRow(m_source, { u"i-0aa"_s, u"web-blue"_s, u"InService"_s });
        addRow(m_source, { u"i-0bb"_s, u"web-green"_s, u"Pending:Wait"_s });
        addRow(m_source, { u"i-0cc"_s, u"Batch"_s, u"Terminating:Wait"_s });
        m_reference.setFilterCaseSensitivity(Qt::CaseInsensitive);
        m_reference.setFilterKeyColumn(-1);
        m_reference.setSourceModel(&m_source);
        m_proxy.setSourceModel(&m_source);
        setFilter({});
        m_proxy.setFilterFixedString({});
        m_proxy.setFilterKeyColumn(-1);
        new QAbstractItemModelTester(&m_proxy, QAbstractItemModelTester::FailureReportingMode::QtTest, &m_proxy);
    }

    void matchesAnyColumnIgnoringCase()
    {
        setFilter(u"WAIT"_s);
        QCOMPARE(shown(m_proxy), (QStringList { u"i-0bb"_s, u"i-0cc"_s }));
        verifySame();
        setFilter(u"batch"_s);
        QCOMPARE(shown(m_proxy), QStringList { u"i-0cc"_s });
        setFilter(u"web-blueInService"_s); // never across two cells
        QVERIFY(shown(m_proxy).isEmpty());
        verifySame();
        setFilter({});
        QCOMPARE(m_proxy.rowCount(), 3);
    }

    void changedCellsAreSeenAgain()
    {
        setFilter(u"wait"_s);
        QCOMPARE(m_proxy.rowCount(), 2);
        m_source.item(0, 2)->setText(u"Pending:Wait"_s); // the cached text of row 0 is out of date now
        verifySame();
        QCOMPARE(m_proxy.rowCount(), 3);
        m_source.item(1, 2)->setText(u"InService"_s);
        verifySame();
        QCOMPARE(m_proxy.rowCount(), 2);
    }

    void rowsComeAndGo()
    {
        setFilter(u"web"_s);
        QCOMPARE(m_proxy.rowCount(), 2);
        m_source.insertRow(
            0, { new QStandardItem(u"i-0dd"_s), new QStandardItem(u"web-red"_s), new QStandardItem(u"Pending"_s) });
        verifySame();
        QCOMPARE(m_proxy.rowCount(), 3);
        m_source.removeRow(1); // i-0aa: the rows after it move up, their cached texts must follow
        verifySame();
        setFilter(u"i-0cc"_s);
        verifySame();
        QCOMPARE(shown(m_proxy), QStringList { u"i-0cc"_s });
        m_source.clear();
        m_source.setColumnCount(3);
        addRow(m_source, { u"i-0ee"_s, u"batch"_s, u"InService"_s });
        setFilter(u"batch"_s);
        verifySame();
        QCOMPARE(m_proxy.rowCount(), 1);
    }

    // Without a text of its own, the base class's filter still applies (the group list filters on one column).
    void baseFilterStillWorks()
    {
        m_proxy.setFilterKeyColumn(1);
        m_proxy.setFilterFixedString(u"green"_s);
        QCOMPARE(shown(m_proxy), QStringList { u"i-0bb"_s });
    }
};

QTEST_GUILESS_MAIN(TestTextFilter)
#include "tst_models_textfilter.moc"
