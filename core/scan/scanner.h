#pragma once

#include "analysis/faceanalyzer.h"

#include <QFuture>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace facefolio {

class FaceModels;

/// A snapshot of a running scan.
struct ScanProgress
{
    int total = 0; ///< photos to analyse in this run
    int done = 0;  ///< of those, finished (analysed, failed, moved or copied)
    int faces = 0; ///< faces found so far in this run
    int failures = 0;
    double photosPerSecond = 0;
    double etaSeconds = -1; ///< -1 while unknown
    QString current;        ///< the photo most recently finished

    /// Sets the rate and the time left from `done` of `total` after
    /// `seconds` of work.
    void updateRate(double seconds)
    {
        photosPerSecond = seconds > 0 ? done / seconds : 0;
        etaSeconds = photosPerSecond > 0 ? (total - done) / photosPerSecond : -1;
    }
};

/// What a scan did.
struct ScanSummary
{
    bool ok = false; ///< false when the scan could not run at all
    QString error;   ///< why, when !ok
    bool cancelled = false;
    int seen = 0;       ///< image files found under the folders
    int unchanged = 0;  ///< skipped: same size and time as already catalogued
    int analysed = 0;   ///< decoded, detected and encoded in this run
    int moved = 0;      ///< known content at a new path: record moved, nothing encoded
    int duplicates = 0; ///< copies of catalogued content: faces copied, nothing encoded
    int vanished = 0;   ///< catalogued photos no longer found (marked missing)
    int failures = 0;
    int faces = 0; ///< faces found in this run
    double seconds = 0;
    QStringList failureReasons; ///< "path: reason", in path order
    /// Where the time went, in seconds summed over the workers: reading and
    /// hashing the files, then each stage of the analysis (AnalysisTimes).
    double readSeconds = 0;
    AnalysisTimes analysisTimes;
    /// Writing the results to the catalog, on the scan's own thread (it
    /// overlaps the workers' analysis).
    double writeSeconds = 0;
};

struct ScanOptions
{
    QStringList folders;
    QString catalogPath;
    int threads = 0; ///< 0: one per core
    AnalyzerOptions analyzer;
    /// Called on the scan's own thread, about ten times a second and once at the end.
    std::function<void(const ScanProgress &)> onProgress;
    /// Set to true (from any thread) to stop a scan early and still get its
    /// summary, with `cancelled` set, from Scanner::start's future. Cancelling
    /// the future stops the scan too, but Qt then drops the summary.
    std::shared_ptr<std::atomic<bool>> stop;
};

/// Scans folders into a catalog: finds image files, skips the unchanged ones,
/// recognises moved and duplicated files by content hash, and analyses the
/// rest on a pool of workers (one network each). Every photo's result is
/// committed as it arrives, so a cancelled or killed scan resumes where it
/// stopped. Unreadable or broken files are recorded with a reason.
class Scanner final
{
public:
    /// Starts a scan on a background thread. Stopping it (ScanOptions::stop or
    /// cancelling the future) stops handing out photos; the ones in flight
    /// are still written.
    static QFuture<ScanSummary> start(ScanOptions options,
                                      std::shared_ptr<const FaceModels> models);
    /// Runs a scan on the calling thread. `cancelled` is polled.
    static ScanSummary run(const ScanOptions &options, std::shared_ptr<const FaceModels> models,
                           const std::function<bool()> &cancelled = {});
    /// File name extensions (lower case, no dot) that a scan picks up.
    static const QStringList &imageExtensions();
};

} // namespace facefolio
