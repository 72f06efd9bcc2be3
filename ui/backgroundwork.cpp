#include "backgroundwork.h"

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <QtConcurrent>
#include <utility>

namespace facefolio {

BackgroundWork::BackgroundWork(QString catalogPath, QObject *parent)
    : QObject(parent)
    , m_catalogPath(std::move(catalogPath))
{
    m_liveTimer.setInterval(3000);
    connect(&m_liveTimer, &QTimer::timeout, this, &BackgroundWork::liveCluster);
    connect(&m_modelWatcher, &QFutureWatcherBase::finished, this, [this] {
        m_models = m_modelWatcher.result();
        // The default detector needs the SSD weights too, the default
        // encoder the ArcFace model.
        if (m_models)
            if (const QString missing = missingModel(); !missing.isEmpty()) {
                m_modelError = missing;
                m_models.reset();
            }
        if (!m_models) {
            setJob(Job::None);
            Q_EMIT modelsMissing(m_modelError);
            return;
        }
        if (m_stop->load()) {
            setJob(Job::None);
            return;
        }
        startWork();
    });
    connect(&m_reencodeWatcher, &QFutureWatcherBase::finished, this, &BackgroundWork::reencodeDone);
    connect(&m_scanWatcher, &QFutureWatcherBase::finished, this, &BackgroundWork::scanDone);
    connect(&m_clusterWatcher, &QFutureWatcherBase::finished, this, [this] {
        const ClusterSummary s =
            m_clusterWatcher.isCanceled() ? ClusterSummary{} : m_clusterWatcher.result();
        if (m_clusterIsLive) {
            // A clustering during a scan: the scan goes on.
            m_clusterIsLive = false;
            if (s.ok) {
                if (!m_firstGrouping)
                    m_firstGrouping = s.full;
                Q_EMIT peopleChanged();
            }
            if (m_job == Job::Clustering) // the scan ended meanwhile
                finalCluster();
            return;
        }
        const bool thenScan = std::exchange(m_scanAfterCluster, false) && s.ok && !s.cancelled &&
                              !(m_stop && m_stop->load());
        if (!thenScan)
            setJob(Job::None);
        Q_EMIT peopleChanged();
        Q_EMIT clusterFinished(s, m_clusterRecorded);
        if (thenScan)
            startScan();
    });
}

BackgroundWork::~BackgroundWork()
{
    stopAndWait();
}

void BackgroundWork::setJob(Job job)
{
    if (m_job == job)
        return;
    m_job = job;
    Q_EMIT jobChanged(job);
}

bool BackgroundWork::scan(const QStringList &folders)
{
    if (busy())
        return false;
    m_folders = folders;
    m_analyzer = AnalyzerOptions();
    m_analyzer.detector = m_detector;
    m_analyzer.encoder = m_encoder;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    if (m_models && missingModel().isEmpty()) {
        startWork();
        return true;
    }
    setJob(Job::LoadingModels);
    Q_EMIT progress(0, 0, 0, tr("Loading the face models…"));
    m_modelWatcher.setFuture(QtConcurrent::run([this]() -> std::shared_ptr<const FaceModels> {
        try {
            return FaceModels::load();
        } catch (const ModelError &e) {
            m_modelError = QString::fromStdString(e.what());
        } catch (const std::exception &e) {
            m_modelError = QString::fromStdString(e.what());
        }
        return nullptr;
    }));
    return true;
}

QString BackgroundWork::missingModel() const
{
    if (m_analyzer.detector != FaceDetector::Hog && !m_models->hasSsd())
        return m_models->ssdError();
    if (m_analyzer.encoder == EncoderModel::ArcFace && !m_models->hasArcFace())
        return m_models->arcFaceError();
    return {};
}

QString BackgroundWork::modelTitle(EncoderModel model)
{
    return model == EncoderModel::ArcFace ? QStringLiteral("ArcFace")
                                          : QStringLiteral("dlib ResNet");
}

void BackgroundWork::startWork()
{
    // A scan never mixes two models in one catalog (the scanner refuses to),
    // so faces of another model, also those a stopped re-encoding left, are
    // re-encoded first. Both questions are look-ups in the catalog's meta
    // table and its small index of models, quick enough for this thread.
    // A catalog that cannot be opened goes to the scan, which says why.
    Catalog catalog(m_catalogPath);
    if (catalog.open()) {
        const std::optional<EncoderModel> model = catalog.encoder();
        if ((model && *model != m_analyzer.encoder) || catalog.facesNotOf(m_analyzer.encoder) > 0) {
            startReencode();
            return;
        }
    }
    startScan();
}

void BackgroundWork::startReencode()
{
    setJob(Job::Reencoding);
    ReencodeOptions o;
    o.catalogPath = m_catalogPath;
    o.encoder = m_analyzer.encoder;
    // Decoded as the scans decode, so the stored landmarks land on the same pixels.
    o.analyzer = m_analyzer;
    o.stop = m_stop;
    const QString model = modelTitle(o.encoder);
    QPointer<BackgroundWork> self(this);
    o.onProgress = [self, model](const ReencodeProgress &p) {
        // On the re-encoding's thread: hand the figures to the UI thread.
        QMetaObject::invokeMethod(
            self.data(),
            [self, p, model] {
                if (!self)
                    return;
                const QString text = p.total == 0
                                         ? tr("Re-encoding faces with %1…").arg(model)
                                         : tr("Re-encoding faces with %1: %L2 of %L3 photos")
                                               .arg(model)
                                               .arg(p.done)
                                               .arg(p.total);
                Q_EMIT self->progress(p.done, p.total, p.photosPerSecond, text);
            },
            Qt::QueuedConnection);
    };
    Q_EMIT progress(0, 0, 0, tr("Re-encoding faces with %1…").arg(model));
    m_reencodeWatcher.setFuture(Reencoder::start(o, m_models));
}

void BackgroundWork::reencodeDone()
{
    ReencodeSummary s;
    if (m_reencodeWatcher.isCanceled())
        s.cancelled = true;
    else
        s = m_reencodeWatcher.result();
    if (!s.ok || s.cancelled) {
        // What was re-encoded stays; the next scan re-encodes the rest.
        setJob(Job::None);
        Q_EMIT reencodeFinished(s);
        return;
    }
    if (s.faces == 0) {
        Q_EMIT reencodeFinished(s);
        if (m_stop->load())
            setJob(Job::None);
        else
            startScan();
        return;
    }
    // The persons were grouped by the old model's distances: group every
    // face again by the new model's, as one step the user can undo. The
    // user's decisions are constraints of the clusterer, so they stay.
    // This runs even when Cancel came just now, so that the window always
    // hears how the regrouping ended (a stopped one changes nothing).
    Q_EMIT reencodeFinished(s);
    ClusterOptions o;
    o.method = m_clusterOptions.method;
    o.minSamples = m_clusterOptions.minSamples;
    o.samePhotoRule = m_clusterOptions.samePhotoRule;
    o.full = true;
    const QString model = modelTitle(m_analyzer.encoder);
    startRecordedCluster(o, tr("Regroup with %1").arg(model),
                         tr("Regrouping every face with %1…").arg(model), true);
}

void BackgroundWork::startScan()
{
    setJob(Job::Scanning);
    m_firstGrouping.reset();
    ScanOptions o;
    o.analyzer = m_analyzer;
    o.folders = m_folders;
    o.catalogPath = m_catalogPath;
    o.stop = m_stop;
    QPointer<BackgroundWork> self(this);
    o.onProgress = [self](const ScanProgress &p) {
        // On the scan's thread: hand the figures to the UI thread.
        QMetaObject::invokeMethod(
            self.data(),
            [self, p] {
                if (!self)
                    return;
                QString text = p.total == 0 ? tr("Looking for photos…")
                                            : tr("Scanning: %1 of %2 photos, %3 faces")
                                                  .arg(p.done)
                                                  .arg(p.total)
                                                  .arg(p.faces);
                if (p.failures > 0)
                    text += tr(", %1 unreadable").arg(p.failures);
                Q_EMIT self->progress(p.done, p.total, p.photosPerSecond, text);
            },
            Qt::QueuedConnection);
    };
    Q_EMIT progress(0, 0, 0, tr("Looking for photos…"));
    m_scanWatcher.setFuture(Scanner::start(o, m_models));
    m_liveTimer.start();
}

void BackgroundWork::liveCluster()
{
    if (m_job != Job::Scanning || m_clusterWatcher.isRunning())
        return;
    m_clusterIsLive = true;
    ClusterOptions o; // incremental: only faces no clustering has placed
    m_clusterWatcher.setFuture(Clusterer::start(m_catalogPath, o));
}

void BackgroundWork::scanDone()
{
    m_liveTimer.stop();
    m_lastScan = m_scanWatcher.isCanceled() ? ScanSummary{} : m_scanWatcher.result();
    Q_EMIT scanFinished(m_lastScan);
    setJob(Job::Clustering);
    Q_EMIT progress(0, 0, 0, tr("Grouping the new faces into people…"));
    if (m_clusterWatcher.isRunning())
        return; // the live clustering's end starts the final one
    finalCluster();
}

void BackgroundWork::finalCluster()
{
    m_clusterRecorded = false;
    ClusterOptions o;
    // Live clusterings place faces as they arrive; when they grouped a library
    // that had no people, the last one groups every face together, as the
    // first clustering of a library does (it joins what arrived in different
    // batches, such as one person's photos from different decades). The
    // user's edits meanwhile are kept, as in any full run.
    o.full = m_firstGrouping.value_or(false);
    m_clusterWatcher.setFuture(Clusterer::start(m_catalogPath, o));
}

bool BackgroundWork::recluster(const ClusterOptions &options)
{
    if (busy())
        return false;
    m_stop = std::make_shared<std::atomic<bool>>(false);
    startRecordedCluster(options,
                         options.full ? tr("Re-cluster all faces") : tr("Cluster new faces"),
                         tr("Re-clustering…"), false);
    return true;
}

void BackgroundWork::startRecordedCluster(const ClusterOptions &options, const QString &label,
                                          const QString &text, bool thenScan)
{
    setJob(Job::Clustering);
    Q_EMIT progress(0, 0, 0, text);
    m_clusterRecorded = true;
    m_scanAfterCluster = thenScan;
    m_clusterWatcher.setFuture(
        QtConcurrent::run([path = m_catalogPath, options, label, stop = m_stop] {
            ClusterSummary s;
            Catalog catalog(path);
            if (!catalog.open()) {
                s.error = catalog.errorString();
                return s;
            }
            PeopleService people(catalog);
            people.recordWhole(label, [&] {
                s = Clusterer::run(catalog, options, [stop] { return stop->load(); });
                return s.ok && !s.cancelled;
            });
            if (s.ok && !s.cancelled && !people.errorString().isEmpty())
                s.error = people.errorString();
            return s;
        }));
}

void BackgroundWork::cancel()
{
    if (m_stop)
        m_stop->store(true);
    if (m_clusterWatcher.isRunning())
        m_clusterWatcher.cancel();
}

void BackgroundWork::stopAndWait()
{
    m_liveTimer.stop();
    cancel();
    m_modelWatcher.waitForFinished();
    m_reencodeWatcher.waitForFinished();
    m_scanWatcher.waitForFinished();
    m_clusterWatcher.waitForFinished();
}

} // namespace facefolio
