#pragma once

#include <QByteArray>
#include <QString>
#include <opencv2/core.hpp>

namespace facefolio::detail {

/// Decodes a PNG from memory with libpng's simplified API into a CV_8UC3 BGR
/// image: palette, grey and 16-bit images are converted, and transparency is
/// composed onto white. Unlike OpenCV's decoder, libpng's warnings and errors
/// never reach stderr. On failure returns false and sets `error` to a short
/// reason for the catalog.
bool decodePng(const QByteArray &data, cv::Mat &bgr, QString &error);

} // namespace facefolio::detail
