#pragma once

#include "metadata/xmpregions.h"

#include <QByteArray>
#include <QList>
#include <QRect>
#include <QSize>
#include <QString>

namespace facefolio {

class Catalog;

/// Names other photo tools wrote into a photo (MWG regions as digiKam,
/// Lightroom and Picasa write them, or Microsoft people tags), taken over as
/// the user's own decisions when a scan finds the faces they point at.
class NameImport final
{
public:
    /// Named face regions of the photo at `path` whose bytes are `bytes`:
    /// from an XMP sidecar (`photo.jpg.xmp`, else `photo.xmp`) when it has
    /// any, else from the XMP embedded in the file. Areas are normalised to
    /// the photo as displayed; regions that refer to the stored pixels of a
    /// rotated photo (told by their AppliedToDimensions) are turned.
    static QList<XmpFaceRegion> regionsFor(const QString &path, const QByteArray &bytes,
                                           int orientation, const QSize &displaySize);
    /// The regions (normalised areas) that match none of `faces` (boxes in
    /// display pixels) by apply()'s rule: faces another tool marked that no
    /// detector found here, to be analysed from their box as manual faces.
    static QList<QRectF> unmatched(const QList<XmpFaceRegion> &regions, const QList<QRect> &faces,
                                   const QSize &displaySize);
    /// Gives each region's name to the face of photo `photoId` it overlaps
    /// best (IoU ≥ 0.2, or each centre inside the other box), creating the
    /// person when no person has that name (case-insensitive). Faces the user
    /// already confirmed in Facefolio keep their person. Returns the number
    /// of faces named; -1 on a catalog error.
    static int apply(Catalog &catalog, qint64 photoId, const QList<XmpFaceRegion> &regions,
                     const QSize &displaySize);
};

} // namespace facefolio
