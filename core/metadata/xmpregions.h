#pragma once

#include <QByteArray>
#include <QList>
#include <QRectF>
#include <QSize>
#include <QString>

namespace facefolio {

/// One named face region, as the Metadata Working Group's region schema
/// (`mwg-rs:Regions`) stores it: normalised to the image, 0..1.
struct XmpFaceRegion
{
    QString name;
    QRectF area; ///< top-left and size, each as a fraction of the image
    bool operator==(const XmpFaceRegion &) const = default;
};

/// Writes and reads MWG face regions in XMP packets (exiv2). Regions refer to
/// the photo as it is displayed, after its EXIF orientation, and
/// `AppliedToDimensions` holds those displayed dimensions.
class XmpRegions final
{
public:
    /// A complete XMP packet, as a sidecar file holds it: the regions of type
    /// Face with the person's name, MWG's centre-based area, and the
    /// dimensions they apply to. Every name is also listed in
    /// `Iptc4xmpExt:PersonInImage` and as `People/NAME` in `digiKam:TagsList`,
    /// where tools read person tags without regions; an entry with an empty
    /// area (a person tagged on a photo without a face) is listed there only.
    /// Empty on an exiv2 failure.
    static QByteArray sidecar(const QSize &dimensions, const QList<XmpFaceRegion> &faces);
    /// Face regions with a name found in an XMP packet: MWG regions, or else
    /// Microsoft's `MP:RegionInfo` people tags. `dimensions` receives MWG's
    /// AppliedToDimensions when present. Malformed packets give no regions.
    static QList<XmpFaceRegion> read(const QByteArray &packet, QSize *dimensions = nullptr);
    /// Prepares exiv2 for use from several threads (once per process; the
    /// functions above call it themselves).
    static void initialise();
};

} // namespace facefolio
