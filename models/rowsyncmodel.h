#pragma once

#include <QAbstractTableModel>
#include <QHash>
#include <QList>
#include <QString>
#include <algorithm>
#include <type_traits>

// Base of the table models: keeps rows of a value type and applies a fresh list in place — rows whose key
// vanished are removed, rows whose value changed get dataChanged, new keys are appended — so that a refresh
// never resets the model and selection, sort and scroll position survive (design.md §7).
class RowSyncModel : public QAbstractTableModel {
    Q_OBJECT
public:
    using QAbstractTableModel::QAbstractTableModel;

    // Every row key is a QString owned by the key function's result. A lambda with a deduced return type that
    // returns `a + u'/' + b` yields a QStringBuilder holding references to temporaries that die with the return
    // statement, so no conversion inside syncRows could save it (HookListModel crashed with bad_alloc): such key
    // functions are rejected at compile time instead.
    using Key = QString;
    template <typename KeyFn, typename T>
    static constexpr bool isOwningKeyFunction = std::is_same_v<std::invoke_result_t<KeyFn, const T&>, Key>;

protected:
    // `rows` is the model's storage; `fresh` the new content; key(T) the identity; first row index offset for
    // models that keep fixed rows in front (the "All groups" row).
    template <typename T, typename KeyFn>
    void syncRows(QList<T>& rows, const QList<T>& fresh, KeyFn key, int offset = 0)
    {
        static_assert(isOwningKeyFunction<KeyFn, T>,
            "syncRows: the key function must return QString by value (write `-> QString` on a lambda that "
            "concatenates: a deduced QStringBuilder return dangles)");
        QHash<Key, qsizetype> freshIndex;
        for (qsizetype i = 0; i < fresh.size(); ++i)
            freshIndex.insert(key(fresh.at(i)), i);

        // Remove vanished rows, bottom up, in contiguous runs.
        for (qsizetype last = rows.size() - 1; last >= 0;) {
            if (freshIndex.contains(key(rows.at(last)))) {
                --last;
                continue;
            }
            qsizetype first = last;
            while (first > 0 && !freshIndex.contains(key(rows.at(first - 1))))
                --first;
            beginRemoveRows({}, int(first + offset), int(last + offset));
            rows.remove(first, last - first + 1);
            endRemoveRows();
            last = first - 1;
        }

        // Update the rows that stay, in place.
        QHash<Key, qsizetype> present;
        const int lastColumn = columnCount() - 1;
        for (qsizetype i = 0; i < rows.size(); ++i) {
            const Key k = key(rows.at(i));
            present.insert(k, i);
            const T& value = fresh.at(freshIndex.value(k));
            if (!(rows.at(i) == value)) {
                rows[i] = value;
                Q_EMIT dataChanged(index(int(i + offset), 0), index(int(i + offset), lastColumn));
            }
        }

        // Append new rows in their order in `fresh`.
        QList<T> added;
        for (const T& value : fresh) {
            if (!present.contains(key(value)))
                added.append(value);
        }
        if (!added.isEmpty()) {
            const int first = int(rows.size()) + offset;
            beginInsertRows({}, first, first + int(added.size()) - 1);
            rows.append(added);
            endInsertRows();
        }
    }

    // Replace everything (the model now shows a different group): a reset is right here, not on refresh.
    template <typename T> void resetRows(QList<T>& rows, const QList<T>& fresh)
    {
        beginResetModel();
        rows = fresh;
        endResetModel();
    }
};
