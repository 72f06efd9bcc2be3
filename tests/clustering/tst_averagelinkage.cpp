#include "clustering/averagelinkage.h"
#include "graphtesthelpers.h"
#include "syntheticfaces.h"

#include <QtTest>
#include <set>

using namespace facefolio;
using Labels = std::vector<int>;

namespace {

Labels cluster(const std::vector<Embedding> &points, const ClusterConstraints &constraints = {},
               double cut = 0.5, NeighbourSearch::Options search = {2, 64, 256})
{
    AverageLinkage::Options options;
    options.cut = cut;
    return *AverageLinkage::run(points, options, constraints, {}, search);
}

// Identities of very different sizes, singletons included.
test::SyntheticFaces library()
{
    return test::makeFaces({1, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 40, 25, 4, 1, 7}, 3);
}

} // namespace

class TestAverageLinkage : public QObject
{
    Q_OBJECT

private slots:
    void recoversSeparatedIdentities();
    void labelsAreNumberedByFirstPoint();
    void deterministic();
    void cannotLinkSeparates();
    void cannotLinkInsideOnePhotoNeverJoined();
    void mustLinkKeepsGroupsTogether();
    void mustLinkGroupKeepsCannotLinkedPointOut();
    void tinyInputs();
};

void TestAverageLinkage::recoversSeparatedIdentities()
{
    const test::SyntheticFaces f = library();
    const Labels got = cluster(f.points);
    QVERIFY(test::sameClusters(got, f.identity));
}

void TestAverageLinkage::labelsAreNumberedByFirstPoint()
{
    const Labels got = cluster(library().points);
    int next = 0;
    for (int l : got) {
        QVERIFY(l >= 0 && l <= next);
        if (l == next)
            ++next;
    }
}

void TestAverageLinkage::deterministic()
{
    const test::SyntheticFaces f = library();
    const Labels first = cluster(f.points);
    QCOMPARE(cluster(f.points), first);
    // Thread count and block shape do not matter.
    QCOMPARE(cluster(f.points, {}, 0.5, {1, 1024, 4096}), first);
    QCOMPARE(cluster(f.points, {}, 0.5, {2, 5, 33}), first);
    // Also on ambiguous data, where the tie-breaking rules are exercised.
    const std::vector<Embedding> blur =
        test::makeFaces({30, 30, 30, 30, 30}, 9, 0.035, 0.02).points;
    const Labels a = cluster(blur, {}, 0.55);
    QCOMPARE(cluster(blur, {}, 0.55, {1, 7, 50}), a);
}

void TestAverageLinkage::cannotLinkSeparates()
{
    const test::SyntheticFaces f = library();
    // Two faces of the biggest identity that the user separated.
    std::vector<int> members;
    for (int i = 0; i < int(f.identity.size()); ++i)
        if (f.identity[size_t(i)] == 11)
            members.push_back(i);
    ClusterConstraints c;
    c.cannotLink = {{members[0], members[1]}, {members[2], members[3]}, {members[0], members[3]}};
    const Labels got = cluster(f.points, c);
    for (const auto &[p, q] : c.cannotLink)
        QVERIFY(got[size_t(p)] != got[size_t(q)]);
    // The rest of the library is unaffected, and the identity is split in few pieces.
    std::set<int> pieces;
    for (int m : members)
        pieces.insert(got[size_t(m)]);
    QVERIFY(pieces.size() >= 2 && pieces.size() <= 4);
}

void TestAverageLinkage::cannotLinkInsideOnePhotoNeverJoined()
{
    // Every identity-mixed pair of "one photo" constraints survives, and so do
    // constraints between look-alikes (two identities with close centres).
    test::SyntheticFaces f = test::makeFaces({20, 20}, 21, 0.025, 0.012);
    ClusterConstraints c;
    for (int i = 0; i + 1 < int(f.points.size()); i += 2)
        c.cannotLink.emplace_back(i, i + 1);
    const Labels got = cluster(f.points, c, 0.6);
    for (const auto &[p, q] : c.cannotLink)
        QVERIFY(got[size_t(p)] != got[size_t(q)]);
}

void TestAverageLinkage::mustLinkKeepsGroupsTogether()
{
    const test::SyntheticFaces f = library();
    // The user confirmed faces of two different identities as one person, and
    // a singleton as the same person as identity 9.
    int a = -1, b = -1, lone = -1, nine = -1;
    for (int i = 0; i < int(f.identity.size()); ++i) {
        if (f.identity[size_t(i)] == 10 && a < 0)
            a = i;
        if (f.identity[size_t(i)] == 12 && b < 0)
            b = i;
        if (f.identity[size_t(i)] == 0)
            lone = i;
        if (f.identity[size_t(i)] == 9 && nine < 0)
            nine = i;
    }
    ClusterConstraints c;
    c.mustLink = {{a, b}, {lone, nine}};
    const Labels got = cluster(f.points, c);
    QCOMPARE(got[size_t(a)], got[size_t(b)]);
    QCOMPARE(got[size_t(lone)], got[size_t(nine)]);
    // Nothing else gets confused: the rest of identity 9 stays one cluster
    // (with the group, or apart from it when the stranger in the group pulls
    // the group's average linkage above the cut).
    int rest = -1;
    for (int i = 0; i < int(f.identity.size()); ++i) {
        if (f.identity[size_t(i)] != 9 || i == nine)
            continue;
        if (rest < 0)
            rest = got[size_t(i)];
        QCOMPARE(got[size_t(i)], rest);
    }
}

void TestAverageLinkage::mustLinkGroupKeepsCannotLinkedPointOut()
{
    const test::SyntheticFaces f = library();
    std::vector<int> members;
    for (int i = 0; i < int(f.identity.size()); ++i)
        if (f.identity[size_t(i)] == 8)
            members.push_back(i);
    // Confirmed: the first five. Taken out by the user: the last one, which is
    // cannot-linked to one confirmed face only and so to the whole group.
    ClusterConstraints c;
    c.mustLink = {std::vector<int>(members.begin(), members.begin() + 5)};
    c.cannotLink = {{members.back(), members[2]}};
    const Labels got = cluster(f.points, c);
    for (int i = 1; i < 5; ++i)
        QCOMPARE(got[size_t(members[size_t(i)])], got[size_t(members[0])]);
    QVERIFY(got[size_t(members.back())] != got[size_t(members[0])]);
    // A cannot-link inside a must-link group loses: the user's grouping stands.
    ClusterConstraints inside;
    inside.mustLink = {{members[0], members[1]}};
    inside.cannotLink = {{members[0], members[1]}, {-1, 5}, {0, 1 << 30}};
    const Labels kept = cluster(f.points, inside);
    QCOMPARE(kept[size_t(members[0])], kept[size_t(members[1])]);
}

void TestAverageLinkage::tinyInputs()
{
    QCOMPARE(cluster({}), Labels{});
    QCOMPARE(cluster({test::onLine(0)}), Labels{0});
    QCOMPARE(cluster({test::onLine(0), test::onLine(0.1), test::onLine(3)}), (Labels{0, 0, 1}));
}

QTEST_GUILESS_MAIN(TestAverageLinkage)
#include "tst_averagelinkage.moc"
