#include "scan/reencoder.h"

#include "analysis/facemodels.h"
#include "catalog/catalog.h"
#include "scan/backgroundrun_p.h"
#include "scan/resultqueue_p.h"
#include "scan/scanlock.h"

#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <QThreadPool>
#include <cstring>

namespace facefolio {

namespace {

struct PhotoWork
{
    QString path;
    qint64 size = 0;
    qint64 mtimeMs = 0;
    std::vector<qint64> faceIds;
    std::vector<std::array<QPointF, 68>> landmarks;
};

struct PhotoResult
{
    const PhotoWork *work = nullptr;
    std::vector<Embedding> embeddings; ///< empty when it failed
    QString error;
};

// The photos with faces of another model than `model`, each with those faces'
// stored landmarks. Missing photos are left for a later run.
bool loadWork(Catalog &catalog, EncoderModel model, std::vector<PhotoWork> &out, QString &error)
{
    QSqlQuery q(catalog.database());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT f.photo_id, p.path, p.size, p.mtime_ms, f.id, v.landmarks "
                             "FROM faces f JOIN photos p ON p.id = f.photo_id "
                             "LEFT JOIN face_vectors v ON v.face_id = f.id "
                             "WHERE f.encoder != ? AND p.missing = 0 ORDER BY f.photo_id, f.id"));
    q.addBindValue(int(model));
    if (!q.exec()) {
        error = q.lastError().text();
        return false;
    }
    qint64 photo = 0;
    while (q.next()) {
        if (out.empty() || q.value(0).toLongLong() != photo) {
            photo = q.value(0).toLongLong();
            PhotoWork w;
            w.path = q.value(1).toString();
            w.size = q.value(2).toLongLong();
            w.mtimeMs = q.value(3).toLongLong();
            out.push_back(std::move(w));
        }
        std::array<QPointF, 68> marks{};
        const QByteArray blob = q.value(5).toByteArray();
        if (blob.size() == qsizetype(marks.size() * 2 * sizeof(float))) {
            float xy[136];
            std::memcpy(xy, blob.constData(), sizeof(xy));
            for (size_t i = 0; i < marks.size(); ++i)
                marks[i] = QPointF(xy[2 * i], xy[2 * i + 1]);
        }
        out.back().faceIds.push_back(q.value(4).toLongLong());
        out.back().landmarks.push_back(marks);
    }
    return true;
}

PhotoResult encode(const PhotoWork &w, FaceAnalyzer &analyzer)
{
    PhotoResult r{&w, {}, {}};
    QFile f(w.path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return r;
    }
    const QFileInfo info(w.path);
    // The stored landmarks belong to the file as it was scanned.
    if (info.size() != w.size || info.lastModified().toMSecsSinceEpoch() != w.mtimeMs) {
        r.error = QStringLiteral("changed since it was scanned; scan its folder again");
        return r;
    }
    QString error;
    if (auto e = analyzer.encodeFaces(f.readAll(), w.landmarks, &error);
        e && e->size() == w.faceIds.size())
        r.embeddings = std::move(*e);
    else
        r.error = error.isEmpty() ? QStringLiteral("cannot be encoded") : error;
    return r;
}

} // namespace

ReencodeSummary Reencoder::run(const ReencodeOptions &options,
                               std::shared_ptr<const FaceModels> models,
                               const std::function<bool()> &cancelled)
{
    QElapsedTimer clock;
    clock.start();
    ReencodeSummary s;
    AnalyzerOptions analyzerOptions = options.analyzer;
    analyzerOptions.encoder = options.encoder;
    std::optional<FaceAnalyzer> probe;
    try {
        // Fails at once, with the set-up command, when the model is missing.
        probe.emplace(models, analyzerOptions);
    } catch (const std::exception &e) {
        s.error = QString::fromUtf8(e.what());
        return s;
    }
    probe.reset();

    // A scan running meanwhile would encode its new faces with the old model.
    ScanLock lock(options.catalogPath);
    if (!lock.tryLock(QStringLiteral("re-encoding"))) {
        s.error = lock.errorString();
        return s;
    }
    Catalog catalog(options.catalogPath);
    if (!catalog.open()) {
        s.error = catalog.errorString();
        return s;
    }
    // From now on the catalog speaks the new model: new faces are encoded
    // with it and clustering compares only its faces.
    if (!catalog.setEncoder(options.encoder)) {
        s.error = catalog.errorString();
        return s;
    }
    std::vector<PhotoWork> work;
    if (!loadWork(catalog, options.encoder, work, s.error))
        return s;

    detail::ResultQueue<PhotoResult> queue;
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    const int threads =
        std::max(1, options.threads > 0 ? options.threads : QThread::idealThreadCount());
    useSingleThreadedBlas();
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    for (int t = 0; t < std::min<int>(threads, int(work.size())); ++t)
        pool.start([&] {
            FaceAnalyzer analyzer(models, analyzerOptions);
            for (size_t i = next++; i < work.size() && !stop; i = next++)
                queue.push(encode(work[i], analyzer));
        });

    ReencodeProgress progress;
    progress.total = int(work.size());
    QElapsedTimer sinceReport;
    sinceReport.start();
    bool writeFailed = false;
    while (progress.done < progress.total) {
        if (!stop && cancelled && cancelled()) {
            stop = true;
            s.cancelled = true;
        }
        for (const PhotoResult &r : queue.takeAll(100)) {
            ++progress.done;
            if (r.embeddings.empty()) {
                s.failureReasons << r.work->path + QStringLiteral(": ") + r.error;
                continue;
            }
            std::vector<std::pair<qint64, Embedding>> rows;
            for (size_t i = 0; i < r.embeddings.size(); ++i)
                rows.emplace_back(r.work->faceIds[i], r.embeddings[i]);
            if (writeFailed || !catalog.setEmbeddings(rows, options.encoder)) {
                writeFailed = stop = true;
                continue;
            }
            ++s.photos;
            s.faces += int(rows.size());
        }
        progress.faces = s.faces;
        progress.updateRate(clock.elapsed() / 1000.0);
        if (options.onProgress && sinceReport.elapsed() >= 100) {
            options.onProgress(progress);
            sinceReport.restart();
        }
        if (stop && pool.activeThreadCount() == 0 && queue.isEmpty())
            break;
    }
    pool.waitForDone();
    if (options.onProgress)
        options.onProgress(progress);
    s.failureReasons.sort();
    s.left = catalog.facesNotOf(options.encoder);
    s.seconds = clock.elapsed() / 1000.0;
    if (writeFailed) {
        s.error = QStringLiteral("cannot write to catalog %1: %2")
                      .arg(options.catalogPath, catalog.errorString());
        return s;
    }
    s.ok = true;
    return s;
}

QFuture<ReencodeSummary> Reencoder::start(ReencodeOptions options,
                                          std::shared_ptr<const FaceModels> models)
{
    return detail::startInBackground<ReencodeSummary>(
        std::move(options), std::move(models), &Reencoder::run, [](const ReencodeProgress &p) {
            return QStringLiteral("%1 of %2 photos, %3 faces re-encoded")
                .arg(p.done)
                .arg(p.total)
                .arg(p.faces);
        });
}

} // namespace facefolio
