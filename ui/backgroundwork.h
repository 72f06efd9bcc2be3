#pragma once

#include "people/clusterer.h"
#include "scan/reencoder.h"
#include "scan/scanner.h"

#include <QFutureWatcher>
#include <QObject>
#include <QTimer>
#include <atomic>
#include <memory>
#include <optional>

namespace facefolio {

class FaceModels;

/// The long jobs of the app, off the UI thread: loading the models, scanning
/// folders (with people appearing while the scan runs: new faces are
/// clustered incrementally every few seconds, and when the library had no
/// people before the scan, all faces are grouped once more at its end) and
/// re-clustering on request
/// (recorded as one undoable step). A scan of a catalog whose faces are of
/// another model than the chosen encoder first re-encodes them and regroups
/// every face with the new model (one undoable step), then scans. One job at
/// a time; cancel() stops it and keeps what was done (a stopped re-encoding
/// goes on at the next scan).
class BackgroundWork final : public QObject
{
    Q_OBJECT

public:
    enum class Job
    {
        None,
        LoadingModels,
        Reencoding,
        Scanning,
        Clustering
    };
    Q_ENUM(Job)

    explicit BackgroundWork(QString catalogPath, QObject *parent = nullptr);
    ~BackgroundWork() override;

    Job job() const { return m_job; }
    bool busy() const { return m_job != Job::None; }
    /// How often new faces are clustered while a scan runs.
    void setLiveClusterInterval(int ms) { m_liveTimer.setInterval(ms); }
    /// The detector the next scans use; photos found with another one are
    /// detected again (the user's decisions on faces found again are kept).
    void setDetector(FaceDetector detector) { m_detector = detector; }
    FaceDetector detector() const { return m_detector; }
    /// The encoder the next scans use (AnalyzerOptions::encoder). A scan
    /// re-encodes the catalog's faces of another model first.
    void setEncoder(EncoderModel encoder) { m_encoder = encoder; }
    EncoderModel encoder() const { return m_encoder; }
    /// The user's clustering settings, for the regrouping after a
    /// re-encoding: it takes their method and DBSCAN density; its distances
    /// are the new model's defaults, since the old model's mean nothing in it.
    void setClusterOptions(const ClusterOptions &options) { m_clusterOptions = options; }
    /// The model's name as the window shows it ("ArcFace", "dlib ResNet").
    static QString modelTitle(EncoderModel model);

public Q_SLOTS:
    /// Scans the folders, then clusters the new faces. False when busy.
    bool scan(const QStringList &folders);
    /// Re-clusters with these options as one undoable step. False when busy.
    bool recluster(const ClusterOptions &options);
    void cancel();
    /// Stops whatever runs and waits for it (before the window closes).
    void stopAndWait();

Q_SIGNALS:
    void jobChanged(facefolio::BackgroundWork::Job job);
    /// done of total (total 0: not known yet), photos per second, a line for the status bar.
    void progress(int done, int total, double rate, const QString &text);
    /// The catalog's people changed (faces arrived or a clustering ran).
    void peopleChanged();
    void scanFinished(const facefolio::ScanSummary &summary);
    /// `recorded`: a user re-cluster, recorded in the undo history.
    void clusterFinished(const facefolio::ClusterSummary &summary, bool recorded);
    /// The models could not be loaded; the message says how to get them.
    void modelsMissing(const QString &message);
    /// A re-encoding before a scan ended. When it re-encoded faces and was
    /// not stopped, a recorded clusterFinished() (the regrouping) follows,
    /// then the scan.
    void reencodeFinished(const facefolio::ReencodeSummary &summary);

private:
    void setJob(Job job);
    /// Why the loaded models cannot run the chosen detector and encoder;
    /// empty when they can.
    QString missingModel() const;
    /// With the models loaded: re-encodes first when the catalog needs it, else scans.
    void startWork();
    void startReencode();
    void reencodeDone();
    void startScan();
    void scanDone();
    void liveCluster();
    void finalCluster();
    /// A clustering recorded in the undo history as one step named `label`;
    /// with `thenScan`, the scan of this run follows when it succeeds.
    void startRecordedCluster(const ClusterOptions &options, const QString &label,
                              const QString &text, bool thenScan);

    QString m_catalogPath;
    Job m_job = Job::None;
    QStringList m_folders;
    std::shared_ptr<const FaceModels> m_models;
    std::shared_ptr<std::atomic<bool>> m_stop;
    QFutureWatcher<std::shared_ptr<const FaceModels>> m_modelWatcher;
    QString m_modelError;
    QFutureWatcher<ReencodeSummary> m_reencodeWatcher;
    QFutureWatcher<ScanSummary> m_scanWatcher;
    QFutureWatcher<ClusterSummary> m_clusterWatcher;
    bool m_clusterRecorded = false;
    bool m_clusterIsLive = false;
    bool m_scanAfterCluster = false;
    /// Whether this scan's first live clustering placed every face (the
    /// library had no people, so the final clustering regroups all faces at
    /// once); empty until a live clustering of this scan has finished.
    std::optional<bool> m_firstGrouping;
    ScanSummary m_lastScan;
    QTimer m_liveTimer;
    FaceDetector m_detector = AnalyzerOptions().detector;
    EncoderModel m_encoder = AnalyzerOptions().encoder;
    /// The detector and encoder of the running scan, taken when it was asked
    /// for: its re-encoding and its scan use the same model even when the
    /// user picks another meanwhile (that one applies to the next scan).
    AnalyzerOptions m_analyzer;
    ClusterOptions m_clusterOptions;
};

} // namespace facefolio

Q_DECLARE_METATYPE(facefolio::ReencodeSummary)
Q_DECLARE_METATYPE(facefolio::ScanSummary)
Q_DECLARE_METATYPE(facefolio::ClusterSummary)
