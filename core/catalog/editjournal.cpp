#include "catalog/editjournal.h"

#include "catalog/catalog.h"
#include "catalog/sqlitestatement.h"

#include <QDataStream>
#include <QDateTime>
#include <QHash>
#include <QIODevice>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>
#include <algorithm>
#include <functional>

namespace facefolio {

namespace {

constexpr quint32 kSnapshotMagicV1 = 0x46464a31; // "FFJ1": without distinctFrom
constexpr quint32 kSnapshotMagicV2 = 0x46464a32; // "FFJ2": without tags and drawn faces
constexpr quint32 kSnapshotMagicV3 = 0x46464a33; // "FFJ3": without birth dates
constexpr quint32 kSnapshotMagic = 0x46464a34;   // "FFJ4"

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values = {})
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

QVariant orNull(qint64 id)
{
    return id ? QVariant(id) : QVariant(QMetaType::fromType<qint64>());
}

// Fills the temporary table journal_faces with `count` rows, `bind` giving
// row r's values (the face id, then the state columns apply() writes back;
// unbound ones stay NULL); snapshots and undo join it (stageRows).
QString stageFaces(const QSqlDatabase &db, qsizetype count,
                   const std::function<void(SqliteStatement &, qsizetype)> &bind)
{
    return stageRows(db, QStringLiteral("journal_faces"),
                     QStringLiteral("id INTEGER PRIMARY KEY, person INTEGER, confirmed INTEGER, "
                                    "not_face INTEGER, clustered INTEGER"),
                     5, count, bind);
}

} // namespace

QByteArray EditJournal::Snapshot::toBytes() const
{
    QByteArray bytes;
    QDataStream s(&bytes, QIODevice::WriteOnly);
    s.setVersion(QDataStream::Qt_6_0);
    s << kSnapshotMagic << quint32(persons.size());
    for (const Person &p : persons)
        s << p.id << p.exists << p.name << p.cover << p.hidden << p.createdAt << p.tags
          << p.birthDate;
    s << quint32(faces.size());
    for (const Face &f : faces) {
        s << f.id << f.person << f.confirmed << f.notFace << f.clustered << f.rejectedBy
          << f.distinctFrom << f.exists << f.drawn.has_value();
        if (f.drawn)
            s << f.drawn->photo << f.drawn->box << f.drawn->landmarks << f.drawn->embedding
              << f.drawn->chip << qint32(f.drawn->encoder);
    }
    return bytes;
}

bool EditJournal::Snapshot::fromBytes(const QByteArray &bytes, Snapshot &out)
{
    QDataStream s(bytes);
    s.setVersion(QDataStream::Qt_6_0);
    quint32 magic = 0, n = 0;
    s >> magic >> n;
    if ((magic != kSnapshotMagic && magic != kSnapshotMagicV3 && magic != kSnapshotMagicV2 &&
         magic != kSnapshotMagicV1) ||
        s.status() != QDataStream::Ok)
        return false;
    out = {};
    out.hasDistinct = magic != kSnapshotMagicV1;
    out.hasManual = magic == kSnapshotMagic || magic == kSnapshotMagicV3;
    out.hasBirthDate = magic == kSnapshotMagic;
    for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
        Person p;
        s >> p.id >> p.exists >> p.name >> p.cover >> p.hidden >> p.createdAt;
        if (out.hasManual)
            s >> p.tags;
        if (out.hasBirthDate)
            s >> p.birthDate;
        out.persons.push_back(std::move(p));
    }
    s >> n;
    for (quint32 i = 0; i < n && s.status() == QDataStream::Ok; ++i) {
        Face f;
        s >> f.id >> f.person >> f.confirmed >> f.notFace >> f.clustered >> f.rejectedBy;
        if (out.hasDistinct)
            s >> f.distinctFrom;
        if (out.hasManual) {
            bool drawn = false;
            s >> f.exists >> drawn;
            if (drawn) {
                Face::Drawn d;
                qint32 encoder = 0;
                s >> d.photo >> d.box >> d.landmarks >> d.embedding >> d.chip >> encoder;
                d.encoder = encoder;
                f.drawn = std::move(d);
            }
        }
        out.faces.push_back(std::move(f));
    }
    return s.status() == QDataStream::Ok;
}

