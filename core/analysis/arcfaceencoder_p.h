#pragma once

// Private to core: speaks OpenCV types. Never include from ui/ or app/.

#include "catalog/embedding.h"

#include <QByteArray>
#include <array>
#include <memory>
#include <opencv2/core.hpp>
#include <vector>

namespace facefolio::detail {

/// The side of the ArcFace network's square input.
inline constexpr int kArcFaceSize = 112;

/// Where the ArcFace template puts the left eye centre, right eye centre,
/// nose tip, left and right mouth corners in the 112×112 input (the points
/// the network was trained with; "left" is the left of the picture).
inline constexpr std::array<std::array<float, 2>, 5> kArcFaceTemplate{{{38.2946f, 51.6963f},
                                                                       {73.5318f, 51.5014f},
                                                                       {56.0252f, 71.7366f},
                                                                       {41.5493f, 92.3655f},
                                                                       {70.7299f, 92.2041f}}};

/// The five alignment points taken from dlib's 68 landmarks: the means of
/// points 36–41 and 42–47 (the eyes), point 30 (the nose tip), points 48 and
/// 54 (the mouth corners), in kArcFaceTemplate's order.
std::array<cv::Point2f, 5> arcFacePoints(const std::array<cv::Point2f, 68> &landmarks);

/// The similarity (rotation, uniform scale, translation; no reflection) that
/// maps `points` onto kArcFaceTemplate with the least squared error over all
/// five: a 2×3 CV_64F matrix, empty when the points are degenerate.
cv::Mat arcFaceTransform(const std::array<cv::Point2f, 5> &points);

/// The 112×112 crop of `bgr` (CV_8UC3) aligned by arcFaceTransform():
/// bilinear, the photo's edge pixels repeated outside it. Empty when the
/// points are degenerate.
cv::Mat alignArcFace(const cv::Mat &bgr, const std::array<cv::Point2f, 5> &points);

/// The ArcFace-class face-recognition network `fr_feature.onnx` run by
/// OpenCV's dnn module: a 112×112 aligned crop in, 512 floats out, compared
/// by cosine after L2 normalisation. Not thread-safe: copy it once per worker
/// thread; a copy builds its own network from the same model bytes. It uses
/// whatever OpenCV thread count the process set (cv::setNumThreads).
class ArcFaceEncoder final
{
public:
    /// Builds the network from the ONNX file's bytes; throws ModelError
    /// (naming the set-up command) when OpenCV cannot read them or the
    /// network does not give 512 floats for one face.
    explicit ArcFaceEncoder(const QByteArray &onnx);
    ArcFaceEncoder(const ArcFaceEncoder &other);
    ArcFaceEncoder &operator=(const ArcFaceEncoder &) = delete;
    ~ArcFaceEncoder();

    /// The L2-normalised embeddings of aligned 112×112 BGR crops (as
    /// alignArcFace() makes them), all in one forward pass. When `norms` is
    /// given it receives each output's length before normalisation.
    std::vector<Embedding> encode(const std::vector<cv::Mat> &alignedBgr,
                                  std::vector<float> *norms = nullptr);

private:
    struct Net;
    std::shared_ptr<const std::vector<uchar>> m_model;
    std::unique_ptr<Net> m_net;
};

} // namespace facefolio::detail
