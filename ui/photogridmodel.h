#pragma once

#include "catalog/catalog.h"

#include <QAbstractListModel>
#include <QHash>
#include <vector>

namespace facefolio {

class ThumbnailCache;

/// Whole photos as a grid, newest first and grouped by month: each month
/// starts with a tile naming it, and each photo is labelled with its date.
/// The photos of one person, or every photo of the library. Thumbnails come
/// from the thumbnail cache.
class PhotoGridModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        PhotoIdRole = Qt::UserRole + 1,
        PhotoPathRole,
        DateRole,   ///< the photo's date (QDate), for grouping
        HeaderRole, ///< true for the tile that starts a month
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
    /// Photos shown (month tiles not counted).
    int photoCount() const { return int(m_photos.size()); }

private:
    struct Row
    {
        int photo;   ///< index into m_photos, or -1 for a month tile
        QDate month; ///< the month a tile starts
    };
    void photoReady(qint64 photoId);

    Catalog &m_catalog;
    ThumbnailCache *m_thumbnails;
    qint64 m_person = -1;
    std::vector<PhotoRecord> m_photos;
    std::vector<Row> m_rows;
    QHash<qint64, int> m_rowOf;
};

} // namespace facefolio