EditJournal::EditJournal(Catalog &catalog)
    : m_catalog(catalog)
{}

bool EditJournal::fail(const QString &what)
{
    m_error = what;
    return false;
}

bool EditJournal::capture(const QList<qint64> &faceIds, const QList<qint64> &personIds,
                          Snapshot &out, bool allFaces)
{
    out = {};
    out.whole = allFaces;
    // A merge of two large persons reads ten thousand faces twice (before and
    // after): SQLite's API, not QSqlQuery's per-value QVariants.
    const QSqlDatabase db = m_catalog.database();
    const QString personSql =
        QStringLiteral("SELECT id, coalesce(name, ''), coalesce(cover_face_id, 0), hidden, "
                       "created_at, birth_date FROM persons");
    const auto readPerson = [](const SqliteStatement &q) {
        Snapshot::Person p;
        p.id = q.integer(0);
        p.exists = true;
        p.name = q.text(1);
        p.cover = q.integer(2);
        p.hidden = q.integer(3) != 0;
        p.createdAt = q.integer(4);
        p.birthDate = QDate::fromString(q.text(5), Qt::ISODate);
        return p;
    };
    const auto readFace = [](const SqliteStatement &q) {
        Snapshot::Face f;
        f.id = q.integer(0);
        f.person = q.integer(1);
        f.confirmed = q.integer(2) != 0;
        f.notFace = q.integer(3) != 0;
        f.clustered = q.integer(4) != 0;
        return f;
    };
    const QString drawnSql = QStringLiteral(
        "SELECT f.id, f.photo_id, f.x, f.y, f.w, f.h, v.landmarks, v.embedding, f.encoder, "
        "c.chip FROM %1 LEFT JOIN face_vectors v ON v.face_id = f.id "
        "LEFT JOIN face_chips c ON c.face_id = f.id WHERE f.manual = 1");

    // The WHERE clauses that pick the listed ids, a few hundred at a time; a
    // whole-catalog snapshot takes everything in one query.
    const auto filters = [allFaces](const QList<qint64> &ids, const QString &column) {
        std::vector<QString> out;
        if (allFaces) {
            out.emplace_back();
            return out;
        }
        const QSet<qint64> unique(ids.begin(), ids.end());
        QList<qint64> sorted(unique.begin(), unique.end());
        std::sort(sorted.begin(), sorted.end());
        for (qsizetype i = 0; i < sorted.size(); i += 500) {
            QStringList part;
            for (qsizetype k = i; k < std::min(sorted.size(), i + 500); ++k)
                part << QString::number(sorted[k]);
            out.push_back(QStringLiteral(" WHERE %1 IN (%2)").arg(column, part.join(u',')));
        }
        return out;
    };
    // Runs `sql` and hands each row to `row`; false (with the error) on failure.
    const auto each = [&](const QString &sql, const auto &row) {
        SqliteStatement q(db, sql);
        while (q.next())
            row(q);
        return !q.failed() || fail(q.errorString());
    };
    QSet<qint64> found;
    const std::vector<QString> personFilters = filters(personIds, QStringLiteral("id"));
    const std::vector<QString> tagFilters = filters(personIds, QStringLiteral("person_id"));
    for (size_t chunk = 0; chunk < personFilters.size(); ++chunk) {
        QHash<qint64, size_t> at;
        if (!each(personSql + personFilters[chunk],
                  [&](const SqliteStatement &q) {
                      at.insert(q.integer(0), out.persons.size());
                      out.persons.push_back(readPerson(q));
                      found.insert(out.persons.back().id);
                  }) ||
            !each(QStringLiteral("SELECT person_id, photo_id FROM photo_persons") +
                      tagFilters[chunk] + QStringLiteral(" ORDER BY photo_id"),
                  [&](const SqliteStatement &q) {
                      if (const auto it = at.constFind(q.integer(0)); it != at.cend())
                          out.persons[*it].tags.append(q.integer(1));
                  }))
            return false;
    }
    for (qint64 id : QSet<qint64>(personIds.begin(), personIds.end()))
        if (!found.contains(id)) {
            Snapshot::Person absent;
            absent.id = id;
            out.persons.push_back(absent);
        }
    // The listed faces, one statement per table joining them.
    if (!allFaces) {
        const QString error =
            stageFaces(db, faceIds.size(),
                       [&](SqliteStatement &add, qsizetype r) { add.bind(1, faceIds[r]); });
        if (!error.isEmpty())
            return fail(error);
    }
    const QString from = allFaces
                             ? QStringLiteral("faces f")
                             : QStringLiteral("temp.journal_faces j JOIN faces f ON f.id = j.id");
    const auto joined = [allFaces](const QString &table, const QString &column) {
        return allFaces
                   ? table
                   : QStringLiteral("temp.journal_faces j JOIN %1 ON %2 = j.id").arg(table, column);
    };
    QHash<qint64, size_t> at;
    at.reserve(faceIds.size());
    bool anyDrawn = false;
    if (!each(QStringLiteral("SELECT f.id, coalesce(f.person_id, 0), f.confirmed, f.not_face, "
                             "f.clustered, f.manual FROM ") +
                  from,
              [&](const SqliteStatement &q) {
                  at.insert(q.integer(0), out.faces.size());
                  out.faces.push_back(readFace(q));
                  anyDrawn = anyDrawn || q.integer(5) != 0;
              }))
        return false;
    if (anyDrawn && !each(drawnSql.arg(from), [&](const SqliteStatement &q) {
            const auto it = at.constFind(q.integer(0));
            if (it == at.cend())
                return;
            Snapshot::Face::Drawn d;
            d.photo = q.integer(1);
            d.box =
                QRect(int(q.integer(2)), int(q.integer(3)), int(q.integer(4)), int(q.integer(5)));
            d.landmarks = q.blob(6);
            d.embedding = q.blob(7);
            d.encoder = int(q.integer(8));
            d.chip = q.blob(9);
            out.faces[*it].drawn = std::move(d);
        }))
        return false;
    if (!each(QStringLiteral("SELECT r.face_id, r.person_id FROM ") +
                  joined(QStringLiteral("face_rejections r"), QStringLiteral("r.face_id")),
              [&](const SqliteStatement &q) {
                  if (const auto it = at.constFind(q.integer(0)); it != at.cend())
                      out.faces[*it].rejectedBy.append(q.integer(1));
              }))
        return false;
    for (int side = 0; side < 2; ++side)
        if (!each(QStringLiteral("SELECT d.a, d.b FROM ") +
                      joined(QStringLiteral("face_distinct d"),
                             side == 0 ? QStringLiteral("d.a") : QStringLiteral("d.b")),
                  [&](const SqliteStatement &q) {
                      if (const auto it = at.constFind(q.integer(side)); it != at.cend())
                          out.faces[*it].distinctFrom.append(q.integer(1 - side));
                  }))
            return false;
    if (!allFaces) {
        QSet<qint64> have;
        for (const Snapshot::Face &f : out.faces)
            have.insert(f.id);
        for (qint64 id : QSet<qint64>(faceIds.begin(), faceIds.end()))
            if (!have.contains(id)) {
                Snapshot::Face absent;
                absent.id = id;
                absent.exists = false;
                out.faces.push_back(absent);
            }
    }
    return true;
}

