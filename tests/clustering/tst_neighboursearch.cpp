#include "clustering/neighboursearch.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <algorithm>
#include <atomic>

using namespace facefolio;

namespace {

struct Reference
{
    double d2;
    int index;
    bool operator<(const Reference &o) const
    {
        return d2 < o.d2 || (d2 == o.d2 && index < o.index);
    }
};

std::vector<Embedding> testPoints()
{
    // Clusters near the search radii, exact duplicates and a far outlier.
    test::SyntheticFaces f = test::makeFaces({1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233}, 7);
    for (int i = 0; i < 40; ++i)
        f.points.push_back(f.points[size_t(i * 7)]);
    f.points.push_back(test::onLine(5.0));
    return f.points;
}

} // namespace

class TestNeighbourSearch : public QObject
{
    Q_OBJECT

private slots:
    void radiusEqualsNaive_data();
    void radiusEqualsNaive();
    void knnEqualsNaive_data();
    void knnEqualsNaive();
    void smallInputs();
    void cancelAndProgress();
};

void TestNeighbourSearch::radiusEqualsNaive_data()
{
    QTest::addColumn<double>("eps");
    QTest::addColumn<int>("threads");
    QTest::newRow("0 (duplicates only)") << 0.0 << 2;
    QTest::newRow("0.3") << 0.3 << 1;
    QTest::newRow("0.4") << 0.4 << 2;
    QTest::newRow("0.5") << 0.5 << 2;
    QTest::newRow("0.9") << 0.9 << 2;
}

void TestNeighbourSearch::radiusEqualsNaive()
{
    QFETCH(double, eps);
    QFETCH(int, threads);
    const std::vector<Embedding> points = testPoints();
    // Odd block sizes, so tiles end mid-row and mid-column.
    const NeighbourSearch search(points, {threads, 37, 101});
    const std::optional<RadiusNeighbours> got = search.radius(eps);
    QVERIFY(got);
    QCOMPARE(got->size(), int(points.size()));
    qint64 total = 0;
    for (int i = 0; i < int(points.size()); ++i) {
        std::vector<int> want;
        for (int j = 0; j < int(points.size()); ++j)
            if (NeighbourSearch::exactSquaredDistance(points[size_t(i)], points[size_t(j)]) <=
                eps * eps)
                want.push_back(j);
        const std::span<const int> row = got->of(i);
        QCOMPARE(std::vector<int>(row.begin(), row.end()), want);
        total += qint64(want.size());
    }
    QVERIFY(total > qint64(points.size())); // the radii do find neighbours
}

void TestNeighbourSearch::knnEqualsNaive_data()
{
    QTest::addColumn<int>("k");
    QTest::addColumn<int>("threads");
    QTest::newRow("k=1") << 1 << 2;
    QTest::newRow("k=5") << 5 << 1;
    QTest::newRow("k=10") << 10 << 2;
    QTest::newRow("k=30") << 30 << 2;
}

void TestNeighbourSearch::knnEqualsNaive()
{
    QFETCH(int, k);
    QFETCH(int, threads);
    const std::vector<Embedding> points = testPoints();
    const int n = int(points.size());
    const NeighbourSearch search(points, {threads, 64, 129});
    const std::optional<KnnGraph> got = search.knn(k);
    QVERIFY(got);
    QCOMPARE(got->points, n);
    QCOMPARE(got->k, k);
    for (int i = 0; i < n; ++i) {
        std::vector<Reference> all;
        for (int j = 0; j < n; ++j)
            if (j != i)
                all.push_back(
                    {NeighbourSearch::exactSquaredDistance(points[size_t(i)], points[size_t(j)]),
                     j});
        std::sort(all.begin(), all.end());
        const auto nb = got->neighbours(i);
        const auto dist = got->distancesOf(i);
        for (int t = 0; t < k; ++t) {
            QCOMPARE(nb[size_t(t)], all[size_t(t)].index);
            QCOMPARE(dist[size_t(t)], float(std::sqrt(all[size_t(t)].d2)));
        }
    }
}

void TestNeighbourSearch::smallInputs()
{
    const std::vector<Embedding> none;
    QCOMPARE(NeighbourSearch(none).radius(0.5)->size(), 0);
    QCOMPARE(NeighbourSearch(none).knn(5)->k, 0);

    // k larger than the other points: every other point, nearest first.
    const std::vector<Embedding> three{test::onLine(0), test::onLine(2), test::onLine(0.5)};
    const std::optional<KnnGraph> g = NeighbourSearch(three).knn(10);
    QCOMPARE(g->k, 2);
    QCOMPARE(std::vector<int>(g->neighbours(0).begin(), g->neighbours(0).end()),
             (std::vector<int>{2, 1}));
    QCOMPARE(std::vector<int>(g->neighbours(1).begin(), g->neighbours(1).end()),
             (std::vector<int>{2, 0}));
    // Ties by index: 0 and 2 are both 1 away from the middle point.
    const std::vector<Embedding> tie{test::onLine(2), test::onLine(1), test::onLine(0)};
    QCOMPARE(NeighbourSearch(tie).knn(1)->neighbours(1)[0], 0);
    // Inclusive radius: exactly eps away is a neighbour.
    const std::optional<RadiusNeighbours> r = NeighbourSearch(tie).radius(1.0);
    QCOMPARE(std::vector<int>(r->of(1).begin(), r->of(1).end()), (std::vector<int>{0, 1, 2}));
    QCOMPARE(std::vector<int>(r->of(0).begin(), r->of(0).end()), (std::vector<int>{0, 1}));
}

void TestNeighbourSearch::cancelAndProgress()
{
    const std::vector<Embedding> points = testPoints();
    const NeighbourSearch search(points, {2, 16, 64});
    std::atomic<qint64> last{0};
    ClusterControl watch;
    watch.progress = [&](qint64 done, qint64 total) {
        QCOMPARE(total, qint64(points.size()));
        qint64 seen = last.load();
        while (done > seen && !last.compare_exchange_weak(seen, done)) {
        }
    };
    QVERIFY(search.knn(5, watch));
    QCOMPARE(last.load(), qint64(points.size()));

    ClusterControl stop;
    stop.cancelled = [] { return true; };
    QVERIFY(!search.knn(5, stop));
    QVERIFY(!search.radius(0.5, stop));

    // Cancelled part-way.
    std::atomic<int> polls{0};
    ClusterControl later;
    later.cancelled = [&] { return ++polls > 3; };
    QVERIFY(!search.radius(0.5, later));
}

QTEST_GUILESS_MAIN(TestNeighbourSearch)
#include "tst_neighboursearch.moc"
