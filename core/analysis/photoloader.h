#pragma once

#include <QImage>
#include <QString>

namespace facefolio {

/// Loads photos for showing them: every format the scan reads (HEIC too), in
/// display orientation (EXIF applied), so face boxes from the catalog line
/// up with the pixels.
class PhotoLoader final
{
public:
    /// Decodes the photo at `path` so that its long side is at least
    /// `minLongSide` when the photo is that large (JPEGs are decoded at a
    /// reduced scale, which is much faster), then scales it down to at most
    /// `maxLongSide` (0: no limit). Returns a null image and sets `error`
    /// when the file cannot be read or decoded.
    static QImage load(const QString &path, int minLongSide, int maxLongSide, QString *error);
    /// The small picture a camera embeds in a JPEG's Exif data (typically
    /// 160×120), in display orientation and cropped to the photo's shape when
    /// the camera added bars; decoded at a reduced scale when it is much
    /// larger than `minLongSide`. Reads only the file's first bytes, so it is
    /// far cheaper than load(). Null when the file has none or it is damaged.
    static QImage loadEmbeddedThumbnail(const QString &path, int minLongSide);
};

} // namespace facefolio
