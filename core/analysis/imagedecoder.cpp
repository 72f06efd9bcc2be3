#include "analysis/imagedecoder_p.h"
#include "analysis/imageheader.h"
#include "analysis/jpegdecoder_p.h"
#include "analysis/pngdecoder_p.h"

#include <QDateTime>
#include <QImage>
#include <cstring>
#include <libheif/heif.h>
#include <memory>
#include <opencv2/core/utils/logger.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

namespace facefolio::detail {

namespace {

// OpenCV has its own pixel cap for formats whose header we do not read; keep
// it near ours, and keep its own log quiet.
const bool kOpenCvConfigured = [] {
    qputenv("OPENCV_IO_MAX_IMAGE_PIXELS", QByteArray::number(200'000'000));
    cv::utils::logging::setLogLevel(cv::utils::logging::LOG_LEVEL_ERROR);
    return true;
}();

void applyOrientation(cv::Mat &m, int orientation)
{
    cv::Mat t;
    switch (orientation) {
    case 2:
        cv::flip(m, t, 1);
        break;
    case 3:
        cv::rotate(m, t, cv::ROTATE_180);
        break;
    case 4:
        cv::flip(m, t, 0);
        break;
    case 5:
        cv::transpose(m, t);
        break;
    case 6:
        cv::rotate(m, t, cv::ROTATE_90_CLOCKWISE);
        break;
    case 7:
        cv::transpose(m, t);
        cv::flip(t, t, -1);
        break;
    case 8:
        cv::rotate(m, t, cv::ROTATE_90_COUNTERCLOCKWISE);
        break;
    default:
        return;
    }
    m = t;
}

// A JPEG whose entropy-coded data stops before the end-of-image marker still
// decodes (libjpeg pads it with grey), so look for the marker ourselves, after
// the main image's start of scan (an Exif thumbnail has an end marker too).
bool jpegHasEnd(const QByteArray &data)
{
    const auto *d = reinterpret_cast<const uint8_t *>(data.constData());
    const qsizetype n = data.size();
    qsizetype pos = 2;
    while (pos + 4 <= n) {
        if (d[pos] != 0xFF) {
            ++pos;
            continue;
        }
        const uint8_t marker = d[pos + 1];
        if (marker == 0xFF || marker == 0xD8 || marker == 0x01 ||
            (marker >= 0xD0 && marker <= 0xD7)) {
            pos += marker == 0xFF ? 1 : 2;
            continue;
        }
        if (marker == 0xDA || marker == 0xD9)
            break;
        pos += 2 + ((qsizetype(d[pos + 2]) << 8) | d[pos + 3]);
    }
    for (qsizetype i = n - 2; i > pos; --i)
        if (d[i] == 0xFF && d[i + 1] == 0xD9)
            return true;
    return false;
}

bool decodeHeif(const QByteArray &data, qint64 maxPixels, DecodedImage &out, QString &error)
{
    std::unique_ptr<heif_context, decltype(&heif_context_free)> ctx(heif_context_alloc(),
                                                                    heif_context_free);
    heif_error err = heif_context_read_from_memory_without_copy(ctx.get(), data.constData(),
                                                                size_t(data.size()), nullptr);
    if (err.code != heif_error_Ok) {
        error = QStringLiteral("unreadable HEIF: %1").arg(QString::fromUtf8(err.message));
        return false;
    }
    heif_image_handle *rawHandle = nullptr;
    err = heif_context_get_primary_image_handle(ctx.get(), &rawHandle);
    if (err.code != heif_error_Ok) {
        error =
            QStringLiteral("HEIF without a primary image: %1").arg(QString::fromUtf8(err.message));
        return false;
    }
    std::unique_ptr<heif_image_handle, decltype(&heif_image_handle_release)> handle(
        rawHandle, heif_image_handle_release);
    const qint64 w = heif_image_handle_get_width(handle.get());
    const qint64 h = heif_image_handle_get_height(handle.get());
    if (w <= 0 || h <= 0 || w * h > maxPixels) {
        error = QStringLiteral("image too large (%1×%2)").arg(w).arg(h);
        return false;
    }
    heif_image *rawImage = nullptr;
    // libheif applies the container's rotation and mirroring while decoding.
    err = heif_decode_image(handle.get(), &rawImage, heif_colorspace_RGB,
                            heif_chroma_interleaved_RGB, nullptr);
    if (err.code != heif_error_Ok) {
        error = QStringLiteral("cannot decode HEIF: %1").arg(QString::fromUtf8(err.message));
        return false;
    }
    std::unique_ptr<heif_image, decltype(&heif_image_release)> image(rawImage, heif_image_release);
    int stride = 0;
    const uint8_t *plane =
        heif_image_get_plane_readonly(image.get(), heif_channel_interleaved, &stride);
    const int pw = heif_image_get_width(image.get(), heif_channel_interleaved);
    const int ph = heif_image_get_height(image.get(), heif_channel_interleaved);
    if (!plane || pw <= 0 || ph <= 0) {
        error = QStringLiteral("HEIF decoded to no pixels");
        return false;
    }
    const cv::Mat rgb(ph, pw, CV_8UC3, const_cast<uint8_t *>(plane), size_t(stride));
    cv::cvtColor(rgb, out.bgr, cv::COLOR_RGB2BGR);
    out.fullWidth = pw;
    out.fullHeight = ph;
    return true;
}

bool decodeWithQt(const QByteArray &data, DecodedImage &out, QString &error)
{
    QImage img = QImage::fromData(data);
    if (img.isNull()) {
        error = QStringLiteral("cannot decode image (corrupt or truncated)");
        return false;
    }
    img = img.convertToFormat(QImage::Format_RGB888);
    const cv::Mat rgb(img.height(), img.width(), CV_8UC3, img.bits(), size_t(img.bytesPerLine()));
    cv::cvtColor(rgb, out.bgr, cv::COLOR_RGB2BGR);
    out.fullWidth = img.width();
    out.fullHeight = img.height();
    return true;
}

} // namespace

bool decodeImage(const QByteArray &data, int minLongSide, qint64 maxPixels, DecodedImage &out,
                 QString &error)
{
    out = DecodedImage{};
    if (data.isEmpty()) {
        error = QStringLiteral("empty file");
        return false;
    }
    const ImageHeader header = ImageHeader::parse(
        reinterpret_cast<const uint8_t *>(data.constData()), size_t(data.size()));
    if (header.format == ImageHeader::Format::Unknown) {
        error = QStringLiteral("not a supported image format");
        return false;
    }
    if (qint64(header.width) * header.height > maxPixels) {
        error = QStringLiteral("image too large (%1×%2)").arg(header.width).arg(header.height);
        return false;
    }
    if (header.format == ImageHeader::Format::Heif)
        return decodeHeif(data, maxPixels, out, error);
    if (header.format == ImageHeader::Format::Gif)
        return decodeWithQt(data, out, error); // OpenCV 4.6 has no GIF decoder

    int factor = 1;
    if (header.format == ImageHeader::Format::Jpeg) {
        if (!jpegHasEnd(data)) {
            error = QStringLiteral("truncated JPEG (no end-of-image marker)");
            return false;
        }
        const int longSide = std::max(header.width, header.height);
        while (minLongSide > 0 && factor < 8 && longSide / (factor * 2) >= minLongSide)
            factor *= 2;
        // Damaged entropy data only warns; the photo is still worth scanning.
        int warnings = 0;
        if (!decodeJpeg(data, factor, out.bgr, warnings, error))
            return false;
    } else if (header.format == ImageHeader::Format::Png) {
        if (!decodePng(data, out.bgr, error))
            return false;
    } else {
        try {
            const cv::Mat buf(1, int(data.size()), CV_8U, const_cast<char *>(data.constData()));
            out.bgr = cv::imdecode(buf, cv::IMREAD_COLOR | cv::IMREAD_IGNORE_ORIENTATION);
        } catch (const cv::Exception &e) {
            error = QStringLiteral("cannot decode %1: %2")
                        .arg(QLatin1String(ImageHeader::formatName(header.format)),
                             QString::fromStdString(e.msg).simplified().left(200));
            return false;
        }
    }
    if (out.bgr.empty()) {
        error = QStringLiteral("cannot decode %1 (corrupt or truncated)")
                    .arg(QLatin1String(ImageHeader::formatName(header.format)));
        return false;
    }
    if (out.bgr.type() != CV_8UC3) {
        error = QStringLiteral("unsupported pixel layout");
        return false;
    }
    const int storedW = header.width > 0 ? header.width : out.bgr.cols * factor;
    const int storedH = header.height > 0 ? header.height : out.bgr.rows * factor;
    applyOrientation(out.bgr, header.orientation);
    out.orientation = header.orientation;
    if (header.taken[0]) {
        const QDateTime taken = QDateTime::fromString(QString::fromLatin1(header.taken),
                                                      QStringLiteral("yyyy:MM:dd HH:mm:ss"));
        out.takenMs = taken.isValid() ? taken.toMSecsSinceEpoch() : 0;
    }
    out.fullWidth = header.swapsAxes() ? storedH : storedW;
    out.fullHeight = header.swapsAxes() ? storedW : storedH;
    out.scale = double(out.bgr.cols) / out.fullWidth;
    return true;
}

bool decodeEmbeddedThumbnail(const QByteArray &data, int minLongSide, qint64 maxPixels,
                             DecodedImage &out, QString &error)
{
    out = DecodedImage{};
    const auto *bytes = reinterpret_cast<const uint8_t *>(data.constData());
    const ImageHeader header = ImageHeader::parse(bytes, size_t(data.size()));
    if (header.format != ImageHeader::Format::Jpeg || header.thumbnailLength == 0) {
        error = QStringLiteral("no embedded thumbnail");
        return false;
    }
    // Parsed again on its own: its frame header says how many pixels the
    // decoder would allocate, and a hostile one may claim millions.
    const QByteArray thumb = QByteArray::fromRawData(data.constData() + header.thumbnailOffset,
                                                     qsizetype(header.thumbnailLength));
    const ImageHeader inner =
        ImageHeader::parse(bytes + header.thumbnailOffset, header.thumbnailLength);
    if (inner.format != ImageHeader::Format::Jpeg || inner.width <= 0 || inner.height <= 0 ||
        qint64(inner.width) * inner.height > maxPixels) {
        error = QStringLiteral("embedded thumbnail without a usable frame header");
        return false;
    }
    if (!jpegHasEnd(thumb)) {
        error = QStringLiteral("truncated embedded thumbnail");
        return false;
    }
    int factor = 1;
    const int longSide = std::max(inner.width, inner.height);
    while (minLongSide > 0 && factor < 8 && longSide / (factor * 2) >= minLongSide)
        factor *= 2;
    int warnings = 0;
    if (!decodeJpeg(thumb, factor, out.bgr, warnings, error))
        return false;
    // Stored like the photo itself, so the photo's orientation applies.
    applyOrientation(out.bgr, header.orientation);
    out.orientation = header.orientation;
    out.fullWidth = header.displayWidth();
    out.fullHeight = header.displayHeight();
    out.scale = out.fullWidth > 0 ? double(out.bgr.cols) / out.fullWidth : 0.0;
    return true;
}

} // namespace facefolio::detail
