#pragma once

// Private to core/people: the one-statement helper PeopleService's files share.

#include <QDateTime>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace facefolio::detail {

/// Runs one statement with its bound values; false on error.
inline bool runSql(QSqlQuery &q, const QString &sql, const QVariantList &values = {})
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

/// Makes a person (named, or unnamed when `name` is empty); its id, or 0
/// with the error on `q`.
inline qint64 insertPerson(QSqlQuery &q, const QString &name)
{
    if (!runSql(
            q, QStringLiteral("INSERT INTO persons(name, created_at) VALUES (?, ?) RETURNING id"),
            {name.isEmpty() ? QVariant() : QVariant(name), QDateTime::currentMSecsSinceEpoch()}) ||
        !q.next())
        return 0;
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    return id;
}

/// A name as the undo history quotes it.
inline QString quoted(const QString &name)
{
    return QStringLiteral("\u201c%1\u201d").arg(name);
}

/// Moves one face to a person as the user's confirmed choice: the person it
/// left rejects it, the one it joins no longer does.
inline bool moveFaceTo(QSqlQuery &q, qint64 face, qint64 toPersonId)
{
    return runSql(q,
                  QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                 "SELECT id, person_id FROM faces WHERE id = ? AND person_id IS "
                                 "NOT NULL AND person_id <> ?"),
                  {face, toPersonId}) &&
           runSql(q,
                  QStringLiteral("DELETE FROM face_rejections WHERE face_id = ? AND person_id = ?"),
                  {face, toPersonId}) &&
           runSql(q,
                  QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1, not_face = 0, "
                                 "clustered = 1 WHERE id = ?"),
                  {toPersonId, face});
}

/// The table of the faces one edit works on, filled by
/// PeopleService::stageFaces: the set-wide statements below join it, so an
/// edit of thousands of faces is a few statements, not a few per face.
inline constexpr char kStagedFaces[] = "SELECT id FROM temp.edit_faces";

/// moveFaceTo for every staged face at once. Faces already confirmed in
/// that person are left as they are, so their rows are not written again.
inline bool moveStagedFacesTo(QSqlQuery &q, qint64 toPersonId)
{
    const QString staged = QLatin1String(kStagedFaces);
    return runSql(q,
                  QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                 "SELECT id, person_id FROM faces WHERE id IN (%1) AND person_id "
                                 "IS NOT NULL AND person_id <> ?")
                      .arg(staged),
                  {toPersonId}) &&
           runSql(q,
                  QStringLiteral("DELETE FROM face_rejections WHERE person_id = ? AND face_id IN "
                                 "(%1)")
                      .arg(staged),
                  {toPersonId}) &&
           runSql(q,
                  QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1, not_face = 0, "
                                 "clustered = 1 WHERE id IN (%1) AND NOT (person_id IS ? AND "
                                 "confirmed = 1 AND not_face = 0 AND clustered = 1)")
                      .arg(staged),
                  {toPersonId, toPersonId});
}

} // namespace facefolio::detail