bool EditJournal::record(const QString &label, Snapshot before, const QList<qint64> &createdPersons)
{
    QList<qint64> faces, persons;
    for (const Snapshot::Face &f : before.faces)
        faces.append(f.id);
    for (const Snapshot::Person &p : before.persons)
        persons.append(p.id);
    for (qint64 id : createdPersons) {
        Snapshot::Person absent;
        absent.id = id;
        before.persons.push_back(absent);
        persons.append(id);
    }
    Snapshot after;
    // A whole-catalog "before" (a re-cluster) needs a whole-catalog "after":
    // the run may have made persons the list does not name.
    const bool whole = before.whole;
    if (!capture(faces, persons, after, whole))
        return false;
    if (whole) {
        // Persons the run created did not exist before it; persons it removed
        // do not exist after it.
        const QSet<qint64> known(persons.begin(), persons.end());
        QSet<qint64> now;
        for (const Snapshot::Person &p : after.persons) {
            now.insert(p.id);
            if (!known.contains(p.id)) {
                Snapshot::Person absent;
                absent.id = p.id;
                before.persons.push_back(absent);
            }
        }
        for (qint64 id : known)
            if (!now.contains(id)) {
                Snapshot::Person absent;
                absent.id = id;
                after.persons.push_back(absent);
            }
    }
    QSqlQuery q(m_catalog.database());
    if (!run(q, QStringLiteral("DELETE FROM edits WHERE undone = 1")) ||
        !run(q,
             QStringLiteral("INSERT INTO edits(label, before, after, undone, at) "
                            "VALUES (?, ?, ?, 0, ?)"),
             {label, before.toBytes(), after.toBytes(), QDateTime::currentMSecsSinceEpoch()}) ||
        !run(q, QStringLiteral("DELETE FROM edits WHERE id <= (SELECT max(id) FROM edits) - ?"),
             {kMaxEntries}))
        return fail(q.lastError().text());
    return true;
}

