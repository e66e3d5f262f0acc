#include "fleetgrouptreemodel.h"

#include "connection.h"
#include "enumrolenames.h"
#include "fleetboard.h"
#include "inventorystore.h"

#include <functional>
#include <map>

using namespace Qt::StringLiterals;

struct FleetGroupTreeModel::Node {
    Kind kind = Kind::Account;
    QString key; // unique among siblings; siblings stand in key order
    QString name;
    QString tip;
    int waiting = 0;
    Connection* connection = nullptr;
    QString connectionKey;
    QString profile;
    QString group;
    Node* parent = nullptr;
    std::vector<std::unique_ptr<Node>> children;

    bool sameRow(const Node& other) const
    {
        return name == other.name && tip == other.tip && waiting == other.waiting && connection == other.connection;
    }
    Node* add(std::unique_ptr<Node> child)
    {
        child->parent = this;
        children.push_back(std::move(child));
        return children.back().get();
    }
};

FleetGroupTreeModel::FleetGroupTreeModel(FleetBoard* board, QObject* parent)
    : QAbstractItemModel(parent)
    , m_board(board)
    , m_root(std::make_unique<Node>())
{
    connect(board, &FleetBoard::connectionAdded, this, &FleetGroupTreeModel::watch);
    connect(board, &FleetBoard::connectionRemoved, this, [this](Connection* connection) {
        disconnect(connection->store(), nullptr, this, nullptr);
        sync();
    });
    connect(board, &FleetBoard::identityChanged, this, &FleetGroupTreeModel::sync);
    for (Connection* connection : board->connections())
        watch(connection);
    sync();
}

FleetGroupTreeModel::~FleetGroupTreeModel() = default;

void FleetGroupTreeModel::watch(Connection* connection)
{
    InventoryStore* store = connection->store();
    connect(store, &InventoryStore::groupAdded, this, &FleetGroupTreeModel::sync);
    connect(store, &InventoryStore::groupRemoved, this, &FleetGroupTreeModel::sync);
    connect(store, &InventoryStore::pendingActionsChanged, this, &FleetGroupTreeModel::sync);
    connect(store, &InventoryStore::refreshFinished, this, &FleetGroupTreeModel::sync);
    sync();
}

std::unique_ptr<FleetGroupTreeModel::Node> FleetGroupTreeModel::build() const
{
    auto root = std::make_unique<Node>();
    std::map<QString, Node*> accounts;
    for (const FleetBoard::Member& member : m_board->members()) {
        Connection* connection = member.connection;
        if (!connection)
            continue;
        const QString profile = member.source.profile;
        Node*& account = accounts[profile];
        if (!account) {
            auto node = std::make_unique<Node>();
            node->kind = Kind::Account;
            node->key = profile;
            node->profile = profile;
            node->name = FleetBoard::accountLabel(connection);
            account = root->add(std::move(node));
        }
        auto region = std::make_unique<Node>();
        region->kind = Kind::Region;
        region->key = member.source.region;
        region->name = connection->session()->region();
        region->tip = member.source.key();
        region->connection = connection;
        region->connectionKey = member.source.key();
        region->profile = profile;
        for (const GroupSnapshot* snapshot : connection->store()->groups()) {
            auto group = std::make_unique<Node>();
            group->kind = Kind::Group;
            group->tip = region->tip;
            group->connection = connection;
            group->connectionKey = region->connectionKey;
            group->profile = profile;
            group->key = group->name = group->group = snapshot->group.name;
            group->waiting = snapshot->waitingCount();
            region->waiting += group->waiting;
            region->add(std::move(group));
        }
        account->waiting += region->waiting;
        account->add(std::move(region));
    }
    // Siblings in key order, so syncChildren() can merge the live tree with the wanted one in one pass.
    std::function<void(Node*)> order = [&order](Node* node) {
        std::sort(
            node->children.begin(), node->children.end(), [](const auto& a, const auto& b) { return a->key < b->key; });
        for (const auto& child : node->children)
            order(child.get());
    };
    order(root.get());
    return root;
}

