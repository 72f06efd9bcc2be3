// Clustering inside the catalog: the user's decisions survive re-clustering,
// faces of one photo never share a person, person ids stay stable, and new
// faces join existing persons incrementally. Embeddings are synthetic: each
// identity a point about 1.0 from the others, its faces about 0.35 apart.

#include "analysis/faceanalyzer.h"
#include "catalog/catalog.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "syntheticalbum.h"

#include <QSemaphore>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QThreadPool>
#include <map>
#include <random>
#include <set>

using namespace facefolio;
using namespace facefolio::test;

namespace {

ClusterSummary cluster(Album &a, bool full = false)
{
    ClusterOptions o;
    o.full = full;
    return Clusterer::run(a.catalog, o);
}

} // namespace

class TestClusterer : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_n = 0;
    std::unique_ptr<Album> album()
    {
        auto a = std::make_unique<Album>(m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_n)));
        if (!a->catalog.open())
            qFatal("cannot open catalog: %s", qPrintable(a->catalog.errorString()));
        return a;
    }
    // Five identities of 6 faces each, one face per photo.
    std::unique_ptr<Album> simpleAlbum(World &w, QList<QList<qint64>> *faces = nullptr)
    {
        auto a = album();
        for (int i = 0; i < 5; ++i) {
            QList<qint64> ids;
            for (int k = 0; k < 6; ++k)
                ids << a->addPhoto(w, {i});
            if (faces)
                faces->append(ids);
        }
        return a;
    }

