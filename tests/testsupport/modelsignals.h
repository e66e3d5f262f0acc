#pragma once

#include <QAbstractItemModel>
#include <QSignalSpy>

namespace TestSupport {

// What an item model tells its views, recorded from construction on: the model tests prove with it that refreshes
// update rows in place (no reset, no layout change) and touch only what changed.
struct ModelSignals {
    explicit ModelSignals(QAbstractItemModel* model)
        : inserted(model, &QAbstractItemModel::rowsInserted)
        , removed(model, &QAbstractItemModel::rowsRemoved)
        , changed(model, &QAbstractItemModel::dataChanged)
        , reset(model, &QAbstractItemModel::modelReset)
        , layout(model, &QAbstractItemModel::layoutChanged)
    {
    }
    int structural() const { return int(inserted.count() + removed.count() + reset.count() + layout.count()); }
    // Every signal a view acts on.
    int updates() const { return structural() + int(changed.count()); }
    QSignalSpy inserted, removed, changed, reset, layout;
};

} // namespace TestSupport
