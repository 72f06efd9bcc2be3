// libFuzzer target: the first steps of analysing any file a scan meets. The
// header is parsed without decoding, then the image is decoded (JPEG at a
// reduced scale, EXIF orientation applied) under a small pixel cap, as
// FaceAnalyzer does before detection; and the embedded Exif thumbnail is
// decoded, as the photo grid does before the photo.

#include "analysis/imagedecoder_p.h"
#include "analysis/imageheader.h"

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const facefolio::ImageHeader header = facefolio::ImageHeader::parse(data, size);
    (void)header;
    const QByteArray bytes =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));
    facefolio::detail::DecodedImage image;
    QString error;
    // A cap of 4 megapixels keeps each run fast and still reaches every decoder.
    if (facefolio::detail::decodeImage(bytes, 400, 4'000'000, image, error)) {
        if (image.bgr.empty() || image.bgr.type() != CV_8UC3 || image.fullWidth <= 0 ||
            image.fullHeight <= 0 || image.orientation < 1 || image.orientation > 8)
            __builtin_trap(); // a success must deliver a usable picture
    } else if (error.isEmpty()) {
        __builtin_trap(); // a failure must say why, for the catalog
    }
    // The photo grid's first picture: the embedded Exif thumbnail, whose
    // offsets are the file's word.
    facefolio::detail::DecodedImage thumb;
    QString thumbError;
    if (facefolio::detail::decodeEmbeddedThumbnail(bytes, 160, 4'000'000, thumb, thumbError)) {
        if (thumb.bgr.empty() || thumb.bgr.type() != CV_8UC3 || thumb.orientation < 1 ||
            thumb.orientation > 8)
            __builtin_trap();
    } else if (thumbError.isEmpty()) {
        __builtin_trap();
    }
    return 0;
}
