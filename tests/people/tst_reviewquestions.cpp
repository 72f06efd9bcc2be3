// The review questions on a real catalog of synthetic faces: a person split
// in two is asked about first; a yes is a merge that undoes exactly; a no is
// remembered, survives a full re-cluster and is never asked again; "Is this
// X?" for a face left alone; groups sharing a photo are never proposed.

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

bool cluster(Album &a, bool full = false)
{
    ClusterOptions o;
    o.full = full;
    return Clusterer::run(a.catalog, o).ok;
}

bool asksSamePerson(const ReviewQuestions &r, qint64 x, qint64 y)
{
    for (const ReviewQuestion &q : r.questions())
        if (q.kind == ReviewQuestion::Kind::SamePerson &&
            ((q.personA == x && q.personB == y) || (q.personA == y && q.personB == x)))
            return true;
    return false;
}

bool asksFace(const ReviewQuestions &r, qint64 face, qint64 person)
{
    for (const ReviewQuestion &q : r.questions())
        if (q.kind == ReviewQuestion::Kind::Face && q.face == face && q.personA == person)
            return true;
    return false;
}

} // namespace

class TestReviewQuestions : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;

    // Four identities of 6 faces, and identity 0 again "years later": 6
    // faces around a centre 0.45 away, too far for the clustering to join
    // (dlib scale, cut 0.52) but close enough to ask about.
    struct Split
    {
        std::unique_ptr<Album> album;
        QList<qint64> young, old;
        QList<QList<qint64>> others;
    };
    Split splitAlbum(World &w)
    {
        Split s;
        s.album = std::make_unique<Album>(m_dir.filePath(QStringLiteral("r%1.sqlite").arg(++m_n)));
        if (!s.album->catalog.open())
            qFatal("cannot open catalog");
        const int later = w.drifted(0, 0.45f);
        for (int k = 0; k < 6; ++k)
            s.young << s.album->addPhoto(w, {0});
        for (int k = 0; k < 6; ++k)
            s.old << s.album->addPhoto(w, {later});
        for (int i = 1; i < 4; ++i) {
            QList<qint64> ids;
            for (int k = 0; k < 6; ++k)
                ids << s.album->addPhoto(w, {i});
            s.others << ids;
        }
        return s;
    }

