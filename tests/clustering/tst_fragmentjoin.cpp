#include "clustering/averagelinkage.h"
#include "clustering/clustermetrics.h"
#include "clustering/fragmentjoin.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <set>

using namespace facefolio;
using Labels = std::vector<int>;

namespace {

KnnGraph graphOf(const std::vector<Embedding> &points)
{
    return *NeighbourSearch(points, {2, 64, 256}).exactKnn(20);
}

// dlib's scale: the default cut 0.52 and FragmentJoin's rules for it.
Labels defaultClustering(const std::vector<Embedding> &points,
                         const ClusterConstraints &constraints = {})
{
    AverageLinkage::Options options;
    options.cut = 0.52;
    options.fragments = FragmentJoin::Options::forCut(0.52);
    options.bridges.reset();
    return *AverageLinkage::run(points, options, constraints, {}, {2, 64, 256});
}

} // namespace

class TestFragmentJoin : public QObject
{
    Q_OBJECT
private slots:
    void lookAlikePopulationStaysApart();
    void albumPeopleAreGrouped();
    void fragmentJoinsItsPerson();
    void strangerBesideTightPersonStaysOut();
    void chainDoesNotJoinItsEnds();
    void cannotLinksSplitDensePopulation();
    void looseFacesNeverMakeAPersonAlone();
};

// 40 people packed closer together than dlib's 0.6 "same person" rule: faces
// of two people about 0.6 apart, centres 0.54, 0.3 within a person. No person
// may hold faces of two of them. (Packed tighter, centres 0.45-0.5, average
// linkage itself merges a few pairs: not solved yet, see issue 16's note.)
void TestFragmentJoin::lookAlikePopulationStaysApart()
{
    const test::SyntheticFaces f = test::makeFaces(std::vector<int>(40, 6), 3, 0.019, 0.034);
    const ClusterScores s = ClusterMetrics::evaluate(defaultClustering(f.points), f.identity);
    QCOMPARE(s.strangersMerged, 0);
    QVERIFY2(s.bcubedPrecision >= 0.97, qPrintable(QString::number(s.bcubedPrecision)));
}

// Five people of 60 faces each, 0.4 apart within a person and 0.95 between
// people: each ends in one person.
void TestFragmentJoin::albumPeopleAreGrouped()
{
    const test::SyntheticFaces f = test::makeFaces(std::vector<int>(5, 60), 4, 0.025, 0.06);
    const ClusterScores s = ClusterMetrics::evaluate(defaultClustering(f.points), f.identity);
    QCOMPARE(s.bcubedPrecision, 1.0);
    QVERIFY2(s.bcubedRecall >= 0.95, qPrintable(QString::number(s.bcubedRecall)));
}

// A face a little outside its person's cluster (0.46 from its faces, which
// lie 0.35 apart) joins it; one face far out (0.6) does not.
void TestFragmentJoin::fragmentJoinsItsPerson()
{
    std::mt19937 rng(7);
    const test::SyntheticFaces f = test::makeFaces({30}, 8, 0.022, 0.05);
    std::vector<Embedding> points = f.points;
    Labels labels(points.size(), 0);
    Embedding centre{};
    for (const Embedding &e : f.points)
        for (size_t d = 0; d < centre.size(); ++d)
            centre[d] += e[d] / float(f.points.size());
    auto outlier = [&](double sigma) {
        Embedding e = centre;
        for (size_t d = 0; d < size_t(embeddingDims(EncoderModel::Dlib)); ++d)
            e[d] += float(sigma * test::gaussian(rng));
        return e;
    };
    points.push_back(outlier(0.022));
    labels.push_back(1);
    points.push_back(outlier(0.045));
    labels.push_back(2);
    const Labels joined =
        FragmentJoin::join(graphOf(points), labels, {}, FragmentJoin::Options::forCut(0.52));
    QCOMPARE(joined[30], joined[0]);
    QVERIFY(joined[31] != joined[0]);
}

