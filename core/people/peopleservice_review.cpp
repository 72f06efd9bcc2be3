// The edits the review questions make (people/reviewquestions.h): a "no" to
// "Same person?" and the answers to "Is this X?". Both are journaled like
// every other edit of PeopleService, so one Undo takes an answer back.
#include "catalog/catalog.h"
#include "people/peopleservice.h"
#include "people/peoplesql_p.h"

#include <QCoreApplication>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace facefolio {

bool PeopleService::markDifferent(const QList<qint64> &facesA, const QList<qint64> &facesB)
{
    if (facesA.isEmpty() || facesB.isEmpty())
        return fail(QStringLiteral("both sides need at least one face"));
    if (!facesExist(facesA + facesB))
        return fail(m_error);
    const QSet<qint64> a(facesA.begin(), facesA.end());
    for (qint64 f : facesB)
        if (a.contains(f))
            return fail(QStringLiteral("face %1 cannot be a different person from itself").arg(f));
    const QString label =
        QCoreApplication::translate("facefolio::PeopleService", "Not the same person");
    return journaled(label, facesA + facesB, {}, [&] {
        QSqlQuery q(m_catalog.database());
        for (qint64 x : facesA)
            for (qint64 y : facesB)
                if (!detail::runSql(
                        q,
                        QStringLiteral("INSERT OR IGNORE INTO face_distinct(a, b) VALUES (?, ?)"),
                        {std::min(x, y), std::max(x, y)})) {
                    m_error = q.lastError().text();
                    return false;
                }
        return true;
    });
}

bool PeopleService::reviewFaces(qint64 personId, const QList<qint64> &accepted,
                                const QList<qint64> &rejected)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    const QList<qint64> all = accepted + rejected;
    if (!facesExist(all))
        return fail(m_error);
    const QSet<qint64> yes(accepted.begin(), accepted.end());
    for (qint64 f : rejected)
        if (yes.contains(f))
            return fail(QStringLiteral("face %1 cannot be both accepted and rejected").arg(f));
    const QString name = nameOf(personId);
    const QString label =
        rejected.isEmpty()
            ? QCoreApplication::translate("facefolio::PeopleService", "Confirm %n face(s) of %1",
                                          nullptr, int(accepted.size()))
                  .arg(name)
        : accepted.isEmpty()
            ? QCoreApplication::translate("facefolio::PeopleService", "%n face(s) are not %1",
                                          nullptr, int(rejected.size()))
                  .arg(name)
            : QCoreApplication::translate("facefolio::PeopleService", "Review faces of %1")
                  .arg(name);
    return journaled(label, all, personsOfStaged(all) + QList<qint64>{personId}, [&] {
        QSqlQuery q(m_catalog.database());
        for (qint64 face : accepted)
            // As moveFaces: the person it leaves rejects it, and it is confirmed.
            if (!detail::runSql(
                    q,
                    QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                   "SELECT id, person_id FROM faces WHERE id = ? AND "
                                   "person_id IS NOT NULL AND person_id <> ?"),
                    {face, personId}) ||
                !detail::runSql(
                    q,
                    QStringLiteral(
                        "DELETE FROM face_rejections WHERE face_id = ? AND person_id = ?"),
                    {face, personId}) ||
                !detail::runSql(q,
                                QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1, "
                                               "not_face = 0, clustered = 1 WHERE id = ?"),
                                {personId, face})) {
                m_error = q.lastError().text();
                return false;
            }
        for (qint64 face : rejected)
            if (!detail::runSql(
                    q,
                    QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                   "VALUES (?, ?)"),
                    {face, personId}) ||
                !detail::runSql(q,
                                QStringLiteral("UPDATE faces SET person_id = NULL, confirmed = 0, "
                                               "clustered = 1 WHERE id = ? AND person_id = ?"),
                                {face, personId})) {
                m_error = q.lastError().text();
                return false;
            }
        return true;
    });
}

} // namespace facefolio
