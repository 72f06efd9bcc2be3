#pragma once

#include <QSortFilterProxyModel>

namespace facefolio {

/// Sorts and filters the people list: the New person and Unknown faces rows
/// stay on top, persons follow by face count (largest first) or by name,
/// the filter text matches names, and hidden persons show only when asked.
class PersonFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT

public:
    enum class Order
    {
        ByFaces,
        ByName
    };

    explicit PersonFilterModel(QObject *parent = nullptr);

    void setOrder(Order order);
    Order order() const { return m_order; }
    void setShowHidden(bool show);
    bool showHidden() const { return m_showHidden; }
    void setText(const QString &text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    Order m_order = Order::ByFaces;
    bool m_showHidden = false;
    QString m_text;
};

} // namespace facefolio
