#pragma once

#include "catalog.h"

#include <QAbstractListModel>
#include <QHash>
#include <vector>

namespace facefolio {

class ThumbnailCache;

/// Whole photos as a grid, newest first, each labelled with its date: the
/// photos of one person, or every photo of the library. Thumbnails come from
/// the thumbnail cache.
class PhotoGridModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        PhotoIdRole = Qt::UserRole + 1,
        PhotoPathRole,
        DateRole, ///< the photo's date (QDate), for grouping
    };

    PhotoGridModel(Catalog &catalog, ThumbnailCache *thumbnails, QObject *parent = nullptr);

    /// The photos of this person; 0: every photo of the library.
    void setPerson(qint64 personId);
    qint64 person() const { return m_person; }
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    void photoReady(qint64 photoId);

    Catalog &m_catalog;
    ThumbnailCache *m_thumbnails;
    qint64 m_person = -1;
    std::vector<PhotoRecord> m_photos;
    QHash<qint64, int> m_rowOf;
};

} // namespace facefolio
