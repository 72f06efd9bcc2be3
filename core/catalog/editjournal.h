#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QRect>
#include <QString>
#include <optional>
#include <vector>

namespace facefolio {

class Catalog;

/// One recorded edit of the user's people, as the undo history shows it.
struct EditEntry
{
    qint64 id = 0;
    QString label;       ///< what the edit did, for "Undo <label>"
    bool undone = false; ///< undone and not redone since
    qint64 atMs = 0;
};

/// The undo history of the people edits, kept in the catalog so it survives
/// a restart (and a crash: an entry is written in the same transaction as
/// its edit). Each entry holds the state of every face and person the edit
/// touched before and after it; undo writes the "before" state back, redo
/// the "after" state. Undo goes back from the newest applied entry, redo
/// forward from the oldest undone one; recording a new edit drops the
/// undone entries, as in every editor.
class EditJournal final
{
public:
    /// Entries kept; older ones are dropped when a new edit is recorded.
    static constexpr int kMaxEntries = 500;

    explicit EditJournal(Catalog &catalog);

    /// The state of these faces and persons (rejections included), as it is
    /// now. Persons that do not exist are recorded as absent.
    struct Snapshot
    {
        struct Person
        {
            qint64 id = 0;
            bool exists = false;
            QString name;
            qint64 cover = 0; ///< 0: none
            bool hidden = false;
            qint64 createdAt = 0;
            QList<qint64> tags; ///< photos showing the person without a face
            QDate birthDate;    ///< invalid: not known
        };
        struct Face
        {
            qint64 id = 0;
            qint64 person = 0; ///< 0: none
            bool confirmed = false;
            bool notFace = false;
            bool clustered = false;
            QList<qint64> rejectedBy;
            QList<qint64> distinctFrom; ///< faces the user said are someone else
            /// False for a face that did not exist (before it was drawn, after
            /// it was removed): applying the state removes a drawn face.
            bool exists = true;
            /// A face the user drew keeps its whole row, so undo and redo can
            /// put it back, or put its box back, with the analysis of that box.
            struct Drawn
            {
                qint64 photo = 0;
                QRect box;
                QByteArray landmarks, embedding, chip;
                int encoder = 0;
            };
            std::optional<Drawn> drawn;
        };
        std::vector<Person> persons;
        std::vector<Face> faces;
        bool whole = false; ///< taken of the whole catalog (not stored)
        /// False for entries written before schema 8, which did not record
        /// distinctFrom: applying them leaves those pairs alone.
        bool hasDistinct = true;
        /// False for entries written before schema 9, which did not record
        /// tags and drawn faces: applying them leaves both alone.
        bool hasManual = true;
        /// False for entries written before schema 10, which did not record
        /// birth dates: applying them leaves those alone.
        bool hasBirthDate = true;

        QByteArray toBytes() const;
        static bool fromBytes(const QByteArray &bytes, Snapshot &out);
    };

    /// Reads the state. `allFaces` takes every face and person (a re-cluster).
    /// Listed faces that do not exist are recorded as absent.
    bool capture(const QList<qint64> &faceIds, const QList<qint64> &personIds, Snapshot &out,
                 bool allFaces = false);
    /// Writes an entry for an edit made since `before` was captured, inside
    /// the caller's transaction. The "after" state covers the same faces and
    /// persons plus `createdPersons`, which `before` lists as absent.
    bool record(const QString &label, Snapshot before, const QList<qint64> &createdPersons = {});

    std::vector<EditEntry> entries();
    /// The entry an undo would revert, or 0.
    qint64 undoableId();
    /// The entry a redo would apply again, or 0.
    qint64 redoableId();
    /// Reverts the newest applied entry; `expectedId`, when not 0, must be it.
    bool undo(qint64 expectedId = 0);
    /// Applies the oldest undone entry again; `expectedId` as for undo().
    bool redo(qint64 expectedId = 0);

    QString errorString() const { return m_error; }

private:
    bool apply(const Snapshot &state);
    bool step(bool undo, qint64 expectedId);
    bool fail(const QString &what);

    Catalog &m_catalog;
    QString m_error;
};

} // namespace facefolio
