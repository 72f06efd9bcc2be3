#pragma once

#include <QCache>
#include <QHash>
#include <QObject>
#include <QPixmap>
#include <QSet>
#include <QThreadPool>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace facefolio {

/// Face chips and photo thumbnails for the views, loaded off the UI thread
/// and kept in a cache bounded in bytes. Models ask for a picture in data();
/// when it is not loaded yet they get a null pixmap, and faceReady() or
/// photoReady() tells them when to ask again. The newest requests are served
/// first, so what the user scrolled to comes before what they scrolled past.
/// Photo thumbnails are shared with other desktop programs through the
/// freedesktop.org thumbnail cache (SharedThumbnails).
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
    QPixmap photo(qint64 photoId, const QString &path);
    /// Forgets a photo's thumbnail (the file changed).
    void forgetPhoto(qint64 photoId);

Q_SIGNALS:
    void faceReady(qint64 faceId);
    void photoReady(qint64 photoId);

private:
    void chipLoop(QString catalogPath);
    void chipLoaded(qint64 faceId, const QImage &image);
    void photoLoaded(qint64 photoId, const QImage &image);

    QCache<qint64, QPixmap> m_chips;
    QCache<qint64, QPixmap> m_photos;
    QSet<qint64> m_photosPending;

    // Chips come from the catalog, on one thread with its own connection.
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::deque<qint64> m_chipQueue;
    QSet<qint64> m_chipsPending; // guarded by m_mutex
    bool m_stop = false;
    std::thread m_chipThread;

    // Photos come from files, on a small pool.
    QThreadPool m_photoPool;
};

} // namespace facefolio
