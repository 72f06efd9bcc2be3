#pragma once

#include "catalog/detectedface.h"

#include <QByteArray>
#include <QPointF>
#include <QRect>
#include <QSize>
#include <QString>
#include <array>
#include <memory>
#include <optional>
#include <vector>

namespace facefolio {

class FaceModels;

/// Where the time of analysing photos went, in seconds on the analysing
/// thread: what bench_ingest breaks a scan's time down into.
struct AnalysisTimes
{
    double decode = 0;    ///< decoding the file, and the grey copy HOG scans
    double hog = 0;       ///< dlib's HOG detector, every pass of it
    double ssd = 0;       ///< the SSD network, every pass of it
    double landmarks = 0; ///< the 68 landmarks, the aligned chips and their JPEGs
    double encode = 0;    ///< the recognition network

    AnalysisTimes &operator+=(const AnalysisTimes &o)
    {
        decode += o.decode;
        hog += o.hog;
        ssd += o.ssd;
        landmarks += o.landmarks;
        encode += o.encode;
        return *this;
    }
};

/// What analysing one photo gave: its size and faces, or why it failed.
struct PhotoAnalysis
{
    bool ok = false;
    QString error;
    QSize size; ///< display size in pixels
    int orientation = 1;
    qint64 takenMs = 0; ///< when the camera says it was taken (EXIF), 0 when it does not say
    std::vector<DetectedFace> faces;
    AnalysisTimes times;
};

/// Which face detector finds the faces.
enum class FaceDetector
{
    Hog,  ///< dlib's HOG frontal detector: no model file, frontal faces of 40 px and up
    Ssd,  ///< the SSD MobileNet v1 CNN: turned and tilted faces too, larger faces only
    Both, ///< both, each SSD face that overlaps no HOG face added to HOG's
};

/// "hog", "ssd" or "both".
QString faceDetectorName(FaceDetector detector);
/// Parses faceDetectorName()'s words; false for anything else.
bool parseFaceDetector(const QString &name, FaceDetector *detector);

struct AnalyzerOptions
{
    /// The detector; ssd and both need the SSD weights (FaceModels::hasSsd()).
    FaceDetector detector = FaceDetector::Both;
    /// The network that turns each face into its embedding; ArcFace needs
    /// fr_feature.onnx (FaceModels::hasArcFace()). With ArcFace the dlib
    /// network is not run; the dlib 150×150 chip is still cut for the
    /// thumbnail (DetectedFace::chipJpeg).
    EncoderModel encoder = EncoderModel::ArcFace;
    /// Detected faces whose box is narrower or lower than this (in photo
    /// pixels) are not kept. Whole-image faces are exempt: they are the crop.
    int minFaceSize = 40;
    /// HOG detections below this margin (0 and up; lower values count as 0)
    /// are not kept. Small crop-like images use their own, weaker threshold
    /// for the whole-image fallback.
    double hogMinScore = 0.0;
    /// SSD detections whose face probability is not above this are not kept.
    float ssdMinScore = 0.5f;
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
    /// Throws ModelError (FaceModels::arcFaceError(), which names the set-up
    /// command) when the options ask for the ArcFace encoder and it is not loaded.
    FaceAnalyzer(std::shared_ptr<const FaceModels> models, AnalyzerOptions options = {});
    ~FaceAnalyzer();
    FaceAnalyzer(const FaceAnalyzer &) = delete;
    FaceAnalyzer &operator=(const FaceAnalyzer &) = delete;

    /// Analyses an encoded image file's bytes; never throws.
    PhotoAnalysis analyze(const QByteArray &fileData);
    /// Reads and analyses a file; never throws.
    PhotoAnalysis analyzeFile(const QString &path);
    /// Encodes again, with this analyzer's encoder, faces found before:
    /// `landmarks` are DetectedFace::landmarks (full-size display pixels) of
    /// faces in the photo whose file bytes are `fileData`. The file is decoded
    /// as analyze() decodes it, so an ArcFace embedding comes out as analyze()
    /// made it; a dlib one too, except for faces analyze() found in a small
    /// crop only after padding it. One embedding per entry of `landmarks`, or
    /// nullopt with `error` (when given) set to why. Never throws.
    std::optional<std::vector<Embedding>>
    encodeFaces(const QByteArray &fileData, const std::vector<std::array<QPointF, 68>> &landmarks,
                QString *error = nullptr);
    /// Analyses a face the user drew: `box` in the photo's display pixels
    /// (EXIF orientation applied). The 68 landmarks are found inside the box
    /// as for a detected face, then the chip and the embedding follow from
    /// them. nullopt with `error` (when given) set when the photo cannot be
    /// decoded or the box lies outside it. Never throws.
    std::optional<DetectedFace> analyzeBox(const QByteArray &fileData, const QRect &box,
                                           QString *error = nullptr);
    /// The encoder this analyzer runs (AnalyzerOptions::encoder).
    EncoderModel encoder() const;

private:
    struct Private;
    std::unique_ptr<Private> d;
};

/// Turns off OpenBLAS's and OpenCV's own threading in this process, so that a
/// pool of analyzers does not oversubscribe the cores. Harmless without OpenBLAS.
void useSingleThreadedBlas();

} // namespace facefolio
