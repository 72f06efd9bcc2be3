#include "clustering/averagelinkage.h"
#include "clustering/linkmerge.h"
#include "graphtesthelpers.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <set>

using namespace facefolio;
using Labels = std::vector<int>;

namespace {

// A face at position x along one direction, scattered in the others so that
// two faces at one position lie about `spread` apart.
Embedding at(double x, std::mt19937 &rng, double spread = 0.25)
{
    Embedding e{};
    e[0] = float(x);
    for (size_t d = 1; d < size_t(embeddingDims(EncoderModel::Dlib)); ++d)
        e[d] = float(spread / std::sqrt(2.0 * 127) * test::gaussian(rng));
    return e;
}

// One person whose looks drift over the years: 60 faces spread evenly along
// a path 1.8 long, so that the first and last years lie as far apart as two
// strangers, while the faces of neighbouring years stay close.
std::vector<Embedding> driftingPerson()
{
    std::mt19937 rng(11);
    std::vector<Embedding> points;
    for (int i = 0; i < 60; ++i)
        points.push_back(at(1.8 * i / 59.0, rng));
    return points;
}

KnnGraph graphOf(const std::vector<Embedding> &points)
{
    return *NeighbourSearch(points, {2, 64, 256}).exactKnn(20);
}

// Two people 0.9 apart, 20 faces each, as clusters 0 and 1, and `odd` more
// faces in cluster 0 that look like the second person (close to all of its
// faces), as when average linkage put a few odd photos in the wrong cluster.
struct TwoPeople
{
    std::vector<Embedding> points;
    Labels labels;
};

TwoPeople twoPeople(int odd)
{
    std::mt19937 rng(5);
    TwoPeople t;
    auto add = [&](double x, int label) {
        t.points.push_back(at(x, rng, 0.3));
        t.labels.push_back(label);
    };
    for (int i = 0; i < 20; ++i)
        add(0.0, 0);
    for (int i = 0; i < 20; ++i)
        add(0.9, 1);
    for (int i = 0; i < odd; ++i)
        add(0.9, 0);
    return t;
}

int clusterCount(const Labels &labels)
{
    return int(std::set<int>(labels.begin(), labels.end()).size());
}

} // namespace

class TestLinkMerge : public QObject
{
    Q_OBJECT

private slots:
    void joinsOnePersonAcrossTheYears();
    void defaultClusteringJoinsThem();
    void oneBridgingFaceDoesNotJoin();
    void severalBridgingFacesJoin();
    void wideClusterDoesNotSwallowALookAlike();
    void cannotLinkKeepsClustersApart();
    void separatedIdentitiesStayApart();
    void noiseTakesNoPart();
};

void TestLinkMerge::joinsOnePersonAcrossTheYears()
{
    const std::vector<Embedding> points = driftingPerson();
    const KnnGraph knn = graphOf(points);
    const Labels plain = AverageLinkage::cluster(points, knn, 0.52);
    // Average linkage alone splits the person into eras.
    QVERIFY2(clusterCount(plain) >= 3, qPrintable(QString::number(clusterCount(plain))));
    const Labels joined = LinkMerge::merge(knn, plain, 0.52, {}, {});
    QCOMPARE(joined, Labels(points.size(), 0));
}

void TestLinkMerge::defaultClusteringJoinsThem()
{
    const std::vector<Embedding> points = driftingPerson();
    AverageLinkage::Options options;
    options.bridges = LinkMerge::Options{};
    QCOMPARE(*AverageLinkage::run(points, options), Labels(points.size(), 0));
    options.bridges.reset();
    options.fragments.reset();
    QVERIFY(clusterCount(*AverageLinkage::run(points, options)) >= 3);
}

// One odd face alone must not join two people.
void TestLinkMerge::oneBridgingFaceDoesNotJoin()
{
    const TwoPeople t = twoPeople(1);
    QCOMPARE(LinkMerge::merge(graphOf(t.points), t.labels, 0.52, {}, {}), t.labels);
}

