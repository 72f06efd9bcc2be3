#include "catalog/catalog.h"

#include "catalog/detectedface.h"
#include "catalog/sqlitestatement.h"

#include <QAtomicInteger>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QVariant>
#include <algorithm>
#include <cstring>

namespace facefolio {

namespace {

QAtomicInteger<int> g_connections;

/// Two boxes at this intersection over union or more are one face.
constexpr double kSameFace = 0.5;

double iou(const QRect &a, const QRect &b)
{
    const QRect inter = a.intersected(b);
    const double i = double(inter.width()) * inter.height();
    const double u = double(a.width()) * a.height() + double(b.width()) * b.height() - i;
    return u > 0 ? i / u : 0.0;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QByteArray floatsToBlob(const float *v, size_t n)
{
    return QByteArray(reinterpret_cast<const char *>(v), qsizetype(n * sizeof(float)));
}

/// The 68 landmarks as the catalog stores them: x, y, x, y… as floats.
QByteArray landmarksBlob(const DetectedFace &f);

/// A face's embedding and landmarks, in their own table: a face row stays
/// small, so an edit of thousands of faces (a merge) rewrites few pages.
bool writeVectors(QSqlQuery &q, qint64 faceId, const DetectedFace &f)
{
    const QString sql = QStringLiteral("INSERT OR REPLACE INTO face_vectors(face_id, embedding, "
                                       "landmarks) VALUES (?, ?, ?)");
    if (q.lastQuery() != sql) // a scan writes every face of a photo on one query
        q.prepare(sql);
    q.addBindValue(faceId);
    q.addBindValue(embeddingToBlob(f.embedding, f.encoder));
    q.addBindValue(landmarksBlob(f));
    return q.exec();
}

QByteArray landmarksBlob(const DetectedFace &f)
{
    std::array<float, 136> marks{};
    for (size_t i = 0; i < f.landmarks.size() && 2 * i + 1 < marks.size(); ++i) {
        marks[2 * i] = float(f.landmarks[i].x());
        marks[2 * i + 1] = float(f.landmarks[i].y());
    }
    return floatsToBlob(marks.data(), marks.size());
}

PhotoRecord photoFrom(const QSqlQuery &q)
{
    PhotoRecord p;
    p.id = q.value(0).toLongLong();
    p.path = q.value(1).toString();
    p.size = q.value(2).toLongLong();
    p.mtimeMs = q.value(3).toLongLong();
    p.hash = q.value(4).toByteArray();
    p.width = q.value(5).toInt();
    p.height = q.value(6).toInt();
    p.orientation = q.value(7).toInt();
    p.state = PhotoState(q.value(8).toInt());
    p.error = q.value(9).toString();
    p.missing = q.value(10).toBool();
    p.takenMs = q.value(11).toLongLong();
    p.detector = q.value(12).toInt();
    return p;
}

const char kPhotoColumns[] = "id, path, size, mtime_ms, hash, width, height, orientation, state, "
                             "error, missing, taken_ms, detector";
// photoFrom() reads these; a query may add its own columns after them.
constexpr int kPhotoColumnCount = 13;

} // namespace

Catalog::Catalog(QString path)
    : m_path(std::move(path))
    , m_connection(QStringLiteral("facefolio-catalog-%1").arg(g_connections.fetchAndAddRelaxed(1)))
{}

Catalog::~Catalog()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

QSqlDatabase Catalog::database() const
{
    return QSqlDatabase::database(m_connection);
}

QString Catalog::defaultPath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/facefolio/catalog.sqlite");
}

bool Catalog::fail(const QString &what)
{
    m_error = what;
    return false;
}

bool Catalog::exec(const QString &sql)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (!q.exec(sql))
        return fail(QStringLiteral("catalog %1: %2").arg(m_path, q.lastError().text()));
    return true;
}

bool Catalog::transaction()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return db.transaction() || fail(db.lastError().text());
}

bool Catalog::commit()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    return db.commit() || fail(db.lastError().text());
}

void Catalog::rollback()
{
    QSqlDatabase::database(m_connection).rollback();
}

QStringList Catalog::photoPaths()
{
    QStringList out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT path FROM photos"))) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out << q.value(0).toString();
    return out;
}

