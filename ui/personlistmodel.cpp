#include "personlistmodel.h"

#include "dragmime.h"
#include "peoplecontroller.h"
#include "thumbnailcache.h"

#include <QApplication>
#include <QFont>
#include <QIcon>
#include <QPainter>
#include <QPainterPath>
#include <QPalette>
#include <QStyle>

namespace facefolio {

namespace {

constexpr int kSpecialRows = 2;
constexpr int kCoverSide = 48;

} // namespace

PersonListModel::PersonListModel(PeopleController *controller, ThumbnailCache *thumbnails,
                                 QObject *parent)
    : QAbstractListModel(parent)
    , m_controller(controller)
    , m_thumbnails(thumbnails)
{
    connect(m_thumbnails, &ThumbnailCache::faceReady, this, &PersonListModel::faceReady);
    reload();
}

void PersonListModel::reload()
{
    std::vector<PersonInfo> persons = m_controller->service().persons(true);
    const int unknown = m_controller->catalog().unassignedFaceCount();
    const bool sameRows =
        persons.size() == m_persons.size() &&
        std::equal(persons.begin(), persons.end(), m_persons.begin(),
                   [](const PersonInfo &a, const PersonInfo &b) { return a.id == b.id; });
    if (sameRows) {
        // Same persons in the same order: update in place so selection and
        // scrolling stay where the user left them.
        m_persons = std::move(persons);
        m_unknownFaces = unknown;
        Q_EMIT dataChanged(index(0), index(rowCount() - 1));
    } else {
        beginResetModel();
        m_persons = std::move(persons);
        m_unknownFaces = unknown;
        endResetModel();
    }
    m_rowOfCover.clear();
    // Covers in use only: a person's new cover gets painted afresh.
    QHash<qint64, QPixmap> keep;
    for (const PersonInfo &p : m_persons)
        if (p.coverFaceId && m_roundCovers.contains(*p.coverFaceId))
            keep.insert(*p.coverFaceId, m_roundCovers.value(*p.coverFaceId));
    m_roundCovers = std::move(keep);
    for (int i = 0; i < int(m_persons.size()); ++i)
        if (m_persons[size_t(i)].coverFaceId)
            m_rowOfCover.insert(*m_persons[size_t(i)].coverFaceId, i + kSpecialRows);
}

QModelIndex PersonListModel::indexOfPerson(qint64 personId) const
{
    for (int row = 0; row < rowCount(); ++row)
        if (idAt(row) == personId)
            return index(row);
    return {};
}

int PersonListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_persons.size()) + kSpecialRows;
}

qint64 PersonListModel::idAt(int row) const
{
    if (row == 0)
        return kNewPerson;
    if (row == 1)
        return kUnknown;
    return m_persons[size_t(row - kSpecialRows)].id;
}

QPixmap PersonListModel::roundCover(qint64 faceId) const
{
    // Painted once per cover, not at every repaint of the list.
    if (const auto it = m_roundCovers.constFind(faceId); it != m_roundCovers.cend())
        return *it;
    const QPixmap chip = m_thumbnails->faceChip(faceId);
    if (chip.isNull())
        return {};
    QPixmap round(kCoverSide, kCoverSide);
    round.fill(Qt::transparent);
    QPainter p(&round);
    p.setRenderHint(QPainter::Antialiasing);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    QPainterPath circle;
    circle.addEllipse(QRectF(0.5, 0.5, kCoverSide - 1, kCoverSide - 1));
    p.setClipPath(circle);
    p.drawPixmap(QRect(0, 0, kCoverSide, kCoverSide), chip);
    p.end();
    m_roundCovers.insert(faceId, round);
    return round;
}