void FleetGroupTreeModel::sync()
{
    std::unique_ptr<Node> wanted = build();
    syncChildren(m_root.get(), {}, wanted.get());
}

void FleetGroupTreeModel::syncChildren(Node* live, const QModelIndex& liveIndex, Node* wanted)
{
    auto& have = live->children;
    // Remove what is no longer wanted, bottom up.
    for (int row = int(have.size()) - 1; row >= 0; --row) {
        const QString& key = have[size_t(row)]->key;
        const bool keep = std::any_of(
            wanted->children.cbegin(), wanted->children.cend(), [&key](const auto& w) { return w->key == key; });
        if (keep)
            continue;
        beginRemoveRows(liveIndex, row, row);
        have.erase(have.begin() + row);
        endRemoveRows();
    }
    // Both lists are in key order now: walk them together, inserting what is new and updating what stays.
    for (size_t i = 0; i < wanted->children.size(); ++i) {
        Node* want = wanted->children[i].get();
        if (i < have.size() && have[i]->key == want->key) {
            Node* node = have[i].get();
            if (!node->sameRow(*want)) {
                node->name = want->name;
                node->tip = want->tip;
                node->waiting = want->waiting;
                node->connection = want->connection;
                Q_EMIT dataChanged(indexOf(node, 0), indexOf(node, ColumnCount - 1));
            }
            syncChildren(node, indexOf(node), want);
            continue;
        }
        beginInsertRows(liveIndex, int(i), int(i));
        std::unique_ptr<Node> moved = std::move(wanted->children[i]);
        moved->parent = live;
        have.insert(have.begin() + qsizetype(i), std::move(moved));
        endInsertRows();
        // The moved node is a placeholder in `wanted` from here on: keep the key so later lookups still see it.
        wanted->children[i] = std::make_unique<Node>();
        wanted->children[i]->key = have[i]->key;
    }
}

const FleetGroupTreeModel::Node* FleetGroupTreeModel::nodeAt(const QModelIndex& index) const
{
    return index.isValid() ? static_cast<const Node*>(index.internalPointer()) : m_root.get();
}

QModelIndex FleetGroupTreeModel::indexOf(const Node* node, int column) const
{
    if (!node || !node->parent)
        return {};
    const auto& siblings = node->parent->children;
    for (size_t row = 0; row < siblings.size(); ++row) {
        if (siblings[row].get() == node)
            return createIndex(int(row), column, const_cast<Node*>(node));
    }
    return {};
}

QModelIndex FleetGroupTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (!hasIndex(row, column, parent))
        return {};
    const Node* node = nodeAt(parent);
    return createIndex(row, column, node->children[size_t(row)].get());
}

QModelIndex FleetGroupTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    return indexOf(nodeAt(child)->parent);
}

int FleetGroupTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.isValid() && parent.column() != 0)
        return 0;
    return int(nodeAt(parent)->children.size());
}

int FleetGroupTreeModel::columnCount(const QModelIndex& /*parent*/) const
{
    return ColumnCount;
}

QVariant FleetGroupTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const Node* node = nodeAt(index);
    switch (role) {
    case Qt::DisplayRole:
        return index.column() == NameColumn ? QVariant(node->name) : QVariant(node->waiting);
    case Qt::ToolTipRole:
        return node->tip.isEmpty() ? QVariant() : QVariant(node->tip);
    case Qt::TextAlignmentRole:
        if (index.column() == WaitingColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case KindRole:
        return int(node->kind);
    case ConnectionRole:
        return QVariant::fromValue<QObject*>(node->connection);
    case ConnectionKeyRole:
        return node->connectionKey;
    case ProfileRole:
        return node->profile;
    case GroupNameRole:
        return node->group;
    case WaitingCountRole:
        return node->waiting;
    }
    return {};
}

QVariant FleetGroupTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    return section == NameColumn ? tr("Account · region · group") : tr("Waiting");
}

QHash<int, QByteArray> FleetGroupTreeModel::roleNames() const
{
    return withEnumRoleNames<Role>(QAbstractItemModel::roleNames());
}