QHash<QString, PhotoRecord> Catalog::photosUnder(const QStringList &folders)
{
    QHash<QString, PhotoRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    // length() counts characters as substr() does (a QString size counts UTF-16 units).
    q.prepare(QStringLiteral("SELECT %1 FROM photos WHERE substr(path, 1, length(:p)) = :p")
                  .arg(QLatin1String(kPhotoColumns)));
    for (const QString &folder : folders) {
        const QString prefix =
            folder.endsWith(QLatin1Char('/')) ? folder : folder + QLatin1Char('/');
        q.bindValue(QStringLiteral(":p"), prefix);
        if (!q.exec())
            continue;
        while (q.next()) {
            PhotoRecord p = photoFrom(q);
            out.insert(p.path, std::move(p));
        }
    }
    return out;
}

QHash<QByteArray, PhotoRecord> Catalog::donePhotosByHash()
{
    QHash<QByteArray, PhotoRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral(
               "SELECT %1 FROM photos WHERE state = %2 AND hash IS NOT NULL ORDER BY missing")
               .arg(QLatin1String(kPhotoColumns))
               .arg(int(PhotoState::Done)));
    while (q.next()) {
        PhotoRecord p = photoFrom(q);
        out.insert(p.hash, std::move(p)); // later rows win: a missing photo is preferred for moves
    }
    return out;
}

qint64 Catalog::putPhoto(const PhotoRecord &p)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral(
        "INSERT INTO photos(path, size, mtime_ms, hash, width, height, orientation, state, error, "
        "missing, scanned_at, taken_ms, detector) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?) "
        "ON CONFLICT(path) DO UPDATE SET size=excluded.size, mtime_ms=excluded.mtime_ms, "
        "hash=excluded.hash, width=excluded.width, height=excluded.height, "
        "orientation=excluded.orientation, state=excluded.state, error=excluded.error, missing=0, "
        "scanned_at=excluded.scanned_at, taken_ms=excluded.taken_ms, detector=excluded.detector "
        "RETURNING id"));
    q.addBindValue(p.path);
    q.addBindValue(p.size);
    q.addBindValue(p.mtimeMs);
    q.addBindValue(p.hash.isEmpty() ? QVariant() : QVariant(QString::fromLatin1(p.hash)));
    q.addBindValue(p.width);
    q.addBindValue(p.height);
    q.addBindValue(p.orientation);
    q.addBindValue(int(p.state));
    q.addBindValue(p.error.isEmpty() ? QVariant() : QVariant(p.error));
    q.addBindValue(nowMs());
    q.addBindValue(p.takenMs > 0 ? QVariant(p.takenMs) : QVariant(QMetaType::fromType<qint64>()));
    q.addBindValue(p.detector);
    if (!q.exec() || !q.next()) {
        fail(q.lastError().text());
        return 0;
    }
    return q.value(0).toLongLong();
}

