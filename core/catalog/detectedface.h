#pragma once

#include "catalog/embedding.h"

#include <QByteArray>
#include <QPointF>
#include <QRect>
#include <array>

namespace facefolio {

/// One face found in a photo. Coordinates are in the photo's full-size pixels
/// as a person sees it (EXIF orientation applied).
struct DetectedFace
{
    QRect box;
    std::array<QPointF, 68> landmarks{};
    Embedding embedding{};
    EncoderModel encoder = EncoderModel::Dlib; ///< the network that made `embedding`
    /// Detection confidence: the HOG margin (0 and up) for HOG boxes, the face
    /// probability (0..1) for SSD boxes, 0 for whole-image faces.
    float score = 0;
    bool wholeImage = false; ///< the image was taken as an already-cropped face
    /// Not found by a detector: drawn by the user, or a region another tool
    /// named; kept by every rescan (Catalog::replaceFaces).
    bool manual = false;
    QByteArray chipJpeg; ///< the aligned 150×150 chip, JPEG-encoded
};

} // namespace facefolio
