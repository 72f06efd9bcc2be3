#include "photogridmodel.h"

#include "thumbnailcache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QFont>
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
    m_person = personId;
    reload();
}

void PhotoGridModel::reload()
{
    std::vector<PhotoRecord> photos =
        m_person >= 0 ? m_catalog.photosOfPerson(m_person) : std::vector<PhotoRecord>{};
    // Unchanged photos keep the grid as it is (selection, scrolling).
    if (photos.size() == m_photos.size() &&
        std::equal(photos.begin(), photos.end(), m_photos.begin(),
                   [](const PhotoRecord &a, const PhotoRecord &b) { return a.id == b.id; }))
        return;
    beginResetModel();
    m_photos = std::move(photos);
    m_rows.clear();
    m_rowOf.clear();
    QDate month;
    for (int i = 0; i < int(m_photos.size()); ++i) {
        const QDate d = QDateTime::fromMSecsSinceEpoch(m_photos[size_t(i)].shownMs()).date();
        const QDate first(d.year(), d.month(), 1);
        if (first != month) {
            month = first;
            m_rows.push_back({-1, month});
        }
        m_rowOf.insert(m_photos[size_t(i)].id, int(m_rows.size()));
        m_rows.push_back({i, month});
    }
    endResetModel();
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
    if (row.photo < 0) {
        switch (role) {
        case Qt::DisplayRole:
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
    case Qt::DisplayRole:
        return QLocale().toString(when.date(), QLocale::ShortFormat);
    case Qt::DecorationRole: {
        const QPixmap thumb = m_thumbnails->photo(p.id, p.path);
        if (!thumb.isNull())
            return thumb;
        static const QPixmap placeholder = [] {
            QPixmap px(ThumbnailCache::kPhotoSide, ThumbnailCache::kPhotoSide * 3 / 4);
            px.fill(QColor(0xe8, 0xe8, 0xe8));
            return px;
        }();
        return placeholder;
    }
    case Qt::ToolTipRole:
        return QStringLiteral("%1\n%2\n%3 × %4")
            .arg(QFileInfo(p.path).fileName(), QLocale().toString(when, QLocale::ShortFormat))
            .arg(p.width)
            .arg(p.height);
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
