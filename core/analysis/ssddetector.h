#pragma once

#include "analysis/tfjsweights.h"

#include <QImage>
#include <QRectF>
#include <memory>
#include <vector>

namespace facefolio {

/// One face the SSD detector found, in the pixels of the image it was given.
struct SsdDetection
{
    QRectF box;
    float score = 0; ///< the network's face probability, 0..1
};

/// The SSD MobileNet v1 face detector of @vladmandic/face-api
/// (`ssd_mobilenetv1_model`): a 512×512 MobileNet v1 with six box predictors
/// over 5,118 anchors that ship with the weights. The image is padded at the
/// bottom or right to a square, scaled to 512×512 and mapped to -1..1; boxes
/// are decoded against the anchors and thinned by non-maximum suppression
/// (IoU 0.5). Not thread-safe: copy it once per worker thread; copies share
/// the read-only weights.
class SsdDetector final
{
public:
    static constexpr int kInputSize = 512;
    static constexpr int kAnchors = 5118;

    /// Builds the network from the manifest's tensors, looked up by name.
    /// Throws ModelError (naming the set-up command) when one is missing or
    /// has the wrong shape.
    explicit SsdDetector(const std::vector<TfjsTensor> &tensors);
    SsdDetector(const SsdDetector &other);
    SsdDetector &operator=(const SsdDetector &) = delete;
    ~SsdDetector();

    /// Detects faces in 8-bit pixels with three channels, blue first when
    /// `bgr` (OpenCV order), red first otherwise. Boxes are clipped to the image
    /// and listed strongest first; at most `maxResults` scoring above `minScore`.
    std::vector<SsdDetection> detect(const unsigned char *pixels, int width, int height,
                                     qsizetype bytesPerLine, bool bgr, float minScore = 0.5f,
                                     int maxResults = 100);
    /// The same for a QImage of any format.
    std::vector<SsdDetection> detect(const QImage &image, float minScore = 0.5f,
                                     int maxResults = 100);

private:
    struct Weights;
    struct Net;
    std::shared_ptr<const Weights> m_weights;
    std::unique_ptr<Net> m_net;
};

} // namespace facefolio
