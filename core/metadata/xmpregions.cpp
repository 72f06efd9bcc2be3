#include "metadata/xmpregions.h"

#include <QStringList>
#include <cmath>
#include <exiv2/exiv2.hpp>
#include <mutex>

namespace facefolio {

namespace {

std::string num(double v)
{
    return QString::number(v, 'f', 6).toStdString();
}

double toDouble(const Exiv2::XmpData &xmp, const std::string &key, bool *ok)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    if (it == xmp.end()) {
        *ok = false;
        return 0;
    }
    bool good = false;
    const double v = QString::fromStdString(it->toString()).toDouble(&good);
    *ok = *ok && good;
    return v;
}

QString text(const Exiv2::XmpData &xmp, const std::string &key)
{
    const auto it = xmp.findKey(Exiv2::XmpKey(key));
    return it == xmp.end() ? QString() : QString::fromStdString(it->toString()).trimmed();
}

} // namespace

void XmpRegions::initialise()
{
    // The XMP toolkit is not thread-safe on its own: scan workers parse
    // sidecars in parallel, so it gets a lock.
    static std::mutex lock;
    static std::once_flag once;
    std::call_once(once, [] {
        // exiv2 logs parse errors on stderr; a bad packet just has no regions.
        Exiv2::LogMsg::setLevel(Exiv2::LogMsg::mute);
        Exiv2::XmpParser::initialize(
            [](void *m, bool take) {
                if (take)
                    static_cast<std::mutex *>(m)->lock();
                else
                    static_cast<std::mutex *>(m)->unlock();
            },
            &lock);
    });
}

QByteArray XmpRegions::sidecar(const QSize &dimensions, const QList<XmpFaceRegion> &faces)
{
    initialise();
    try {
        Exiv2::XmpData xmp;
        Exiv2::XmpTextValue structure;
        structure.setXmpStruct();
        Exiv2::XmpTextValue bag;
        bag.setXmpArrayType(Exiv2::XmpValue::xaBag);
        const std::string root = "Xmp.mwg-rs.Regions";
        xmp.add(Exiv2::XmpKey(root), &structure);
        xmp.add(Exiv2::XmpKey(root + "/mwg-rs:AppliedToDimensions"), &structure);
        xmp[root + "/mwg-rs:AppliedToDimensions/stDim:w"] = std::to_string(dimensions.width());
        xmp[root + "/mwg-rs:AppliedToDimensions/stDim:h"] = std::to_string(dimensions.height());
        xmp[root + "/mwg-rs:AppliedToDimensions/stDim:unit"] = "pixel";
        xmp.add(Exiv2::XmpKey(root + "/mwg-rs:RegionList"), &bag);
        int i = 0;
        for (const XmpFaceRegion &face : faces) {
            if (face.area.isEmpty())
                continue; // a person without a face box: named below only
            const std::string item = root + "/mwg-rs:RegionList[" + std::to_string(++i) + "]";
            xmp.add(Exiv2::XmpKey(item), &structure);
            xmp[item + "/mwg-rs:Name"] = face.name.toStdString();
            xmp[item + "/mwg-rs:Type"] = "Face";
            xmp.add(Exiv2::XmpKey(item + "/mwg-rs:Area"), &structure);
            // MWG areas are centred: x and y name the middle of the region.
            xmp[item + "/mwg-rs:Area/stArea:x"] = num(face.area.center().x());
            xmp[item + "/mwg-rs:Area/stArea:y"] = num(face.area.center().y());
            xmp[item + "/mwg-rs:Area/stArea:w"] = num(face.area.width());
            xmp[item + "/mwg-rs:Area/stArea:h"] = num(face.area.height());
            xmp[item + "/mwg-rs:Area/stArea:unit"] = "normalized";
        }
        // Every person shown, with a region or not, where tools read person
        // tags without regions: IPTC Extension's PersonInImage and digiKam's
        // tag tree under People/ (an MWG region needs an area).
        QStringList names;
        for (const XmpFaceRegion &face : faces)
            if (!face.name.isEmpty() && !names.contains(face.name))
                names << face.name;
        if (!names.isEmpty()) {
            Exiv2::XmpArrayValue people(Exiv2::xmpBag);
            Exiv2::XmpArrayValue tags(Exiv2::xmpSeq);
            for (const QString &name : std::as_const(names)) {
                people.read(name.toStdString());
                tags.read(("People/" + name).toStdString());
            }
            xmp.add(Exiv2::XmpKey("Xmp.iptcExt.PersonInImage"), &people);
            xmp.add(Exiv2::XmpKey("Xmp.digiKam.TagsList"), &tags);
        }
        std::string packet;
        if (Exiv2::XmpParser::encode(packet, xmp, Exiv2::XmpParser::useCompactFormat) != 0)
            return {};
        return QByteArray::fromStdString(packet);
    } catch (const std::exception &) {
        return {};
    }
}

