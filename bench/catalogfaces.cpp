#include "catalogfaces.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <cmath>
#include <map>

namespace facefolio::bench {

bool parseFacePick(const QString &word, FacePick *pick)
{
    if (word == QStringLiteral("central"))
        *pick = FacePick::Central;
    else if (word == QStringLiteral("largest"))
        *pick = FacePick::Largest;
    else
        return false;
    return true;
}

bool CatalogFaces::load(const QString &path)
{
    m_error.clear();
    m_faces.clear();
    m_photos = m_damaged = 0;
    const QString connection = QStringLiteral("bench-faces-%1").arg(quintptr(this));
    {
        auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!QFileInfo::exists(path))
            m_error = QStringLiteral("%1: no such file").arg(path);
        else if (!db.open())
            m_error = QStringLiteral("%1: %2").arg(path, db.lastError().text());
        else if (const QString error = read(db); !error.isEmpty())
            m_error = QStringLiteral("%1: %2").arg(path, error);
    }
    QSqlDatabase::removeDatabase(connection);
    return m_error.isEmpty();
}

QString CatalogFaces::read(const QSqlDatabase &db)
{
    QSqlQuery q(db);
    QStringList columns;
    q.exec(QStringLiteral("PRAGMA table_info(faces)"));
    while (q.next())
        columns << q.value(1).toString();
    if (columns.isEmpty())
        return QStringLiteral("not a Facefolio catalog (no faces table)");
    m_encoderColumn = columns.contains(QStringLiteral("encoder"));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral(
                    "SELECT f.photo_id, p.path, f.x, f.y, f.w, f.h, p.width, p.height, f.score, "
                    "f.whole_image, %1, %3 FROM faces f JOIN photos p ON p.id = f.photo_id "
                    "WHERE p.missing = 0 %2 ORDER BY f.photo_id, f.id")
                    .arg(m_encoderColumn ? QLatin1String("f.encoder") : QLatin1String("0"),
                         columns.contains(QStringLiteral("not_face"))
                             ? QLatin1String("AND f.not_face = 0")
                             : QLatin1String(""),
                         // Schema 11 keeps embeddings beside the faces.
                         columns.contains(QStringLiteral("embedding"))
                             ? QLatin1String("f.embedding")
                             : QLatin1String("(SELECT embedding FROM face_vectors WHERE face_id = "
                                             "f.id)"))))
        return q.lastError().text();
    std::map<int, int> facesOf; // encoder -> faces
    while (q.next()) {
        const int encoder = q.value(10).toInt();
        if (encoder != int(EncoderModel::Dlib) && encoder != int(EncoderModel::ArcFace))
            return QStringLiteral("has a face of unknown encoder %1 (0 dlib, 1 arcface)")
                .arg(encoder);
        const auto model = EncoderModel(encoder);
        ++facesOf[encoder];
        Face f;
        if (!embeddingFromBlob(q.value(11).toByteArray(), model, &f.embedding)) {
            ++m_damaged;
            continue;
        }
        m_model = model;
        f.photo = q.value(0).toLongLong();
        f.path = q.value(1).toString();
        f.folder = QFileInfo(f.path).dir().dirName();
        f.box =
            QRect(q.value(2).toInt(), q.value(3).toInt(), q.value(4).toInt(), q.value(5).toInt());
        f.photoSize = QSize(q.value(6).toInt(), q.value(7).toInt());
        f.score = q.value(8).toFloat();
        f.wholeImage = q.value(9).toBool();
        m_faces.push_back(std::move(f));
    }
    if (facesOf.size() > 1) {
        QStringList counts;
        for (const auto &[encoder, n] : facesOf)
            counts << QStringLiteral("%1 %2").arg(n).arg(encoderName(EncoderModel(encoder)));
        return QStringLiteral("mixes the faces of two encoders (%1 faces), whose distances "
                              "mean nothing to each other: scan each encoder into a catalog of "
                              "its own")
            .arg(counts.join(QStringLiteral(" and ")));
    }
    q.exec(QStringLiteral("SELECT count(*) FROM photos WHERE missing = 0"));
    m_photos = q.next() ? q.value(0).toInt() : 0;
    return {};
}

std::vector<size_t> CatalogFaces::pick(FacePick pick) const
{
    // Smaller is better: distance to the image centre, or minus the box area.
    auto rank = [pick](const Face &f) {
        if (pick == FacePick::Largest)
            return -double(f.box.width()) * double(f.box.height());
        // LFW images are 250×250; a catalog of an old version may not know the size.
        const double w = f.photoSize.width() > 0 ? f.photoSize.width() : 250;
        const double h = f.photoSize.height() > 0 ? f.photoSize.height() : 250;
        const QPointF c = QRectF(f.box).center();
        return std::hypot(c.x() - w / 2, c.y() - h / 2);
    };
    std::vector<size_t> out;
    for (size_t s = 0; s < m_faces.size();) {
        size_t best = s, t = s;
        for (; t < m_faces.size() && m_faces[t].photo == m_faces[s].photo; ++t)
            if (rank(m_faces[t]) < rank(m_faces[best]))
                best = t;
        out.push_back(best);
        s = t;
    }
    return out;
}

} // namespace facefolio::bench
