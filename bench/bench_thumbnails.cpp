// Photo thumbnails for a grid (issue 20): how long a screen of photos takes
// to have every thumbnail ready, cold (nothing cached: each photo decoded at
// a reduced scale, and the shared freedesktop.org thumbnail and Facefolio's
// own copy written) and warm (a restart: the copies beside the catalog read
// back), in one run, with the caches of this run only. Cold, a tile first
// shows the photo's embedded Exif thumbnail when it has one; the figures say
// when every tile had a first picture and when every tile had its own. A
// last run reads the shared thumbnails alone (Facefolio's copies removed),
// as after another program made them. Prints figures; never passes or fails
// on time.
//
// usage: QT_QPA_PLATFORM=offscreen bench_thumbnails PHOTO_FOLDER [SCREEN]

#include "sharedthumbnails.h"
#include "thumbnailcache.h"
#include "tilethumbnails.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <cstdio>
#include <vector>

namespace {

struct Screen
{
    double painted = 0;   ///< ms until every tile had a picture, embedded or its own
    double ready = 0;     ///< ms until every tile had its own thumbnail
    int placeholders = 0; ///< tiles that first showed their embedded thumbnail
};

// Every photo of the screen asked for at once in a fresh cache, as a grid
// does when it opens; timed until each has a picture and its own thumbnail.
Screen screen(const QStringList &photos, const QString &catalog)
{
    facefolio::ThumbnailCache cache(catalog);
    QSet<qint64> unpainted, waiting;
    Screen result;
    QElapsedTimer t;
    QObject::connect(&cache, &facefolio::ThumbnailCache::photoReady, [&](qint64 id) {
        if (unpainted.remove(id) && unpainted.isEmpty())
            result.painted = double(t.nsecsElapsed()) / 1e6;
        if (cache.photoIsPlaceholder(id)) {
            ++result.placeholders;
            return;
        }
        if (waiting.remove(id) && waiting.isEmpty())
            result.ready = double(t.nsecsElapsed()) / 1e6;
    });
    t.start();
    for (int i = 0; i < photos.size(); ++i) {
        unpainted.insert(i + 1);
        waiting.insert(i + 1);
        cache.photo(i + 1, photos[i]);
    }
    while (!waiting.isEmpty() && t.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    if (!waiting.isEmpty()) {
        std::fprintf(stderr, "bench_thumbnails: %lld photos still waiting after 120 s\n",
                     qlonglong(waiting.size()));
        result.ready = double(t.nsecsElapsed()) / 1e6;
        if (!unpainted.isEmpty())
            result.painted = result.ready;
    }
    // The cache finishes writing the thumbnails it made as it is destroyed,
    // before the next run.
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    if (argc < 2) {
        std::fprintf(stderr, "usage: bench_thumbnails PHOTO_FOLDER [SCREEN]\n");
        return 2;
    }
    const QDir folder(QString::fromLocal8Bit(argv[1]));
    const int count = argc > 2 ? std::atoi(argv[2]) : 24;
    QStringList photos;
    for (const QString &name : folder.entryList({QStringLiteral("*.jpg")}, QDir::Files, QDir::Name))
        if (photos.size() < count)
            photos << folder.absoluteFilePath(name);
    if (photos.isEmpty()) {
        std::fprintf(stderr, "bench_thumbnails: no photos in %s\n", argv[1]);
        return 1;
    }
    QTemporaryDir tmp;
    qputenv("XDG_CACHE_HOME", QFile::encodeName(tmp.filePath(QStringLiteral("cache"))));
    const QString catalog = tmp.filePath(QStringLiteral("catalog.sqlite"));
    const Screen cold = screen(photos, catalog);
    const Screen warm = screen(photos, catalog);
    // The parts of the warm path, on this thread, for the note.
    QElapsedTimer t;
    t.start();
    std::vector<QImage> read;
    for (const QString &p : photos)
        read.push_back(facefolio::SharedThumbnails::read(p));
    const double reading = double(t.nsecsElapsed()) / 1e6;
    t.start();
    for (const QImage &img : read)
        (void)img.scaled(facefolio::ThumbnailCache::kPhotoSide,
                         facefolio::ThumbnailCache::kPhotoSide, Qt::KeepAspectRatio,
                         Qt::SmoothTransformation);
    const double scaling = double(t.nsecsElapsed()) / 1e6;
    const QString tiles = facefolio::TileThumbnails::folderFor(catalog);
    t.start();
    int copies = 0;
    for (const QString &p : photos)
        copies += facefolio::TileThumbnails::read(tiles, p).isNull() ? 0 : 1;
    const double readingCopies = double(t.nsecsElapsed()) / 1e6;
    // As after another program made the shared thumbnails: none of ours.
    QDir(tiles).removeRecursively();
    const Screen shared = screen(photos, catalog);
    std::printf(
        "  (one thread: reading the %lld shared thumbnails %.1f ms, scaling them %.1f ms)\n",
        qlonglong(photos.size()), reading, scaling);
    std::printf("  (one thread: reading Facefolio's own %d copies of the tiles %.1f ms)\n", copies,
                readingCopies);
    std::printf("screen of %lld photos, thumbnails ready: cold %.1f ms (target <= 300), warm from "
                "the shared thumbnail cache %.1f ms (target <= 50); cold/warm %.1fx\n",
                qlonglong(photos.size()), cold.ready, warm.ready,
                warm.ready > 0 ? cold.ready / warm.ready : 0.0);
    std::printf("screen of %lld photos, cold: every tile painted %.1f ms (target <= 300; %d "
                "first with their embedded Exif thumbnail), every tile its own thumbnail %.1f ms\n",
                qlonglong(photos.size()), cold.painted, cold.placeholders, cold.ready);
    std::printf("screen of %lld photos, warm: every tile painted %.1f ms (target <= 50) from "
                "Facefolio's copies beside the catalog; from the shared thumbnail cache alone "
                "painted %.1f ms, every tile its own %.1f ms\n",
                qlonglong(photos.size()), warm.painted, shared.painted, shared.ready);
    return 0;
}
