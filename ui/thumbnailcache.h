#pragma once

#include "tilethumbnails.h"

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace facefolio {

/// Face chips and photo thumbnails for the views, loaded off the UI thread
/// and kept in a cache bounded in bytes. Models ask for a picture in data();
/// when it is not loaded yet they get a null pixmap, and faceReady() or
/// photoReady() tells them when to ask again. The newest requests are served
/// first, so what the user scrolled to comes before what they scrolled past.
/// Photo thumbnails are shared with other desktop programs through the
/// freedesktop.org thumbnail cache (SharedThumbnails), and kept as compact
/// copies beside the catalog for a fast restart (TileThumbnails). A photo
/// none of them holds first shows the small picture its camera embedded
/// (when it has one), then its own thumbnail once decoded.
class ThumbnailCache final : public QObject
{
    Q_OBJECT

public:
    /// Long side of a photo thumbnail, in pixels.
    static constexpr int kPhotoSide = 320;

    explicit ThumbnailCache(QString catalogPath, qint64 maxBytes = 256ll << 20,
                            QObject *parent = nullptr);
    ~ThumbnailCache() override;

    QPixmap faceChip(qint64 faceId);
    /// The photo's thumbnail, kPhotoSide on its long side (less for a
    /// smaller photo), or null while there is none yet. Until the photo's
    /// own thumbnail is ready this may be its embedded Exif thumbnail scaled
    /// up (photoIsPlaceholder()); photoReady() comes again when it is replaced.
    QPixmap photo(qint64 photoId, const QString &path);
    /// True while photo() gives the camera's embedded thumbnail in place of
    /// the photo's own.
    bool photoIsPlaceholder(qint64 photoId) const;
    /// Forgets a photo's thumbnail (the file changed).
    void forgetPhoto(qint64 photoId);

Q_SIGNALS:
    void faceReady(qint64 faceId);
    void photoReady(qint64 photoId);

private:
    struct PhotoJob
    {
        qint64 id;
        QString path;
        quint64 order; ///< when last asked for; the largest is served first
    };
    struct PhotoWrite
    {
        QString path;
        QImage shared; ///< for the shared cache; null when it holds it already
        QImage tile;
        TileThumbnails::PhotoStamp stamp;
    };

    void chipLoop(QString catalogPath);
    void chipLoaded(qint64 faceId, const QImage &image);
    void photoLoop();
    /// A copy beside the catalog (final), else the embedded thumbnail.
    void quickStep(const PhotoJob &job);
    /// The shared thumbnail, else the photo decoded at a reduced scale.
    void fullStep(const PhotoJob &job);
    void writeStep(const PhotoWrite &write);
    void photoLoaded(qint64 photoId, const QImage &image, bool placeholder);

    QCache<qint64, QPixmap> m_chips;
    QCache<qint64, QPixmap> m_photos;
    QSet<qint64> m_photosPending; ///< asked for, own thumbnail not loaded yet
    QSet<qint64> m_placeholders;  ///< shown with their embedded thumbnail

    // Chips come from the catalog, on one thread with its own connection.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<qint64> m_chipQueue;
    QSet<qint64> m_chipsPending; // guarded by m_mutex
    bool m_stop = false;
    std::thread m_chipThread;

    // Photos come from files, on two threads that serve the quick step of
    // every photo asked for before any full one, and write what they made
    // after the photos waiting to be shown (newest first within each step).
    std::mutex m_photoMutex;
    std::condition_variable m_photoWake;
    std::deque<PhotoJob> m_quickQueue;   ///< guarded by m_photoMutex, by order
    std::deque<PhotoJob> m_fullQueue;    ///< guarded by m_photoMutex, by order
    std::deque<PhotoWrite> m_writeQueue; ///< guarded by m_photoMutex
    quint64 m_photoOrder = 0;            ///< guarded by m_photoMutex
    bool m_photoStop = false;            ///< guarded by m_photoMutex
    std::vector<std::thread> m_photoThreads;
    QString m_tileFolder;
};

} // namespace facefolio
