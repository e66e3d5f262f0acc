// RowSyncModel<T> on its own, under QAbstractItemModelTester attached before the first fill: syncing inserts,
// changes, removes and reorders rows in place (never a reset), pinned rows stay in front, the header comes from
// the column titles and data() refuses indexes the model does not own.
#include "modelsignals.h"
#include "rowsyncmodel.h"

#include <QAbstractItemModelTester>
#include <QPersistentModelIndex>
#include <QSignalSpy>
#include <QTest>
#include <array>

using namespace Qt::StringLiterals;

namespace {

struct Item {
    QString key;
    int value = 0;
    friend bool operator==(const Item&, const Item&) = default;
};

constexpr std::array<const char*, 2> titles = { "Key", "Value" };

// The smallest model a subclass can be: the cells and nothing else.
class ItemModel : public RowSyncModel<Item> {
public:
    ItemModel()
        : RowSyncModel(titles)
    {
    }

    void sync(const QList<Item>& fresh)
    {
        syncRows(fresh, [](const Item& item) { return item.key; });
    }
    qsizetype syncRange(qsizetype first, qsizetype count, const QList<Item>& fresh)
    {
        return RowSyncModel::syncRange(first, count, fresh, [](const Item& item) { return item.key; });
    }
    using RowSyncModel::appendRows;
    using RowSyncModel::insertRowsAt;
    using RowSyncModel::resetRows;
    using RowSyncModel::rowValue;
    using RowSyncModel::setPinnedRows;

    QStringList keys() const
    {
        QStringList result;
        for (int row = 0; row < rowCount(); ++row)
            result.append(index(row, 0).data().toString());
        return result;
    }

protected:
    QVariant cell(const Item& item, const QModelIndex& index, int role) const override
    {
        if (role != Qt::DisplayRole)
            return {};
        return index.column() == 0 ? QVariant(item.key) : QVariant(item.value);
    }
    QString columnToolTip(int column) const override { return column == 1 ? u"the value"_s : QString(); }
};

QList<Item> items(const QString& keys, int value = 0)
{
    QList<Item> result;
    for (const QString& key : keys.split(u' ', Qt::SkipEmptyParts))
        result.append({ key, value });
    return result;
}

using Signals = TestSupport::ModelSignals;

} // namespace