bool Catalog::replaceFaces(qint64 photoId, const std::vector<DetectedFace> &faces)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    // A changed file keeps the rows (and so the person, confirmations and
    // rejections) of faces found again at about the same place.
    QSqlQuery old(db);
    // Faces the user drew are never replaced: a detection on one of them is
    // the same face, already there.
    old.prepare(
        QStringLiteral("SELECT id, x, y, w, h, manual FROM faces WHERE photo_id = ? ORDER BY id"));
    old.addBindValue(photoId);
    if (!old.exec())
        return fail(old.lastError().text());
    std::vector<std::pair<qint64, QRect>> previous;
    std::vector<QRect> drawn;
    while (old.next()) {
        const QRect box(old.value(1).toInt(), old.value(2).toInt(), old.value(3).toInt(),
                        old.value(4).toInt());
        if (old.value(5).toBool())
            drawn.push_back(box);
        else
            previous.emplace_back(old.value(0).toLongLong(), box);
    }
    old.finish();

    QSqlQuery insert(db), update(db), del(db);
    insert.prepare(
        QStringLiteral("INSERT INTO faces(photo_id, x, y, w, h, score, whole_image, encoder, "
                       "manual) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    update.prepare(QStringLiteral("UPDATE faces SET photo_id = ?, x = ?, y = ?, w = ?, h = ?, "
                                  "score = ?, whole_image = ?, encoder = ?, manual = ? "
                                  "WHERE id = ?"));
    del.prepare(QStringLiteral("DELETE FROM faces WHERE id = ?"));
    QSqlQuery chip(db), vectors(db);
    for (const DetectedFace &f : faces) {
        if (std::any_of(drawn.begin(), drawn.end(),
                        [&](const QRect &d) { return iou(d, f.box) >= kSameFace; }))
            continue;
        qint64 reuse = 0;
        double best = kSameFace;
        for (auto &[id, box] : previous) {
            const double o = iou(box, f.box);
            if (id != 0 && o >= best) {
                best = o;
                reuse = id;
            }
        }
        for (auto &p : previous)
            if (p.first == reuse)
                p.first = 0; // taken
        QSqlQuery &q = reuse ? update : insert;
        q.addBindValue(photoId);
        q.addBindValue(f.box.x());
        q.addBindValue(f.box.y());
        q.addBindValue(f.box.width());
        q.addBindValue(f.box.height());
        q.addBindValue(double(f.score));
        q.addBindValue(f.wholeImage ? 1 : 0);
        q.addBindValue(int(f.encoder));
        q.addBindValue(f.manual ? 1 : 0);
        if (reuse)
            q.addBindValue(reuse);
        if (!q.exec())
            return fail(q.lastError().text());
        const qint64 faceId = reuse ? reuse : q.lastInsertId().toLongLong();
        if (!writeVectors(vectors, faceId, f))
            return fail(vectors.lastError().text());
        if (f.chipJpeg.isEmpty()) {
            chip.prepare(QStringLiteral("DELETE FROM face_chips WHERE face_id = ?"));
            chip.addBindValue(faceId);
        } else {
            chip.prepare(
                QStringLiteral("INSERT OR REPLACE INTO face_chips(face_id, chip) VALUES (?, ?)"));
            chip.addBindValue(faceId);
            chip.addBindValue(f.chipJpeg);
        }
        if (!chip.exec())
            return fail(chip.lastError().text());
    }
    for (const auto &[id, box] : previous) {
        if (id == 0)
            continue;
        del.addBindValue(id);
        if (!del.exec())
            return fail(del.lastError().text());
    }
    return true;
}

qint64 Catalog::overlappingFace(qint64 photoId, const QRect &box, qint64 except)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT id, x, y, w, h FROM faces WHERE photo_id = ? AND id <> ?"));
    q.addBindValue(photoId);
    q.addBindValue(except);
    if (!q.exec()) {
        fail(q.lastError().text());
        return -1;
    }
    while (q.next()) {
        const QRect other(q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt(),
                          q.value(4).toInt());
        if (iou(other, box) >= kSameFace)
            return q.value(0).toLongLong();
    }
    return 0;
}

qint64 Catalog::addManualFace(qint64 photoId, const DetectedFace &f)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    // A face drawn on a face already there would be the same face twice.
    const qint64 there = overlappingFace(photoId, f.box);
    if (there < 0)
        return 0;
    if (there > 0) {
        fail(QStringLiteral("face %1 is already there").arg(there));
        return 0;
    }
    // A savepoint, so that the face can also be added inside a caller's
    // transaction (a journaled edit that puts it into a person).
    if (!q.exec(QStringLiteral("SAVEPOINT add_face"))) {
        fail(q.lastError().text());
        return 0;
    }
    const auto undo = [&](const QString &why) {
        fail(why);
        QSqlQuery r(db);
        r.exec(QStringLiteral("ROLLBACK TO add_face"));
        r.exec(QStringLiteral("RELEASE add_face"));
        return qint64(0);
    };
    q.prepare(QStringLiteral("INSERT INTO faces(photo_id, x, y, w, h, score, whole_image, "
                             "encoder, manual) VALUES (?, ?, ?, ?, ?, 0, 0, ?, 1)"));
    for (const QVariant &v :
         {QVariant(photoId), QVariant(f.box.x()), QVariant(f.box.y()), QVariant(f.box.width()),
          QVariant(f.box.height()), QVariant(int(f.encoder))})
        q.addBindValue(v);
    if (!q.exec())
        return undo(q.lastError().text());
    const qint64 id = q.lastInsertId().toLongLong();
    if (!writeVectors(q, id, f))
        return undo(q.lastError().text());
    if (!f.chipJpeg.isEmpty()) {
        q.prepare(QStringLiteral("INSERT INTO face_chips(face_id, chip) VALUES (?, ?)"));
        q.addBindValue(id);
        q.addBindValue(f.chipJpeg);
        if (!q.exec())
            return undo(q.lastError().text());
    }
    if (!q.exec(QStringLiteral("RELEASE add_face")))
        return undo(q.lastError().text());
    return id;
}

