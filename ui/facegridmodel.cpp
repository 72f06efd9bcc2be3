#include "facegridmodel.h"

#include "dragmime.h"
#include "people/peopleservice.h"
#include "people/personage.h"
#include "thumbnailcache.h"

#include <QDateTime>
#include <QFileInfo>
#include <QLocale>
#include <QPixmap>
#include <algorithm>
#include <cmath>
#include <tuple>

namespace facefolio {

FaceGridModel::FaceGridModel(Catalog &catalog, ThumbnailCache *thumbnails, QObject *parent)
    : QAbstractListModel(parent)
    , m_catalog(catalog)
    , m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailCache::faceReady, this, &FaceGridModel::faceReady);
}

void FaceGridModel::setPerson(qint64 personId)
{
    m_person = personId;
    reload();
}

void FaceGridModel::setUnlikeFirst(bool on)
{
    m_unlikeFirst = on;
    reload();
}

void FaceGridModel::setShowAges(bool on)
{
    if (on == m_showAges)
        return;
    m_showAges = on;
    if (!m_items.empty())
        Q_EMIT dataChanged(index(0), index(rowCount() - 1), {Qt::DisplayRole});
}

void FaceGridModel::setLikeliest(QHash<qint64, std::pair<qint64, double>> likeliest)
{
    m_likeliest = std::move(likeliest);
    if (m_person == 0)
        reload();
}

void FaceGridModel::reload()
{
    std::vector<Item> items;
    if (m_person >= 0) {
        const std::vector<FaceRecord> faces = m_catalog.facesOfPerson(m_person, m_unlikeFirst);
        items.reserve(faces.size());
        // Only faces of the catalog's model are compared: the others (not
        // re-encoded yet) have no distance and go last.
        const EncoderModel model = m_catalog.encoder().value_or(EncoderModel::Dlib);
        Embedding mean{};
        int counted = 0;
        if (m_unlikeFirst && m_person > 0) {
            for (const FaceRecord &f : faces)
                if (f.encoder == model) {
                    for (size_t k = 0; k < mean.size(); ++k)
                        mean[k] += f.embedding[k];
                    ++counted;
                }
            for (float &v : mean)
                v /= float(std::max(counted, 1));
        }
        for (const FaceRecord &f : faces) {
            float d = -1;
            if (m_unlikeFirst && m_person > 0 && f.encoder == model)
                d = embeddingDistance(f.embedding, mean);
            items.push_back({f.id, f.photoId, f.photoPath, f.photoMtimeMs, f.score, d});
        }
        if (m_unlikeFirst && m_person > 0)
            std::stable_sort(items.begin(), items.end(),
                             [](const Item &a, const Item &b) { return a.distance > b.distance; });
        else // newest photos first
            std::stable_sort(items.begin(), items.end(),
                             [](const Item &a, const Item &b) { return a.mtimeMs > b.mtimeMs; });
        if (m_person == 0 && !m_likeliest.isEmpty()) {
            // Grouped by likeliest person, the person with the surest face
            // first; inside a group the surest face first.
            QHash<qint64, double> best;
            for (const Item &it : items)
                if (const auto l = m_likeliest.constFind(it.faceId); l != m_likeliest.cend()) {
                    const auto b = best.constFind(l->first);
                    if (b == best.cend() || l->second < *b)
                        best.insert(l->first, l->second);
                }
            const auto key = [&](const Item &it) {
                const auto l = m_likeliest.constFind(it.faceId);
                if (l == m_likeliest.cend())
                    return std::tuple(1, 0.0, qint64(0), 0.0);
                return std::tuple(0, best.value(l->first), l->first, l->second);
            };
            std::stable_sort(items.begin(), items.end(),
                             [&](const Item &a, const Item &b) { return key(a) < key(b); });
        }
    }
    QDate birth;
    if (m_person > 0)
        if (const auto p = PeopleService(m_catalog).person(m_person))
            birth = p->birthDate;
    // A refresh that changes nothing (a clustering elsewhere while a scan
    // runs) must not reset the grid: the user's selection and scrolling stay.
    if (items.size() == m_items.size() &&
        std::equal(items.begin(), items.end(), m_items.begin(),
                   [](const Item &a, const Item &b) { return a.faceId == b.faceId; })) {
        if (birth != m_birth) {
            m_birth = birth;
            if (!m_items.empty())
                Q_EMIT dataChanged(index(0), index(rowCount() - 1));
        }
        return;
    }
    m_birth = birth;
    beginResetModel();
    m_items = std::move(items);
    m_rowOf.clear();
    for (int i = 0; i < int(m_items.size()); ++i)
        m_rowOf.insert(m_items[size_t(i)].faceId, i);
    endResetModel();
}

QModelIndex FaceGridModel::indexOfFace(qint64 faceId) const
{
    const auto it = m_rowOf.constFind(faceId);
    return it == m_rowOf.cend() ? QModelIndex() : index(*it);
}

int FaceGridModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

QVariant FaceGridModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &it = m_items[size_t(index.row())];
    switch (role) {
    case Qt::DecorationRole: {
        const QPixmap chip = m_thumbnails->faceChip(it.faceId);
        if (!chip.isNull())
            return chip;
        static const QPixmap placeholder = [] {
            QPixmap p(150, 150);
            p.fill(QColor(0xe8, 0xe8, 0xe8));
            return p;
        }();
        return placeholder;
    }
    case Qt::DisplayRole: {
        if (!m_showAges)
            return {};
        const auto age = ageOn(m_birth, QDateTime::fromMSecsSinceEpoch(it.mtimeMs).date());
        return age ? ageText(*age) : QString();
    }
    case Qt::ToolTipRole: {
        QString tip =
            QFileInfo(it.path).fileName() + u'\n' +
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(it.mtimeMs), QLocale::ShortFormat);
        if (const auto age = ageOn(m_birth, QDateTime::fromMSecsSinceEpoch(it.mtimeMs).date()))
            tip += u'\n' + tr("Age: %1").arg(ageText(*age));
        if (it.distance >= 0)
            tip += u'\n' + tr("distance from this person's average face: %1")
                               .arg(QString::number(double(it.distance), 'f', 2));
        return tip;
    }
    case Qt::AccessibleTextRole:
        return tr("Face in %1").arg(QFileInfo(it.path).fileName());
    case FaceIdRole:
        return it.faceId;
    case PhotoIdRole:
        return it.photoId;
    case PhotoPathRole:
        return it.path;
    case DistanceRole:
        return double(it.distance);
    default:
        return {};
    }
}

Qt::ItemFlags FaceGridModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled |
           Qt::ItemNeverHasChildren;
}

QHash<int, QByteArray> FaceGridModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(FaceIdRole, "faceId");
    names.insert(PhotoIdRole, "photoId");
    names.insert(PhotoPathRole, "photoPath");
    names.insert(DistanceRole, "distance");
    return names;
}

Qt::DropActions FaceGridModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList FaceGridModel::mimeTypes() const
{
    return {dragmime::kFaces};
}

QMimeData *FaceGridModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    for (const QModelIndex &i : indexes)
        if (i.isValid())
            ids << m_items[size_t(i.row())].faceId;
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(dragmime::kFaces, dragmime::encodeIds(ids));
    return data;
}

void FaceGridModel::faceReady(qint64 faceId)
{
    const QModelIndex i = indexOfFace(faceId);
    if (i.isValid())
        Q_EMIT dataChanged(i, i, {Qt::DecorationRole});
}

} // namespace facefolio
