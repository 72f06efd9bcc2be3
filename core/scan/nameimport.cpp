#include "scan/nameimport.h"

#include "catalog/catalog.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>
#include <exiv2/exiv2.hpp>
#include <vector>

namespace facefolio {

namespace {

QByteArray readSmall(const QString &path)
{
    QFile f(path);
    if (f.size() > (4 << 20) || !f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

QByteArray embeddedXmp(const QByteArray &bytes)
{
    // Most photos carry no regions: look for the schemas' names before
    // asking exiv2 to parse the file.
    const QByteArray head = bytes.left(4 << 20);
    if (!head.contains("metadataworkinggroup.com/schemas/regions") &&
        !head.contains("ns.microsoft.com/photo/1.2/t/RegionInfo"))
        return {};
    XmpRegions::initialise();
    try {
        auto image = Exiv2::ImageFactory::open(
            reinterpret_cast<const Exiv2::byte *>(bytes.constData()), long(bytes.size()));
        if (!image.get())
            return {};
        image->readMetadata();
        return QByteArray::fromStdString(image->xmpPacket());
    } catch (const std::exception &) {
        return {};
    }
}

// A normalised point of the stored pixels, as it appears once displayed.
QPointF turned(QPointF p, int orientation)
{
    const double x = p.x(), y = p.y();
    switch (orientation) {
    case 2:
        return {1 - x, y};
    case 3:
        return {1 - x, 1 - y};
    case 4:
        return {x, 1 - y};
    case 5:
        return {y, x};
    case 6:
        return {1 - y, x};
    case 7:
        return {1 - y, 1 - x};
    case 8:
        return {y, 1 - x};
    default:
        return p;
    }
}

double iou(const QRectF &a, const QRectF &b)
{
    const QRectF i = a.intersected(b);
    const double inter = i.width() * i.height();
    const double uni = a.width() * a.height() + b.width() * b.height() - inter;
    return uni > 0 ? inter / uni : 0;
}

} // namespace

QList<XmpFaceRegion> NameImport::regionsFor(const QString &path, const QByteArray &bytes,
                                            int orientation, const QSize &displaySize)
{
    QSize applied;
    QList<XmpFaceRegion> regions;
    const QFileInfo fi(path);
    for (const QString &sidecar :
         {path + QStringLiteral(".xmp"), path + QStringLiteral(".XMP"),
          fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".xmp")),
          fi.dir().filePath(fi.completeBaseName() + QStringLiteral(".XMP"))}) {
        if (QFileInfo::exists(sidecar))
            regions = XmpRegions::read(readSmall(sidecar), &applied);
        if (!regions.isEmpty())
            break;
    }
    if (regions.isEmpty())
        regions = XmpRegions::read(embeddedXmp(bytes), &applied);
    // Regions for the stored pixels of a photo shown turned by 90°: their
    // dimensions are the displayed ones swapped.
    const bool swaps = orientation >= 5 && orientation <= 8;
    if (swaps && applied.isValid() && applied != displaySize &&
        applied.transposed() == displaySize) {
        for (XmpFaceRegion &r : regions) {
            const QPointF a = turned(r.area.topLeft(), orientation);
            const QPointF b = turned(r.area.bottomRight(), orientation);
            r.area = QRectF(a, b).normalized();
        }
    }
    return regions;
}

QList<QRectF> NameImport::unmatched(const QList<XmpFaceRegion> &regions, const QList<QRect> &faces,
                                    const QSize &displaySize)
{
    QList<QRectF> out;
    for (const XmpFaceRegion &r : regions) {
        const QRectF area(r.area.x() * displaySize.width(), r.area.y() * displaySize.height(),
                          r.area.width() * displaySize.width(),
                          r.area.height() * displaySize.height());
        const bool found = std::any_of(faces.begin(), faces.end(), [&](const QRect &f) {
            const QRectF box(f);
            return iou(area, box) >= 0.2 ||
                   (box.contains(area.center()) && area.contains(box.center()));
        });
        if (!found && !r.name.simplified().isEmpty())
            out.append(area);
    }
    return out;
}

int NameImport::apply(Catalog &catalog, qint64 photoId, const QList<XmpFaceRegion> &regions,
                      const QSize &displaySize)
{
    if (regions.isEmpty() || !displaySize.isValid())
        return 0;
    struct Face
    {
        qint64 id;
        QRectF box;
        bool confirmed;
        bool taken = false;
    };
    std::vector<Face> faces;
    QSqlQuery q(catalog.database());
    q.prepare(QStringLiteral("SELECT id, x, y, w, h, confirmed FROM faces "
                             "WHERE photo_id = ? AND not_face = 0 ORDER BY id"));
    q.addBindValue(photoId);
    if (!q.exec())
        return -1;
    while (q.next())
        faces.push_back({q.value(0).toLongLong(),
                         QRectF(q.value(1).toDouble(), q.value(2).toDouble(), q.value(3).toDouble(),
                                q.value(4).toDouble()),
                         q.value(5).toBool()});
    int named = 0;
    for (const XmpFaceRegion &r : regions) {
        const QRectF area(r.area.x() * displaySize.width(), r.area.y() * displaySize.height(),
                          r.area.width() * displaySize.width(),
                          r.area.height() * displaySize.height());
        Face *best = nullptr;
        double bestScore = 0;
        for (Face &f : faces) {
            if (f.taken)
                continue;
            const double o = iou(area, f.box);
            const bool nested = f.box.contains(area.center()) && area.contains(f.box.center());
            const double score = o >= 0.2 ? o : nested ? 0.19 : 0;
            if (score > bestScore) {
                bestScore = score;
                best = &f;
            }
        }
        if (!best)
            continue;
        best->taken = true;
        if (best->confirmed)
            continue; // the user's own decision in Facefolio wins
        const QString name = r.name.simplified();
        QSqlQuery find(catalog.database());
        find.prepare(QStringLiteral("SELECT id FROM persons WHERE name = ? COLLATE NOCASE "
                                    "ORDER BY hidden, id LIMIT 1"));
        find.addBindValue(name);
        if (!find.exec())
            return -1;
        qint64 person = find.next() ? find.value(0).toLongLong() : 0;
        if (person) {
            QSqlQuery rejected(catalog.database());
            rejected.prepare(QStringLiteral(
                "SELECT 1 FROM face_rejections WHERE face_id = ? AND person_id = ?"));
            rejected.addBindValue(best->id);
            rejected.addBindValue(person);
            if (rejected.exec() && rejected.next())
                continue; // the user took this face out of that person
        }
        if (!person) {
            QSqlQuery add(catalog.database());
            add.prepare(QStringLiteral("INSERT INTO persons (name, cover_face_id, created_at) "
                                       "VALUES (?, ?, ?)"));
            add.addBindValue(name);
            add.addBindValue(best->id);
            add.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!add.exec())
                return -1;
            person = add.lastInsertId().toLongLong();
        }
        QSqlQuery set(catalog.database());
        set.prepare(QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1 WHERE id = ?"));
        set.addBindValue(person);
        set.addBindValue(best->id);
        if (!set.exec())
            return -1;
        ++named;
    }
    return named;
}

} // namespace facefolio
