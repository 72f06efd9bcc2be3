#pragma once

// Private to core/people: the one-statement helper PeopleService's files share.

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

} // namespace facefolio::detail
