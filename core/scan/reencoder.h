#pragma once

#include "analysis/faceanalyzer.h"
#include "scan/scanner.h"

#include <QFuture>
#include <QStringList>
#include <atomic>
#include <functional>
#include <memory>

namespace facefolio {

class FaceModels;

/// A snapshot of a running re-encoding: photos done of those to re-encode,
/// and the faces re-encoded so far (failures and current stay unset).
using ReencodeProgress = ScanProgress;

/// What a re-encoding did.
struct ReencodeSummary
{
    bool ok = false; ///< false when it could not run at all
    QString error;
    bool cancelled = false;
    int photos = 0; ///< photos whose faces were re-encoded
    int faces = 0;
    int left = 0; ///< faces still of another model (photos missing, changed or unreadable)
    double seconds = 0;
    QStringList failureReasons; ///< "path: reason"
};

struct ReencodeOptions
{
    QString catalogPath;
    EncoderModel encoder = EncoderModel::ArcFace;
    int threads = 0; ///< 0: one per core
    /// Decoding settings; the same as the scan's, so that the stored
    /// landmarks land on the same pixels.
    AnalyzerOptions analyzer;
    /// Called on the run's own thread, about ten times a second and once at the end.
    std::function<void(const ReencodeProgress &)> onProgress;
    /// Set to true (from any thread) to stop early; what is done stays done.
    std::shared_ptr<std::atomic<bool>> stop;
};

/// Gives every face of a catalog an embedding of another model, from its
/// photo and its stored landmarks (no detection again): face ids, persons,
/// names, decisions and the undo history stay as they are. The catalog takes
/// the new model at once, so new scans and clustering use it; faces not yet
/// re-encoded keep their person and take no part in clustering meanwhile.
/// Each photo is committed as it finishes, so a stopped or killed run goes on
/// where it stopped.
class Reencoder final
{
public:
    static QFuture<ReencodeSummary> start(ReencodeOptions options,
                                          std::shared_ptr<const FaceModels> models);
    static ReencodeSummary run(const ReencodeOptions &options,
                               std::shared_ptr<const FaceModels> models,
                               const std::function<bool()> &cancelled = {});
};

} // namespace facefolio