// A person photographed alike (faces 0.2 apart) and a stranger 0.48 from all
// of them: within the reach, but far beyond the person's own spread.
void TestFragmentJoin::strangerBesideTightPersonStaysOut()
{
    const test::SyntheticFaces f = test::makeFaces({30}, 9, 0.0125, 0.05);
    std::vector<Embedding> points = f.points;
    Labels labels(points.size(), 0);
    std::mt19937 rng(10);
    Embedding stranger = points[0];
    for (size_t d = 0; d < size_t(embeddingDims(EncoderModel::Dlib)); ++d)
        stranger[d] += float(0.028 * test::gaussian(rng));
    points.push_back(stranger);
    labels.push_back(1);
    const Labels joined =
        FragmentJoin::join(graphOf(points), labels, {}, FragmentJoin::Options::forCut(0.52));
    QVERIFY(joined[30] != joined[0]);
}

// Faces in a line, each 0.45 from the next: neighbours are close, but the
// ends are strangers; the chain must not become one person.
void TestFragmentJoin::chainDoesNotJoinItsEnds()
{
    std::vector<Embedding> points;
    for (int i = 0; i < 12; ++i) {
        Embedding e{};
        e[0] = float(0.45 * i);
        points.push_back(e);
    }
    const Labels labels = defaultClustering(points);
    QVERIFY(labels.front() != labels.back());
    // No person spans more than three links of the chain.
    std::map<int, std::pair<int, int>> span;
    for (int i = 0; i < 12; ++i) {
        auto [it, fresh] = span.try_emplace(labels[size_t(i)], i, i);
        it->second.second = i;
    }
    for (const auto &[l, s] : span)
        QVERIFY2(s.second - s.first <= 3, qPrintable(QString::number(s.second - s.first)));
}

// Two look-alike people so close that distances alone join them, photographed
// together: the shared photos keep them apart.
void TestFragmentJoin::cannotLinksSplitDensePopulation()
{
    const test::SyntheticFaces f = test::makeFaces({20, 20}, 12, 0.02, 0.012);
    const ClusterScores loose = ClusterMetrics::evaluate(defaultClustering(f.points), f.identity);
    QVERIFY(loose.bcubedPrecision < 0.9); // the distances cannot tell them apart
    ClusterConstraints together;
    std::vector<int> a, b;
    for (int i = 0; i < int(f.points.size()); ++i)
        (f.identity[size_t(i)] == 0 ? a : b).push_back(i);
    for (size_t i = 0; i < a.size(); ++i)
        together.cannotLink.emplace_back(a[i], b[i]); // one photo of both, 20 times
    const Labels labels = defaultClustering(f.points, together);
    for (const auto &[x, y] : together.cannotLink)
        QVERIFY(labels[size_t(x)] != labels[size_t(y)]);
    const ClusterScores s = ClusterMetrics::evaluate(labels, f.identity);
    QCOMPARE(s.strangersMerged, 0);
}

// Whole-image faces that look alike (junk of one kind) make no person among
// themselves, while one that sits amid a person's faces joins that person.
void TestFragmentJoin::looseFacesNeverMakeAPersonAlone()
{
    const test::SyntheticFaces person = test::makeFaces({30}, 13, 0.022, 0.05);
    const test::SyntheticFaces junk = test::makeFaces({10}, 14, 0.01, 0.05);
    std::vector<Embedding> points = person.points;
    ClusterConstraints c;
    c.loose.assign(points.size(), false);
    for (const Embedding &e : junk.points) {
        points.push_back(e);
        c.loose.push_back(true);
    }
    // A loose face that is one of the person's photos.
    const test::SyntheticFaces more = test::makeFaces({31}, 13, 0.022, 0.05);
    points.push_back(more.points.back());
    c.loose.push_back(true);
    const Labels labels = defaultClustering(points, c);
    for (size_t i = 30; i < 40; ++i)
        for (size_t j = i + 1; j < 40; ++j)
            QVERIFY(labels[i] != labels[j]);
    QCOMPARE(labels[40], labels[0]);
}

QTEST_GUILESS_MAIN(TestFragmentJoin)
#include "tst_fragmentjoin.moc"