bool Catalog::updateManualFace(qint64 faceId, const DetectedFace &f)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral(
        "UPDATE faces SET x = ?, y = ?, w = ?, h = ?, encoder = ? WHERE id = ? AND manual = 1"));
    for (const QVariant &v : {QVariant(f.box.x()), QVariant(f.box.y()), QVariant(f.box.width()),
                              QVariant(f.box.height()), QVariant(int(f.encoder)), QVariant(faceId)})
        q.addBindValue(v);
    if (!q.exec())
        return fail(q.lastError().text());
    if (q.numRowsAffected() == 0)
        return fail(QStringLiteral("face %1 is not a face drawn by hand").arg(faceId));
    if (!writeVectors(q, faceId, f))
        return fail(q.lastError().text());
    q.prepare(QStringLiteral("DELETE FROM face_chips WHERE face_id = ?"));
    q.addBindValue(faceId);
    if (!q.exec())
        return fail(q.lastError().text());
    if (f.chipJpeg.isEmpty())
        return true;
    q.prepare(QStringLiteral("INSERT INTO face_chips(face_id, chip) VALUES (?, ?)"));
    q.addBindValue(faceId);
    q.addBindValue(f.chipJpeg);
    return q.exec() || fail(q.lastError().text());
}

bool Catalog::tagPerson(qint64 photoId, qint64 personId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT OR IGNORE INTO photo_persons(photo_id, person_id) "
                             "SELECT p.id, pe.id FROM photos p, persons pe "
                             "WHERE p.id = ? AND pe.id = ?"));
    q.addBindValue(photoId);
    q.addBindValue(personId);
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

bool Catalog::untagPerson(qint64 photoId, qint64 personId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("DELETE FROM photo_persons WHERE photo_id = ? AND person_id = ?"));
    q.addBindValue(photoId);
    q.addBindValue(personId);
    if (!q.exec())
        return fail(q.lastError().text());
    return true;
}

std::vector<qint64> Catalog::taggedPersons(qint64 photoId)
{
    std::vector<qint64> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral(
        "SELECT person_id FROM photo_persons WHERE photo_id = ? ORDER BY person_id"));
    q.addBindValue(photoId);
    if (q.exec())
        while (q.next())
            out.push_back(q.value(0).toLongLong());
    return out;
}

bool Catalog::copyFaces(qint64 fromPhotoId, qint64 toPhotoId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery q(db);
    q.prepare(QStringLiteral("DELETE FROM faces WHERE photo_id = ?"));
    q.addBindValue(toPhotoId);
    if (!q.exec())
        return fail(q.lastError().text());
    q.prepare(QStringLiteral("SELECT id FROM faces WHERE photo_id = ? ORDER BY id"));
    q.addBindValue(fromPhotoId);
    if (!q.exec())
        return fail(q.lastError().text());
    QList<qint64> from;
    while (q.next())
        from << q.value(0).toLongLong();
    QSqlQuery copy(db), chip(db), vectors(db);
    copy.prepare(QStringLiteral("INSERT INTO faces(photo_id, x, y, w, h, score, whole_image, "
                                "encoder, manual) "
                                "SELECT ?, x, y, w, h, score, whole_image, encoder, manual FROM "
                                "faces WHERE id = ?"));
    chip.prepare(QStringLiteral(
        "INSERT INTO face_chips(face_id, chip) SELECT ?, chip FROM face_chips WHERE face_id = ?"));
    vectors.prepare(QStringLiteral("INSERT INTO face_vectors(face_id, embedding, landmarks) "
                                   "SELECT ?, embedding, landmarks FROM face_vectors "
                                   "WHERE face_id = ?"));
    for (qint64 id : std::as_const(from)) {
        copy.addBindValue(toPhotoId);
        copy.addBindValue(id);
        if (!copy.exec())
            return fail(copy.lastError().text());
        const QVariant newId = copy.lastInsertId();
        for (QSqlQuery *q : {&chip, &vectors}) {
            q->addBindValue(newId);
            q->addBindValue(id);
            if (!q->exec())
                return fail(q->lastError().text());
        }
    }
    return true;
}

