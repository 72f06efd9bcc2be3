// Photo thumbnails for a grid (issue 20): how long a screen of photos takes
// to have every thumbnail ready, cold (nothing cached: each photo decoded at
// a reduced scale, and the shared freedesktop.org thumbnail written) and
// warm (a restart: the shared thumbnails read back), in one run, with the
// cache of this run only. Prints figures; never passes or fails on time.
//
// usage: QT_QPA_PLATFORM=offscreen bench_thumbnails PHOTO_FOLDER [SCREEN]

#include "sharedthumbnails.h"
#include "thumbnailcache.h"

#include <QApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSet>
#include <QTemporaryDir>
#include <cstdio>
#include <vector>

namespace {

// Milliseconds until every photo of the screen is ready in a fresh cache.
double screen(const QStringList &photos, const QString &catalog)
{
    facefolio::ThumbnailCache cache(catalog);
    QSet<qint64> waiting;
    QObject::connect(&cache, &facefolio::ThumbnailCache::photoReady,
                     [&waiting](qint64 id) { waiting.remove(id); });
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < photos.size(); ++i) {
        waiting.insert(i + 1);
        cache.photo(i + 1, photos[i]);
    }
    while (!waiting.isEmpty() && t.elapsed() < 120000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    const double ms = double(t.nsecsElapsed()) / 1e6;
    // The pool finishes writing the shared thumbnails before the next run.
    return ms;
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
    const double cold = screen(photos, catalog);
    const double warm = screen(photos, catalog);
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
    std::printf(
        "  (one thread: reading the %lld shared thumbnails %.1f ms, scaling them %.1f ms)\n",
        qlonglong(photos.size()), reading, scaling);
    std::printf("screen of %lld photos, thumbnails ready: cold %.1f ms (target <= 300), warm from "
                "the shared thumbnail cache %.1f ms (target <= 50); cold/warm %.1fx\n",
                qlonglong(photos.size()), cold, warm, warm > 0 ? cold / warm : 0.0);
    return 0;
}