QVariant PersonListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const int row = index.row();
    if (row < kSpecialRows) {
        const bool isNew = row == 0;
        switch (role) {
        case Qt::DisplayRole:
            return isNew ? tr("New person") : tr("Unknown faces (%1)").arg(m_unknownFaces);
        case Qt::ToolTipRole:
            return isNew ? tr("Drop faces here to make a new person of them")
                         : tr("Faces that belong to no person yet; drop faces here to take them "
                              "out of their person");
        case Qt::DecorationRole:
            return QApplication::style()->standardIcon(isNew ? QStyle::SP_FileDialogNewFolder
                                                             : QStyle::SP_MessageBoxQuestion);
        case Qt::FontRole: {
            QFont f;
            f.setItalic(true);
            return f;
        }
        case PersonIdRole:
            return idAt(row);
        case FacesRole:
            return isNew ? 0 : m_unknownFaces;
        case PhotosRole:
            return 0;
        case HiddenRole:
            return false;
        case SpecialRole:
            return true;
        case NameRole:
            return QString();
        default:
            return {};
        }
    }
    const PersonInfo &p = m_persons[size_t(row - kSpecialRows)];
    switch (role) {
    case Qt::DisplayRole:
        return p.displayName() + u'\n' + tr("%1 faces, %2 photos").arg(p.faces).arg(p.photos);
    case Qt::EditRole:
    case NameRole:
        return p.name;
    case Qt::ToolTipRole:
        return tr("%1: %2 faces in %3 photos%4")
            .arg(p.displayName())
            .arg(p.faces)
            .arg(p.photos)
            .arg(p.hidden ? tr(" (hidden)") : QString());
    case Qt::DecorationRole:
        return p.coverFaceId ? roundCover(*p.coverFaceId) : QPixmap();
    case Qt::ForegroundRole:
        return p.hidden
                   ? QVariant(QApplication::palette().brush(QPalette::Disabled, QPalette::Text))
                   : QVariant();
    case PersonIdRole:
        return p.id;
    case FacesRole:
        return p.faces;
    case PhotosRole:
        return p.photos;
    case HiddenRole:
        return p.hidden;
    case SpecialRole:
        return false;
    default:
        return {};
    }
}

bool PersonListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !index.isValid() || index.row() < kSpecialRows)
        return false;
    const PersonInfo &p = m_persons[size_t(index.row() - kSpecialRows)];
    // An empty name is no name: the edit is refused, the old name stays.
    const QString name = value.toString().simplified();
    if (name.isEmpty() || name == p.name)
        return false;
    Q_EMIT renameRequested(p.id, value.toString());
    return true;
}

Qt::ItemFlags PersonListModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    if (index.row() == 0)
        return Qt::ItemIsEnabled | Qt::ItemIsDropEnabled;
    if (index.row() == 1)
        return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDropEnabled;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsEditable | Qt::ItemIsDragEnabled |
           Qt::ItemIsDropEnabled;
}

QHash<int, QByteArray> PersonListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(PersonIdRole, "personId");
    names.insert(NameRole, "name");
    names.insert(FacesRole, "faces");
    names.insert(PhotosRole, "photos");
    names.insert(HiddenRole, "hidden");
    names.insert(SpecialRole, "special");
    return names;
}

Qt::DropActions PersonListModel::supportedDropActions() const
{
    return Qt::MoveAction | Qt::CopyAction;
}

Qt::DropActions PersonListModel::supportedDragActions() const
{
    return Qt::MoveAction;
}

QStringList PersonListModel::mimeTypes() const
{
    return {dragmime::kFaces, dragmime::kPerson};
}

QMimeData *PersonListModel::mimeData(const QModelIndexList &indexes) const
{
    QList<qint64> ids;
    for (const QModelIndex &i : indexes)
        if (i.isValid() && i.row() >= kSpecialRows)
            ids << idAt(i.row());
    if (ids.isEmpty())
        return nullptr;
    auto *data = new QMimeData;
    data->setData(dragmime::kPerson, dragmime::encodeIds(ids.mid(0, 1)));
    return data;
}

bool PersonListModel::canDropMimeData(const QMimeData *data, Qt::DropAction, int row, int,
                                      const QModelIndex &parent) const
{
    // Only drops onto a row mean something; between rows they do not.
    if (row != -1 || !parent.isValid())
        return false;
    const qint64 target = idAt(parent.row());
    if (data->hasFormat(dragmime::kFaces))
        return true;
    if (data->hasFormat(dragmime::kPerson)) {
        const QList<qint64> from = dragmime::decodeIds(data, dragmime::kPerson);
        return target > 0 && !from.isEmpty() && from.first() != target;
    }
    return false;
}

bool PersonListModel::dropMimeData(const QMimeData *data, Qt::DropAction action, int row,
                                   int column, const QModelIndex &parent)
{
    if (!canDropMimeData(data, action, row, column, parent))
        return false;
    const qint64 target = idAt(parent.row());
    if (data->hasFormat(dragmime::kFaces)) {
        const QList<qint64> faces = dragmime::decodeIds(data, dragmime::kFaces);
        if (faces.isEmpty())
            return false;
        Q_EMIT facesDropped(faces, target);
    } else {
        Q_EMIT personDropped(dragmime::decodeIds(data, dragmime::kPerson).first(), target);
    }
    // The edit happens through the controller and the list reloads; the view
    // must not remove the dragged row itself.
    return false;
}

void PersonListModel::faceReady(qint64 faceId)
{
    const auto it = m_rowOfCover.constFind(faceId);
    if (it != m_rowOfCover.cend() && *it < rowCount())
        Q_EMIT dataChanged(index(*it), index(*it), {Qt::DecorationRole});
}

} // namespace facefolio
