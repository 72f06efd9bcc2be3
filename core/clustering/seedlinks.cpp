#include "clustering/seedlinks.h"

#include "clustering/seedgraph.h"
#include "clustering/unionfind.h"

#include <algorithm>
#include <limits>
#include <numeric>

namespace facefolio {

SeedLinks SeedLinks::build(const KnnGraph &knn, const SeedGraph &graph, double cut)
{
    const int seeds = graph.seedCount();
    const std::vector<SeedGraph::SeedPair> edges =
        graph.seedPairs(knn, std::numeric_limits<double>::infinity());

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
