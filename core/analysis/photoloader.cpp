#include "analysis/photoloader.h"

#include "analysis/imagedecoder_p.h"

#include <QFile>
#include <opencv2/imgproc.hpp>

namespace facefolio {

namespace {

// Large enough for any camera, small enough that a hostile header cannot make
// the viewer allocate gigabytes.
constexpr qint64 kMaxPixels = 250'000'000;

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
    cv::Mat rgb;
    cv::cvtColor(decoded.bgr, rgb, cv::COLOR_BGR2RGB);
    const int longSide = std::max(rgb.cols, rgb.rows);
    if (maxLongSide > 0 && longSide > maxLongSide) {
        const double f = double(maxLongSide) / longSide;
        cv::Mat smaller;
        cv::resize(rgb, smaller, cv::Size(), f, f, cv::INTER_AREA);
        rgb = smaller;
    }
    QImage image(rgb.data, rgb.cols, rgb.rows, int(rgb.step), QImage::Format_RGB888);
    return image.copy();
}

} // namespace facefolio
