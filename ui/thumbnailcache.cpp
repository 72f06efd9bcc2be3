#include "thumbnailcache.h"

#include "analysis/photoloader.h"
#include "catalog/catalog.h"
#include "sharedthumbnails.h"

#include <QImage>
#include <algorithm>

namespace facefolio {

namespace {

int costOf(const QPixmap &p)
{
    return std::max(1, int(qint64(p.width()) * p.height() * 4 / 1024)); // KiB
}

// Pictures made but not yet written to the caches, at most: each holds about
// a megabyte until then. A screen's worth, so a screen is decoded first.
constexpr size_t kMaxPendingWrites = 32;

} // namespace

ThumbnailCache::ThumbnailCache(QString catalogPath, qint64 maxBytes, QObject *parent)
    : QObject(parent)
{
    // Costs are in KiB; chips are small and many, photos few and large.
    m_chips.setMaxCost(int(maxBytes / 1024 / 4));
    m_photos.setMaxCost(int(maxBytes / 1024 * 3 / 4));
    m_tileFolder = TileThumbnails::folderFor(catalogPath);
    m_chipThread = std::thread([this, path = std::move(catalogPath)] { chipLoop(path); });
    for (int i = 0; i < 2; ++i)
        m_photoThreads.emplace_back([this] { photoLoop(); });
}

ThumbnailCache::~ThumbnailCache()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_chipThread.join();
    {
        std::lock_guard lock(m_photoMutex);
        m_photoStop = true;
    }
    m_photoWake.notify_all();
    for (std::thread &t : m_photoThreads)
        t.join();
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
    const QPixmap *cached = m_photos.object(photoId);
    if (cached && !m_placeholders.contains(photoId))
        return *cached;
    if (!m_photosPending.contains(photoId)) {
        m_photosPending.insert(photoId);
        {
            std::lock_guard lock(m_photoMutex);
            m_quickQueue.push_back({photoId, path, ++m_photoOrder});
        }
        m_photoWake.notify_one();
        return cached ? *cached : QPixmap();
    }
    // Asked again while waiting: to the front of the step it waits for.
    {
        std::lock_guard lock(m_photoMutex);
        for (std::deque<PhotoJob> *queue : {&m_quickQueue, &m_fullQueue}) {
            const auto it = std::find_if(queue->begin(), queue->end(),
                                         [photoId](const PhotoJob &j) { return j.id == photoId; });
            if (it == queue->end())
                continue;
            if (it != queue->end() - 1) {
                PhotoJob job = std::move(*it);
                job.order = ++m_photoOrder;
                queue->erase(it);
                queue->push_back(std::move(job));
            }
            break;
        }
    }
    return cached ? *cached : QPixmap();
}

bool ThumbnailCache::photoIsPlaceholder(qint64 photoId) const
{
    return m_placeholders.contains(photoId) && m_photos.contains(photoId);
}

void ThumbnailCache::photoLoop()
{
    for (;;) {
        std::unique_lock lock(m_photoMutex);
        m_photoWake.wait(lock, [this] {
            return m_photoStop || !m_quickQueue.empty() || !m_fullQueue.empty() ||
                   !m_writeQueue.empty();
        });
        // Writes wait behind the photos still to be shown, but only so many:
        // each holds its pictures until written. On stop, what was made is
        // still written, and nothing more is made.
        if (!m_writeQueue.empty() && (m_photoStop || m_writeQueue.size() >= kMaxPendingWrites ||
                                      (m_quickQueue.empty() && m_fullQueue.empty()))) {
            const PhotoWrite write = std::move(m_writeQueue.front());
            m_writeQueue.pop_front();
            lock.unlock();
            writeStep(write);
            continue;
        }
        if (m_photoStop)
            return;
        std::deque<PhotoJob> &queue = !m_quickQueue.empty() ? m_quickQueue : m_fullQueue;
        const bool quick = &queue == &m_quickQueue;
        const PhotoJob job = std::move(queue.back());
        queue.pop_back();
        lock.unlock();
        if (quick)
            quickStep(job);
        else
            fullStep(job);
    }
}

