#pragma once

#include <cstddef>
#include <cstdint>

namespace facefolio {

/// What a file's first bytes say about the image, read without decoding it:
/// the format, the stored pixel size, the EXIF orientation (1–8, 1 when
/// absent) and when the photo was taken. Used to refuse huge images before any pixel is allocated
/// and to pick a reduced JPEG decode. Never reads outside the given buffer.
struct ImageHeader
{
    enum class Format
    {
        Unknown,
        Jpeg,
        Png,
        Gif,
        Bmp,
        WebP,
        Tiff,
        Heif
    };

    Format format = Format::Unknown;
    int width = 0;  ///< as stored, before orientation; 0 when not known
    int height = 0; ///< as stored, before orientation; 0 when not known
    int orientation = 1;
    /// EXIF DateTimeOriginal (else DateTime) as written by the camera:
    /// "YYYY:MM:DD HH:MM:SS", local time of the camera; empty when absent.
    char taken[20] = {};

    /// True for orientations 5–8, which swap width and height for display.
    bool swapsAxes() const { return orientation >= 5 && orientation <= 8; }
    int displayWidth() const { return swapsAxes() ? height : width; }
    int displayHeight() const { return swapsAxes() ? width : height; }

    static ImageHeader parse(const uint8_t *data, size_t size);
    static const char *formatName(Format f);
};

} // namespace facefolio