private Q_SLOTS:
    void groupsIdentitiesIntoPersons()
    {
        World w(5);
        auto a = simpleAlbum(w);
        const ClusterSummary s = cluster(*a);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.persons, 5);
        QCOMPARE(s.assigned, 30);
        QVERIFY(a->pure());
    }

    void facesOfOnePhotoNeverShareAPerson()
    {
        World w(5);
        auto a = simpleAlbum(w);
        // The same identity twice in one photo (a mirror, a photo of a photo).
        const QList<qint64> pair = a->addPhoto(w, {0, 0});
        QVERIFY(cluster(*a).ok);
        const qint64 p1 = a->personOf(pair[0]), p2 = a->personOf(pair[1]);
        QVERIFY(p1 != p2 || p1 == 0);
    }

    void rerunningKeepsIdsAndNames()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        const auto before = a->assignments();
        PeopleService people(a->catalog);
        const qint64 p = a->personOf(faces[2][0]);
        QVERIFY(people.rename(p, QStringLiteral("Grandma")));
        QVERIFY(cluster(*a, true).ok);
        QCOMPARE(a->assignments(), before);
        QCOMPARE(people.person(p)->name, QStringLiteral("Grandma"));
    }

    void movedFaceStaysWhereTheUserPutIt()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        PeopleService people(a->catalog);
        const qint64 target = a->personOf(faces[1][0]);
        const qint64 moved = faces[0][3];
        const qint64 source = a->personOf(moved);
        QVERIFY(people.moveFaces({moved}, target));
        QVERIFY(cluster(*a, true).ok);
        QCOMPARE(a->personOf(moved), target);
        // The rest of its identity did not follow it, and both persons kept their ids.
        for (int i = 0; i < 6; ++i) {
            if (faces[0][i] != moved)
                QCOMPARE(a->personOf(faces[0][i]), source);
            QCOMPARE(a->personOf(faces[1][i]), target);
        }
    }

    void facesOfAnotherModelAreLeftAlone()
    {
        World w(5);
        auto a = simpleAlbum(w);
        QVERIFY(cluster(*a).ok);
        const auto before = a->assignments();
        // The catalog moves to ArcFace before any face is re-encoded: no
        // dlib distance may decide anything now, and nobody loses a person.
        QVERIFY(a->catalog.setEncoder(EncoderModel::ArcFace));
        const ClusterSummary s = cluster(*a, true);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.considered, 0);
        QCOMPARE(a->assignments(), before);
        QCOMPARE(s.removedPersons, 0);
    }

    void eachModelGetsItsOwnDistances()
    {
        ClusterOptions o;
        const ClusterOptions dlib = Clusterer::withDefaults(o, EncoderModel::Dlib);
        const ClusterOptions arc = Clusterer::withDefaults(o, EncoderModel::ArcFace);
        QCOMPARE(dlib.threshold, 0.52);
        QCOMPARE(dlib.joinDistance, 0.5);
        QVERIFY(arc.threshold > 0.8 && arc.threshold < 1.4); // unit vectors: same person near 1
        QVERIFY(arc.eps > dlib.eps);
        o.threshold = 0.3; // the user's value wins
        QCOMPARE(Clusterer::withDefaults(o, EncoderModel::ArcFace).threshold, 0.3);
    }

    void rejectedFaceNeverGoesBack()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        PeopleService people(a->catalog);
        const qint64 face = faces[3][1];
        const qint64 was = a->personOf(face);
        QVERIFY(people.removeFromPerson({face}));
        QVERIFY(cluster(*a, true).ok);
        QVERIFY(a->personOf(face) != was);
        QVERIFY(cluster(*a).ok); // incremental too
        QVERIFY(a->personOf(face) != was);
    }

    void mergedPersonsStayMerged()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        PeopleService people(a->catalog);
        const qint64 from = a->personOf(faces[0][0]), into = a->personOf(faces[4][0]);
        QVERIFY(people.merge(from, into));
        QVERIFY(cluster(*a, true).ok);
        for (int k = 0; k < 6; ++k) {
            QCOMPARE(a->personOf(faces[0][k]), into);
            QCOMPARE(a->personOf(faces[4][k]), into);
        }
        QVERIFY(!people.person(from));
    }

    void notFacesAndHiddenPersonsAreLeftAlone()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        PeopleService people(a->catalog);
        QVERIFY(people.setNotFace({faces[0][0]}, true));
        const qint64 hidden = a->personOf(faces[1][0]);
        QVERIFY(people.setHidden(hidden, true));
        QVERIFY(cluster(*a, true).ok);
        QCOMPARE(a->personOf(faces[0][0]), qint64(0));
        for (int k = 0; k < 6; ++k)
            QCOMPARE(a->personOf(faces[1][k]), hidden);
        QVERIFY(people.person(hidden)->hidden);
    }

    void newFacesJoinExistingPersons()
    {
        World w(6);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        QVERIFY(cluster(*a).ok);
        const auto before = a->assignments();
        const qint64 p = a->personOf(faces[2][0]);
        // A rescan brings two more photos of identity 2 and three of a new identity 5.
        const qint64 n1 = a->addPhoto(w, {2}).first();
        const qint64 n2 = a->addPhoto(w, {2}).first();
        QList<qint64> stranger;
        for (int k = 0; k < 3; ++k)
            stranger << a->addPhoto(w, {5}).first();
        const ClusterSummary s = cluster(*a);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.joined, 2);
        QCOMPARE(a->personOf(n1), p);
        QCOMPARE(a->personOf(n2), p);
        QVERIFY(a->personOf(stranger[0]) > 0);
        QCOMPARE(a->personOf(stranger[1]), a->personOf(stranger[0]));
        QCOMPARE(s.newPersons, 1);
        for (const auto &[face, person] : before)
            QCOMPARE(a->personOf(face), person); // nothing else moved
    }

    // In the app a clustering runs while a scan holds the other threads of
    // the global pool. It must not wait for the scan to end: on two cores the
    // incremental step once did, so people stopped appearing during scans.
    void clusteringRunsWhileOtherWorkHoldsThePool()
    {
        World w(6);
        auto a = simpleAlbum(w);
        QVERIFY(cluster(*a).ok);
        a->addPhoto(w, {2});
        QThreadPool *global = QThreadPool::globalInstance();
        const int held = std::max(0, global->maxThreadCount() - 1);
        QSemaphore release;
        for (int i = 0; i < held; ++i)
            global->start([&release] { release.acquire(); });
        QFuture<ClusterSummary> f = Clusterer::start(a->catalog.path(), ClusterOptions());
        const bool finished = QTest::qWaitFor([&f] { return f.isFinished(); }, 30000);
        release.release(held);
        global->waitForDone();
        QVERIFY(finished);
        QVERIFY2(f.result().ok, qPrintable(f.result().error));
        QCOMPARE(f.result().joined, 1);
    }

    // The strictness preview: a dry run reports what the run would change,
    // changes nothing, and the run itself then changes exactly that.
    void aDryRunPreviewsExactlyWhatTheRunDoes()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        // Identity 0 again "years later", 0.45 away: apart at the default cut.
        const int later = w.drifted(0, 0.45f);
        for (int k = 0; k < 6; ++k)
            a->addPhoto(w, {later});
        QVERIFY(cluster(*a).ok);
        PeopleService people(a->catalog);
        QVERIFY(people.rename(a->personOf(faces[0][0]), QStringLiteral("Mom")));
        const auto before = a->assignments();
        ClusterOptions o;
        o.full = true;
        o.threshold = 0.52 * 1.15; // looser: joins the two groups
        o.dryRun = true;
        const ClusterSummary preview = Clusterer::run(a->catalog, o);
        QVERIFY2(preview.ok, qPrintable(preview.error));
        QCOMPARE(a->assignments(), before);
        QVERIFY(preview.joinedPersons >= 1);
        QVERIFY(preview.movedFaces >= 6);
        o.dryRun = false;
        const ClusterSummary applied = Clusterer::run(a->catalog, o);
        QCOMPARE(applied.movedFaces, preview.movedFaces);
        QCOMPARE(applied.joinedPersons, preview.joinedPersons);
        QCOMPARE(applied.splitPersons, preview.splitPersons);
        int moved = 0;
        for (const auto &[face, person] : a->assignments())
            moved += before.at(face) != person;
        QCOMPARE(moved, applied.movedFaces);
        QCOMPARE(people.person(a->personOf(faces[0][0]))->name, QStringLiteral("Mom"));
    }

    void dbscanHonoursTheSameDecisions()
    {
        World w(5);
        QList<QList<qint64>> faces;
        auto a = simpleAlbum(w, &faces);
        ClusterOptions o;
        o.method = ClusterOptions::Method::Dbscan;
        o.eps = 0.5;
        o.minSamples = 3;
        QVERIFY(Clusterer::run(a->catalog, o).ok);
        QVERIFY(a->pure());
        PeopleService people(a->catalog);
        const qint64 target = a->personOf(faces[1][0]);
        QVERIFY(people.moveFaces({faces[0][0]}, target));
        o.full = true;
        QVERIFY(Clusterer::run(a->catalog, o).ok);
        QCOMPARE(a->personOf(faces[0][0]), target);
    }
};

QTEST_GUILESS_MAIN(TestClusterer)
#include "tst_clusterer.moc"
