#include "people/peopleservice.h"

#include "catalog/catalog.h"
#include "catalog/editjournal.h"
#include "catalog/sqlitestatement.h"
#include "people/peoplesql_p.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QSet>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace facefolio {

namespace {

bool run(QSqlQuery &q, const QString &sql, const QVariantList &values)
{
    return detail::runSql(q, sql, values);
}

using detail::quoted;

} // namespace

QString PersonInfo::displayName() const
{
    return name.isEmpty()
               ? QCoreApplication::translate("facefolio::PeopleService", "Unnamed %1").arg(id)
               : name;
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
    return personsWhere(includeHidden ? QString() : QStringLiteral("WHERE pe.hidden = 0"), {});
}

std::optional<PersonInfo> PeopleService::person(qint64 id)
{
    // One row, not the whole list: the Review view asks for a few persons
    // per question.
    std::vector<PersonInfo> one = personsWhere(QStringLiteral("WHERE pe.id = ?"), {id});
    if (one.empty())
        return std::nullopt;
    return std::move(one.front());
}

std::vector<PersonInfo> PeopleService::personsWhere(const QString &where,
                                                    const QVariantList &values)
{
    std::vector<PersonInfo> out;
    QSqlQuery q(m_catalog.database());
    q.setForwardOnly(true);
    run(q,
        // Photos count the ones the person is tagged on without a face too.
        QStringLiteral("SELECT pe.id, pe.name, pe.hidden, pe.cover_face_id, pe.birth_date, "
                       "count(f.id), "
                       "count(DISTINCT f.photo_id) + (SELECT count(*) FROM photo_persons t "
                       "WHERE t.person_id = pe.id AND NOT EXISTS (SELECT 1 FROM faces g WHERE "
                       "g.photo_id = t.photo_id AND g.person_id = pe.id)) FROM persons pe "
                       "LEFT JOIN faces f ON f.person_id = pe.id %1 "
                       "GROUP BY pe.id ORDER BY count(f.id) DESC, pe.id")
            .arg(where),
        values);
    while (q.next()) {
        PersonInfo p;
        p.id = q.value(0).toLongLong();
        p.name = q.value(1).toString();
        p.hidden = q.value(2).toBool();
        if (!q.value(3).isNull())
            p.coverFaceId = q.value(3).toLongLong();
        p.birthDate = QDate::fromString(q.value(4).toString(), Qt::ISODate);
        p.faces = q.value(5).toInt();
        p.photos = q.value(6).toInt();
        out.push_back(std::move(p));
    }
    return out;
}

bool PeopleService::personExists(qint64 id)
{
    QSqlQuery q(m_catalog.database());
    return run(q, QStringLiteral("SELECT 1 FROM persons WHERE id = ?"), {id}) && q.next();
}

bool PeopleService::stageFaces(const QList<qint64> &faceIds)
{
    m_error = stageRows(m_catalog.database(), QStringLiteral("edit_faces"),
                        QStringLiteral("id INTEGER PRIMARY KEY"), 1, faceIds.size(),
                        [&](SqliteStatement &add, qsizetype r) { add.bind(1, faceIds[r]); });
    return m_error.isEmpty();
}

bool PeopleService::facesExist(const QList<qint64> &faceIds)
{
    if (faceIds.isEmpty()) {
        m_error = QStringLiteral("no faces given");
        return false;
    }
    if (!stageFaces(faceIds))
        return false;
    SqliteStatement missing(m_catalog.database(),
                            QStringLiteral("SELECT e.id FROM temp.edit_faces e WHERE NOT EXISTS "
                                           "(SELECT 1 FROM faces f WHERE f.id = e.id) LIMIT 1"));
    if (missing.next()) {
        m_error = QStringLiteral("there is no face %1").arg(missing.integer(0));
        return false;
    }
    if (missing.failed()) {
        m_error = missing.errorString();
        return false;
    }
    return true;
}

QString PeopleService::nameOf(qint64 personId)
{
    QSqlQuery q(m_catalog.database());
    if (run(q, QStringLiteral("SELECT coalesce(name, '') FROM persons WHERE id = ?"), {personId}) &&
        q.next() && !q.value(0).toString().isEmpty())
        return q.value(0).toString();
    return QCoreApplication::translate("facefolio::PeopleService", "Unnamed %1").arg(personId);
}

