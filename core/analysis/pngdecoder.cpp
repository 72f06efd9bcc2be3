#include "analysis/pngdecoder_p.h"

#include <cstring>
#include <png.h>

namespace facefolio::detail {

bool decodePng(const QByteArray &data, cv::Mat &bgr, QString &error)
{
    // The simplified API keeps its messages in the image struct instead of
    // printing them, and cleans up after itself on every failure.
    png_image image;
    std::memset(&image, 0, sizeof image);
    image.version = PNG_IMAGE_VERSION;
    const auto reason = [&image](const char *what) {
        return QStringLiteral("cannot decode PNG: %1")
            .arg(image.message[0] ? QString::fromLatin1(image.message).simplified()
                                  : QString::fromLatin1(what));
    };
    if (!png_image_begin_read_from_memory(&image, data.constData(), size_t(data.size()))) {
        error = reason("unreadable header");
        return false;
    }
    image.format = PNG_FORMAT_BGR;
    if (image.width == 0 || image.height == 0 || image.width > 65535 || image.height > 65535) {
        png_image_free(&image);
        error = reason("bad dimensions");
        return false;
    }
    cv::Mat pixels(int(image.height), int(image.width), CV_8UC3);
    const png_color white{255, 255, 255};
    if (!png_image_finish_read(&image, &white, pixels.data, png_int_32(pixels.step), nullptr)) {
        error = reason("corrupt or truncated");
        return false;
    }
    bgr = pixels;
    return true;
}

} // namespace facefolio::detail
