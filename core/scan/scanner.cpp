#include "scan/scanner.h"

#include "analysis/facemodels.h"
#include "catalog/catalog.h"
#include "scan/backgroundrun_p.h"
#include "scan/nameimport.h"
#include "scan/resultqueue_p.h"
#include "scan/scanlock.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSet>
#include <QThreadPool>
#include <atomic>
#include <deque>
#include <dirent.h>
#include <mutex>

namespace facefolio {

namespace {

struct WorkItem
{
    QString path;
    bool known = false; ///< the catalog already has a photo at this path
};

struct WorkResult
{
    enum Kind
    {
        Analysed,
        Failed,
        Moved,
        Duplicate,
        Touched
    } kind = Failed;
    PhotoRecord photo; ///< what is now on disk
    PhotoAnalysis analysis;
    double readSeconds = 0;     ///< reading and hashing the file
    PhotoRecord source;         ///< for Moved and Duplicate: the catalogued photo with this content
    QList<XmpFaceRegion> names; ///< faces other tools named in the file or its sidecar
};

using ResultQueue = detail::ResultQueue<WorkResult>;

// Content hashes of catalogued photos; a worker that finds one claims it, so
// that a missing photo is moved to at most one new path.
class KnownContent
{
public:
    explicit KnownContent(QHash<QByteArray, PhotoRecord> byHash)
        : m_byHash(std::move(byHash))
    {}
    std::optional<PhotoRecord> claim(const QByteArray &hash)
    {
        std::lock_guard lock(m_mutex);
        auto it = m_byHash.find(hash);
        if (it == m_byHash.end())
            return std::nullopt;
        PhotoRecord p = *it;
        if (p.missing)
            it->missing = false; // moved now: later copies are duplicates of it
        return p;
    }

private:
    std::mutex m_mutex;
    QHash<QByteArray, PhotoRecord> m_byHash;
};

WorkResult process(const WorkItem &item, FaceAnalyzer &analyzer, KnownContent &known, int detector)
{
    WorkResult r;
    QElapsedTimer reading;
    reading.start();
    r.photo.path = item.path;
    QFile f(item.path);
    if (!f.open(QIODevice::ReadOnly)) {
        r.photo.error = QStringLiteral("cannot open: %1").arg(f.errorString());
        return r;
    }
    const QByteArray bytes = f.readAll();
    const QFileInfo info(item.path);
    r.photo.size = bytes.size();
    r.photo.mtimeMs = info.lastModified().toMSecsSinceEpoch();
    if (bytes.isEmpty()) {
        r.photo.error = f.error() != QFileDevice::NoError
                            ? QStringLiteral("cannot read: %1").arg(f.errorString())
                            : QStringLiteral("empty file");
        return r;
    }
    r.photo.hash = QCryptographicHash::hash(bytes, QCryptographicHash::Blake2b_160).toHex();
    r.photo.detector = detector;
    r.readSeconds = double(reading.nsecsElapsed()) / 1e9;
    // Known content found with the same detector needs no analysis; found
    // with another one it is analysed again, and the catalog keeps the rows
    // (and the user's decisions) of the faces found again.
    std::optional<PhotoRecord> same = known.claim(r.photo.hash);
    if (same && (same->detector == detector || same->path != item.path)) {
        // Same content at the same path: only the file's time changed.
        r.kind = same->path == item.path        ? WorkResult::Touched
                 : same->missing && !item.known ? WorkResult::Moved
                                                : WorkResult::Duplicate;
        r.source = *same;
        r.photo.width = same->width;
        r.photo.height = same->height;
        r.photo.orientation = same->orientation;
        r.photo.takenMs = same->takenMs;
        r.photo.detector = same->detector;
        return r;
    }
    r.analysis = analyzer.analyze(bytes);
    if (!r.analysis.ok) {
        r.photo.error = r.analysis.error;
        return r;
    }
    r.kind = WorkResult::Analysed;
    r.photo.width = r.analysis.size.width();
    r.photo.height = r.analysis.size.height();
    r.photo.orientation = r.analysis.orientation;
    r.photo.takenMs = r.analysis.takenMs;
    r.names = NameImport::regionsFor(item.path, bytes, r.photo.orientation, r.analysis.size);
    // A face another tool marked and named, that no detector found here, is
    // analysed from its box and kept as a manual face (issue 18): dropping
    // it would lose that tool's naming work.
    QList<QRect> boxes;
    for (const DetectedFace &f : r.analysis.faces)
        boxes.append(f.box);
    for (const QRectF &area : NameImport::unmatched(r.names, boxes, r.analysis.size))
        if (auto face = analyzer.analyzeBox(bytes, area.toAlignedRect())) {
            face->manual = true;
            r.analysis.faces.push_back(std::move(*face));
        }
    return r;
}

// Qt leaves out names that are not valid UTF-8 (old FAT disks, other
// locales), so such a photo or folder would vanish without a word. readdir
// finds them; they are reported as "path: reason" (a QString path cannot
// open them), with the name's bytes in hex.
QStringList undecodableNames(const QString &folder)
{
    QStringList found;
    DIR *dir = ::opendir(QFile::encodeName(folder).constData());
    if (!dir)
        return found;
    while (const dirent *e = ::readdir(dir)) {
        const QByteArray raw(e->d_name);
        if (raw.startsWith('.'))
            continue;
        const QString name = QFile::decodeName(raw);
        if (QFile::encodeName(name) == raw)
            continue;
        if (e->d_type == DT_DIR ||
            Scanner::imageExtensions().contains(QFileInfo(name).suffix().toLower()))
            found << folder + u'/' + name +
                         QStringLiteral(": the name is not valid UTF-8 (bytes %1); rename it to "
                                        "scan it")
                             .arg(QString::fromLatin1(raw.toHex(' ')));
    }
    ::closedir(dir);
    return found;
}

bool write(Catalog &catalog, const WorkResult &r)
{
    PhotoRecord photo = r.photo;
    switch (r.kind) {
    case WorkResult::Moved:
    case WorkResult::Touched:
        return catalog.movePhoto(r.source.id, photo);
    case WorkResult::Duplicate: {
        photo.state = PhotoState::Done;
        const qint64 id = catalog.putPhoto(photo);
        return id > 0 && (id == r.source.id || catalog.copyFaces(r.source.id, id));
    }
    case WorkResult::Analysed: {
        photo.state = PhotoState::Done;
        const qint64 id = catalog.putPhoto(photo);
        return id > 0 && catalog.replaceFaces(id, r.analysis.faces) &&
               NameImport::apply(catalog, id, r.names, r.analysis.size) >= 0;
    }
    case WorkResult::Failed:
        // Faces from an earlier good version of the file are kept: they may
        // carry the user's naming.
        photo.state = PhotoState::Failed;
        return catalog.putPhoto(photo) > 0;
    }
    return false;
}

QString checkFolder(const QString &folder, QString &canonical)
{
    const QFileInfo fi(folder);
    if (!fi.exists())
        return QStringLiteral("folder %1 does not exist").arg(folder);
    if (!fi.isDir())
        return QStringLiteral("%1 is not a folder").arg(folder);
    if (!fi.isReadable() || !fi.isExecutable())
        return QStringLiteral("folder %1 cannot be read (permission denied)").arg(folder);
    canonical = fi.canonicalFilePath();
    return {};
}

} // namespace

const QStringList &Scanner::imageExtensions()
{
    static const QStringList exts = {
        QStringLiteral("jpg"),  QStringLiteral("jpeg"), QStringLiteral("jpe"),
        QStringLiteral("png"),  QStringLiteral("webp"), QStringLiteral("tif"),
        QStringLiteral("tiff"), QStringLiteral("bmp"),  QStringLiteral("gif"),
        QStringLiteral("heic"), QStringLiteral("heif"), QStringLiteral("hif")};
    return exts;
}

ScanSummary Scanner::run(const ScanOptions &options, std::shared_ptr<const FaceModels> models,
                         const std::function<bool()> &cancelled)
{
    QElapsedTimer clock;
    clock.start();
    ScanSummary s;
    // Without this every photo would fail on its own with the same reason.
    if (options.analyzer.detector != FaceDetector::Hog && !models->hasSsd()) {
        s.error = models->ssdError();
        return s;
    }
    QStringList roots;
    for (const QString &folder : options.folders) {
        QString canonical;
        s.error = checkFolder(folder, canonical);
        if (!s.error.isEmpty())
            return s;
        roots << canonical;
    }
    // Two scans of one catalog would both analyse every new photo.
    ScanLock lock(options.catalogPath);
    if (!lock.tryLock(QStringLiteral("scan"))) {
        s.error = lock.errorString();
        return s;
    }
    Catalog catalog(options.catalogPath);
    if (!catalog.open()) {
        s.error = catalog.errorString();
        return s;
    }
    // One model per catalog: faces of two models could never be compared.
    const EncoderModel model = options.analyzer.encoder;
    if (const auto current = catalog.encoder(); current && *current != model) {
        s.error = QStringLiteral("the faces of catalog %1 are encoded with %2, not %3; run "
                                 "`facefolio-cli reencode --encoder %3` first, or scan with "
                                 "--encoder %2")
                      .arg(options.catalogPath, encoderName(*current), encoderName(model));
        return s;
    } else if (!current && !catalog.setEncoder(model)) {
        s.error = catalog.errorString();
        return s;
    }

    // Hidden files and folders (caches, trash) are left out; symlinked
    // folders are not followed, so a link loop cannot trap the scan.
    QSet<QString> onDisk;
    QStringList paths;
    QStringList folders = roots;
    for (const QString &root : roots) {
        QDirIterator it(root, QDir::Files | QDir::Dirs | QDir::NoDotAndDotDot,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            if (it.fileInfo().isDir()) {
                if (!it.fileInfo().isSymLink())
                    folders << path;
                continue;
            }
            if (!imageExtensions().contains(it.fileInfo().suffix().toLower()) ||
                onDisk.contains(path))
                continue;
            onDisk.insert(path);
            paths << path;
        }
    }
    paths.sort();
    for (const QString &folder : std::as_const(folders))
        for (const QString &reason : undecodableNames(folder)) {
            ++s.failures;
            s.failureReasons << reason;
        }
    s.seen = int(paths.size());

    const QHash<QString, PhotoRecord> known = catalog.photosUnder(roots);
    std::vector<WorkItem> work;
    QList<qint64> reappeared, vanished;
    for (const QString &path : std::as_const(paths)) {
        const auto it = known.constFind(path);
        if (it != known.constEnd()) {
            const QFileInfo fi(path);
            // Unchanged, unless its faces were found with another detector
            // (failed photos are not tried again for that).
            if (fi.size() == it->size && fi.lastModified().toMSecsSinceEpoch() == it->mtimeMs &&
                (it->detector == int(options.analyzer.detector) ||
                 it->state == PhotoState::Failed)) {
                ++s.unchanged;
                if (it->missing)
                    reappeared << it->id;
                continue;
            }
        }
        work.push_back({path, it != known.constEnd()});
    }
    for (const PhotoRecord &p : known)
        if (!p.missing && !onDisk.contains(p.path))
            vanished << p.id;
    s.vanished = int(vanished.size());
    if (!catalog.transaction() || !catalog.setMissing(reappeared, false) ||
        !catalog.setMissing(vanished, true) || !catalog.commit()) {
        s.error = catalog.errorString();
        return s;
    }

    KnownContent content(catalog.donePhotosByHash());
    ResultQueue queue;
    std::atomic<size_t> next{0};
    std::atomic<bool> stop{false};
    const int threads =
        std::max(1, options.threads > 0 ? options.threads : QThread::idealThreadCount());
    useSingleThreadedBlas();
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    for (int t = 0; t < std::min<int>(threads, int(work.size())); ++t) {
        pool.start([&] {
            FaceAnalyzer analyzer(models, options.analyzer);
            for (size_t i = next++; i < work.size() && !stop; i = next++)
                queue.push(process(work[i], analyzer, content, int(options.analyzer.detector)));
        });
    }

    ScanProgress progress;
    progress.total = int(work.size());
    QElapsedTimer sinceReport, workClock;
    sinceReport.start();
    workClock.start();
    bool writeFailed = false;
    while (progress.done < progress.total) {
        if (!stop && cancelled && cancelled()) {
            stop = true;
            s.cancelled = true;
        }
        std::deque<WorkResult> batch = queue.takeAll(100);
        if (!batch.empty()) {
            QElapsedTimer writing;
            writing.start();
            if (!catalog.transaction()) {
                writeFailed = true;
                stop = true;
            }
            for (const WorkResult &r : batch) {
                if (!writeFailed && !write(catalog, r)) {
                    writeFailed = true;
                    stop = true;
                }
                ++progress.done;
                progress.current = r.photo.path;
                s.readSeconds += r.readSeconds;
                s.analysisTimes += r.analysis.times;
                switch (r.kind) {
                case WorkResult::Analysed:
                    ++s.analysed;
                    s.faces += int(r.analysis.faces.size());
                    break;
                case WorkResult::Moved:
                    ++s.moved;
                    if (vanished.contains(r.source.id))
                        --s.vanished; // not gone after all: it moved
                    break;
                case WorkResult::Touched:
                    break; // looked at again, recognised by content, nothing encoded
                case WorkResult::Duplicate:
                    ++s.duplicates;
                    break;
                case WorkResult::Failed:
                    ++s.failures;
                    s.failureReasons << r.photo.path + QStringLiteral(": ") + r.photo.error;
                    break;
                }
            }
            if (writeFailed)
                catalog.rollback();
            else if (!catalog.commit())
                writeFailed = stop = true;
            s.writeSeconds += double(writing.nsecsElapsed()) / 1e9;
        }
        progress.faces = s.faces;
        progress.failures = s.failures;
        progress.updateRate(workClock.elapsed() / 1000.0);
        if (options.onProgress && sinceReport.elapsed() >= 100) {
            options.onProgress(progress);
            sinceReport.restart();
        }
        // Once stopped, the workers drain; count what they will never deliver.
        if (stop && pool.activeThreadCount() == 0 && queue.isEmpty())
            break;
    }
    pool.waitForDone();
    if (options.onProgress)
        options.onProgress(progress);
    s.failureReasons.sort();
    s.seconds = clock.elapsed() / 1000.0;
    if (writeFailed) {
        s.error = QStringLiteral("cannot write to catalog %1: %2")
                      .arg(options.catalogPath, catalog.errorString());
        return s;
    }
    s.ok = true;
    return s;
}

QFuture<ScanSummary> Scanner::start(ScanOptions options, std::shared_ptr<const FaceModels> models)
{
    return detail::startInBackground<ScanSummary>(
        std::move(options), std::move(models), &Scanner::run, [](const ScanProgress &p) {
            return QStringLiteral("%1 of %2 photos, %3 faces")
                .arg(p.done)
                .arg(p.total)
                .arg(p.faces);
        });
}

} // namespace facefolio
