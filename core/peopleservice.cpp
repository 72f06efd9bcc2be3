#include "peopleservice.h"

#include "catalog.h"

#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace facefolio {

namespace {

// Runs one statement with its bound values; false on error.
bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

} // namespace

QString PersonInfo::displayName() const
{
    return name.isEmpty() ? QStringLiteral("Unnamed %1").arg(id) : name;
}

PeopleService::PeopleService(Catalog &catalog)
    : m_catalog(catalog)
{}

bool PeopleService::fail(const QString &what)
{
    m_error = what;
    m_catalog.rollback();
    return false;
}

std::vector<PersonInfo> PeopleService::persons(bool includeHidden)
{
    std::vector<PersonInfo> out;
    QSqlQuery q(m_catalog.database());
    q.setForwardOnly(true);
    q.exec(QStringLiteral("SELECT pe.id, pe.name, pe.hidden, pe.cover_face_id, count(f.id), "
                          "count(DISTINCT f.photo_id) FROM persons pe "
                          "LEFT JOIN faces f ON f.person_id = pe.id %1 "
                          "GROUP BY pe.id ORDER BY count(f.id) DESC, pe.id")
               .arg(includeHidden ? QString() : QStringLiteral("WHERE pe.hidden = 0")));
    while (q.next()) {
        PersonInfo p;
        p.id = q.value(0).toLongLong();
        p.name = q.value(1).toString();
        p.hidden = q.value(2).toBool();
        if (!q.value(3).isNull())
            p.coverFaceId = q.value(3).toLongLong();
        p.faces = q.value(4).toInt();
        p.photos = q.value(5).toInt();
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<PersonInfo> PeopleService::person(qint64 id)
{
    for (PersonInfo &p : persons())
        if (p.id == id)
            return std::move(p);
    return std::nullopt;
}

bool PeopleService::personExists(qint64 id)
{
    QSqlQuery q(m_catalog.database());
    return run(q, QStringLiteral("SELECT 1 FROM persons WHERE id = ?"), {id}) && q.next();
}

bool PeopleService::facesExist(const QList<qint64> &faceIds)
{
    QSqlQuery q(m_catalog.database());
    for (qint64 id : faceIds)
        if (!run(q, QStringLiteral("SELECT 1 FROM faces WHERE id = ?"), {id}) || !q.next()) {
            m_error = QStringLiteral("there is no face %1").arg(id);
            return false;
        }
    return !faceIds.isEmpty() || (m_error = QStringLiteral("no faces given"), false);
}

bool PeopleService::editFaces(const QList<qint64> &faceIds,
                              const std::function<bool(QSqlQuery &, qint64)> &edit)
{
    if (!facesExist(faceIds))
        return fail(m_error);
    if (!m_catalog.transaction())
        return fail(m_catalog.errorString());
    QSqlQuery q(m_catalog.database());
    for (qint64 face : faceIds)
        if (!edit(q, face))
            return fail(q.lastError().text());
    return m_catalog.commit() || fail(m_catalog.errorString());
}

bool PeopleService::rename(qint64 personId, const QString &name)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    QSqlQuery q(m_catalog.database());
    const QString clean = name.simplified();
    if (!run(q, QStringLiteral("UPDATE persons SET name = ? WHERE id = ?"),
             {clean.isEmpty() ? QVariant() : QVariant(clean), personId}))
        return fail(q.lastError().text());
    return true;
}

bool PeopleService::merge(qint64 fromId, qint64 intoId)
{
    if (fromId == intoId)
        return fail(QStringLiteral("a person cannot be merged into itself"));
    if (!personExists(fromId) || !personExists(intoId))
        return fail(
            QStringLiteral("there is no person %1").arg(personExists(fromId) ? intoId : fromId));
    if (!m_catalog.transaction())
        return fail(m_catalog.errorString());
    QSqlQuery q(m_catalog.database());
    const bool ok =
        run(q,
            QStringLiteral(
                "UPDATE faces SET person_id = ?, confirmed = 1 WHERE person_id IN (?, ?)"),
            {intoId, fromId, intoId}) &&
        // What the user rejected for either stays rejected for the survivor.
        run(q,
            QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                           "SELECT face_id, ? FROM face_rejections WHERE person_id = ?"),
            {intoId, fromId}) &&
        run(q,
            QStringLiteral("DELETE FROM face_rejections WHERE person_id = ? AND face_id IN "
                           "(SELECT id FROM faces WHERE person_id = ?)"),
            {intoId, intoId}) &&
        run(q,
            QStringLiteral(
                "UPDATE persons SET name = coalesce(nullif(name, ''), "
                "(SELECT name FROM persons WHERE id = ?)), cover_face_id = "
                "coalesce(cover_face_id, (SELECT cover_face_id FROM persons WHERE id = ?)), "
                "hidden = 0 WHERE id = ?"),
            {fromId, fromId, intoId}) &&
        run(q, QStringLiteral("DELETE FROM persons WHERE id = ?"), {fromId});
    if (!ok)
        return fail(q.lastError().text());
    return m_catalog.commit() || fail(m_catalog.errorString());
}