void TestLinkMerge::severalBridgingFacesJoin()
{
    const TwoPeople t = twoPeople(2);
    const KnnGraph knn = graphOf(t.points);
    QCOMPARE(LinkMerge::merge(knn, t.labels, 0.52, {}, {}), Labels(t.points.size(), 0));
    // Asking for more distinct faces on each side than there are keeps them apart.
    LinkMerge::Options strict;
    strict.minEnds = 3;
    QCOMPARE(LinkMerge::merge(knn, t.labels, 0.52, {}, strict), t.labels);
}

// One person photographed in many lights (300 faces spread along a path 1.0
// long) and a look-alike of four faces beside one end of it: each of the
// look-alike's faces has faces of the big cluster among its nearest, but the
// big cluster's faces have their own nearer neighbours. They stay two people.
void TestLinkMerge::wideClusterDoesNotSwallowALookAlike()
{
    std::mt19937 rng(17);
    std::vector<Embedding> points;
    Labels labels;
    for (int i = 0; i < 300; ++i) {
        points.push_back(at(i / 299.0, rng, 0.3));
        labels.push_back(0);
    }
    for (int i = 0; i < 4; ++i) {
        Embedding e = at(0.0, rng, 0.2);
        e[1] += 0.3f;
        points.push_back(e);
        labels.push_back(1);
    }
    const KnnGraph knn = graphOf(points);
    // The look-alike's faces do see the big cluster within the bridge distance.
    int near = 0;
    for (int i = 300; i < 304; ++i)
        for (size_t r = 0; r < size_t(knn.k); ++r)
            near += knn.neighbours(i)[r] < 300 && knn.distancesOf(i)[r] < 0.45f ? 1 : 0;
    QVERIFY2(near >= 8, qPrintable(QString::number(near)));
    QCOMPARE(LinkMerge::merge(knn, labels, 0.52, {}, {}), labels);
}

void TestLinkMerge::cannotLinkKeepsClustersApart()
{
    const std::vector<Embedding> points = driftingPerson();
    const KnnGraph knn = graphOf(points);
    // The first and last year were in one photo: two people after all.
    ClusterConstraints constraints;
    constraints.cannotLink.emplace_back(0, 59);
    const Labels plain = AverageLinkage::cluster(points, knn, 0.52, constraints);
    const Labels joined = LinkMerge::merge(knn, plain, 0.52, constraints, {});
    QVERIFY(joined[0] != joined[59]);
    // Everything else still joins one of the two.
    QCOMPARE(clusterCount(joined), 2);
    // Labels are numbered in the order of each cluster's lowest point.
    QCOMPARE(joined[0], 0);
}

void TestLinkMerge::separatedIdentitiesStayApart()
{
    const test::SyntheticFaces f =
        test::makeFaces({1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 40, 25, 4, 1, 7}, 3);
    const KnnGraph knn = graphOf(f.points);
    const Labels plain = AverageLinkage::cluster(f.points, knn, 0.52);
    QVERIFY(test::sameClusters(LinkMerge::merge(knn, plain, 0.52, {}, {}), f.identity));
}

// Faces labelled noise (-1) bridge nothing and stay noise; the rest are
// renumbered in the order of their lowest point.
void TestLinkMerge::noiseTakesNoPart()
{
    const std::vector<Embedding> points = driftingPerson();
    const KnnGraph knn = graphOf(points);
    Labels labels(points.size(), 5);
    for (size_t i = 30; i < labels.size(); ++i)
        labels[i] = 7;
    for (size_t i = 25; i < 35; ++i)
        labels[i] = -1;
    const Labels got = LinkMerge::merge(knn, labels, 0.52, {}, {});
    for (size_t i = 0; i < got.size(); ++i)
        QCOMPARE(got[i], i >= 25 && i < 35 ? -1 : i < 25 ? 0 : 1);
}

QTEST_GUILESS_MAIN(TestLinkMerge)
#include "tst_linkmerge.moc"
