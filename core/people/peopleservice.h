#pragma once

#include "catalog/editjournal.h"

#include <QDate>
#include <QList>
#include <QSqlQuery>
#include <QString>
#include <QVariantList>
#include <functional>
#include <optional>
#include <vector>

namespace facefolio {

class Catalog;
struct DetectedFace;

struct PersonInfo
{
    qint64 id = 0;
    QString name; ///< empty when the user has not named the person
    int faces = 0;
    int photos = 0;
    bool hidden = false;
    std::optional<qint64> coverFaceId;
    QDate birthDate; ///< invalid: not known

    /// The name shown to a user: the name, or "Unnamed <id>".
    QString displayName() const;
};

/// The user's edits of people, each one transaction that also records the
/// decision so clustering honours it afterwards:
/// - a face moved to a person is confirmed for it and rejected by the person
///   it left, which the clustering never gives it back to;
/// - merging confirms every face of both persons, so they stay together;
/// - "not a face" and hidden persons are left out of clustering.
/// Each call returns false and sets errorString() when nothing was changed.
class PeopleService final
{
public:
    explicit PeopleService(Catalog &catalog);

    std::vector<PersonInfo> persons(bool includeHidden = true);
    std::optional<PersonInfo> person(qint64 id);

    /// Names a person; the name is trimmed and must not be empty.
    bool rename(qint64 personId, const QString &name);
    /// Moves every face of `fromId` into `intoId` and deletes `fromId`. The
    /// survivor keeps its name; it takes the other's name only if it has none.
    bool merge(qint64 fromId, qint64 intoId);
    /// Moves faces to a person as the user's confirmed choice.
    bool moveFaces(const QList<qint64> &faceIds, qint64 toPersonId);
    /// Splits faces off into a new person; returns its id, or 0.
    qint64 splitToNewPerson(const QList<qint64> &faceIds, const QString &name = {});
    /// Takes faces out of their person; they will not be put back into it.
    bool removeFromPerson(const QList<qint64> &faceIds);
    bool setNotFace(const QList<qint64> &faceIds, bool notFace);
    bool setHidden(qint64 personId, bool hidden);
    bool setCover(qint64 personId, qint64 faceId);
    /// Gives a person a birth date, for their age on each photo; a null date
    /// removes it. Refused for dates in the future or before 1800.
    bool setBirthDate(qint64 personId, const QDate &date);

    /// The answer "no" to "Same person?": the faces of `facesA` and of
    /// `facesB` are different people. Clustering never puts one of each into
    /// one person again, and no question pairs groups holding them.
    bool markDifferent(const QList<qint64> &facesA, const QList<qint64> &facesB);
    /// The answer to "Is this X?" / "More photos of X?", as one undoable step:
    /// `accepted` faces move to the person (confirmed, as a drag would),
    /// `rejected` faces are never X (taken out of X if they were in it).
    bool reviewFaces(qint64 personId, const QList<qint64> &accepted, const QList<qint64> &rejected);

    /// addDrawnFace()'s person: a new person made for the face.
    static constexpr qint64 kNewPerson = -1;
    /// A face the user drew on a photo (analysed from its box) as one
    /// undoable step: added as a manual face and, when `personId` is a person
    /// (or kNewPerson, named `newName`), confirmed for it; 0 leaves it to
    /// clustering. Returns the face's id, or 0.
    qint64 addDrawnFace(qint64 photoId, const DetectedFace &face, qint64 personId,
                        const QString &newName = {});
    /// Gives a drawn face a new box (moved or resized) with its analysis.
    bool redrawFace(qint64 faceId, const DetectedFace &face);
    /// Takes a drawn face off its photo; detected faces are "not a face" instead.
    bool removeDrawnFace(qint64 faceId);
    bool isDrawnFace(qint64 faceId);
    /// A person shown on a photo without a usable face, and its removal.
    bool tagPerson(qint64 photoId, qint64 personId);
    bool untagPerson(qint64 photoId, qint64 personId);

    /// Runs `edit` (for example a re-cluster on this connection, which keeps
    /// its own transaction) and records it as one undoable entry over the
    /// whole catalog.
    bool recordWhole(const QString &label, const std::function<bool()> &edit);

    /// Every edit above is recorded in the catalog's undo history.
    std::vector<EditEntry> history();
    /// Reverts the newest edit not undone; `expectedId` as EditJournal::undo.
    bool undo(qint64 expectedId = 0);
    /// Applies again the oldest undone edit.
    bool redo(qint64 expectedId = 0);

    QString errorString() const { return m_error; }

private:
    bool fail(const QString &what);
    /// The persons matching `where` (a WHERE clause on persons `pe`), largest first.
    std::vector<PersonInfo> personsWhere(const QString &where, const QVariantList &values);
    bool personExists(qint64 id);
    /// Puts these faces in temp.edit_faces (detail::kStagedFaces); false
    /// with the error.
    bool stageFaces(const QList<qint64> &faceIds);
    bool facesExist(const QList<qint64> &faceIds);
    QString nameOf(qint64 personId);
    QList<qint64> personsOf(const QList<qint64> &faceIds);
    /// personsOf() for faces already staged (stageFaces, facesExist).
    QList<qint64> personsOfStaged(const QList<qint64> &faceIds);
    /// Runs `edit` in one transaction and records it in the undo history with
    /// the state of these faces and persons before and after. `created`
    /// names the persons the edit made, once it ran.
    bool journaled(const QString &label, const QList<qint64> &faceIds,
                   const QList<qint64> &personIds, const std::function<bool()> &edit,
                   const std::function<QList<qint64>()> &created = {});
    /// Checks the faces exist, stages them, and runs `edit` (statements over
    /// the staged faces) as one journaled edit.
    bool editFaces(const QString &label, const QList<qint64> &faceIds,
                   const QList<qint64> &extraPersons, const std::function<bool(QSqlQuery &)> &edit);

    Catalog &m_catalog;
    QString m_error;
};

} // namespace facefolio