private Q_SLOTS:
    void aSplitPersonIsAskedFirst()
    {
        World w(4);
        Split s = splitAlbum(w);
        QVERIFY(cluster(*s.album));
        const qint64 young = s.album->personOf(s.young[0]), old = s.album->personOf(s.old[0]);
        QVERIFY(young > 0 && old > 0);
        QVERIFY2(young != old, "the drifted faces should be a person of their own");
        ReviewQuestions r;
        QVERIFY2(r.load(s.album->catalog), qPrintable(r.errorString()));
        QVERIFY(!r.questions().empty());
        const ReviewQuestion &q = r.questions().front();
        QCOMPARE(q.kind, ReviewQuestion::Kind::SamePerson);
        QVERIFY((q.personA == young && q.personB == old) ||
                (q.personA == old && q.personB == young));
        QVERIFY(q.likelihood > 0 && q.likelihood <= 1);
        // Strangers (about 1.0 apart) are never asked about.
        for (const ReviewQuestion &other : r.questions())
            for (const QList<qint64> &ids : s.others)
                QVERIFY(other.personA != s.album->personOf(ids[0]) &&
                        other.personB != s.album->personOf(ids[0]));
        // A "no" would set apart the closest faces and a few over the years.
        const QList<qint64> apart = r.facesToSetApart(q.personA, q.personB);
        QVERIFY(apart.size() >= 3);
        for (qint64 f : apart)
            QCOMPARE(s.album->personOf(f), q.personA);
    }

    void yesIsAMergeThatUndoesExactly()
    {
        World w(4);
        Split s = splitAlbum(w);
        QVERIFY(cluster(*s.album));
        const auto before = s.album->assignments();
        const qint64 young = s.album->personOf(s.young[0]), old = s.album->personOf(s.old[0]);
        PeopleService people(s.album->catalog);
        QVERIFY(people.merge(old, young));
        ReviewQuestions r;
        QVERIFY(r.load(s.album->catalog));
        QVERIFY(!asksSamePerson(r, young, old));
        for (qint64 f : s.old)
            QCOMPARE(s.album->personOf(f), young);
        QVERIFY(people.undo());
        QCOMPARE(s.album->assignments(), before);
        QVERIFY(r.refresh(s.album->catalog));
        QVERIFY(asksSamePerson(r, young, old));
    }

    void noIsRememberedThroughAFullRecluster()
    {
        World w(4);
        Split s = splitAlbum(w);
        QVERIFY(cluster(*s.album));
        const qint64 young = s.album->personOf(s.young[0]), old = s.album->personOf(s.old[0]);
        ReviewQuestions r;
        QVERIFY(r.load(s.album->catalog));
        QVERIFY(asksSamePerson(r, young, old));
        PeopleService people(s.album->catalog);
        QVERIFY2(people.markDifferent(r.facesToSetApart(young, old), r.facesToSetApart(old, young)),
                 qPrintable(people.errorString()));
        QVERIFY(r.refresh(s.album->catalog));
        QVERIFY(!asksSamePerson(r, young, old));

        // Even a run that would join everything keeps them apart.
        ClusterOptions loose;
        loose.full = true;
        loose.threshold = 0.9;
        QVERIFY(Clusterer::run(s.album->catalog, loose).ok);
        const qint64 y2 = s.album->personOf(s.young[0]), o2 = s.album->personOf(s.old[0]);
        QVERIFY(y2 > 0 && o2 > 0);
        QVERIFY(y2 != o2);
        QVERIFY(cluster(*s.album, true));
        ReviewQuestions again;
        QVERIFY(again.load(s.album->catalog));
        QVERIFY(!asksSamePerson(again, s.album->personOf(s.young[0]), s.album->personOf(s.old[0])));

        // Undoing the answer (the re-clusters here were not journaled) brings
        // the question back.
        QVERIFY(people.undo());
        QVERIFY(again.refresh(s.album->catalog));
        QVERIFY(asksSamePerson(again, s.album->personOf(s.young[0]), s.album->personOf(s.old[0])));
    }

    void aLoneFaceIsAskedAboutItsPerson()
    {
        World w(4);
        auto a = std::make_unique<Album>(m_dir.filePath(QStringLiteral("f%1.sqlite").arg(++m_n)));
        QVERIFY(a->catalog.open());
        QList<qint64> mom;
        for (int k = 0; k < 8; ++k)
            mom << a->addPhoto(w, {0});
        for (int i = 1; i < 4; ++i)
            for (int k = 0; k < 6; ++k)
                a->addPhoto(w, {i});
        // One photo of Mom looking unlike herself: 0.5 from her centre.
        const int odd = w.drifted(0, 0.5f);
        const qint64 face = a->addPhoto(w, {odd})[0];
        QVERIFY(cluster(*a));
        const qint64 momId = a->personOf(mom[0]);
        PeopleService people(a->catalog);
        QVERIFY(people.rename(momId, QStringLiteral("Mom")));
        if (a->personOf(face) == momId)
            QSKIP("the odd face joined Mom by itself");
        QCOMPARE(a->personOf(face), 0);
        ReviewQuestions r;
        QVERIFY(r.load(a->catalog));
        QVERIFY(asksFace(r, face, momId));
        const auto likeliest = r.likeliestPersons(face);
        QVERIFY(!likeliest.empty());
        QCOMPARE(likeliest.front().first, momId);

        // No: never asked again, and clustering never gives it to her.
        QVERIFY(people.reviewFaces(momId, {}, {face}));
        QVERIFY(r.refresh(a->catalog));
        QVERIFY(!asksFace(r, face, momId));
        ClusterOptions loose;
        loose.full = true;
        loose.threshold = 0.9;
        QVERIFY(Clusterer::run(a->catalog, loose).ok);
        QVERIFY(a->personOf(face) != momId);

        // Yes (after undoing both): she gets it, confirmed, and keeps it.
        QVERIFY(people.undo() && people.undo());
        QVERIFY(people.reviewFaces(momId, {face}, {}));
        QCOMPARE(a->personOf(face), momId);
        QVERIFY(cluster(*a, true));
        QCOMPARE(a->personOf(face), momId);
        QVERIFY(r.refresh(a->catalog));
        QVERIFY(!asksFace(r, face, momId));
    }

    // A person of two photos (a grandfather seen twice) is as near a lone
    // face as those two faces are: that he has no third face is no evidence
    // against him.
    void aPersonOfTwoFacesIsAsNearAsHisTwoFaces()
    {
        World w(5);
        auto a = std::make_unique<Album>(m_dir.filePath(QStringLiteral("t%1.sqlite").arg(++m_n)));
        QVERIFY(a->catalog.open());
        QList<qint64> grandpa, mom;
        for (int k = 0; k < 2; ++k)
            grandpa << a->addPhoto(w, {0})[0];
        for (int k = 0; k < 8; ++k)
            mom << a->addPhoto(w, {1})[0];
        for (int i = 2; i < 5; ++i)
            for (int k = 0; k < 6; ++k)
                a->addPhoto(w, {i});
        const qint64 oldGrandpa = a->addPhoto(w, {w.drifted(0, 0.45f)})[0];
        // The user made the two persons (Mom gives the album a measured
        // spread); the older face belongs to no one.
        PeopleService people(a->catalog);
        const qint64 grandpaId = people.splitToNewPerson(grandpa, QStringLiteral("Grandpa"));
        const qint64 momId = people.splitToNewPerson(mom, QStringLiteral("Mom"));
        QVERIFY(grandpaId && momId);
        QCOMPARE(a->personOf(oldGrandpa), 0);
        ReviewQuestions r;
        QVERIFY(r.load(a->catalog));
        const ReviewQuestion *asked = nullptr;
        for (const ReviewQuestion &q : r.questions())
            if (q.kind == ReviewQuestion::Kind::Face && q.face == oldGrandpa &&
                q.personA == grandpaId)
                asked = &q;
        QVERIFY2(asked, "the lone face is asked about the person of two faces");
        // How near he is: the mean distance to his two faces.
        QHash<qint64, Embedding> vectors;
        for (const FaceRecord &f : a->catalog.faces(true))
            vectors.insert(f.id, f.embedding);
        const double mean = (embeddingDistance(vectors[oldGrandpa], vectors[grandpa[0]]) +
                             embeddingDistance(vectors[oldGrandpa], vectors[grandpa[1]])) /
                            2;
        qInfo("distance %.3f (his faces: %.3f), likelihood of a yes %.3f", asked->distance, mean,
              asked->likelihood);
        QVERIFY(std::abs(asked->distance - mean) < 1e-3);
        QCOMPARE(r.likeliestPersons(oldGrandpa).front().first, grandpaId);
    }

    void groupsSharingAPhotoAreNeverProposed()
    {
        World w(4);
        Split s = splitAlbum(w);
        // One photo shows the young and the old face side by side: two people.
        const QList<qint64> both = s.album->addPhoto(w, {0, w.drifted(0, 0.45f)});
        Q_UNUSED(both);
        QVERIFY(cluster(*s.album));
        const qint64 young = s.album->personOf(s.young[0]), old = s.album->personOf(s.old[0]);
        // Put the second face of that photo into the old group, as a user might.
        PeopleService people(s.album->catalog);
        QVERIFY(people.moveFaces({both[0]}, young));
        QVERIFY(people.moveFaces({both[1]}, old));
        ReviewQuestions r;
        QVERIFY(r.load(s.album->catalog));
        QVERIFY(!asksSamePerson(r, young, old));
    }

    void answersAreStepsOfTheJournal()
    {
        World w(4);
        Split s = splitAlbum(w);
        QVERIFY(cluster(*s.album));
        PeopleService people(s.album->catalog);
        const qint64 young = s.album->personOf(s.young[0]), old = s.album->personOf(s.old[0]);
        const auto entries = people.history().size();
        QVERIFY(people.markDifferent({s.young[0], s.young[1]}, {s.old[0]}));
        QCOMPARE(people.history().size(), entries + 1);
        QSqlQuery q(s.album->catalog.database());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM face_distinct")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        q.finish();
        QVERIFY(people.undo());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM face_distinct")) && q.next());
        QCOMPARE(q.value(0).toInt(), 0);
        q.finish();
        QVERIFY(people.redo());
        QVERIFY(q.exec(QStringLiteral("SELECT count(*) FROM face_distinct")) && q.next());
        QCOMPARE(q.value(0).toInt(), 2);
        q.finish();
        // Nonsense answers change nothing.
        QVERIFY(!people.markDifferent({s.young[0]}, {s.young[0]}));
        QVERIFY(!people.reviewFaces(young, {s.old[0]}, {s.old[0]}));
        QVERIFY(!people.reviewFaces(987654, {s.old[0]}, {}));
        QCOMPARE(s.album->personOf(s.old[0]), old);
    }
};

QTEST_GUILESS_MAIN(TestReviewQuestions)
#include "tst_reviewquestions.moc"
