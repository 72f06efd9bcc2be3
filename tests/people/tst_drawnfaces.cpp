// Faces the user drew and persons tagged on a photo without a face (issue
// 18), on a real catalog of synthetic faces: adding, moving, resizing and
// removing a drawn face are each one step that undo and redo take back
// exactly; a tag counts in "photos of X", survives a merge and its undo and a
// re-cluster; a drawn face joins its person on the next clustering when it is
// close enough, and is asked about when it is not.

#include "catalog/catalog.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "people/reviewquestions.h"
#include "syntheticalbum.h"

#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;
using namespace facefolio::test;

namespace {

struct Row
{
    bool exists = false;
    QRect box;
    QByteArray embedding, chip;
    qint64 person = 0;
    bool operator==(const Row &) const = default;
};

Row rowOf(Catalog &c, qint64 face)
{
    QSqlQuery q(c.database());
    q.prepare(QStringLiteral("SELECT f.x, f.y, f.w, f.h, v.embedding, c.chip, "
                             "coalesce(f.person_id, 0) FROM faces f LEFT JOIN face_chips c ON "
                             "c.face_id = f.id LEFT JOIN face_vectors v ON v.face_id = f.id "
                             "WHERE f.id = ?"));
    q.addBindValue(face);
    Row r;
    if (q.exec() && q.next())
        r = {true,
             QRect(q.value(0).toInt(), q.value(1).toInt(), q.value(2).toInt(), q.value(3).toInt()),
             q.value(4).toByteArray(), q.value(5).toByteArray(), q.value(6).toLongLong()};
    return r;
}

DetectedFace drawn(World &w, int identity, const QRect &box)
{
    DetectedFace f;
    f.box = box;
    f.embedding = w.face(identity);
    f.chipJpeg = QByteArray("\xff\xd8 chip of ", 11) + QByteArray::number(box.x());
    return f;
}

qint64 photoOf(Catalog &c, qint64 face)
{
    QSqlQuery q(c.database());
    q.prepare(QStringLiteral("SELECT photo_id FROM faces WHERE id = ?"));
    q.addBindValue(face);
    return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
}

} // namespace

class TestDrawnFaces : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // Two identities of 6 photos each, clustered into two persons, and a
    // photo of identity 0 seen from behind (no face found).
    struct Family
    {
        std::unique_ptr<Album> album;
        QList<qint64> mom, dad;
        qint64 momPerson = 0, dadPerson = 0, back = 0;
    };
    Family family(World &w)
    {
        Family f;
        f.album = std::make_unique<Album>(m_dir.filePath(QStringLiteral("d%1.sqlite").arg(++m_n)));
        if (!f.album->catalog.open())
            qFatal("cannot open catalog");
        for (int k = 0; k < 6; ++k) {
            f.mom << f.album->addPhoto(w, {0});
            f.dad << f.album->addPhoto(w, {1});
        }
        f.back = photoOf(f.album->catalog, f.album->addPhoto(w, {1})[0]);
        Clusterer::run(f.album->catalog, {});
        f.momPerson = f.album->personOf(f.mom[0]);
        f.dadPerson = f.album->personOf(f.dad[0]);
        PeopleService people(f.album->catalog);
        people.rename(f.momPerson, QStringLiteral("Mom"));
        people.rename(f.dadPerson, QStringLiteral("Dad"));
        return f;
    }

