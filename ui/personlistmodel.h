#pragma once

#include "people/peopleservice.h"

#include <QAbstractListModel>
#include <QHash>
#include <QPixmap>
#include <vector>

namespace facefolio {

class PeopleController;
class ThumbnailCache;

/// The people list: a "New person" row (a drop target for splitting faces
/// off), an "Unknown faces" row (faces of no person), then one row per
/// person with its round cover face, name and counts. Drops and renames are
/// turned into requests; the model itself never edits the catalog.
class PersonListModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    /// Ids of the two rows that are not persons.
    static constexpr qint64 kNewPerson = -2;
    static constexpr qint64 kUnknown = -1;

    enum Role
    {
        PersonIdRole = Qt::UserRole + 1,
        NameRole, ///< the name the user set (empty when unnamed)
        FacesRole,
        PhotosRole,
        HiddenRole,
        SpecialRole, ///< true for the New person and Unknown faces rows
    };

    PersonListModel(PeopleController *controller, ThumbnailCache *thumbnails,
                    QObject *parent = nullptr);

    /// Reads the persons again (keeps rows whose persons did not change).
    void reload();
    QModelIndex indexOfPerson(qint64 personId) const;
    int unknownFaces() const { return m_unknownFaces; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QHash<int, QByteArray> roleNames() const override;

    Qt::DropActions supportedDropActions() const override;
    Qt::DropActions supportedDragActions() const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    bool canDropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                         const QModelIndex &parent) const override;
    bool dropMimeData(const QMimeData *data, Qt::DropAction action, int row, int column,
                      const QModelIndex &parent) override;

Q_SIGNALS:
    /// Faces were dropped on a person, on New person or on Unknown faces.
    void facesDropped(const QList<qint64> &faceIds, qint64 targetId);
    /// A person was dropped on another one.
    void personDropped(qint64 fromId, qint64 intoId);
    void renameRequested(qint64 personId, const QString &name);

private:
    qint64 idAt(int row) const;
    QPixmap roundCover(qint64 faceId) const;
    void faceReady(qint64 faceId);

    PeopleController *m_controller;
    ThumbnailCache *m_thumbnails;
    std::vector<PersonInfo> m_persons;
    QHash<qint64, int> m_rowOfCover;              // cover face id -> row, for repainting
    mutable QHash<qint64, QPixmap> m_roundCovers; // cover face id -> round pixmap, once loaded
    int m_unknownFaces = 0;
};

} // namespace facefolio
