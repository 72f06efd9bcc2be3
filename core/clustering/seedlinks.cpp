#include "clustering/seedlinks.h"

#include "clustering/seedgraph.h"
#include "clustering/unionfind.h"

#include <algorithm>
#include <numeric>

namespace facefolio {

namespace {

struct PairEdge
{
    int a;
    int b;
    float d;
};

} // namespace

SeedLinks SeedLinks::build(const KnnGraph &knn, const SeedGraph &graph, double cut)
{
    const int n = knn.points;
    const int seeds = graph.seedCount();
    auto byPair = [](const PairEdge &x, const PairEdge &y) {
        return x.a < y.a || (x.a == y.a && x.b < y.b);
    };
    // Point pairs bucketed by their lower point, each bucket then sorted: the
    // order of one sort by (a, b) at the cost of many small sorts. The two
    // copies of a mutual pair carry the same distance.
    std::vector<PairEdge> edges;
    {
        std::vector<qint64> start(size_t(n) + 1, 0);
        for (int i = 0; i < n; ++i)
            for (int j : knn.neighbours(i))
                ++start[size_t(std::min(i, j)) + 1];
        std::partial_sum(start.begin(), start.end(), start.begin());
        edges.resize(size_t(start.back()));
        std::vector<qint64> cursor(start.begin(), start.end() - 1);
        for (int i = 0; i < n; ++i) {
            const std::span<const int> nb = knn.neighbours(i);
            const std::span<const float> dist = knn.distancesOf(i);
            for (size_t t = 0; t < nb.size(); ++t) {
                const int a = std::min(i, nb[t]);
                edges[size_t(cursor[size_t(a)]++)] = {a, std::max(i, nb[t]), dist[t]};
            }
        }
        for (int a = 0; a < n; ++a)
            std::sort(edges.begin() + start[size_t(a)], edges.begin() + start[size_t(a) + 1],
                      byPair);
    }
    edges.erase(
        std::unique(edges.begin(), edges.end(),
                    [](const PairEdge &x, const PairEdge &y) { return x.a == y.a && x.b == y.b; }),
        edges.end());
    for (PairEdge &e : edges) {
        const int sa = graph.seedOf(e.a);
        const int sb = graph.seedOf(e.b);
        e.a = std::min(sa, sb);
        e.b = std::max(sa, sb);
    }
    std::erase_if(edges, [](const PairEdge &e) { return e.a == e.b; });
    // Stable, so that the distances of one seed pair are summed in point order;
    // without must-link groups every seed is one point and nothing moves.
    if (!std::is_sorted(edges.begin(), edges.end(), byPair))
        std::stable_sort(edges.begin(), edges.end(), byPair);

    // Two passes: list sizes (and components), then the lists. Walking the
    // pairs in (a, b) order appends to every list in ascending `to` order.
    SeedLinks out;
    out.offsets.assign(size_t(seeds) + 1, 0);
    std::vector<int> parent(static_cast<size_t>(seeds));
    std::iota(parent.begin(), parent.end(), 0);
    std::vector<qint64> cursor;
    for (int pass = 0; pass < 2; ++pass) {
        for (size_t s = 0; s < edges.size();) {
            size_t t = s;
            double sum = 0;
            float nearest = edges[s].d;
            for (; t < edges.size() && edges[t].a == edges[s].a && edges[t].b == edges[s].b; ++t) {
                sum += double(edges[t].d);
                nearest = std::min(nearest, edges[t].d);
            }
            const int a = edges[s].a, b = edges[s].b, count = int(t - s);
            if (pass == 0) {
                ++out.offsets[size_t(a) + 1];
                ++out.offsets[size_t(b) + 1];
                // Two clusters can only become a candidate through a point
                // pair closer than the cut, so pairs of seeds without one
                // never join components.
                if (double(nearest) < cut) {
                    const int ra = findRoot(parent, a), rb = findRoot(parent, b);
                    if (ra != rb)
                        parent[size_t(std::max(ra, rb))] = std::min(ra, rb);
                }
            } else {
                out.edges[size_t(cursor[size_t(a)]++)] = {b, count, float(sum), 0};
                out.edges[size_t(cursor[size_t(b)]++)] = {a, count, float(sum), 0};
            }
            s = t;
        }
        if (pass == 0) {
            std::partial_sum(out.offsets.begin(), out.offsets.end(), out.offsets.begin());
            out.edges.resize(size_t(out.offsets.back()));
            cursor.assign(out.offsets.begin(), out.offsets.end() - 1);
        }
    }
    out.component.resize(size_t(seeds));
    for (int s = 0; s < seeds; ++s)
        out.component[size_t(s)] = findRoot(parent, s);
    return out;
}

} // namespace facefolio
