#include "clustering/dbscan.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <algorithm>

using namespace facefolio;
using Labels = std::vector<int>;

namespace {

std::vector<Embedding> line(const std::vector<double> &xs)
{
    std::vector<Embedding> out;
    for (double x : xs)
        out.push_back(test::onLine(x));
    return out;
}

Labels dbscan(const std::vector<Embedding> &points, double eps, int minSamples)
{
    return *Dbscan::run(points, eps, minSamples, {}, {2, 7, 11});
}

// scikit-learn's numbering restated independently of the walk: clusters are
// the connected components of core points (joined within eps), numbered by
// their lowest core index; a border point takes the lowest number among the
// clusters of the core points within eps of it.
Labels reference(const std::vector<Embedding> &points, double eps, int minSamples)
{
    const int n = int(points.size());
    auto near = [&](int i, int j) {
        return NeighbourSearch::exactSquaredDistance(points[size_t(i)], points[size_t(j)]) <=
               eps * eps;
    };
    std::vector<char> core(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i) {
        int count = 0;
        for (int j = 0; j < n; ++j)
            count += near(i, j);
        core[size_t(i)] = count >= minSamples;
    }
    Labels label(size_t(n), -1);
    int next = 0;
    for (int i = 0; i < n; ++i) {
        if (!core[size_t(i)] || label[size_t(i)] >= 0)
            continue;
        std::vector<int> todo{i};
        label[size_t(i)] = next;
        while (!todo.empty()) {
            const int p = todo.back();
            todo.pop_back();
            for (int q = 0; q < n; ++q)
                if (core[size_t(q)] && label[size_t(q)] < 0 && near(p, q)) {
                    label[size_t(q)] = next;
                    todo.push_back(q);
                }
        }
        ++next;
    }
    for (int i = 0; i < n; ++i) {
        if (core[size_t(i)])
            continue;
        int best = -1;
        for (int j = 0; j < n; ++j)
            if (core[size_t(j)] && near(i, j) && (best < 0 || label[size_t(j)] < best))
                best = label[size_t(j)];
        label[size_t(i)] = best;
    }
    return label;
}

} // namespace

class TestDbscan : public QObject
{
    Q_OBJECT

private slots:
    void sharedBorderPoint();
    void epsIsInclusive();
    void minSamplesCountsThePointItself();
    void duplicates();
    void minSamplesOne();
    void allNoise();
    void empty();
    void matchesReference_data();
    void matchesReference();
};

void TestDbscan::sharedBorderPoint()
{
    // Two dense runs, A = {0, .25, .5, 1} and C = {3, 3.25, 3.5, 4}, and B = 2
    // exactly eps = 1 from A's 1 and C's 3. With min_samples 4, B has only 3
    // points within eps (itself included), so it is a border point of both.
    // C's points come first: C is cluster 0 and claims B.
    QCOMPARE(dbscan(line({3, 3.25, 3.5, 4, 2, 0, 0.25, 0.5, 1}), 1.0, 4),
             (Labels{0, 0, 0, 0, 0, 1, 1, 1, 1}));
    // A's points come first: A is cluster 0 and claims B.
    QCOMPARE(dbscan(line({0, 0.25, 0.5, 1, 2, 3, 3.25, 3.5, 4}), 1.0, 4),
             (Labels{0, 0, 0, 0, 0, 1, 1, 1, 1}));
    // B first: a border point never starts a cluster; the lowest core point
    // (C's 3.5 at index 1) starts cluster 0, which takes B.
    QCOMPARE(dbscan(line({2, 3.5, 0.5, 3, 0, 3.25, 0.25, 1, 4}), 1.0, 4),
             (Labels{0, 0, 1, 0, 1, 0, 1, 1, 0}));
    // min_samples 3: B is core and chains A and C into one cluster.
    QCOMPARE(dbscan(line({0, 0.25, 0.5, 1, 2, 3, 3.25, 3.5, 4}), 1.0, 3), Labels(9, 0));
}