QList<qint64> PeopleService::personsOf(const QList<qint64> &faceIds)
{
    if (faceIds.isEmpty() || !stageFaces(faceIds))
        return {};
    return personsOfStaged(faceIds);
}

QList<qint64> PeopleService::personsOfStaged(const QList<qint64> &faceIds)
{
    QList<qint64> out;
    SqliteStatement q(m_catalog.database(),
                      QStringLiteral("SELECT f.id, f.person_id FROM faces f JOIN temp.edit_faces "
                                     "e ON e.id = f.id WHERE f.person_id IS NOT NULL"));
    QHash<qint64, qint64> personOf;
    while (q.next())
        personOf.insert(q.integer(0), q.integer(1));
    // In the order of the faces given.
    QSet<qint64> seen;
    for (qint64 id : faceIds)
        if (const auto it = personOf.constFind(id); it != personOf.cend() && !seen.contains(*it)) {
            seen.insert(*it);
            out.append(*it);
        }
    return out;
}

bool PeopleService::journaled(const QString &label, const QList<qint64> &faceIds,
                              const QList<qint64> &personIds, const std::function<bool()> &edit,
                              const std::function<QList<qint64>()> &created)
{
    if (!m_catalog.transaction())
        return fail(m_catalog.errorString());
    EditJournal journal(m_catalog);
    EditJournal::Snapshot before;
    if (!journal.capture(faceIds, personIds, before))
        return fail(journal.errorString());
    m_error.clear();
    if (!edit())
        return fail(m_error.isEmpty() ? QStringLiteral("the edit failed") : m_error);
    if (!journal.record(label, std::move(before), created ? created() : QList<qint64>{}))
        return fail(journal.errorString());
    return m_catalog.commit() || fail(m_catalog.errorString());
}

bool PeopleService::editFaces(const QString &label, const QList<qint64> &faceIds,
                              const QList<qint64> &extraPersons,
                              const std::function<bool(QSqlQuery &)> &edit)
{
    // facesExist stages the faces; the journal stages its own table, so the
    // edit's statements join exactly these.
    if (!facesExist(faceIds))
        return fail(m_error);
    return journaled(label, faceIds, personsOfStaged(faceIds) + extraPersons, [&] {
        QSqlQuery q(m_catalog.database());
        return edit(q) || (m_error = q.lastError().text(), false);
    });
}

bool PeopleService::rename(qint64 personId, const QString &name)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    const QString clean = name.simplified();
    if (clean.isEmpty())
        return fail(
            QCoreApplication::translate("facefolio::PeopleService", "a name cannot be empty"));
    // Control characters would end up in folder names and sidecars.
    for (const QChar c : clean)
        if (c.category() == QChar::Other_Control || c.category() == QChar::Other_Format)
            return fail(QCoreApplication::translate("facefolio::PeopleService",
                                                    "a name cannot hold control characters"));
    const QString label = QCoreApplication::translate("facefolio::PeopleService", "Rename %1 to %2")
                              .arg(quoted(nameOf(personId)), quoted(clean));
    return journaled(label, {}, {personId}, [&] {
        QSqlQuery q(m_catalog.database());
        return run(q, QStringLiteral("UPDATE persons SET name = ? WHERE id = ?"),
                   {clean, personId}) ||
               (m_error = q.lastError().text(), false);
    });
}

