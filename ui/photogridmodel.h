#pragma once

#include "catalog/catalog.h"

#include <QAbstractListModel>
#include <QHash>
#include <vector>

namespace facefolio {

class ThumbnailCache;

/// Whole photos as a grid, newest first and grouped by month: each month
/// starts with a tile naming it, and each photo is labelled with its date.
/// The photos of one person, of several together, or every photo of the
/// library. Persons with a birth date get their age at each photo in the
/// tooltip (and the caption, when asked), and the photos of one such person
/// can be grouped by age instead. Thumbnails come from the thumbnail cache.
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
    /// The photos where all of these persons appear; with `onlyThem`, no
    /// other named person does (Catalog::photosWith).
    void setPersons(const QList<qint64> &personIds, bool onlyThem);
    /// The person shown, 0 for every photo; -1 for several together.
    qint64 person() const { return m_persons.size() == 1 ? m_persons.first() : -1; }
    QList<qint64> persons() const { return m_persons; }
    bool onlyThem() const { return m_onlyThem; }
    /// Ages in the captions too (they are always in the tooltips).
    void setShowAges(bool on);
    /// Groups by age instead of by month when one person with a birth date
    /// is shown.
    void setGroupByAge(bool on);
    bool groupedByAge() const { return m_byAge; }
    /// The size of every tile (a photo with its caption, or a month's name):
    /// the view takes one size for all items from the first, a month's tile,
    /// which without this would be the size of its text and clip the photos'
    /// captions.
    void setTileSize(const QSize &size);
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
        int photo;    ///< index into m_photos, or -1 for a month tile
        QDate month;  ///< the month a tile starts
        int age = -2; ///< grouped by age: the age a tile starts (-1: before birth)
    };
    struct Born
    {
        QString name;
        QDate birth;
    };
    void photoReady(qint64 photoId);
    /// The ages at a photo, "Minji 3 y" for several persons, "3 y" for one.
    QStringList agesAt(const PhotoRecord &p, bool withNames) const;
    void regroup();
    /// Grouped by age when asked and one person with a birth date is shown.
    bool wantsAgeGroups() const
    {
        return m_groupByAge && m_persons.size() == 1 && m_born.size() == 1;
    }

    Catalog &m_catalog;
    ThumbnailCache *m_thumbnails;
    QList<qint64> m_persons{-1};
    bool m_onlyThem = false;
    bool m_showAges = false;
    bool m_groupByAge = false;
    bool m_byAge = false; ///< grouped by age now
    QSize m_tileSize;
    std::vector<Born> m_born;
    std::vector<PhotoRecord> m_photos;
    std::vector<Row> m_rows;
    QHash<qint64, int> m_rowOf;
};

} // namespace facefolio