class TestRowSync : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void insertChangeRemoveReorder()
    {
        ItemModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);

        Signals s(&model);
        model.sync(items(u"a b c d e"_s));
        QCOMPARE(model.keys(), u"a b c d e"_s.split(u' '));
        QCOMPARE(s.inserted.count(), 1); // one run, appended
        QCOMPARE(s.reset.count(), 0);

        // A selection on "d" must follow it through the removal of rows above it.
        const QPersistentModelIndex selected = model.index(3, 1);

        // Change one value: dataChanged over that row's columns, nothing structural.
        QList<Item> fresh = items(u"a b c d e"_s);
        fresh[2].value = 7;
        Signals change(&model);
        model.sync(fresh);
        QCOMPARE(change.structural(), 0);
        QCOMPARE(change.changed.count(), 1);
        QCOMPARE(change.changed.at(0).at(0).value<QModelIndex>(), model.index(2, 0));
        QCOMPARE(change.changed.at(0).at(1).value<QModelIndex>(), model.index(2, 1));
        QCOMPARE(model.index(2, 1).data().toInt(), 7);

        // Remove "a" and "b" (one run) and "e" (another), add "f": two removals, one insertion at the end.
        fresh = { fresh[2], fresh[3], { u"f"_s, 0 } };
        Signals remove(&model);
        model.sync(fresh);
        QCOMPARE(model.keys(), u"c d f"_s.split(u' '));
        QCOMPARE(remove.removed.count(), 2);
        QCOMPARE(remove.inserted.count(), 1);
        QCOMPARE(remove.reset.count(), 0);
        QVERIFY(selected.isValid());
        QCOMPARE(selected.row(), 1);
        QCOMPARE(selected.sibling(selected.row(), 0).data().toString(), u"d"_s);

        // The same rows in another order: the rows stay where they are (a sorting proxy orders them), no signal.
        Signals reorder(&model);
        model.sync({ fresh[2], fresh[0], fresh[1] });
        QCOMPARE(model.keys(), u"c d f"_s.split(u' '));
        QCOMPARE(reorder.structural(), 0);
        QCOMPARE(reorder.changed.count(), 0);

        // Everything gone.
        model.sync({});
        QCOMPARE(model.rowCount(), 0);
    }

    void resetAndAppend()
    {
        ItemModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Signals s(&model);
        model.appendRows(items(u"a b"_s));
        model.appendRows({});
        model.appendRows(items(u"c"_s));
        QCOMPARE(model.keys(), u"a b c"_s.split(u' '));
        QCOMPARE(s.inserted.count(), 2);
        model.resetRows(items(u"x y"_s));
        QCOMPARE(s.reset.count(), 1);
        QCOMPARE(model.keys(), u"x y"_s.split(u' '));
        QCOMPARE(model.rowValue(1).key, u"y"_s);
        QCOMPARE(model.rowValue(2), Item());
        QCOMPARE(model.rowValue(-1), Item());
    }

    // One group's rows in the middle of others: only that range is touched, and its new keys go to its end.
    void syncOneRangeLeavesTheRestAlone()
    {
        ItemModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPinnedRows({ { u"all"_s, 0 } });
        model.sync(items(u"a1 a2 b1 b2 b3 c1"_s));
        const QPersistentModelIndex c1 = model.index(6, 0);
        const QPersistentModelIndex a2 = model.index(2, 0);

        Signals s(&model);
        QList<Item> b = items(u"b3 b4 b1"_s); // b2 gone, b4 new, b3 changed
        b[0].value = 5;
        QCOMPARE(model.syncRange(2, 3, b), 3);
        QCOMPARE(model.keys(), u"all a1 a2 b1 b3 b4 c1"_s.split(u' '));
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.removed.at(0).at(1).toInt(), 4); // b2: model row 4 (after the pinned row)
        QCOMPARE(s.inserted.count(), 1);
        QCOMPARE(s.inserted.at(0).at(1).toInt(), 5); // b4 at the end of the range
        QCOMPARE(s.changed.count(), 1);
        QCOMPARE(s.changed.at(0).at(0).value<QModelIndex>().row(), 4); // b3
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(c1.row(), 6);
        QCOMPARE(a2.row(), 2);

        // A range emptied, then rows inserted in the middle in one insertion.
        QCOMPARE(model.syncRange(2, 3, {}), 0);
        QCOMPARE(model.keys(), u"all a1 a2 c1"_s.split(u' '));
        Signals insert(&model);
        model.insertRowsAt(2, items(u"x y"_s));
        QCOMPARE(model.keys(), u"all a1 a2 x y c1"_s.split(u' '));
        QCOMPARE(insert.inserted.count(), 1);
    }

    void pinnedRowsStayInFront()
    {
        ItemModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setPinnedRows({ { u"all"_s, 0 } });
        model.sync(items(u"a b c"_s, 1));
        QCOMPARE(model.keys(), u"all a b c"_s.split(u' '));

        Signals s(&model);
        model.sync(items(u"a c"_s, 1)); // "b" is model row 2
        QCOMPARE(s.removed.count(), 1);
        QCOMPARE(s.removed.at(0).at(1).toInt(), 2);
        model.setPinnedRows({ { u"all"_s, 2 } });
        QCOMPARE(s.changed.count(), 1);
        QCOMPARE(s.changed.at(0).at(0).value<QModelIndex>(), model.index(0, 0));
        QCOMPARE(model.index(0, 1).data().toInt(), 2);
        model.setPinnedRows({ { u"all"_s, 2 } }); // unchanged: no signal
        QCOMPARE(s.changed.count(), 1);
        QCOMPARE(s.reset.count(), 0);
        QCOMPARE(model.rowValue(0).key, u"all"_s);
        QCOMPARE(model.rowValue(2).key, u"c"_s);
    }

    void headerAndIndexChecks()
    {
        ItemModel model;
        model.sync(items(u"a"_s));
        QCOMPARE(model.columnCount(), 2);
        QCOMPARE(model.columnCount(model.index(0, 0)), 0);
        QCOMPARE(model.rowCount(model.index(0, 0)), 0);
        QCOMPARE(model.headerData(0, Qt::Horizontal).toString(), u"Key"_s);
        QCOMPARE(model.headerData(1, Qt::Horizontal).toString(), u"Value"_s);
        QVERIFY(!model.headerData(2, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(-1, Qt::Horizontal).isValid());
        QVERIFY(!model.headerData(0, Qt::Vertical).isValid());
        QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
        QCOMPARE(model.headerData(1, Qt::Horizontal, Qt::ToolTipRole).toString(), u"the value"_s);
        QVERIFY(!model.headerData(0, Qt::Horizontal, Qt::DecorationRole).isValid());
        QVERIFY(!model.data(QModelIndex()).isValid());
    }

    // The key check the base's syncRows relies on (see rowKeysOwnTheirText in tst_models_itemmodels).
    void keyFunctionsMustOwnTheirText()
    {
        const auto builderKey = [](const Item& i) { return i.key + QLatin1Char('/') + i.key; };
        const auto ownedKey = [](const Item& i) -> QString { return i.key + QLatin1Char('/') + i.key; };
        QVERIFY((!RowSyncModelBase::isOwningKeyFunction<decltype(builderKey), Item>));
        QVERIFY((RowSyncModelBase::isOwningKeyFunction<decltype(ownedKey), Item>));
    }
};

QTEST_GUILESS_MAIN(TestRowSync)
#include "tst_models_rowsync.moc"
