#pragma once

#include "catalog/catalog.h"

#include <QAbstractListModel>
#include <QDate>
#include <QHash>
#include <vector>

namespace facefolio {

class ThumbnailCache;

/// The faces of one person (or the faces of no person) as a grid of chips.
/// It holds ids and text only; the chips come from the thumbnail cache. The
/// faces can be ordered most-unlike-the-rest first, so a face that does not
/// belong is at the top.
class FaceGridModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        FaceIdRole = Qt::UserRole + 1,
        PhotoIdRole,
        PhotoPathRole,
        DistanceRole, ///< from the person's average face; -1 when not computed
    };

    FaceGridModel(Catalog &catalog, ThumbnailCache *thumbnails, QObject *parent = nullptr);

    /// Shows the faces of this person; 0: the faces of no person.
    void setPerson(qint64 personId);
    qint64 person() const { return m_person; }
    void setUnlikeFirst(bool on);
    /// For the faces of no person: each face's likeliest person and the
    /// evidence distance (ReviewQuestions::likeliestPersons). When not empty,
    /// those faces are grouped by that person, the surest first, and faces
    /// with no likely person go last.
    void setLikeliest(QHash<qint64, std::pair<qint64, double>> likeliest);
    bool unlikeFirst() const { return m_unlikeFirst; }
    /// The person's age at each face's photo as its caption (when the
    /// person has a birth date; the tooltip always has it).
    void setShowAges(bool on);
    /// Reads the faces of the same person again.
    void reload();
    QModelIndex indexOfFace(qint64 faceId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;

private:
    struct Item
    {
        qint64 faceId;
        qint64 photoId;
        QString path;
        qint64 mtimeMs;
        float score;
        float distance;
    };
    void faceReady(qint64 faceId);
    QHash<qint64, std::pair<qint64, double>> m_likeliest;

    Catalog &m_catalog;
    ThumbnailCache *m_thumbnails;
    qint64 m_person = -1;
    bool m_unlikeFirst = false;
    bool m_showAges = false;
    QDate m_birth; ///< of the person shown; invalid: not known
    std::vector<Item> m_items;
    QHash<qint64, int> m_rowOf;
};

} // namespace facefolio
