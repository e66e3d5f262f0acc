#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QSet>
#include <QString>
#include <algorithm>
#include <span>
#include <type_traits>

// The half of RowSyncModel<T> that does not depend on the row type: the columns and their header titles, written
// once for every table model instead of a rowCount/columnCount/headerData trio per model.
class RowSyncModelBase : public QAbstractTableModel {
public:
    // Header titles in column order, marked with QT_TRANSLATE_NOOP("<ModelClass>", "…"): they are translated when
    // a view asks, in the context of the model's own class (metaObject()->className()), exactly as its tr() would.
    using ColumnTitles = std::span<const char* const>;

    int columnCount(const QModelIndex& parent = {}) const final;
    // Horizontal only: DisplayRole is the column title, ToolTipRole columnToolTip(); nothing else.
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

    // Every row key is a QString owned by the key function's result. A lambda with a deduced return type that
    // returns `a + u'/' + b` yields a QStringBuilder holding references to temporaries that die with the return
    // statement, so no conversion inside syncRows could save it (HookListModel crashed with bad_alloc): such key
    // functions are rejected at compile time instead.
    using Key = QString;
    template <typename KeyFn, typename T>
    static constexpr bool isOwningKeyFunction = std::is_same_v<std::invoke_result_t<KeyFn, const T&>, Key>;

protected:
    // `titles` must outlive the model (a constexpr array at namespace scope in the model's .cpp).
    explicit RowSyncModelBase(ColumnTitles titles, QObject* parent = nullptr);

    // The header tooltip of a column; none by default.
    virtual QString columnToolTip(int column) const;

private:
    ColumnTitles m_columnTitles;
};

// Base of the table models (in the spirit of hotspot's HashModel): owns the rows of a value type, answers
// rowCount, columnCount, headerData and the index checks of data() once, and leaves each model to write cell().
//
// Rows are applied in place — rows whose key vanished are removed, rows whose value changed get dataChanged, new
// keys are appended — so a refresh never resets the model and selection, sort and scroll position survive
// (design.md §7). Pinned rows (the "All groups" row) stand before the synced ones and are not keyed.
template <typename T> class RowSyncModel : public RowSyncModelBase {
public:
    int rowCount(const QModelIndex& parent = {}) const final
    {
        return parent.isValid() ? 0 : int(m_pinned.size() + m_rows.size());
    }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const final
    {
        if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
            return {};
        return cell(rowAt(index.row()), index, role);
    }

protected:
    using RowSyncModelBase::RowSyncModelBase;

    // What `role` shows in the cell at `index`, whose row holds `row`: the one thing each model writes. `index` is
    // valid and belongs to this model.
    virtual QVariant cell(const T& row, const QModelIndex& index, int role) const = 0;

    // The synced rows (after the pinned ones, so model row = position + pinnedCount()).
    const QList<T>& rows() const { return m_rows; }
    int pinnedCount() const { return int(m_pinned.size()); }
    // The value at a model row, pinned rows first; a default T outside the model (the `xxxAt(row)` accessors).
    T rowValue(int row) const
    {
        if (row < 0 || row >= rowCount())
            return T();
        return rowAt(row);
    }

    // Applies `fresh` in place; key(T) is the identity of a row.
    template <typename KeyFn> void syncRows(const QList<T>& fresh, KeyFn key)
    {
        syncRange(0, m_rows.size(), fresh, key);
    }

    // Applies `fresh` in place to the `count` rows from position `first` of rows() (one group's rows), leaving the
    // rest alone: rows of the range whose key is not in `fresh` are removed, rows that stay and changed get
    // dataChanged, new keys are inserted at the end of the range in their order in `fresh`. Costs O(count +
    // fresh.size()). Returns the range's new size.
    template <typename KeyFn> qsizetype syncRange(qsizetype first, qsizetype count, const QList<T>& fresh, KeyFn key)
    {
        static_assert(isOwningKeyFunction<KeyFn, T>,
            "syncRows: the key function must return QString by value (write `-> QString` on a lambda that "
            "concatenates: a deduced QStringBuilder return dangles)");
        QHash<Key, qsizetype> freshIndex;
        freshIndex.reserve(fresh.size());
        for (qsizetype i = 0; i < fresh.size(); ++i)
            freshIndex.insert(key(fresh.at(i)), i);
        count -= removeRowsNotIn(first, count, freshIndex, key);

        // Update the rows that stay, in place.
        QSet<Key> present;
        present.reserve(count);
        for (qsizetype i = first; i < first + count; ++i) {
            const Key k = key(m_rows.at(i));
            present.insert(k);
            const T& value = fresh.at(freshIndex.value(k));
            if (!(m_rows.at(i) == value)) {
                m_rows[i] = value;
                emitRowChanged(int(i) + pinnedCount());
            }
        }

        // Insert new rows at the end of the range, in their order in `fresh`.
        QList<T> added;
        for (const T& value : fresh) {
            if (!present.contains(key(value)))
                added.append(value);
        }
        insertRowsAt(first + count, added);
        return count + added.size();
    }

    // Replace everything (the model now shows a different group): a reset is right here, not on refresh.
    void resetRows(const QList<T>& fresh)
    {
        beginResetModel();
        m_rows = fresh;
        endResetModel();
    }

    // Rows that only ever grow at the end (a log): inserted, never a reset.
    void appendRows(const QList<T>& more) { insertRowsAt(m_rows.size(), more); }

    // Inserts `more` before position `position` of rows(), in one insertion.
    void insertRowsAt(qsizetype position, const QList<T>& more)
    {
        if (more.isEmpty())
            return;
        const int first = int(position) + pinnedCount();
        beginInsertRows({}, first, first + int(more.size()) - 1);
        if (position == m_rows.size()) {
            m_rows.append(more);
        } else {
            m_rows.insert(position, more.size(), T());
            std::copy(more.cbegin(), more.cend(), m_rows.begin() + position);
        }
        endInsertRows();
    }

    // Sets the rows before the synced ones: changed values get dataChanged; a different number of them resets the
    // model (models set them once, in their constructor).
    void setPinnedRows(const QList<T>& pinned)
    {
        if (pinned.size() != m_pinned.size()) {
            beginResetModel();
            m_pinned = pinned;
            endResetModel();
            return;
        }
        for (qsizetype i = 0; i < pinned.size(); ++i) {
            if (!(m_pinned.at(i) == pinned.at(i))) {
                m_pinned[i] = pinned.at(i);
                emitRowChanged(int(i));
            }
        }
    }

private:
    const T& rowAt(int row) const
    {
        return row < m_pinned.size() ? m_pinned.at(row) : m_rows.at(row - m_pinned.size());
    }

    void emitRowChanged(int row) { Q_EMIT dataChanged(index(row, 0), index(row, columnCount() - 1)); }

    // Removes the rows of [begin, begin + count) whose key is not in `keep`, bottom up, in contiguous runs (one
    // signal pair per run). Returns how many it removed.
    template <typename KeyFn>
    qsizetype removeRowsNotIn(qsizetype begin, qsizetype count, const QHash<Key, qsizetype>& keep, KeyFn key)
    {
        qsizetype removed = 0;
        for (qsizetype last = begin + count - 1; last >= begin;) {
            if (keep.contains(key(m_rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > begin && !keep.contains(key(m_rows.at(first - 1))))
                --first;
            beginRemoveRows({}, int(first) + pinnedCount(), int(last) + pinnedCount());
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            removed += last - first + 1;
            last = first - 1;
        }
        return removed;
    }

    QList<T> m_pinned;
    QList<T> m_rows;
};
