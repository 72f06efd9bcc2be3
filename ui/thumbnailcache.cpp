#include "thumbnailcache.h"

#include "analysis/photoloader.h"
#include "catalog/catalog.h"
#include "sharedthumbnails.h"

#include <QImage>

namespace facefolio {

namespace {

int costOf(const QPixmap &p)
{
    return std::max(1, int(qint64(p.width()) * p.height() * 4 / 1024)); // KiB
}

} // namespace

ThumbnailCache::ThumbnailCache(QString catalogPath, qint64 maxBytes, QObject *parent)
    : QObject(parent)
{
    // Costs are in KiB; chips are small and many, photos few and large.
    m_chips.setMaxCost(int(maxBytes / 1024 / 4));
    m_photos.setMaxCost(int(maxBytes / 1024 * 3 / 4));
    m_photoPool.setMaxThreadCount(2);
    m_chipThread = std::thread([this, path = std::move(catalogPath)] { chipLoop(path); });
}

ThumbnailCache::~ThumbnailCache()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_chipThread.join();
    m_photoPool.clear();
    m_photoPool.waitForDone();
}

QPixmap ThumbnailCache::faceChip(qint64 faceId)
{
    if (const QPixmap *p = m_chips.object(faceId))
        return *p;
    {
        std::lock_guard lock(m_mutex);
        if (m_chipsPending.contains(faceId)) {
            // Asked again: move it to the front of the queue.
            const auto it = std::find(m_chipQueue.begin(), m_chipQueue.end(), faceId);
            if (it != m_chipQueue.end() && it != m_chipQueue.end() - 1) {
                m_chipQueue.erase(it);
                m_chipQueue.push_back(faceId);
            }
            return {};
        }
        m_chipsPending.insert(faceId);
        m_chipQueue.push_back(faceId);
    }
    m_wake.notify_one();
    return {};
}

void ThumbnailCache::chipLoop(QString catalogPath)
{
    Catalog catalog(catalogPath);
    const bool open = catalog.open();
    for (;;) {
        qint64 faceId = 0;
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait(lock, [this] { return m_stop || !m_chipQueue.empty(); });
            if (m_stop)
                return;
            faceId = m_chipQueue.back(); // newest first
            m_chipQueue.pop_back();
        }
        QImage image;
        if (open)
            image.loadFromData(catalog.faceChip(faceId), "JPEG");
        QMetaObject::invokeMethod(
            this, [this, faceId, image] { chipLoaded(faceId, image); }, Qt::QueuedConnection);
    }
}

void ThumbnailCache::chipLoaded(qint64 faceId, const QImage &image)
{
    {
        std::lock_guard lock(m_mutex);
        m_chipsPending.remove(faceId);
    }
    // A chip that cannot be read is cached as a grey square, so it is not
    // asked for again and again.
    QPixmap pixmap;
    if (image.isNull()) {
        pixmap = QPixmap(150, 150);
        pixmap.fill(Qt::lightGray);
    } else {
        pixmap = QPixmap::fromImage(image);
    }
    m_chips.insert(faceId, new QPixmap(pixmap), costOf(pixmap));
    Q_EMIT faceReady(faceId);
}

QPixmap ThumbnailCache::photo(qint64 photoId, const QString &path)
{
    if (const QPixmap *p = m_photos.object(photoId))
        return *p;
    if (m_photosPending.contains(photoId))
        return {};
    m_photosPending.insert(photoId);
    // The destructor waits for the pool, so `this` outlives every task; a
    // result queued to a destroyed cache is dropped by Qt.
    m_photoPool.start([this, photoId, path] {
        // The thumbnail other programs made or will use, when it is up to
        // date; else the photo decoded at a reduced scale, shown first and
        // then stored there for them and for the next time.
        QImage stored = SharedThumbnails::read(path);
        const bool fresh = stored.isNull();
        if (fresh)
            stored = PhotoLoader::load(path, kPhotoSide, SharedThumbnails::kSide, nullptr);
        const QImage image = stored.width() > kPhotoSide || stored.height() > kPhotoSide
                                 ? stored.scaled(kPhotoSide, kPhotoSide, Qt::KeepAspectRatio,
                                                 Qt::SmoothTransformation)
                                 : stored;
        QMetaObject::invokeMethod(
            this, [this, photoId, image] { photoLoaded(photoId, image); }, Qt::QueuedConnection);
        if (fresh)
            SharedThumbnails::write(path, stored);
    });
    return {};
}

void ThumbnailCache::photoLoaded(qint64 photoId, const QImage &image)
{
    m_photosPending.remove(photoId);
    QPixmap pixmap;
    if (image.isNull()) {
        pixmap = QPixmap(kPhotoSide, kPhotoSide * 3 / 4);
        pixmap.fill(Qt::lightGray);
    } else {
        pixmap = QPixmap::fromImage(image);
    }
    m_photos.insert(photoId, new QPixmap(pixmap), costOf(pixmap));
    Q_EMIT photoReady(photoId);
}

void ThumbnailCache::forgetPhoto(qint64 photoId)
{
    m_photos.remove(photoId);
}

} // namespace facefolio
