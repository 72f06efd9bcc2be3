#include "reviewfacemodel.h"

#include "thumbnailcache.h"

#include <QColor>
#include <QIcon>
#include <QPixmap>

namespace facefolio {

ReviewFaceModel::ReviewFaceModel(ThumbnailCache *thumbnails, QObject *parent)
    : QAbstractListModel(parent)
    , m_thumbnails(thumbnails)
{
    if (m_thumbnails)
        connect(m_thumbnails, &ThumbnailCache::faceReady, this, &ReviewFaceModel::faceReady);
}

void ReviewFaceModel::setFaces(const QList<qint64> &faces, const QList<int> &years, bool checkable)
{
    beginResetModel();
    m_faces = faces;
    m_years = years;
    m_years.resize(m_faces.size());
    m_unchecked.clear();
    m_checkable = checkable;
    endResetModel();
}

QList<qint64> ReviewFaceModel::checkedFaces() const
{
    QList<qint64> out;
    for (qint64 f : m_faces)
        if (!m_unchecked.contains(f))
            out.append(f);
    return out;
}

QList<qint64> ReviewFaceModel::uncheckedFaces() const
{
    QList<qint64> out;
    for (qint64 f : m_faces)
        if (m_unchecked.contains(f))
            out.append(f);
    return out;
}

int ReviewFaceModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_faces.size());
}

QVariant ReviewFaceModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const qint64 face = m_faces[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        return m_years[index.row()] > 0 ? QString::number(m_years[index.row()]) : QString();
    case Qt::ToolTipRole:
        return m_years[index.row()] > 0 ? tr("Face %1, %2").arg(face).arg(m_years[index.row()])
                                        : tr("Face %1").arg(face);
    case Qt::DecorationRole: {
        // A grey square until the chip is loaded, so the grid keeps its size.
        const QPixmap chip = m_thumbnails ? m_thumbnails->faceChip(face) : QPixmap();
        // An icon, which the view scales to its icon size.
        if (!chip.isNull())
            return QIcon(chip);
        static const QIcon placeholder = [] {
            QPixmap p(150, 150);
            p.fill(QColor(0xe8, 0xe8, 0xe8));
            return QIcon(p);
        }();
        return placeholder;
    }
    case Qt::CheckStateRole:
        if (!m_checkable)
            return {};
        return m_unchecked.contains(face) ? Qt::Unchecked : Qt::Checked;
    case FaceIdRole:
        return face;
    default:
        return {};
    }
}

bool ReviewFaceModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (!m_checkable || role != Qt::CheckStateRole ||
        !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    const qint64 face = m_faces[index.row()];
    if (value.value<Qt::CheckState>() == Qt::Checked)
        m_unchecked.remove(face);
    else
        m_unchecked.insert(face);
    Q_EMIT dataChanged(index, index, {Qt::CheckStateRole});
    return true;
}

Qt::ItemFlags ReviewFaceModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractListModel::flags(index);
    if (index.isValid() && m_checkable)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

void ReviewFaceModel::faceReady(qint64 faceId)
{
    const qsizetype row = m_faces.indexOf(faceId);
    if (row >= 0)
        Q_EMIT dataChanged(index(int(row)), index(int(row)), {Qt::DecorationRole});
}

} // namespace facefolio