QList<XmpFaceRegion> XmpRegions::read(const QByteArray &packet, QSize *dimensions)
{
    initialise();
    QList<XmpFaceRegion> out;
    try {
        Exiv2::XmpData xmp;
        if (Exiv2::XmpParser::decode(xmp, packet.toStdString()) != 0)
            return out;
        const std::string root = "Xmp.mwg-rs.Regions";
        if (dimensions) {
            bool ok = true;
            const double w = toDouble(xmp, root + "/mwg-rs:AppliedToDimensions/stDim:w", &ok);
            const double h = toDouble(xmp, root + "/mwg-rs:AppliedToDimensions/stDim:h", &ok);
            // A packet may claim anything ("3e121"); only a size an image can
            // have is taken, since converting a larger double to int is undefined.
            const double most = 1'000'000;
            *dimensions =
                ok && w >= 1 && h >= 1 && w <= most && h <= most ? QSize(int(w), int(h)) : QSize();
        }
        for (int i = 1;; ++i) {
            const std::string item = root + "/mwg-rs:RegionList[" + std::to_string(i) + "]";
            if (xmp.findKey(Exiv2::XmpKey(item)) == xmp.end())
                break;
            const QString type = text(xmp, item + "/mwg-rs:Type");
            const QString name = text(xmp, item + "/mwg-rs:Name");
            if ((!type.isEmpty() && type != QLatin1String("Face")) || name.isEmpty())
                continue;
            bool ok = true;
            const double x = toDouble(xmp, item + "/mwg-rs:Area/stArea:x", &ok);
            const double y = toDouble(xmp, item + "/mwg-rs:Area/stArea:y", &ok);
            const double w = toDouble(xmp, item + "/mwg-rs:Area/stArea:w", &ok);
            const double h = toDouble(xmp, item + "/mwg-rs:Area/stArea:h", &ok);
            if (ok && w > 0 && h > 0 && std::isfinite(x) && std::isfinite(y) && std::isfinite(w) &&
                std::isfinite(h))
                out.append({name, QRectF(x - w / 2, y - h / 2, w, h)});
        }
        if (!out.isEmpty())
            return out;
        // Windows Photo Gallery: "left, top, width, height", normalised.
        for (int i = 1;; ++i) {
            const std::string item = "Xmp.MP.RegionInfo/MPRI:Regions[" + std::to_string(i) + "]";
            if (xmp.findKey(Exiv2::XmpKey(item)) == xmp.end())
                break;
            const QString name = text(xmp, item + "/MPReg:PersonDisplayName");
            const QStringList r = text(xmp, item + "/MPReg:Rectangle").split(QLatin1Char(','));
            if (name.isEmpty() || r.size() != 4)
                continue;
            bool ok = true;
            double v[4];
            for (int k = 0; k < 4; ++k) {
                bool good = false;
                v[k] = r[k].trimmed().toDouble(&good);
                ok = ok && good;
            }
            if (ok && v[2] > 0 && v[3] > 0 && std::isfinite(v[0]) && std::isfinite(v[1]) &&
                std::isfinite(v[2]) && std::isfinite(v[3]))
                out.append({name, QRectF(v[0], v[1], v[2], v[3])});
        }
    } catch (const std::exception &) {
        out.clear();
    }
    return out;
}

} // namespace facefolio