void TestDbscan::epsIsInclusive()
{
    // Exactly eps apart: neighbours. A hair less: not.
    QCOMPARE(dbscan(line({0, 0.5}), 0.5, 2), (Labels{0, 0}));
    QCOMPARE(dbscan(line({0, 0.5}), 0.4999, 2), (Labels{-1, -1}));
    // In two dimensions: (0, 0)-(0.375, 0.5) is exactly 0.625.
    QCOMPARE(*Dbscan::run(std::vector<Embedding>{test::onLine(0, 0), test::onLine(0.375, 0.5)},
                          0.625, 2),
             (Labels{0, 0}));
}

void TestDbscan::minSamplesCountsThePointItself()
{
    QCOMPARE(dbscan(line({0, 0.5}), 0.5, 2), (Labels{0, 0}));
    QCOMPARE(dbscan(line({0, 0.5}), 0.5, 3), (Labels{-1, -1}));
    // The middle point has 3 (itself and both ends): core; the ends have 2: border.
    QCOMPARE(dbscan(line({0, 0.5, 1}), 0.5, 3), (Labels{0, 0, 0}));
    QCOMPARE(dbscan(line({0, 0.5, 1, 7}), 0.5, 3), (Labels{0, 0, 0, -1}));
}

void TestDbscan::duplicates()
{
    // Identical points are within any eps, even 0.
    QCOMPARE(dbscan(line({1, 1, 1, 5}), 0.0, 3), (Labels{0, 0, 0, -1}));
    QCOMPARE(dbscan(line({1, 5, 1, 5, 1}), 0.0, 3), (Labels{0, -1, 0, -1, 0}));
    QCOMPARE(dbscan(line({1, 5, 1, 5, 1}), 0.0, 2), (Labels{0, 1, 0, 1, 0}));
}

void TestDbscan::minSamplesOne()
{
    // Every point is core: the clusters are the eps-connected components,
    // numbered by their lowest index; isolated points are clusters of one.
    // (Binary fractions, so that "exactly eps" survives float storage.)
    QCOMPARE(dbscan(line({9, 0, 0.5, 5, 1, 5.25, 20}), 0.5, 1), (Labels{0, 1, 1, 2, 1, 2, 3}));
    QCOMPARE(dbscan(line({9, 0, 0.5}), 0.5, 0), (Labels{0, 1, 1}));
}

void TestDbscan::allNoise()
{
    QCOMPARE(dbscan(line({0, 1, 2, 3}), 0.5, 2), Labels(4, -1));
    QCOMPARE(dbscan(line({0, 0.1, 0.2}), 0.5, 4), Labels(3, -1));
}

void TestDbscan::empty()
{
    QCOMPARE(dbscan({}, 0.5, 5), Labels{});
}

void TestDbscan::matchesReference_data()
{
    QTest::addColumn<double>("eps");
    QTest::addColumn<int>("minSamples");
    for (double eps : {0.3, 0.4, 0.45, 0.5, 0.6})
        for (int m : {1, 2, 3, 5, 10})
            QTest::addRow("eps %.2f min_samples %d", eps, m) << eps << m;
}

void TestDbscan::matchesReference()
{
    QFETCH(double, eps);
    QFETCH(int, minSamples);
    // Tight and loose identities, so there are border points, bridges and noise.
    std::vector<Embedding> points =
        test::makeFaces({1, 1, 2, 3, 4, 6, 9, 15, 30}, 11, 0.03, 0.04).points;
    const std::vector<Embedding> more = test::makeFaces({2, 5, 8, 12}, 12, 0.035, 0.03).points;
    points.insert(points.end(), more.begin(), more.end());
    const Labels got = dbscan(points, eps, minSamples);
    QCOMPARE(got, reference(points, eps, minSamples));
}

QTEST_GUILESS_MAIN(TestDbscan)
#include "tst_dbscan.moc"
