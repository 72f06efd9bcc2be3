#include "analysis/photoloader.h"

#include "analysis/imagedecoder_p.h"

#include <QFile>
#include <opencv2/imgproc.hpp>

namespace facefolio {

namespace {

// Large enough for any camera, small enough that a hostile header cannot make
// the viewer allocate gigabytes.
constexpr qint64 kMaxPixels = 250'000'000;

// An Exif segment is at most 64 KiB and follows the start of the file (after
// a JFIF segment at most); the rest reaches the frame header in most files.
constexpr qint64 kHeadBytes = 128 * 1024;
// Embedded thumbnails are 160×120 by the Exif standard; some phones embed
// larger ones. More than this is not a thumbnail.
constexpr qint64 kMaxThumbnailPixels = 4'000'000;

QImage toQImage(const cv::Mat &bgr)
{
    cv::Mat rgb;
    cv::cvtColor(bgr, rgb, cv::COLOR_BGR2RGB);
    const QImage image(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888);
    return image.copy();
}

} // namespace

QImage PhotoLoader::load(const QString &path, int minLongSide, int maxLongSide, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = file.errorString();
        return {};
    }
    const QByteArray data = file.readAll();
    detail::DecodedImage decoded;
    QString why;
    if (!detail::decodeImage(data, minLongSide, kMaxPixels, decoded, why)) {
        if (error)
            *error = why;
        return {};
    }
    cv::Mat bgr = decoded.bgr;
    const int longSide = std::max(bgr.cols, bgr.rows);
    if (maxLongSide > 0 && longSide > maxLongSide) {
        const double f = double(maxLongSide) / longSide;
        cv::Mat smaller;
        cv::resize(bgr, smaller, cv::Size(), f, f, cv::INTER_AREA);
        bgr = smaller;
    }
    return toQImage(bgr);
}

QImage PhotoLoader::loadEmbeddedThumbnail(const QString &path, int minLongSide)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray head = file.read(kHeadBytes);
    detail::DecodedImage decoded;
    QString why;
    if (!detail::decodeEmbeddedThumbnail(head, minLongSide, kMaxThumbnailPixels, decoded, why))
        return {};
    cv::Mat bgr = decoded.bgr;
    // Cameras fit a 3:2 photo into a 4:3 thumbnail with black bars; crop
    // them so the picture has the photo's shape, as its real thumbnail will.
    if (decoded.fullWidth > 0 && decoded.fullHeight > 0) {
        const double want = double(decoded.fullWidth) / decoded.fullHeight;
        const double have = double(bgr.cols) / bgr.rows;
        if (have > want * 1.03) {
            const int w = std::max(1, int(bgr.rows * want + 0.5));
            bgr = bgr(cv::Rect((bgr.cols - w) / 2, 0, w, bgr.rows));
        } else if (have < want / 1.03) {
            const int h = std::max(1, int(bgr.cols / want + 0.5));
            bgr = bgr(cv::Rect(0, (bgr.rows - h) / 2, bgr.cols, h));
        }
    }
    return toQImage(bgr);
}

} // namespace facefolio
