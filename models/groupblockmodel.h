#pragma once

#include "inventorystore.h"
#include "rowsyncmodel.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTimer>
#include <algorithm>
#include <initializer_list>
#include <utility>

// Base of the models whose rows come group by group from an InventoryStore (groups, instances, hooks,
// activities). The rows of one group stand together (a "block"); the model knows each block's size, so applying a
// group touches only its own rows: removals, dataChanged and inserts inside its block (RowSyncModel::syncRange),
// never a reset and never a walk over the other groups' rows.
//
// Store signals only note which groups changed. The notes are applied in batches: at once when the store says an
// answer's changes are complete and no more calls are in flight (InventoryStore::changesApplied with `more`
// false: setSnapshotForTesting(), the end of a refresh, before refreshFinished), else by a single-shot timer a few
// tens of milliseconds after the first note, so a burst of answers costs one update, not one per group. Groups
// new to the model are appended together in one insertion. Per batch the cost is the changed groups' rows plus one
// pass over the block sizes (integers), where a rebuild per signal made a load quadratic in the group count.
template <typename T> class GroupBlockModel : public RowSyncModel<T> {
public:
    // How long notes wait for the rest of a burst while calls are in flight.
    static constexpr int CoalesceMilliseconds = 40;

    // Applies the changes noted so far.
    void applyPendingChanges()
    {
        if (m_dirty.isEmpty())
            return;
        m_coalesce.stop();
        const QSet<QString> dirty = std::exchange(m_dirty, {});
        syncExistingBlocks(dirty);
        appendNewBlocks(dirty);
        rowsApplied();
    }

protected:
    GroupBlockModel(InventoryStore* store, RowSyncModelBase::ColumnTitles titles, QObject* parent)
        : RowSyncModel<T>(titles, parent)
        , m_store(store)
    {
        m_coalesce.setSingleShot(true);
        m_coalesce.setInterval(CoalesceMilliseconds);
        QObject::connect(&m_coalesce, &QTimer::timeout, this, [this] { applyPendingChanges(); });
        QObject::connect(m_store, &InventoryStore::changesApplied, this, [this](bool more) {
            if (!more)
                applyPendingChanges();
            else if (!m_dirty.isEmpty() && !m_coalesce.isActive())
                m_coalesce.start();
        });
    }

    // The rows of one group, in their order.
    virtual QList<T> rowsOf(const GroupSnapshot& snapshot) const = 0;
    // The identity of a row within its group.
    virtual QString keyOf(const T& row) const = 0;
    // Whether the model shows this group's rows at all.
    virtual bool showsGroup(const QString& /*groupName*/) const { return true; }
    // After each batch (the group list sums its totals here).
    virtual void rowsApplied() { }

    // The store signals whose group name means "this group's rows may have changed". Call once, in the constructor.
    void watch(std::initializer_list<void (InventoryStore::*)(const QString&)> signalList)
    {
        for (auto signal : signalList)
            QObject::connect(m_store, signal, this, [this](const QString& groupName) { m_dirty.insert(groupName); });
    }

    // Every row again from the store: a model reset (the model now shows other content), never used on refresh.
    void resetBlocks()
    {
        m_dirty.clear();
        m_coalesce.stop();
        m_blockOrder.clear();
        m_blockSize.clear();
        QList<T> rows;
        for (const GroupSnapshot* snapshot : m_store->groups()) {
            if (!showsGroup(snapshot->group.name))
                continue;
            const QList<T> block = rowsOf(*snapshot);
            if (block.isEmpty())
                continue;
            m_blockOrder.append(snapshot->group.name);
            m_blockSize.insert(snapshot->group.name, block.size());
            rows.append(block);
        }
        this->resetRows(rows);
        rowsApplied();
    }

    InventoryStore* store() const { return m_store; }

    // A group's rows changed for a reason of the model's own, not a store signal (a note the window adds): its
    // block is synced at once, in place.
    void resyncGroup(const QString& groupName)
    {
        m_dirty.insert(groupName);
        applyPendingChanges();
    }

private:
    QList<T> freshRowsOf(const QString& groupName) const
    {
        const GroupSnapshot* snapshot = showsGroup(groupName) ? m_store->group(groupName) : nullptr;
        return snapshot ? rowsOf(*snapshot) : QList<T>();
    }

    // Re-syncs the blocks the model already has for `dirty` groups, bottom up so the blocks above keep their
    // positions; a block left empty is dropped.
    void syncExistingBlocks(const QSet<QString>& dirty)
    {
        struct Block {
            QString name;
            qsizetype first;
            qsizetype size;
        };
        QList<Block> blocks;
        qsizetype offset = 0;
        for (const QString& name : std::as_const(m_blockOrder)) {
            const qsizetype size = m_blockSize.value(name);
            if (dirty.contains(name))
                blocks.append({ name, offset, size });
            offset += size;
        }
        const auto key = [this](const T& row) -> QString { return keyOf(row); };
        bool dropped = false;
        for (auto it = blocks.crbegin(); it != blocks.crend(); ++it) {
            const qsizetype size = this->syncRange(it->first, it->size, freshRowsOf(it->name), key);
            if (size > 0) {
                m_blockSize[it->name] = size;
            } else {
                m_blockSize[it->name] = 0;
                dropped = true;
            }
        }
        if (dropped) {
            m_blockOrder.removeIf([this](const QString& name) { return m_blockSize.value(name) == 0; });
            m_blockSize.removeIf([](const auto& entry) { return entry.value() == 0; });
        }
    }

    // Appends the blocks of `dirty` groups the model did not have, in name order, in one insertion.
    void appendNewBlocks(const QSet<QString>& dirty)
    {
        QStringList names;
        for (const QString& name : dirty) {
            if (!m_blockSize.contains(name))
                names.append(name);
        }
        std::sort(names.begin(), names.end());
        QList<T> added;
        for (const QString& name : std::as_const(names)) {
            const QList<T> block = freshRowsOf(name);
            if (block.isEmpty())
                continue;
            m_blockOrder.append(name);
            m_blockSize.insert(name, block.size());
            added.append(block);
        }
        this->appendRows(added);
    }

    InventoryStore* m_store;
    QSet<QString> m_dirty; // groups noted since the last batch
    QTimer m_coalesce;
    QStringList m_blockOrder; // the groups with rows, in row order
    QHash<QString, qsizetype> m_blockSize; // rows per group in m_blockOrder
};