bool PeopleService::merge(qint64 fromId, qint64 intoId)
{
    if (fromId == intoId)
        return fail(QStringLiteral("a person cannot be merged into itself"));
    if (!personExists(fromId) || !personExists(intoId))
        return fail(
            QStringLiteral("there is no person %1").arg(personExists(fromId) ? intoId : fromId));
    // Every face of both and every face either rejected may change.
    QList<qint64> faces;
    {
        QSqlQuery q(m_catalog.database());
        q.setForwardOnly(true);
        if (!run(q,
                 QStringLiteral("SELECT id FROM faces WHERE person_id IN (?, ?) UNION "
                                "SELECT face_id FROM face_rejections WHERE person_id IN (?, ?)"),
                 {fromId, intoId, fromId, intoId}))
            return fail(q.lastError().text());
        while (q.next())
            faces.append(q.value(0).toLongLong());
    }
    const QString label =
        QCoreApplication::translate("facefolio::PeopleService", "Merge %1 into %2")
            .arg(quoted(nameOf(fromId)), quoted(nameOf(intoId)));
    return journaled(label, faces, {fromId, intoId}, [&] {
        QSqlQuery q(m_catalog.database());
        const bool ok =
            run(q,
                // A face already confirmed in the survivor keeps its row.
                QStringLiteral("UPDATE faces SET person_id = ?, confirmed = 1 WHERE person_id "
                               "IN (?, ?) AND NOT (person_id = ? AND confirmed = 1)"),
                {intoId, fromId, intoId, intoId}) &&
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
                    "birth_date = coalesce(birth_date, (SELECT birth_date FROM persons WHERE "
                    "id = ?)), hidden = 0 WHERE id = ?"),
                {fromId, fromId, fromId, intoId}) &&
            // Photos the user tagged with either show the survivor.
            run(q,
                QStringLiteral("INSERT OR IGNORE INTO photo_persons(photo_id, person_id) "
                               "SELECT photo_id, ? FROM photo_persons WHERE person_id = ?"),
                {intoId, fromId}) &&
            run(q, QStringLiteral("DELETE FROM persons WHERE id = ?"), {fromId});
        return ok || (m_error = q.lastError().text(), false);
    });
}

namespace {

QString facesText(qsizetype n)
{
    return n == 1 ? QCoreApplication::translate("facefolio::PeopleService", "1 face")
                  : QCoreApplication::translate("facefolio::PeopleService", "%1 faces").arg(n);
}

} // namespace

bool PeopleService::moveFaces(const QList<qint64> &faceIds, qint64 toPersonId)
{
    if (!personExists(toPersonId))
        return fail(QStringLiteral("there is no person %1").arg(toPersonId));
    const QString label = QCoreApplication::translate("facefolio::PeopleService", "Move %1 to %2")
                              .arg(facesText(faceIds.size()), quoted(nameOf(toPersonId)));
    return editFaces(label, faceIds, {toPersonId}, [toPersonId](QSqlQuery &q) {
        return detail::moveStagedFacesTo(q, toPersonId);
    });
}

qint64 PeopleService::splitToNewPerson(const QList<qint64> &faceIds, const QString &name)
{
    if (!facesExist(faceIds)) {
        fail(m_error);
        return 0;
    }
    const QString clean = name.simplified();
    qint64 id = 0;
    const QString label =
        QCoreApplication::translate("facefolio::PeopleService", "Split %1 into a new person")
            .arg(facesText(faceIds.size()));
    const bool ok = journaled(
        label, faceIds, personsOfStaged(faceIds),
        [&] {
            QSqlQuery q(m_catalog.database());
            if (!(id = detail::insertPerson(q, clean))) {
                m_error = q.lastError().text();
                return false;
            }
            return detail::moveStagedFacesTo(q, id) || (m_error = q.lastError().text(), false);
        },
        [&] { return QList<qint64>{id}; });
    return ok ? id : 0;
}

bool PeopleService::removeFromPerson(const QList<qint64> &faceIds)
{
    const QString label =
        QCoreApplication::translate("facefolio::PeopleService", "Remove %1 from their person")
            .arg(facesText(faceIds.size()));
    return editFaces(label, faceIds, {}, [](QSqlQuery &q) {
        const QString staged = QLatin1String(detail::kStagedFaces);
        return run(q,
                   QStringLiteral("INSERT OR IGNORE INTO face_rejections(face_id, person_id) "
                                  "SELECT id, person_id FROM faces WHERE id IN (%1) AND "
                                  "person_id IS NOT NULL")
                       .arg(staged),
                   {}) &&
               run(q,
                   QStringLiteral("UPDATE faces SET person_id = NULL, confirmed = 0, clustered = 1 "
                                  "WHERE id IN (%1)")
                       .arg(staged),
                   {});
    });
}

