#pragma once

#include "embedding.h"

#include <QByteArray>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QString>

#include <array>
#include <memory>
#include <vector>

namespace facefolio {

class FaceModels;

/// One face found in a photo. Coordinates are in the photo's full-size pixels
/// as a person sees it (EXIF orientation applied).
struct DetectedFace
{
    QRect box;
    std::array<QPointF, 68> landmarks{};
    Embedding embedding{};
    float score = 0;         ///< HOG detection confidence; 0 for whole-image faces
    bool wholeImage = false; ///< the image was taken as an already-cropped face
    QByteArray chipJpeg;     ///< the aligned 150×150 chip, JPEG-encoded
};

/// What analysing one photo gave: its size and faces, or why it failed.
struct PhotoAnalysis
{
    bool ok = false;
    QString error;
    QSize size; ///< display size in pixels
    int orientation = 1;
    std::vector<DetectedFace> faces;
};

struct AnalyzerOptions
{
    /// Long side of the copy the HOG detector scans. Photos larger than this
    /// are scaled down; small ones are scaled up (at most 2×) so that faces of
    /// about 40 px still reach the detector's 80 px window.
    int detectLongSide = 1600;
    /// JPEGs are decoded at a reduced scale whose long side stays at least
    /// this; landmarks and chips come from that decode.
    int decodeLongSide = 1600;
    /// Images up to this long side are scanned at 1× first, and at 2× only
    /// when that finds no face: such tiny images are nearly always one face.
    int tinyImageSide = 400;
    /// Take a small image that holds no detectable face as one face filling it.
    bool wholeImageFallback = true;
    /// Largest image (long side) considered for the whole-image fallback.
    int wholeImageMaxSide = 512;
    /// Images claiming more pixels than this are refused before decoding.
    qint64 maxPixels = 150'000'000;
    /// The naive reference: decode and detect at full resolution.
    bool naive = false;
};

/// Finds, aligns and encodes the faces of one photo at a time. Not
/// thread-safe: create one per worker thread; they share the FaceModels.
class FaceAnalyzer final
{
public:
    FaceAnalyzer(std::shared_ptr<const FaceModels> models, AnalyzerOptions options = {});
    ~FaceAnalyzer();
    FaceAnalyzer(const FaceAnalyzer &) = delete;
    FaceAnalyzer &operator=(const FaceAnalyzer &) = delete;

    /// Analyses an encoded image file's bytes; never throws.
    PhotoAnalysis analyze(const QByteArray &fileData);
    /// Reads and analyses a file; never throws.
    PhotoAnalysis analyzeFile(const QString &path);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Turns off OpenBLAS's own threading in this process, so that a pool of
/// analyzers does not oversubscribe the cores. Harmless without OpenBLAS.
void useSingleThreadedBlas();

} // namespace facefolio