bool Catalog::movePhoto(qint64 photoId, const PhotoRecord &now)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE photos SET path = ?, size = ?, mtime_ms = ?, missing = 0, "
                             "scanned_at = ? WHERE id = ?"));
    q.addBindValue(now.path);
    q.addBindValue(now.size);
    q.addBindValue(now.mtimeMs);
    q.addBindValue(nowMs());
    q.addBindValue(photoId);
    return q.exec() || fail(q.lastError().text());
}

bool Catalog::setMissing(const QList<qint64> &photoIds, bool missing)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE photos SET missing = ? WHERE id = ?"));
    for (qint64 id : photoIds) {
        q.addBindValue(missing ? 1 : 0);
        q.addBindValue(id);
        if (!q.exec())
            return fail(q.lastError().text());
    }
    return true;
}

std::optional<EncoderModel> Catalog::encoder()
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    EncoderModel model;
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key = 'encoder'")) && q.next() &&
        parseEncoder(q.value(0).toString(), &model))
        return model;
    return std::nullopt;
}

bool Catalog::setEncoder(EncoderModel model)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('encoder', ?)"));
    q.addBindValue(encoderName(model));
    return q.exec() || fail(q.lastError().text());
}

int Catalog::facesNotOf(EncoderModel model)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT count(*) FROM faces WHERE encoder != ?"));
    q.addBindValue(int(model));
    return q.exec() && q.next() ? q.value(0).toInt() : 0;
}

bool Catalog::setEmbeddings(const std::vector<std::pair<qint64, Embedding>> &faces,
                            EncoderModel model)
{
    if (!transaction())
        return false;
    QSqlQuery q(QSqlDatabase::database(m_connection)), v(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("UPDATE faces SET encoder = ? WHERE id = ?"));
    v.prepare(QStringLiteral("UPDATE face_vectors SET embedding = ? WHERE face_id = ?"));
    for (const auto &[id, e] : faces) {
        q.addBindValue(int(model));
        q.addBindValue(id);
        v.addBindValue(embeddingToBlob(e, model));
        v.addBindValue(id);
        if (!q.exec() || !v.exec()) {
            const QString why =
                q.lastError().isValid() ? q.lastError().text() : v.lastError().text();
            rollback();
            return fail(why);
        }
    }
    return commit();
}

std::vector<FaceRecord> Catalog::faces(bool withEmbeddings)
{
    return facesWhere(QString(), {}, withEmbeddings);
}

std::vector<FaceRecord> Catalog::facesOfPerson(qint64 personId, bool withEmbeddings)
{
    if (personId == 0)
        return facesWhere(QStringLiteral("f.person_id IS NULL AND f.not_face = 0"), {},
                          withEmbeddings);
    return facesWhere(QStringLiteral("f.person_id = ?"), {personId}, withEmbeddings);
}

std::vector<FaceRecord> Catalog::facesOfPhoto(qint64 photoId)
{
    return facesWhere(QStringLiteral("f.photo_id = ? AND f.not_face = 0"), {photoId}, false);
}

