#pragma once

// Private to core: speaks OpenCV types. Never include from ui/ or app/.

#include <QByteArray>
#include <QString>
#include <opencv2/core.hpp>

namespace facefolio::detail {

/// A decoded photo in display orientation (EXIF applied), possibly at a
/// reduced scale.
struct DecodedImage
{
    cv::Mat bgr;       ///< CV_8UC3, display orientation
    int fullWidth = 0; ///< the photo's size as a person sees it
    int fullHeight = 0;
    int orientation = 1;
    qint64 takenMs = 0; ///< EXIF capture time (camera's local time), 0 when absent
    double scale = 1.0; ///< decoded pixels per original pixel (≤ 1)
};

/// Decodes JPEG, PNG, WebP, TIFF, BMP, GIF and HEIF/HEIC from memory.
/// A JPEG is decoded at the smallest 1/2, 1/4 or 1/8 scale whose long side is
/// still at least `minLongSide` (0: full size). Images over `maxPixels` are
/// refused from their header, before any pixel is allocated. On failure
/// returns false and sets `error` to a short reason for the catalog.
bool decodeImage(const QByteArray &data, int minLongSide, qint64 maxPixels, DecodedImage &out,
                 QString &error);

/// Decodes the thumbnail a camera embeds in a JPEG's Exif segment, in the
/// photo's display orientation, at the smallest DCT scale whose long side is
/// still at least `minLongSide`. `data` may be the file's first bytes only
/// (the Exif segment must be whole in them). `fullWidth`/`fullHeight` are
/// the photo's display size when `data` reaches its frame header, else 0.
/// Thumbnails over `maxPixels`, truncated or not JPEG are refused. False
/// with a short `error` when there is no usable thumbnail.
bool decodeEmbeddedThumbnail(const QByteArray &data, int minLongSide, qint64 maxPixels,
                             DecodedImage &out, QString &error);

} // namespace facefolio::detail
