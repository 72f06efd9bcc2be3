#include "clustering/averagelinkage.h"
#include "clustering/partitionedknn.h"
#include "graphtesthelpers.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <algorithm>
#include <atomic>

using namespace facefolio;

namespace {

// Identities of very different sizes, many singletons, interleaved.
test::SyntheticFaces library()
{
    std::vector<int> sizes;
    for (int i = 0; i < 60; ++i)
        sizes.push_back(1 + (i * 37) % 90);
    for (int i = 0; i < 40; ++i)
        sizes.push_back(1);
    return test::makeFaces(sizes, 11);
}

PartitionedKnn::Options small(int threads)
{
    PartitionedKnn::Options o;
    o.threads = threads;
    o.cellSize = 100; // many cells even on a small input
    o.probes = 4;
    return o;
}

} // namespace

class TestPartitionedKnn : public QObject
{
    Q_OBJECT

private slots:
    void rowsAreExactlyMeasuredAndOrdered();
    void findsMostExactNeighbours();
    void sameOnAnyThreadCount();
    void neighbourSearchSwitchesAboveExactUpTo();
    void clusteringFromItRecoversIdentities();
    void smallInputsAndCancel();
};

void TestPartitionedKnn::rowsAreExactlyMeasuredAndOrdered()
{
    const test::SyntheticFaces f = library();
    const int n = int(f.points.size());
    const std::optional<KnnGraph> g = PartitionedKnn::search(f.points, 10, small(2));
    QVERIFY(g);
    QCOMPARE(g->points, n);
    QCOMPARE(g->k, 10);
    for (int i = 0; i < n; ++i) {
        const auto nb = g->neighbours(i);
        const auto dist = g->distancesOf(i);
        for (int t = 0; t < g->k; ++t) {
            QVERIFY(nb[size_t(t)] != i);
            QVERIFY(nb[size_t(t)] >= 0 && nb[size_t(t)] < n);
            const double d2 = NeighbourSearch::exactSquaredDistance(
                f.points[size_t(i)], f.points[size_t(nb[size_t(t)])]);
            QCOMPARE(dist[size_t(t)], float(std::sqrt(d2)));
            if (t > 0) {
                QVERIFY(dist[size_t(t) - 1] <= dist[size_t(t)]);
                QVERIFY(nb[size_t(t) - 1] != nb[size_t(t)]);
            }
        }
    }
}

void TestPartitionedKnn::findsMostExactNeighbours()
{
    const test::SyntheticFaces f = library();
    const KnnGraph exact = *NeighbourSearch(f.points).exactKnn(10);
    const KnnGraph got = *PartitionedKnn::search(f.points, 10, small(2));
    qint64 found = 0;
    for (int i = 0; i < exact.points; ++i) {
        const auto want = exact.neighbours(i);
        const auto have = got.neighbours(i);
        for (int j : want)
            found += std::find(have.begin(), have.end(), j) != have.end() ? 1 : 0;
    }
    const double recall = double(found) / double(qint64(exact.points) * exact.k);
    QVERIFY2(recall > 0.9, qPrintable(QString::number(recall)));
}

void TestPartitionedKnn::sameOnAnyThreadCount()
{
    const test::SyntheticFaces f = library();
    const KnnGraph one = *PartitionedKnn::search(f.points, 10, small(1));
    const KnnGraph two = *PartitionedKnn::search(f.points, 10, small(2));
    QCOMPARE(one.indices, two.indices);
    QCOMPARE(one.distances, two.distances);
}

void TestPartitionedKnn::neighbourSearchSwitchesAboveExactUpTo()
{
    const test::SyntheticFaces f = library();
    NeighbourSearch::Options exactOptions;
    exactOptions.threads = 2;
    NeighbourSearch::Options partitionedOptions = exactOptions;
    partitionedOptions.exactUpTo = 10;
    const KnnGraph exact = *NeighbourSearch(f.points, exactOptions).knn(10);
    QCOMPARE(exact.indices, NeighbourSearch(f.points, exactOptions).exactKnn(10)->indices);
    PartitionedKnn::Options defaults;
    defaults.threads = 2;
    QCOMPARE(NeighbourSearch(f.points, partitionedOptions).knn(10)->indices,
             PartitionedKnn::search(f.points, 10, defaults)->indices);
}

void TestPartitionedKnn::clusteringFromItRecoversIdentities()
{
    const test::SyntheticFaces f = library();
    const KnnGraph g = *PartitionedKnn::search(f.points, 20, small(2));
    QVERIFY(test::sameClusters(AverageLinkage::cluster(f.points, g, 0.5), f.identity));
}

void TestPartitionedKnn::smallInputsAndCancel()
{
    const std::vector<Embedding> none;
    QCOMPARE(PartitionedKnn::search(none, 5, small(2))->k, 0);
    // k larger than the other points: every other point, nearest first.
    const std::vector<Embedding> three{test::onLine(0), test::onLine(2), test::onLine(0.5)};
    const std::optional<KnnGraph> g = PartitionedKnn::search(three, 10, small(2));
    QCOMPARE(g->k, 2);
    QCOMPARE(std::vector<int>(g->neighbours(0).begin(), g->neighbours(0).end()),
             (std::vector<int>{2, 1}));

    const test::SyntheticFaces f = library();
    ClusterControl stop;
    stop.cancelled = [] { return true; };
    QVERIFY(!PartitionedKnn::search(f.points, 10, small(2), stop));
    std::atomic<qint64> last{0};
    ClusterControl watch;
    watch.progress = [&](qint64 done, qint64 total) {
        QCOMPARE(total, qint64(f.points.size()));
        qint64 seen = last.load();
        while (done > seen && !last.compare_exchange_weak(seen, done)) {
        }
    };
    QVERIFY(PartitionedKnn::search(f.points, 10, small(2), watch));
    QCOMPARE(last.load(), qint64(f.points.size()));
}

QTEST_GUILESS_MAIN(TestPartitionedKnn)
#include "tst_partitionedknn.moc"
