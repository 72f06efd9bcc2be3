#pragma once

#include <QAbstractListModel>
#include <QList>
#include <QSet>

namespace facefolio {

class ThumbnailCache;

/// A few faces shown by the Review view: chips from the thumbnail cache,
/// each captioned with the year its photo was taken. When checkable, every
/// face starts ticked (Apple's "Review more photos" pattern) and the user
/// unticks the wrong ones.
class ReviewFaceModel final : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role
    {
        FaceIdRole = Qt::UserRole + 1,
    };

    explicit ReviewFaceModel(ThumbnailCache *thumbnails, QObject *parent = nullptr);

    /// Shows these faces; `years` per face (0: unknown).
    void setFaces(const QList<qint64> &faces, const QList<int> &years, bool checkable);
    QList<qint64> faces() const { return m_faces; }
    QList<qint64> checkedFaces() const;
    QList<qint64> uncheckedFaces() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

private:
    void faceReady(qint64 faceId);

    ThumbnailCache *m_thumbnails;
    QList<qint64> m_faces;
    QList<int> m_years;
    QSet<qint64> m_unchecked;
    bool m_checkable = false;
};

} // namespace facefolio
