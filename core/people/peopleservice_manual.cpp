// The edits of faces the user drew and of persons tagged on a photo without a
// face (issue 18). Each is one journaled step like every other edit of
// PeopleService: the journal keeps a drawn face's whole row and a person's
// tags, so undo and redo put a removed face back, a moved box back where it
// was, and a tag back on its photo.
#include "catalog/catalog.h"
#include "catalog/detectedface.h"
#include "people/peopleservice.h"
#include "people/peoplesql_p.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace facefolio {

qint64 PeopleService::addDrawnFace(qint64 photoId, const DetectedFace &face, qint64 personId,
                                   const QString &newName)
{
    if (!m_catalog.photo(photoId)) {
        fail(QStringLiteral("there is no photo %1").arg(photoId));
        return 0;
    }
    if (personId > 0 && !personExists(personId)) {
        fail(QStringLiteral("there is no person %1").arg(personId));
        return 0;
    }
    const QString label =
        personId > 0 ? QCoreApplication::translate("facefolio::PeopleService", "Draw a face of %1")
                           .arg(detail::quoted(nameOf(personId)))
                     : QCoreApplication::translate("facefolio::PeopleService", "Draw a face");
    if (!m_catalog.transaction()) {
        fail(m_catalog.errorString());
        return 0;
    }
    const auto abandon = [this](const QString &why) {
        m_catalog.rollback();
        fail(why);
        return qint64(0);
    };
    EditJournal journal(m_catalog);
    EditJournal::Snapshot before;
    if (!journal.capture({}, personId > 0 ? QList<qint64>{personId} : QList<qint64>{}, before))
        return abandon(journal.errorString());
    const qint64 id = m_catalog.addManualFace(photoId, face);
    if (!id)
        return abandon(m_catalog.errorString());
    QSqlQuery q(m_catalog.database());
    QList<qint64> created;
    qint64 into = personId;
    if (personId == kNewPerson) {
        if (!(into = detail::insertPerson(q, newName.simplified())))
            return abandon(q.lastError().text());
        created << into;
    }
    if (into > 0 && !detail::moveFaceTo(q, id, into))
        return abandon(q.lastError().text());
    EditJournal::Snapshot::Face absent;
    absent.id = id;
    absent.exists = false;
    before.faces.push_back(absent);
    if (!journal.record(label, std::move(before), created))
        return abandon(journal.errorString());
    if (!m_catalog.commit()) {
        fail(m_catalog.errorString());
        return 0;
    }
    return id;
}

bool PeopleService::isDrawnFace(qint64 faceId)
{
    QSqlQuery q(m_catalog.database());
    return detail::runSql(q, QStringLiteral("SELECT manual FROM faces WHERE id = ?"), {faceId}) &&
           q.next() && q.value(0).toBool();
}

bool PeopleService::redrawFace(qint64 faceId, const DetectedFace &face)
{
    if (!isDrawnFace(faceId))
        return fail(QStringLiteral("face %1 was not drawn by hand; only a drawn face can be "
                                   "moved or resized")
                        .arg(faceId));
    QSqlQuery q(m_catalog.database());
    if (!detail::runSql(q, QStringLiteral("SELECT photo_id FROM faces WHERE id = ?"), {faceId}) ||
        !q.next())
        return fail(q.lastError().text());
    const qint64 photo = q.value(0).toLongLong();
    q.finish();
    const qint64 other = m_catalog.overlappingFace(photo, face.box, faceId);
    if (other < 0)
        return fail(m_catalog.errorString());
    if (other > 0)
        return fail(
            QStringLiteral("the box would cover face %1, which is already there").arg(other));
    return journaled(QCoreApplication::translate("facefolio::PeopleService", "Move a drawn face"),
                     {faceId}, personsOf({faceId}), [&] {
                         return m_catalog.updateManualFace(faceId, face) ||
                                (m_error = m_catalog.errorString(), false);
                     });
}

bool PeopleService::removeDrawnFace(qint64 faceId)
{
    if (!isDrawnFace(faceId))
        return fail(QStringLiteral("face %1 was not drawn by hand; mark a detected face as "
                                   "\"not a face\" instead")
                        .arg(faceId));
    // The persons it belongs to or is the cover of get their state back on undo.
    QList<qint64> persons = personsOf({faceId});
    QSqlQuery q(m_catalog.database());
    if (!detail::runSql(q, QStringLiteral("SELECT id FROM persons WHERE cover_face_id = ?"),
                        {faceId}))
        return fail(q.lastError().text());
    while (q.next())
        if (!persons.contains(q.value(0).toLongLong()))
            persons << q.value(0).toLongLong();
    q.finish();
    return journaled(
        QCoreApplication::translate("facefolio::PeopleService", "Remove a drawn face"), {faceId},
        persons, [&] {
            QSqlQuery e(m_catalog.database());
            return (detail::runSql(
                        e,
                        QStringLiteral(
                            "UPDATE persons SET cover_face_id = NULL WHERE cover_face_id = ?"),
                        {faceId}) &&
                    detail::runSql(e,
                                   QStringLiteral("DELETE FROM faces WHERE id = ? AND manual = 1"),
                                   {faceId})) ||
                   (m_error = e.lastError().text(), false);
        });
}

bool PeopleService::tagPerson(qint64 photoId, qint64 personId)
{
    if (!m_catalog.photo(photoId))
        return fail(QStringLiteral("there is no photo %1").arg(photoId));
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    // A tag is for a person the photo shows without a face of theirs.
    QSqlQuery q(m_catalog.database());
    if (!detail::runSql(q,
                        QStringLiteral("SELECT 1 FROM faces WHERE photo_id = ? AND person_id = ?"),
                        {photoId, personId}))
        return fail(q.lastError().text());
    if (q.next())
        return fail(QStringLiteral("%1 already has a face on this photo").arg(nameOf(personId)));
    q.finish();
    return journaled(QCoreApplication::translate("facefolio::PeopleService", "Tag %1 on a photo")
                         .arg(detail::quoted(nameOf(personId))),
                     {}, {personId}, [&] {
                         return m_catalog.tagPerson(photoId, personId) ||
                                (m_error = m_catalog.errorString(), false);
                     });
}

bool PeopleService::untagPerson(qint64 photoId, qint64 personId)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    return journaled(
        QCoreApplication::translate("facefolio::PeopleService", "Untag %1 from a photo")
            .arg(detail::quoted(nameOf(personId))),
        {}, {personId}, [&] {
            return m_catalog.untagPerson(photoId, personId) ||
                   (m_error = m_catalog.errorString(), false);
        });
}

} // namespace facefolio