std::vector<EditEntry> EditJournal::entries()
{
    std::vector<EditEntry> out;
    QSqlQuery q(m_catalog.database());
    q.setForwardOnly(true);
    if (!run(q, QStringLiteral("SELECT id, label, undone, at FROM edits ORDER BY id")))
        return out;
    while (q.next())
        out.push_back({q.value(0).toLongLong(), q.value(1).toString(), q.value(2).toBool(),
                       q.value(3).toLongLong()});
    return out;
}

qint64 EditJournal::undoableId()
{
    QSqlQuery q(m_catalog.database());
    return run(q, QStringLiteral("SELECT max(id) FROM edits WHERE undone = 0")) && q.next()
               ? q.value(0).toLongLong()
               : 0;
}

qint64 EditJournal::redoableId()
{
    QSqlQuery q(m_catalog.database());
    return run(q, QStringLiteral("SELECT min(id) FROM edits WHERE undone = 1")) && q.next()
               ? q.value(0).toLongLong()
               : 0;
}

bool EditJournal::undo(qint64 expectedId)
{
    return step(true, expectedId);
}

bool EditJournal::redo(qint64 expectedId)
{
    return step(false, expectedId);
}

bool EditJournal::step(bool undo, qint64 expectedId)
{
    const qint64 id = undo ? undoableId() : redoableId();
    if (!id)
        return fail(undo ? QStringLiteral("there is nothing to undo")
                         : QStringLiteral("there is nothing to redo"));
    if (expectedId && expectedId != id)
        return fail(QStringLiteral("the history changed in another window; reopen the catalog"));
    QSqlQuery q(m_catalog.database());
    if (!run(q, QStringLiteral("SELECT before, after FROM edits WHERE id = ?"), {id}) || !q.next())
        return fail(q.lastError().text());
    Snapshot state;
    if (!Snapshot::fromBytes(q.value(undo ? 0 : 1).toByteArray(), state))
        return fail(QStringLiteral("the undo history entry %1 is damaged").arg(id));
    q.finish();
    if (!m_catalog.transaction())
        return fail(m_catalog.errorString());
    if (!apply(state) ||
        !run(q, QStringLiteral("UPDATE edits SET undone = ? WHERE id = ?"), {undo ? 1 : 0, id})) {
        const QString why = m_error.isEmpty() ? q.lastError().text() : m_error;
        m_catalog.rollback();
        return fail(why);
    }
    return m_catalog.commit() || fail(m_catalog.errorString());
}

