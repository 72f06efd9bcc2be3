#include "personfiltermodel.h"

#include "personlistmodel.h"

namespace facefolio {

PersonFilterModel::PersonFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setDynamicSortFilter(true);
    setSortLocaleAware(true);
    sort(0);
}

void PersonFilterModel::setOrder(Order order)
{
    m_order = order;
    invalidate();
}

void PersonFilterModel::setShowHidden(bool show)
{
    m_showHidden = show;
    invalidateFilter();
}

void PersonFilterModel::setText(const QString &text)
{
    m_text = text.simplified();
    invalidateFilter();
}

bool PersonFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex i = sourceModel()->index(sourceRow, 0, sourceParent);
    if (i.data(PersonListModel::SpecialRole).toBool())
        return true;
    if (!m_showHidden && i.data(PersonListModel::HiddenRole).toBool())
        return false;
    if (m_text.isEmpty())
        return true;
    const QString shown = i.data(Qt::DisplayRole).toString().section(u'\n', 0, 0);
    return shown.contains(m_text, Qt::CaseInsensitive);
}

bool PersonFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const bool ls = left.data(PersonListModel::SpecialRole).toBool();
    const bool rs = right.data(PersonListModel::SpecialRole).toBool();
    if (ls || rs)
        return ls && rs ? left.row() < right.row() : ls;
    const qint64 lid = left.data(PersonListModel::PersonIdRole).toLongLong();
    const qint64 rid = right.data(PersonListModel::PersonIdRole).toLongLong();
    if (m_order == Order::ByName) {
        // Named persons first, by name; then the unnamed by size.
        const QString ln = left.data(PersonListModel::NameRole).toString();
        const QString rn = right.data(PersonListModel::NameRole).toString();
        if (ln.isEmpty() != rn.isEmpty())
            return !ln.isEmpty();
        if (!ln.isEmpty()) {
            const int c = ln.localeAwareCompare(rn);
            return c != 0 ? c < 0 : lid < rid;
        }
    }
    const int lf = left.data(PersonListModel::FacesRole).toInt();
    const int rf = right.data(PersonListModel::FacesRole).toInt();
    return lf != rf ? lf > rf : lid < rid;
}

} // namespace facefolio
