#include "backgroundwork.h"

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <QCoreApplication>
#include <QPointer>
#include <QtConcurrent>

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
        startScan();
    });
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
        setJob(Job::None);
        Q_EMIT peopleChanged();
        Q_EMIT clusterFinished(s, m_clusterRecorded);
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
    m_stop = std::make_shared<std::atomic<bool>>(false);
    if (m_models && missingModel().isEmpty()) {
        startScan();
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
    if (m_detector != FaceDetector::Hog && !m_models->hasSsd())
        return m_models->ssdError();
    if (m_encoder == EncoderModel::ArcFace && !m_models->hasArcFace())
        return m_models->arcFaceError();
    return {};
}

void BackgroundWork::startScan()
{
    setJob(Job::Scanning);
    m_firstGrouping.reset();
    ScanOptions o;
    o.analyzer.detector = m_detector;
    o.analyzer.encoder = m_encoder;
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
    setJob(Job::Clustering);
    Q_EMIT progress(0, 0, 0, tr("Re-clustering…"));
    m_stop = std::make_shared<std::atomic<bool>>(false);
    m_clusterRecorded = true;
    m_clusterWatcher.setFuture(QtConcurrent::run([path = m_catalogPath, options, stop = m_stop] {
        ClusterSummary s;
        Catalog catalog(path);
        if (!catalog.open()) {
            s.error = catalog.errorString();
            return s;
        }
        PeopleService people(catalog);
        const QString label = options.full ? tr("Re-cluster all faces") : tr("Cluster new faces");
        people.recordWhole(label, [&] {
            s = Clusterer::run(catalog, options, [stop] { return stop->load(); });
            return s.ok && !s.cancelled;
        });
        if (s.ok && !s.cancelled && !people.errorString().isEmpty())
            s.error = people.errorString();
        return s;
    }));
    return true;
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
    m_scanWatcher.waitForFinished();
    m_clusterWatcher.waitForFinished();
}

} // namespace facefolio