bool EditJournal::apply(const Snapshot &state)
{
    m_error.clear();
    QSqlQuery q(m_catalog.database());
    // Drawn faces come back (or get their box back) first, without a person:
    // the persons below may name them as their cover.
    for (const Snapshot::Face &f : state.faces) {
        if (!f.exists || !f.drawn)
            continue;
        const Snapshot::Face::Drawn &d = *f.drawn;
        if (!run(q, QStringLiteral("SELECT manual FROM faces WHERE id = ?"), {f.id}))
            return fail(q.lastError().text());
        const bool there = q.next();
        if (there && !q.value(0).toBool())
            return fail(QStringLiteral("face %1 was replaced by a rescan since; this step can no "
                                       "longer be applied")
                            .arg(f.id));
        q.finish();
        const QVariantList row{d.box.x(),      d.box.y(), d.box.width(),
                               d.box.height(), d.encoder, f.id};
        if (there) {
            if (!run(q,
                     QStringLiteral(
                         "UPDATE faces SET x = ?, y = ?, w = ?, h = ?, encoder = ? WHERE id = ?"),
                     row))
                return fail(q.lastError().text());
        } else {
            if (!run(q, QStringLiteral("SELECT 1 FROM photos WHERE id = ?"), {d.photo}))
                return fail(q.lastError().text());
            if (!q.next())
                continue; // the photo left the catalog since; its faces went with it
            q.finish();
            if (!run(q,
                     QStringLiteral("INSERT INTO faces(photo_id, score, whole_image, manual, x, y, "
                                    "w, h, encoder, id) VALUES (?, 0, 0, 1, ?, ?, ?, ?, ?, ?)"),
                     QVariantList{d.photo} + row))
                return fail(q.lastError().text());
        }
        if (!run(q,
                 QStringLiteral("INSERT OR REPLACE INTO face_vectors(face_id, embedding, "
                                "landmarks) VALUES (?, ?, ?)"),
                 {f.id, d.embedding, d.landmarks}))
            return fail(q.lastError().text());
        if (!run(q, QStringLiteral("DELETE FROM face_chips WHERE face_id = ?"), {f.id}) ||
            (!d.chip.isEmpty() &&
             !run(q, QStringLiteral("INSERT INTO face_chips(face_id, chip) VALUES (?, ?)"),
                  {f.id, d.chip})))
            return fail(q.lastError().text());
    }
    // Persons that must exist first, so faces can point at them; persons that
    // must not exist last, once no face points at them any more.
    for (const Snapshot::Person &p : state.persons) {
        if (!p.exists)
            continue;
        const QVariantList values{p.name.isEmpty() ? QVariant(QMetaType::fromType<QString>())
                                                   : QVariant(p.name),
                                  orNull(p.cover), p.hidden ? 1 : 0, p.createdAt, p.id};
        if (!run(q,
                 QStringLiteral("UPDATE persons SET name = ?, cover_face_id = ?, hidden = ?, "
                                "created_at = ? WHERE id = ?"),
                 values))
            return fail(q.lastError().text());
        if (q.numRowsAffected() == 0 &&
            !run(q,
                 QStringLiteral("INSERT INTO persons(name, cover_face_id, hidden, created_at, id) "
                                "VALUES (?, ?, ?, ?, ?)"),
                 values))
            return fail(q.lastError().text());
        if (state.hasBirthDate &&
            !run(q, QStringLiteral("UPDATE persons SET birth_date = ? WHERE id = ?"),
                 {p.birthDate.isValid() ? QVariant(p.birthDate.toString(Qt::ISODate))
                                        : QVariant(QMetaType::fromType<QString>()),
                  p.id}))
            return fail(q.lastError().text());
        if (!state.hasManual)
            continue;
        if (!run(q, QStringLiteral("DELETE FROM photo_persons WHERE person_id = ?"), {p.id}))
            return fail(q.lastError().text());
        for (qint64 photo : p.tags)
            if (!run(q,
                     QStringLiteral("INSERT OR IGNORE INTO photo_persons(photo_id, person_id) "
                                    "SELECT id, ? FROM photos WHERE id = ?"),
                     {p.id, photo}))
                return fail(q.lastError().text());
    }
    // The faces' states, staged, and one statement per table writes them all
    // (a merge of two large persons has thousands). Rows already in their
    // state are left as they are.
    std::vector<const Snapshot::Face *> present;
    for (const Snapshot::Face &f : state.faces)
        if (f.exists)
            present.push_back(&f);
    if (const QString error = stageFaces(m_catalog.database(), qsizetype(present.size()),
                                         [&](SqliteStatement &add, qsizetype r) {
                                             const Snapshot::Face &f = *present[size_t(r)];
                                             add.bind(1, f.id);
                                             add.bind(2, f.person);
                                             add.bind(3, f.confirmed ? 1 : 0);
                                             add.bind(4, f.notFace ? 1 : 0);
                                             add.bind(5, f.clustered ? 1 : 0);
                                         });
        !error.isEmpty())
        return fail(error);
    // A face a rescan removed since is gone for good; the rest go back, and
    // a person removed since leaves its faces without one.
    if (!run(q, QStringLiteral(
                    "UPDATE faces SET person_id = p.id, confirmed = s.confirmed, "
                    "not_face = s.not_face, clustered = s.clustered "
                    "FROM temp.journal_faces s LEFT JOIN persons p ON p.id = s.person "
                    "WHERE faces.id = s.id AND (faces.person_id IS NOT p.id OR faces.confirmed "
                    "!= s.confirmed OR faces.not_face != s.not_face OR faces.clustered != "
                    "s.clustered)")) ||
        !run(q, QStringLiteral("DELETE FROM face_rejections WHERE face_id IN "
                               "(SELECT id FROM temp.journal_faces)")))
        return fail(q.lastError().text());
    QSqlQuery reject(m_catalog.database());
    reject.prepare(QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                  "SELECT f.id, p.id FROM faces f, persons p "
                                  "WHERE f.id = ? AND p.id = ?"));
    for (const Snapshot::Face &f : state.faces)
        for (qint64 person : f.exists ? f.rejectedBy : QList<qint64>{}) {
            reject.addBindValue(f.id);
            reject.addBindValue(person);
            if (!reject.exec())
                return fail(reject.lastError().text());
        }
    if (state.hasDistinct) {
        if (!run(q, QStringLiteral("DELETE FROM face_distinct WHERE a IN (SELECT id FROM "
                                   "temp.journal_faces) OR b IN (SELECT id FROM "
                                   "temp.journal_faces)")))
            return fail(q.lastError().text());
        QSqlQuery distinct(m_catalog.database());
        distinct.prepare(QStringLiteral("INSERT OR IGNORE INTO face_distinct(a, b) SELECT x.id, "
                                        "y.id FROM faces x, faces y WHERE x.id = ? AND y.id = ?"));
        for (const Snapshot::Face &f : state.faces)
            for (qint64 other : f.exists ? f.distinctFrom : QList<qint64>{}) {
                distinct.addBindValue(std::min(f.id, other));
                distinct.addBindValue(std::max(f.id, other));
                if (!distinct.exec())
                    return fail(distinct.lastError().text());
            }
    }
    // Only a face the user drew is ever taken away again; a detected one
    // belongs to the scan.
    for (const Snapshot::Face &f : state.faces)
        if (!f.exists && state.hasManual &&
            !run(q, QStringLiteral("DELETE FROM faces WHERE id = ? AND manual = 1"), {f.id}))
            return fail(q.lastError().text());
    for (const Snapshot::Person &p : state.persons)
        if (!p.exists && !run(q, QStringLiteral("DELETE FROM persons WHERE id = ?"), {p.id}))
            return fail(q.lastError().text());
    return true;
}

} // namespace facefolio
