#include "photogridmodel.h"

#include "people/peopleservice.h"
#include "people/personage.h"
#include "thumbnailcache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFont>
#include <QIcon>
#include <QLocale>
#include <QPixmap>
#include <algorithm>

namespace facefolio {

PhotoGridModel::PhotoGridModel(Catalog &catalog, ThumbnailCache *thumbnails, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
    , m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailCache::photoReady, this, &PhotoGridModel::photoReady);
}

void PhotoGridModel::setPerson(qint64 personId)
{
    setPersons({personId}, false);
}

void PhotoGridModel::setPersons(const QList<qint64> &personIds, bool onlyThem)
{
    m_persons = personIds;
    m_onlyThem = onlyThem && personIds.size() > 1;
    reload();
}

void PhotoGridModel::setShowAges(bool on)
{
    if (on == m_showAges)
        return;
    m_showAges = on;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

void PhotoGridModel::setTileSize(const QSize &size)
{
    if (size == m_tileSize)
        return;
    m_tileSize = size;
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::SizeHintRole});
}

void PhotoGridModel::setGroupByAge(bool on)
{
    if (on == m_groupByAge)
        return;
    m_groupByAge = on;
    beginResetModel();
    regroup();
    endResetModel();
}

void PhotoGridModel::reload()
{
    std::vector<PhotoRecord> photos;
    if (m_persons.size() > 1)
        photos = m_catalog.photosWith(m_persons, m_onlyThem);
    else if (!m_persons.isEmpty() && m_persons.first() >= 0)
        photos = m_catalog.photosOfPerson(m_persons.first());
    std::vector<Born> born;
    if (m_persons.size() > 1 || (!m_persons.isEmpty() && m_persons.first() > 0)) {
        PeopleService people(m_catalog);
        for (qint64 id : std::as_const(m_persons))
            if (const auto p = people.person(id); p && p->birthDate.isValid())
                born.push_back({p->displayName(), p->birthDate});
    }
    const bool sameBorn =
        born.size() == m_born.size() &&
        std::equal(born.begin(), born.end(), m_born.begin(), [](const Born &a, const Born &b) {
            return a.name == b.name && a.birth == b.birth;
        });
    // Unchanged photos keep the grid as it is (selection, scrolling); a new
    // birth date only relabels them, unless it regroups them by age.
    const bool samePhotos =
        photos.size() == m_photos.size() &&
        std::equal(photos.begin(), photos.end(), m_photos.begin(),
                   [](const PhotoRecord &a, const PhotoRecord &b) { return a.id == b.id; });
    if (samePhotos && sameBorn)
        return;
    m_photos = std::move(photos);
    m_born = std::move(born);
    if (samePhotos && wantsAgeGroups() == m_byAge) {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        return;
    }
    beginResetModel();
    regroup();
    endResetModel();
}

void PhotoGridModel::regroup()
{
    m_rows.clear();
    m_rowOf.clear();
    m_byAge = wantsAgeGroups();
    QDate month;
    int age = -2;
    for (int i = 0; i < int(m_photos.size()); ++i) {
        const QDate d = QDateTime::fromMSecsSinceEpoch(m_photos[size_t(i)].shownMs()).date();
        if (m_byAge) {
            const std::optional<Age> a = ageOn(m_born.front().birth, d);
            const int years = a ? a->years : -1;
            if (years != age || m_rows.empty()) {
                age = years;
                m_rows.push_back({-1, QDate(d.year(), d.month(), 1), age});
            }
        } else {
            const QDate first(d.year(), d.month(), 1);
            if (first != month) {
                month = first;
                m_rows.push_back({-1, month});
            }
        }
        m_rowOf.insert(m_photos[size_t(i)].id, int(m_rows.size()));
        m_rows.push_back({i, QDate(d.year(), d.month(), 1), age});
    }
}

QStringList PhotoGridModel::agesAt(const PhotoRecord &p, bool withNames) const
{
    QStringList out;
    const QDate on = QDateTime::fromMSecsSinceEpoch(p.shownMs()).date();
    for (const Born &b : m_born)
        if (const std::optional<Age> age = ageOn(b.birth, on))
            out << (withNames ? tr("%1: %2").arg(b.name, ageText(*age)) : ageText(*age));
    return out;
}

int PhotoGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant PhotoGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[size_t(index.row())];
    if (role == Qt::SizeHintRole)
        return m_tileSize.isValid() ? QVariant(m_tileSize) : QVariant();
    if (row.photo < 0) {
        switch (role) {
        case Qt::DisplayRole:
            if (m_byAge)
                return row.age < 0 ? tr("Before %1 was born").arg(m_born.front().name)
                                   : ageGroupText(row.age);
            return QLocale().toString(row.month, QStringLiteral("MMMM yyyy"));
        case Qt::FontRole: {
            QFont f;
            f.setBold(true);
            f.setPointSizeF(f.pointSizeF() * 1.4);
            return f;
        }
        case Qt::TextAlignmentRole:
            return int(Qt::AlignCenter);
        case DateRole:
            return row.month;
        case HeaderRole:
            return true;
        default:
            return {};
        }
    }
    const PhotoRecord &p = m_photos[size_t(row.photo)];
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(p.shownMs());
    switch (role) {
    case Qt::DisplayRole: {
        const QString date = QLocale().toString(when.date(), QLocale::ShortFormat);
        if (!m_showAges)
            return date;
        // The age of the one person shown says enough alone; with several
        // shown, it needs the name.
        const QStringList ages = agesAt(p, m_persons.size() > 1);
        return ages.isEmpty() ? date
                              : date + QStringLiteral(" \u00b7 ") + ages.join(QStringLiteral(", "));
    }
    case Qt::DecorationRole: {
        // An icon, which the view scales to its icon size: a pixmap is drawn
        // at its own size and would cover the caption under it.
        const QPixmap thumb = m_thumbnails->photo(p.id, p.path);
        if (!thumb.isNull())
            return QIcon(thumb);
        static const QPixmap placeholder = [] {
            QPixmap px(ThumbnailCache::kPhotoSide, ThumbnailCache::kPhotoSide * 3 / 4);
            px.fill(QColor(0xe8, 0xe8, 0xe8));
            return px;
        }();
        return QIcon(placeholder);
    }
    case Qt::ToolTipRole: {
        QStringList lines{QFileInfo(p.path).fileName(),
                          QLocale().toString(when, QLocale::ShortFormat),
                          QStringLiteral("%1 × %2").arg(p.width).arg(p.height)};
        return (lines + agesAt(p, true)).join(u'\n');
    }
    case PhotoIdRole:
        return p.id;
    case PhotoPathRole:
        return p.path;
    case DateRole:
        return when.date();
    case HeaderRole:
        return false;
    default:
        return {};
    }
}

Qt::ItemFlags PhotoGridModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (m_rows[size_t(index.row())].photo < 0)
        return Qt::ItemIsEnabled | Qt::ItemNeverHasChildren;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> PhotoGridModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PhotoIdRole, "photoId");
    names.insert(PhotoPathRole, "photoPath");
    names.insert(DateRole, "date");
    names.insert(HeaderRole, "header");
    return names;
}

void PhotoGridModel::photoReady(qint64 photoId)
{
    const auto it = m_rowOf.constFind(photoId);
    if (it != m_rowOf.cend() && *it < rowCount())
        Q_EMIT dataChanged(index(*it), index(*it), {Qt::DecorationRole});
}

} // namespace facefolio