namespace {

// The picture a tile shows: at most kPhotoSide a side (a small embedded
// thumbnail is scaled up to it, so the grid keeps its layout), in the
// format a pixmap takes without converting on the UI thread.
QImage tileOf(const QImage &image, bool upscale)
{
    if (image.isNull())
        return {};
    const int side = ThumbnailCache::kPhotoSide;
    const bool large = image.width() > side || image.height() > side;
    const bool small = upscale && image.width() < side && image.height() < side;
    const QImage sized =
        large || small ? image.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                       : image;
    return sized.convertToFormat(QImage::Format_RGB32);
}

} // namespace

void ThumbnailCache::quickStep(const PhotoJob &job)
{
    // The destructor joins the threads, so `this` outlives every step; a
    // result queued to a destroyed cache is dropped by Qt.
    const auto post = [this, id = job.id](const QImage &image, bool placeholder) {
        QMetaObject::invokeMethod(
            this, [this, id, image, placeholder] { photoLoaded(id, image, placeholder); },
            Qt::QueuedConnection);
    };
    const QImage copy = TileThumbnails::read(m_tileFolder, job.path);
    if (!copy.isNull()) {
        post(tileOf(copy, false), false);
        return;
    }
    // Only a stand-in: shown now, replaced by the full step, never stored.
    const QImage embedded = PhotoLoader::loadEmbeddedThumbnail(job.path, kPhotoSide);
    if (!embedded.isNull())
        post(tileOf(embedded, true), true);
    {
        std::lock_guard lock(m_photoMutex);
        // Kept in the order of asking, so the newest request is decoded first.
        const auto at =
            std::upper_bound(m_fullQueue.begin(), m_fullQueue.end(), job.order,
                             [](quint64 order, const PhotoJob &j) { return order < j.order; });
        m_fullQueue.insert(at, job);
    }
    m_photoWake.notify_one();
}

void ThumbnailCache::fullStep(const PhotoJob &job)
{
    // Taken before the pixels are read: a photo edited meanwhile makes the
    // copy stale rather than passing old pixels off as new.
    const TileThumbnails::PhotoStamp stamp = TileThumbnails::stampOf(job.path);
    // The thumbnail other programs made or will use, when it is up to date;
    // else the photo decoded at a reduced scale, shown first and then stored
    // there for them and for the next time.
    QImage stored = SharedThumbnails::read(job.path);
    const bool fresh = stored.isNull();
    if (fresh)
        stored = PhotoLoader::load(job.path, kPhotoSide, SharedThumbnails::kSide, nullptr);
    const QImage tile = tileOf(stored, false);
    QMetaObject::invokeMethod(
        this, [this, id = job.id, tile] { photoLoaded(id, tile, false); }, Qt::QueuedConnection);
    if (stored.isNull())
        return;
    {
        std::lock_guard lock(m_photoMutex);
        m_writeQueue.push_back({job.path, fresh ? stored : QImage(), tile, stamp});
    }
    m_photoWake.notify_one();
}

void ThumbnailCache::writeStep(const PhotoWrite &write)
{
    // The shared one first: the copy records how it found it.
    if (!write.shared.isNull())
        SharedThumbnails::write(write.path, write.shared);
    TileThumbnails::write(m_tileFolder, write.path, write.tile, write.stamp);
}

void ThumbnailCache::photoLoaded(qint64 photoId, const QImage &image, bool placeholder)
{
    if (placeholder) {
        // Never over the photo's own thumbnail (which comes after it anyway).
        if (!m_photosPending.contains(photoId) || image.isNull())
            return;
        m_placeholders.insert(photoId);
        auto *pixmap = new QPixmap(QPixmap::fromImage(image));
        m_photos.insert(photoId, pixmap, costOf(*pixmap));
        Q_EMIT photoReady(photoId);
        return;
    }
    m_photosPending.remove(photoId);
    m_placeholders.remove(photoId);
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
    m_placeholders.remove(photoId);
}

} // namespace facefolio
