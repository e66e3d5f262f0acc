#pragma once

#include <QAbstractItemModel>
#include <memory>
#include <vector>

class Connection;
class FleetBoard;

// The groups of every connection of a FleetBoard as a tree (issue 14 item 3): account (the profile, with the
// account ID once known) → region → group, each with the number of instances waiting on a hook under it. Applied
// in place on every change: nodes that went are removed, new ones inserted in key order, changed ones get
// dataChanged, so a refresh keeps the view's expansion and selection. Columns: Name, Waiting.
class FleetGroupTreeModel : public QAbstractItemModel {
    Q_OBJECT
public:
    enum Column { NameColumn, WaitingColumn, ColumnCount };
    enum class Kind { Account, Region, Group };
    enum Role {
        KindRole = Qt::UserRole + 1, // int(Kind)
        ConnectionRole, // QObject* (the Connection); null on account nodes
        ConnectionKeyRole, // FleetSource::key(); empty on account nodes
        ProfileRole,
        GroupNameRole, // empty above group nodes
        WaitingCountRole, // int
    };
    Q_ENUM(Role)

    explicit FleetGroupTreeModel(FleetBoard* board, QObject* parent = nullptr);
    ~FleetGroupTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    // Rebuilds what the board shows now and applies the difference.
    void sync();

    struct Node;

private:
    void watch(Connection* connection);
    std::unique_ptr<Node> build() const;
    void syncChildren(Node* live, const QModelIndex& liveIndex, Node* wanted);
    QModelIndex indexOf(const Node* node, int column = 0) const;
    const Node* nodeAt(const QModelIndex& index) const;

    FleetBoard* m_board;
    std::unique_ptr<Node> m_root;
};