bool PeopleService::setNotFace(const QList<qint64> &faceIds, bool notFace)
{
    const QString label =
        notFace ? QCoreApplication::translate("facefolio::PeopleService", "Mark %1 as not a face")
                      .arg(facesText(faceIds.size()))
                : QCoreApplication::translate("facefolio::PeopleService", "Mark %1 as a face")
                      .arg(facesText(faceIds.size()));
    return editFaces(label, faceIds, {}, [notFace](QSqlQuery &q) {
        const QString staged = QLatin1String(detail::kStagedFaces);
        return notFace ? run(q,
                             QStringLiteral("UPDATE faces SET not_face = 1, person_id = NULL, "
                                            "confirmed = 0, clustered = 1 WHERE id IN (%1)")
                                 .arg(staged),
                             {})
                       : run(q,
                             QStringLiteral("UPDATE faces SET not_face = 0, clustered = 0 WHERE "
                                            "id IN (%1)")
                                 .arg(staged),
                             {});
    });
}

bool PeopleService::setHidden(qint64 personId, bool hidden)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    const QString label = hidden
                              ? QCoreApplication::translate("facefolio::PeopleService", "Hide %1")
                                    .arg(quoted(nameOf(personId)))
                              : QCoreApplication::translate("facefolio::PeopleService", "Show %1")
                                    .arg(quoted(nameOf(personId)));
    return journaled(label, {}, {personId}, [&] {
        QSqlQuery q(m_catalog.database());
        return run(q, QStringLiteral("UPDATE persons SET hidden = ? WHERE id = ?"),
                   {hidden ? 1 : 0, personId}) ||
               (m_error = q.lastError().text(), false);
    });
}

bool PeopleService::setBirthDate(qint64 personId, const QDate &date)
{
    if (!personExists(personId))
        return fail(QStringLiteral("there is no person %1").arg(personId));
    if (!date.isNull() && !date.isValid())
        return fail(QCoreApplication::translate("facefolio::PeopleService", "that is not a date"));
    if (date.isValid() && date > QDate::currentDate())
        return fail(QCoreApplication::translate("facefolio::PeopleService",
                                                "a birth date cannot be in the future"));
    if (date.isValid() && date.year() < 1800)
        return fail(QCoreApplication::translate("facefolio::PeopleService",
                                                "a birth date must be in 1800 or later"));
    const QString name = quoted(nameOf(personId));
    const QString label =
        date.isValid()
            ? QCoreApplication::translate("facefolio::PeopleService", "Set the birth date of %1")
                  .arg(name)
            : QCoreApplication::translate("facefolio::PeopleService", "Remove the birth date of %1")
                  .arg(name);
    return journaled(label, {}, {personId}, [&] {
        QSqlQuery q(m_catalog.database());
        return run(q, QStringLiteral("UPDATE persons SET birth_date = ? WHERE id = ?"),
                   {date.isValid() ? QVariant(date.toString(Qt::ISODate))
                                   : QVariant(QMetaType::fromType<QString>()),
                    personId}) ||
               (m_error = q.lastError().text(), false);
    });
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
    const QString label =
        QCoreApplication::translate("facefolio::PeopleService", "Set the cover of %1")
            .arg(quoted(nameOf(personId)));
    return journaled(label, {}, {personId}, [&] {
        return run(q, QStringLiteral("UPDATE persons SET cover_face_id = ? WHERE id = ?"),
                   {faceId, personId}) ||
               (m_error = q.lastError().text(), false);
    });
}

bool PeopleService::recordWhole(const QString &label, const std::function<bool()> &edit)
{
    // The edit (a clustering run) keeps its own transaction, so the entry is
    // written in a second one: a process killed in between keeps the edit
    // without its undo entry, never the reverse.
    EditJournal journal(m_catalog);
    EditJournal::Snapshot before;
    if (!journal.capture({}, {}, before, true))
        return fail(journal.errorString());
    m_error.clear();
    if (!edit())
        return fail(m_error.isEmpty() ? QStringLiteral("the edit failed") : m_error);
    if (!m_catalog.transaction())
        return fail(m_catalog.errorString());
    if (!journal.record(label, std::move(before)))
        return fail(journal.errorString());
    return m_catalog.commit() || fail(m_catalog.errorString());
}

std::vector<EditEntry> PeopleService::history()
{
    return EditJournal(m_catalog).entries();
}

bool PeopleService::undo(qint64 expectedId)
{
    EditJournal journal(m_catalog);
    return journal.undo(expectedId) || fail(journal.errorString());
}

bool PeopleService::redo(qint64 expectedId)
{
    EditJournal journal(m_catalog);
    return journal.redo(expectedId) || fail(journal.errorString());
}

} // namespace facefolio