std::vector<FaceRecord> Catalog::facesWhere(const QString &where, const QVariantList &values,
                                            bool withEmbeddings)
{
    std::vector<FaceRecord> out;
    // Thousands of rows for a large person: SQLite's API, not QSqlQuery.
    SqliteStatement q(
        QSqlDatabase::database(m_connection),
        QStringLiteral("SELECT f.id, f.photo_id, p.path, f.x, f.y, f.w, f.h, f.score, "
                       "f.whole_image, f.person_id, pe.name, %1, coalesce(p.taken_ms, p.mtime_ms), "
                       "f.encoder, f.manual "
                       "FROM faces f "
                       "JOIN photos p ON p.id = f.photo_id "
                       "LEFT JOIN persons pe ON pe.id = f.person_id %2 ORDER BY f.id")
            .arg(withEmbeddings ? QLatin1String("(SELECT embedding FROM face_vectors WHERE "
                                                "face_id = f.id)")
                                : QLatin1String("NULL"),
                 where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where));
    // A record is some 2 KB (its embedding's room): growing the vector
    // row by row would copy a large person's faces many times over.
    SqliteStatement count(QSqlDatabase::database(m_connection),
                          QStringLiteral("SELECT count(*) FROM faces f %1")
                              .arg(where.isEmpty() ? QString() : QStringLiteral("WHERE ") + where));
    for (int i = 0; i < values.size(); ++i) {
        q.bind(i + 1, values[i].toLongLong());
        count.bind(i + 1, values[i].toLongLong());
    }
    if (count.next())
        out.reserve(size_t(count.integer(0)));
    while (q.next()) {
        FaceRecord &f = out.emplace_back();
        f.id = q.integer(0);
        f.photoId = q.integer(1);
        f.photoPath = q.text(2);
        f.box = QRect(int(q.integer(3)), int(q.integer(4)), int(q.integer(5)), int(q.integer(6)));
        f.score = float(q.real(7));
        f.wholeImage = q.integer(8) != 0;
        f.manual = q.integer(14) != 0;
        if (!q.isNull(9))
            f.personId = q.integer(9);
        f.personName = q.text(10);
        f.encoder = EncoderModel(q.integer(13));
        if (withEmbeddings)
            embeddingFromBlob(q.blob(11), f.encoder, &f.embedding);
        f.photoMtimeMs = q.integer(12);
    }
    if (q.failed())
        m_error = q.errorString();
    return out;
}

std::vector<PhotoRecord> Catalog::photosOfPerson(qint64 personId)
{
    std::vector<PhotoRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    QString columns = QLatin1String(kPhotoColumns);
    columns.replace(QLatin1String(", "), QLatin1String(", p."));
    if (personId == 0) {
        q.prepare(QStringLiteral("SELECT p.%1 FROM photos p WHERE p.state = %2 AND p.missing = 0 "
                                 "ORDER BY coalesce(p.taken_ms, p.mtime_ms) DESC, p.path")
                      .arg(columns)
                      .arg(int(PhotoState::Done)));
    } else {
        q.prepare(QStringLiteral(
                      "SELECT p.%1 FROM photos p WHERE p.id IN (SELECT photo_id FROM "
                      "faces WHERE person_id = ? UNION SELECT photo_id FROM photo_persons WHERE "
                      "person_id = ?) ORDER BY coalesce(p.taken_ms, p.mtime_ms) DESC, p.path")
                      .arg(columns));
        q.addBindValue(personId);
        q.addBindValue(personId);
    }
    q.exec();
    while (q.next())
        out.push_back(photoFrom(q));
    return out;
}

std::vector<PhotoRecord> Catalog::photosWith(const QList<qint64> &personIds, bool onlyThem)
{
    std::vector<PhotoRecord> out;
    QList<qint64> ids;
    for (qint64 id : personIds)
        if (!ids.contains(id))
            ids << id;
    if (ids.isEmpty())
        return out;
    QStringList list;
    for (qint64 id : std::as_const(ids))
        list << QString::number(id);
    const QString in = list.join(u',');
    QString columns = QLatin1String(kPhotoColumns);
    columns.replace(QLatin1String(", "), QLatin1String(", p."));
    // Who appears on a photo: its faces' persons and the persons tagged on it.
    const QString named =
        QStringLiteral("SELECT 1 FROM %1 x JOIN persons pe ON pe.id = x.person_id WHERE "
                       "x.photo_id = p.id AND x.person_id NOT IN (%2) AND pe.hidden = 0 AND "
                       "coalesce(pe.name, '') <> ''");
    QString sql =
        QStringLiteral("WITH present(photo_id, person_id) AS ("
                       "SELECT photo_id, person_id FROM faces WHERE person_id IN (%1) UNION "
                       "SELECT photo_id, person_id FROM photo_persons WHERE person_id IN (%1)), "
                       "together AS (SELECT photo_id FROM present GROUP BY photo_id "
                       "HAVING count(DISTINCT person_id) = %2) "
                       "SELECT p.%3 FROM photos p JOIN together t ON t.photo_id = p.id "
                       "WHERE p.missing = 0")
            .arg(in)
            .arg(ids.size())
            .arg(columns);
    if (onlyThem)
        sql += QStringLiteral(" AND NOT EXISTS (%1) AND NOT EXISTS (%2)")
                   .arg(named.arg(QStringLiteral("faces"), in),
                        named.arg(QStringLiteral("photo_persons"), in));
    sql += QStringLiteral(" ORDER BY coalesce(p.taken_ms, p.mtime_ms) DESC, p.path");
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    if (!q.exec(sql)) {
        fail(q.lastError().text());
        return out;
    }
    while (q.next())
        out.push_back(photoFrom(q));
    return out;
}

