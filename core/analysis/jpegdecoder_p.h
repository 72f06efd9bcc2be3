#pragma once

#include <QByteArray>
#include <QString>
#include <opencv2/core.hpp>

namespace facefolio::detail {

/// Decodes a JPEG from memory with libjpeg into a CV_8UC3 BGR image, at
/// 1/`scaleDenom` of its stored size (1, 2, 4 or 8: libjpeg's DCT scaling).
/// Grey, YCbCr, RGB, CMYK and YCCK JPEGs are handled. Unlike OpenCV's decoder,
/// libjpeg's warnings about damaged data never reach stderr; `warnings`
/// receives their count. On failure returns false and sets `error` to a short
/// reason for the catalog.
bool decodeJpeg(const QByteArray &data, int scaleDenom, cv::Mat &bgr, int &warnings,
                QString &error);

} // namespace facefolio::detail