bool PeopleService::moveFaces(const QList<qint64> &faceIds, qint64 toPersonId)
{
    if (!personExists(toPersonId))
        return fail(QStringLiteral("there is no person %1").arg(toPersonId));
    return editFaces(faceIds, [toPersonId](QSqlQuery &q, qint64 face) {
        return run(q,
                   QStringLiteral(
                       "INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                       "SELECT id, person_id FROM faces WHERE id = ? AND person_id IS NOT NULL "
                       "AND person_id <> ?"),
                   {face, toPersonId}) &&
               run(q,
                   QStringLiteral(
                       "DELETE FROM face_rejections WHERE face_id = ? AND person_id = ?"),
                   {face, toPersonId}) &&
               run(q,
                   QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1, not_face = 0, "
                                  "clustered = 1 WHERE id = ?"),
                   {toPersonId, face});
    });
}

qint64 PeopleService::splitToNewPerson(const QList<qint64> &faceIds, const QString &name)
{
    if (!facesExist(faceIds)) {
        fail(m_error);
        return 0;
    }
    QSqlQuery q(m_catalog.database());
    const QString clean = name.simplified();
    if (!run(q, QStringLiteral("INSERT INTO persons(name, created_at) VALUES (?, ?) RETURNING id"),
             {clean.isEmpty() ? QVariant() : QVariant(clean),
              QDateTime::currentMSecsSinceEpoch()}) ||
        !q.next()) {
        fail(q.lastError().text());
        return 0;
    }
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    if (!moveFaces(faceIds, id)) {
        run(q, QStringLiteral("DELETE FROM persons WHERE id = ?"), {id});
        return 0;
    }
    return id;
}

bool PeopleService::removeFromPerson(const QList<qint64> &faceIds)
{
    return editFaces(faceIds, [](QSqlQuery &q, qint64 face) {
        return run(q,
                   QStringLiteral(
                       "INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                       "SELECT id, person_id FROM faces WHERE id = ? AND person_id IS NOT NULL"),
                   {face}) &&
               run(q,
                   QStringLiteral("UPDATE faces SET person_id = NULL, confirmed = 0, clustered = 1 "
                                  "WHERE id = ?"),
                   {face});
    });
}

bool PeopleService::setNotFace(const QList<qint64> &faceIds, bool notFace)
{
    return editFaces(faceIds, [notFace](QSqlQuery &q, qint64 face) {
        return notFace ? run(q,
                             QStringLiteral("UPDATE faces SET not_face = 1, person_id = NULL, "
                                            "confirmed = 0, clustered = 1 WHERE id = ?"),
                             {face})
                       : run(q,
                             QStringLiteral(
                                 "UPDATE faces SET not_face = 0, clustered = 0 WHERE id = ?"),
                             {face});
    });
}

bool PeopleService::setHidden(qint64 personId, bool hidden)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    QSqlQuery q(m_catalog.database());
    return run(q, QStringLiteral("UPDATE persons SET hidden = ? WHERE id = ?"),
               {hidden ? 1 : 0, personId}) ||
           fail(q.lastError().text());
}

bool PeopleService::setCover(qint64 personId, qint64 faceId)
{
    QSqlQuery q(m_catalog.database());
    if (!run(q, QStringLiteral("SELECT 1 FROM faces WHERE id = ? AND person_id = ?"),
             {faceId, personId}) ||
        !q.next())
        return fail(
            QStringLiteral("face %1 does not belong to person %2").arg(faceId).arg(personId));
    q.finish();
    return run(q, QStringLiteral("UPDATE persons SET cover_face_id = ? WHERE id = ?"),
               {faceId, personId}) ||
           fail(q.lastError().text());
}

} // namespace facefolio