int Catalog::unassignedFaceCount()
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral(
               "SELECT count(*) FROM faces WHERE person_id IS NULL AND not_face = 0")) &&
                   q.next()
               ? q.value(0).toInt()
               : 0;
}

int Catalog::ungroupedFaceCount()
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    return q.exec(QStringLiteral("SELECT count(*) FROM faces WHERE clustered = 0 AND "
                                 "person_id IS NULL AND not_face = 0")) &&
                   q.next()
               ? q.value(0).toInt()
               : 0;
}

std::optional<PhotoRecord> Catalog::photo(qint64 photoId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(
        QStringLiteral("SELECT %1 FROM photos WHERE id = ?").arg(QLatin1String(kPhotoColumns)));
    q.addBindValue(photoId);
    if (q.exec() && q.next())
        return photoFrom(q);
    return std::nullopt;
}

std::vector<PhotoRecord> Catalog::failedPhotos()
{
    std::vector<PhotoRecord> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.exec(QStringLiteral("SELECT %1 FROM photos WHERE state = %2 ORDER BY path")
               .arg(QLatin1String(kPhotoColumns))
               .arg(int(PhotoState::Failed)));
    while (q.next())
        out.push_back(photoFrom(q));
    return out;
}

std::vector<std::pair<PhotoRecord, int>> Catalog::photosWithFaceCounts()
{
    std::vector<std::pair<PhotoRecord, int>> out;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT %1, (SELECT count(*) FROM faces f WHERE f.photo_id = photos.id) "
                          "FROM photos ORDER BY path")
               .arg(QLatin1String(kPhotoColumns)));
    while (q.next())
        out.emplace_back(photoFrom(q), q.value(kPhotoColumnCount).toInt());
    return out;
}

QByteArray Catalog::faceChip(qint64 faceId)
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    q.prepare(QStringLiteral("SELECT chip FROM face_chips WHERE face_id = ?"));
    q.addBindValue(faceId);
    if (q.exec() && q.next())
        return q.value(0).toByteArray();
    return {};
}

CatalogStats Catalog::stats()
{
    CatalogStats s;
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(
            QStringLiteral("SELECT (SELECT count(*) FROM photos), "
                           "(SELECT count(DISTINCT photo_id) FROM faces), "
                           "(SELECT count(*) FROM photos WHERE state = 2), "
                           "(SELECT count(*) FROM photos WHERE missing = 1), "
                           "(SELECT count(*) FROM faces), "
                           "(SELECT count(*) FROM faces WHERE whole_image = 1), "
                           "(SELECT count(*) FROM persons), "
                           "(SELECT count(*) FROM persons WHERE name IS NOT NULL AND name <> ''), "
                           "(SELECT count(*) FROM faces WHERE person_id IS NOT NULL)")) &&
        q.next()) {
        s.photos = q.value(0).toLongLong();
        s.photosWithFaces = q.value(1).toLongLong();
        s.failed = q.value(2).toLongLong();
        s.missing = q.value(3).toLongLong();
        s.faces = q.value(4).toLongLong();
        s.wholeImageFaces = q.value(5).toLongLong();
        s.persons = q.value(6).toLongLong();
        s.namedPersons = q.value(7).toLongLong();
        s.assignedFaces = q.value(8).toLongLong();
    }
    return s;
}

} // namespace facefolio
