#include "clustering/clustermetrics.h"

#include <QtTest>
#include <vector>

using namespace facefolio;
using Labels = std::vector<int>;

class TestClusterMetrics : public QObject
{
    Q_OBJECT

private slots:
    void identical();
    void everythingInOneCluster();
    void allNoise();
    void textbookCase();
    void labelValuesDoNotMatter();
    void strangersAndPurity();
};

void TestClusterMetrics::identical()
{
    const ClusterScores s =
        ClusterMetrics::evaluate(Labels{3, 3, 7, 9, 9, 9}, Labels{0, 0, 1, 2, 2, 2});
    QCOMPARE(s.pairwiseF, 1.0);
    QCOMPARE(s.bcubedF, 1.0);
    QCOMPARE(s.nmi, 1.0);
    QCOMPARE(s.clusters, 3);
    QCOMPARE(s.noise, 0);
}

void TestClusterMetrics::everythingInOneCluster()
{
    const ClusterScores s = ClusterMetrics::evaluate(Labels{0, 0, 0, 0}, Labels{0, 0, 1, 1});
    // 6 pairs put together, 2 of them right; both true pairs found.
    QCOMPARE(s.pairwisePrecision, 1.0 / 3);
    QCOMPARE(s.pairwiseRecall, 1.0);
    QCOMPARE(s.pairwiseF, 0.5);
    QCOMPARE(s.bcubedPrecision, 0.5);
    QCOMPARE(s.bcubedRecall, 1.0);
    QCOMPARE(s.bcubedF, 2.0 / 3);
    QCOMPARE(s.nmi, 0.0);
    QCOMPARE(s.clusters, 1);
}

void TestClusterMetrics::allNoise()
{
    // Noise is singletons: nothing put together, so precision is vacuous.
    const ClusterScores s = ClusterMetrics::evaluate(Labels{-1, -1, -1}, Labels{0, 0, 1});
    QCOMPARE(s.pairwisePrecision, 1.0);
    QCOMPARE(s.pairwiseRecall, 0.0);
    QCOMPARE(s.pairwiseF, 0.0);
    QCOMPARE(s.bcubedPrecision, 1.0);
    QCOMPARE(s.bcubedRecall, 2.0 / 3);
    QCOMPARE(s.bcubedF, 0.8);
    QCOMPARE(s.clusters, 0);
    QCOMPARE(s.noise, 3);
    // Two noise points are not one cluster of two.
    QCOMPARE(ClusterMetrics::evaluate(Labels{-1, -1}, Labels{-1, -1}).pairwiseF, 1.0);
    QCOMPARE(ClusterMetrics::evaluate(Labels{0, 0}, Labels{-1, -1}).pairwisePrecision, 0.0);
}

void TestClusterMetrics::textbookCase()
{
    const ClusterScores s =
        ClusterMetrics::evaluate(Labels{0, 0, 1, 1, 2, 2}, Labels{0, 0, 0, 1, 1, 1});
    QCOMPARE(s.pairwisePrecision, 2.0 / 3);
    QCOMPARE(s.pairwiseRecall, 1.0 / 3);
    QCOMPARE(s.pairwiseF, 4.0 / 9);
    QCOMPARE(s.bcubedPrecision, 5.0 / 6);
    QCOMPARE(s.bcubedRecall, 5.0 / 9);
    QCOMPARE(s.bcubedF, 2 * (5.0 / 6) * (5.0 / 9) / (5.0 / 6 + 5.0 / 9));
    // scikit-learn: normalized_mutual_info_score([0,0,0,1,1,1], [0,0,1,1,2,2]) = 0.5158
    QVERIFY(qAbs(s.nmi - (2.0 / 3 * std::log(2.0)) / ((std::log(2.0) + std::log(3.0)) / 2)) <
            1e-12);
    QVERIFY(qAbs(s.nmi - 0.5158) < 1e-4);
}

void TestClusterMetrics::labelValuesDoNotMatter()
{
    const ClusterScores a =
        ClusterMetrics::evaluate(Labels{0, 0, 1, 1, 2, 2}, Labels{0, 0, 0, 1, 1, 1});
    const ClusterScores b =
        ClusterMetrics::evaluate(Labels{50, 50, 7, 7, 1000, 1000}, Labels{9, 9, 9, 4, 4, 4});
    QCOMPARE(a.pairwiseF, b.pairwiseF);
    QCOMPARE(a.bcubedF, b.bcubedF);
    QCOMPARE(a.nmi, b.nmi);
}

void TestClusterMetrics::strangersAndPurity()
{
    Labels predicted, truth;
    auto add = [&](int cluster, int identity, int count) {
        predicted.insert(predicted.end(), size_t(count), cluster);
        truth.insert(truth.end(), size_t(count), identity);
    };
    add(0, 0, 3); // two strangers with 3 faces each: merged
    add(0, 1, 3);
    add(1, 2, 2); // 2 faces each is below the rule
    add(1, 3, 2);
    add(2, 4, 17); // a person of 20 faces, 3 of them another's: merged, purity 0.85
    add(2, 5, 3);
    add(3, 6, 25); // pure
    add(-1, 7, 3); // noise never merges anyone
    add(-1, 8, 3);
    add(4, -1, 3); // nor do points without a true label: each is a class of its own
    add(4, 9, 3);
    const ClusterScores s = ClusterMetrics::evaluate(predicted, truth);
    QCOMPARE(s.strangersMerged, 2);
    QCOMPARE(s.worstPurity, 0.85);

    // No cluster of 20 points: no purity to speak of.
    const ClusterScores small = ClusterMetrics::evaluate(Labels{0, 0, 0, 1}, Labels{0, 0, 1, 1});
    QCOMPARE(small.strangersMerged, 0);
    QCOMPARE(small.worstPurity, -1.0);
    QCOMPARE(ClusterMetrics::evaluate(Labels{}, Labels{}).worstPurity, -1.0);
}

QTEST_GUILESS_MAIN(TestClusterMetrics)
#include "tst_clustermetrics.moc"
