#pragma once

#include <cstddef>
#include <cstdint>

namespace facefolio {

/// What a file's first bytes say about the image, read without decoding it:
/// the format, the stored pixel size, the EXIF orientation (1–8, 1 when
/// absent), when the photo was taken and where the JPEG's embedded Exif
/// thumbnail is. Used to refuse huge images before any pixel is allocated,
/// to pick a reduced JPEG decode and to show a picture before the photo is
/// decoded. Never reads outside the given buffer.
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
    /// A JPEG's Exif thumbnail (IFD1 JPEGInterchangeFormat and its length):
    /// where its bytes start in the parsed buffer and how many there are;
    /// both 0 when there is none or it does not lie wholly inside the Exif
    /// segment. The bytes start with a JPEG start-of-image marker; nothing
    /// else about them is checked.
    size_t thumbnailOffset = 0;
    size_t thumbnailLength = 0;

    /// True for orientations 5–8, which swap width and height for display.
    bool swapsAxes() const { return orientation >= 5 && orientation <= 8; }
    int displayWidth() const { return swapsAxes() ? height : width; }
    int displayHeight() const { return swapsAxes() ? width : height; }

    static ImageHeader parse(const uint8_t *data, size_t size);
    static const char *formatName(Format f);
};

} // namespace facefolio