private Q_SLOTS:
    void addingADrawnFaceUndoesAndRedoesExactly()
    {
        World w(2);
        Family f = family(w);
        Catalog &c = f.album->catalog;
        PeopleService people(c);
        const int momFaces = people.person(f.momPerson)->faces;
        const qint64 id =
            people.addDrawnFace(f.back, drawn(w, 0, QRect(600, 300, 140, 160)), f.momPerson);
        QVERIFY2(id > 0, qPrintable(people.errorString()));
        const Row added = rowOf(c, id);
        QVERIFY(added.exists);
        QCOMPARE(added.person, f.momPerson);
        QCOMPARE(people.person(f.momPerson)->faces, momFaces + 1);
        QCOMPARE(people.history().back().label, QStringLiteral("Draw a face of \u201cMom\u201d"));
        // One undo takes the face away, with nothing else changed.
        QVERIFY2(people.undo(), qPrintable(people.errorString()));
        QVERIFY(!rowOf(c, id).exists);
        QCOMPARE(people.person(f.momPerson)->faces, momFaces);
        // Redo puts back the same face: its id, box, analysis, chip and person.
        QVERIFY2(people.redo(), qPrintable(people.errorString()));
        QCOMPARE(rowOf(c, id), added);
        // A face drawn on a face already there is refused, nothing recorded.
        const size_t entries = people.history().size();
        QCOMPARE(people.addDrawnFace(f.back, drawn(w, 0, QRect(610, 310, 140, 160)), f.momPerson),
                 0);
        QVERIFY(people.errorString().contains(QStringLiteral("already there")));
        QCOMPARE(people.history().size(), entries);
    }

    void aDrawnFaceForANewPersonTakesThePersonBackOnUndo()
    {
        World w(3);
        Family f = family(w);
        PeopleService people(f.album->catalog);
        const int persons = int(people.persons().size());
        const qint64 id = people.addDrawnFace(f.back, drawn(w, 2, QRect(600, 300, 140, 160)),
                                              PeopleService::kNewPerson, QStringLiteral("Gran"));
        QVERIFY(id > 0);
        const qint64 gran = f.album->personOf(id);
        QCOMPARE(people.person(gran)->name, QStringLiteral("Gran"));
        QCOMPARE(int(people.persons().size()), persons + 1);
        QVERIFY(people.undo());
        QVERIFY(!people.person(gran));
        QCOMPARE(int(people.persons().size()), persons);
        QVERIFY(people.redo());
        QCOMPARE(f.album->personOf(id), gran);
        QCOMPARE(people.person(gran)->name, QStringLiteral("Gran"));
    }

    void movingAndResizingABoxUndoesToTheOldBoxAndAnalysis()
    {
        World w(2);
        Family f = family(w);
        Catalog &c = f.album->catalog;
        PeopleService people(c);
        const qint64 id =
            people.addDrawnFace(f.back, drawn(w, 0, QRect(600, 300, 140, 160)), f.momPerson);
        QVERIFY(id > 0);
        const Row first = rowOf(c, id);
        // Moved.
        QVERIFY2(people.redrawFace(id, drawn(w, 0, QRect(640, 320, 140, 160))),
                 qPrintable(people.errorString()));
        const Row moved = rowOf(c, id);
        QCOMPARE(moved.box, QRect(640, 320, 140, 160));
        QVERIFY(moved.embedding != first.embedding);
        QCOMPARE(moved.person, f.momPerson);
        // Resized.
        QVERIFY(people.redrawFace(id, drawn(w, 0, QRect(640, 320, 200, 230))));
        const Row resized = rowOf(c, id);
        QCOMPARE(resized.box.size(), QSize(200, 230));
        QVERIFY(people.undo());
        QCOMPARE(rowOf(c, id), moved);
        QVERIFY(people.undo());
        QCOMPARE(rowOf(c, id), first);
        QVERIFY(people.redo());
        QVERIFY(people.redo());
        QCOMPARE(rowOf(c, id), resized);
        // A box moved onto another face of the photo is refused.
        const qint64 detected = [&] {
            QSqlQuery q(c.database());
            q.prepare(QStringLiteral("SELECT id FROM faces WHERE photo_id = ? AND manual = 0"));
            q.addBindValue(f.back);
            return q.exec() && q.next() ? q.value(0).toLongLong() : 0;
        }();
        QVERIFY(detected > 0);
        QVERIFY(!people.redrawFace(id, drawn(w, 0, rowOf(c, detected).box)));
        QCOMPARE(rowOf(c, id), resized);
        // A detected face is not moved or removed by hand.
        QVERIFY(!people.redrawFace(detected, drawn(w, 0, QRect(10, 10, 100, 100))));
        QVERIFY(!people.removeDrawnFace(detected));
        QVERIFY(rowOf(c, detected).exists);
    }

    void removingADrawnFaceUndoesWithItsPersonCoverAndDecisions()
    {
        World w(2);
        Family f = family(w);
        Catalog &c = f.album->catalog;
        PeopleService people(c);
        const qint64 id =
            people.addDrawnFace(f.back, drawn(w, 0, QRect(600, 300, 140, 160)), f.momPerson);
        QVERIFY(id > 0);
        QVERIFY(people.setCover(f.momPerson, id));
        QVERIFY(people.markDifferent({id}, {f.dad[0]}));
        const Row before = rowOf(c, id);
        const int momFaces = people.person(f.momPerson)->faces;
        QVERIFY2(people.removeDrawnFace(id), qPrintable(people.errorString()));
        QVERIFY(!rowOf(c, id).exists);
        QCOMPARE(people.person(f.momPerson)->faces, momFaces - 1);
        QVERIFY(people.person(f.momPerson)->coverFaceId.value_or(0) != id);
        QVERIFY(people.undo());
        QCOMPARE(rowOf(c, id), before);
        QCOMPARE(people.person(f.momPerson)->coverFaceId.value_or(0), id);
        QSqlQuery q(c.database());
        q.prepare(QStringLiteral("SELECT count(*) FROM face_distinct WHERE a = ? OR b = ?"));
        q.addBindValue(id);
        q.addBindValue(id);
        QVERIFY(q.exec() && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
        QVERIFY(people.redo());
        QVERIFY(!rowOf(c, id).exists);
        // The drawn face's whole history can be walked back to the start.
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QVERIFY(!rowOf(c, id).exists);
    }

    void aTagCountsInPhotosOfThePersonAndSurvivesMergeAndRecluster()
    {
        World w(2);
        Family f = family(w);
        Catalog &c = f.album->catalog;
        PeopleService people(c);
        const int momPhotos = people.person(f.momPerson)->photos;
        // Dad has a face on the photo: tagging him there too is refused.
        QVERIFY(!people.tagPerson(f.back, f.dadPerson));
        QVERIFY(people.errorString().contains(QStringLiteral("already has a face")));
        QVERIFY2(people.tagPerson(f.back, f.momPerson), qPrintable(people.errorString()));
        QCOMPARE(c.taggedPersons(f.back), std::vector<qint64>{f.momPerson});
        QCOMPARE(people.person(f.momPerson)->photos, momPhotos + 1);
        QCOMPARE(people.person(f.momPerson)->faces, 6); // a tag is no face
        QVERIFY(people.undo());
        QVERIFY(c.taggedPersons(f.back).empty());
        QVERIFY(people.redo());
        QCOMPARE(c.taggedPersons(f.back), std::vector<qint64>{f.momPerson});
        // Merged away, the photo shows the survivor; undone, Mom again.
        QVERIFY(people.merge(f.momPerson, f.dadPerson));
        QCOMPARE(c.taggedPersons(f.back), std::vector<qint64>{f.dadPerson});
        QVERIFY(people.undo());
        QCOMPARE(c.taggedPersons(f.back), std::vector<qint64>{f.momPerson});
        // A full re-cluster keeps tags and the tagged person, even unnamed.
        const qint64 stranger = people.splitToNewPerson({f.mom[5]});
        QVERIFY(stranger > 0);
        QVERIFY(people.tagPerson(f.back, stranger));
        QVERIFY(people.moveFaces({f.mom[5]}, f.momPerson));
        ClusterOptions full;
        full.full = true;
        QVERIFY(Clusterer::run(c, full).ok);
        QVERIFY(people.person(stranger));
        QCOMPARE(c.taggedPersons(f.back), (std::vector<qint64>{f.momPerson, stranger}));
        // Untag is undoable too.
        QVERIFY(people.untagPerson(f.back, f.momPerson));
        QCOMPARE(c.taggedPersons(f.back), std::vector<qint64>{stranger});
        QVERIFY(people.undo());
        QCOMPARE(c.taggedPersons(f.back), (std::vector<qint64>{f.momPerson, stranger}));
    }

    void aDrawnFaceJoinsItsPersonOrIsAskedAbout()
    {
        World w(2);
        const int later = w.drifted(0, 0.45f);
        Family f = family(w);
        Catalog &c = f.album->catalog;
        PeopleService people(c);
        // Left to clustering: a drawn face close to Mom's joins Mom.
        const qint64 near = people.addDrawnFace(f.back, drawn(w, 0, QRect(600, 300, 140, 160)), 0);
        QVERIFY(near > 0);
        QCOMPARE(f.album->personOf(near), 0);
        QVERIFY(Clusterer::run(c, {}).ok);
        QCOMPARE(f.album->personOf(near), f.momPerson);
        // Mom years later, too far to join: asked "Is this Mom?" or about a
        // group of its own, never put into Dad. (On another photo: two faces
        // of one photo are two people, so Mom there would never be asked.)
        const qint64 other = photoOf(c, f.album->addPhoto(w, {1})[0]);
        const qint64 far =
            people.addDrawnFace(other, drawn(w, later, QRect(300, 500, 140, 160)), 0);
        QVERIFY(far > 0);
        QVERIFY(Clusterer::run(c, {}).ok);
        QVERIFY(f.album->personOf(far) != f.dadPerson);
        QVERIFY(f.album->personOf(far) != f.momPerson);
        ReviewQuestions r;
        QVERIFY2(r.load(c), qPrintable(r.errorString()));
        bool asked = false;
        const qint64 own = f.album->personOf(far);
        for (const ReviewQuestion &q : r.questions())
            asked = asked ||
                    (q.kind == ReviewQuestion::Kind::Face && q.face == far &&
                     q.personA == f.momPerson) ||
                    (q.kind == ReviewQuestion::Kind::SamePerson && own > 0 &&
                     ((q.personA == own && q.personB == f.momPerson) ||
                      (q.personB == own && q.personA == f.momPerson)));
        QVERIFY2(asked, "the far drawn face should be asked about as Mom");
    }
};

QTEST_GUILESS_MAIN(TestDrawnFaces)
#include "tst_drawnfaces.moc"
