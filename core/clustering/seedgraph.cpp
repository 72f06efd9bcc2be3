#include "clustering/seedgraph.h"

#include "clustering/unionfind.h"

#include <algorithm>
#include <numeric>

namespace facefolio {

SeedGraph::SeedGraph(const KnnGraph &knn, const ClusterConstraints &constraints, double maxDistance)
{
    const int n = knn.points;
    auto valid = [n](int i) { return i >= 0 && i < n; };

    // Seeds: union-find over the must-link groups, numbered by lowest point.
    std::vector<int> parent(static_cast<size_t>(n));
    std::iota(parent.begin(), parent.end(), 0);
    for (const std::vector<int> &group : constraints.mustLink) {
        int first = -1;
        for (int p : group) {
            if (!valid(p))
                continue;
            if (first < 0) {
                first = p;
                continue;
            }
            const int ra = findRoot(parent, first);
            const int rb = findRoot(parent, p);
            if (ra != rb)
                parent[size_t(std::max(ra, rb))] = std::min(ra, rb);
        }
    }
    m_seedOf.assign(size_t(n), -1);
    std::vector<int> seedOfRoot(size_t(n), -1);
    int seeds = 0;
    for (int i = 0; i < n; ++i) {
        const int r = findRoot(parent, i);
        if (seedOfRoot[size_t(r)] < 0)
            seedOfRoot[size_t(r)] = seeds++;
        m_seedOf[size_t(i)] = seedOfRoot[size_t(r)];
    }

    // Point pairs, each once, then summed per seed pair.
    std::vector<SeedPair> edges = seedPairs(knn, maxDistance);

    struct SeedEdge
    {
        int from;
        Link link;
    };
    std::vector<SeedEdge> directed;
    for (size_t s = 0; s < edges.size();) {
        size_t t = s;
        Link l{edges[s].b, 0, 0};
        for (; t < edges.size() && edges[t].a == edges[s].a && edges[t].b == edges[s].b; ++t) {
            l.sum += double(edges[t].d);
            ++l.count;
        }
        directed.push_back({edges[s].a, l});
        directed.push_back({edges[s].b, {edges[s].a, l.sum, l.count}});
        s = t;
    }
    std::vector<SeedPair>().swap(edges);
    std::sort(directed.begin(), directed.end(), [](const SeedEdge &x, const SeedEdge &y) {
        return x.from < y.from || (x.from == y.from && x.link.to < y.link.to);
    });
    m_linkOffsets.assign(size_t(seeds) + 1, 0);
    m_links.reserve(directed.size());
    for (const SeedEdge &e : directed) {
        ++m_linkOffsets[size_t(e.from) + 1];
        m_links.push_back(e.link);
    }
    std::partial_sum(m_linkOffsets.begin(), m_linkOffsets.end(), m_linkOffsets.begin());

    std::vector<std::pair<int, int>> cannot;
    for (const auto &[p, q] : constraints.cannotLink) {
        if (!valid(p) || !valid(q))
            continue;
        const int sp = m_seedOf[size_t(p)];
        const int sq = m_seedOf[size_t(q)];
        if (sp == sq)
            continue;
        cannot.emplace_back(sp, sq);
        cannot.emplace_back(sq, sp);
    }
    std::sort(cannot.begin(), cannot.end());
    cannot.erase(std::unique(cannot.begin(), cannot.end()), cannot.end());
    m_cannotOffsets.assign(size_t(seeds) + 1, 0);
    for (const auto &[from, to] : cannot) {
        ++m_cannotOffsets[size_t(from) + 1];
        m_cannot.push_back(to);
    }
    std::partial_sum(m_cannotOffsets.begin(), m_cannotOffsets.end(), m_cannotOffsets.begin());
}

std::span<const SeedGraph::Link> SeedGraph::links(int seed) const
{
    return {m_links.data() + m_linkOffsets[size_t(seed)],
            size_t(m_linkOffsets[size_t(seed) + 1] - m_linkOffsets[size_t(seed)])};
}

std::span<const int> SeedGraph::cannotLink(int seed) const
{
    return {m_cannot.data() + m_cannotOffsets[size_t(seed)],
            size_t(m_cannotOffsets[size_t(seed) + 1] - m_cannotOffsets[size_t(seed)])};
}

std::vector<SeedGraph::SeedPair> SeedGraph::seedPairs(const KnnGraph &knn, double maxDistance) const
{
    const int n = knn.points;
    if (!(maxDistance > 0))
        return {};
    auto byPair = [](const SeedPair &x, const SeedPair &y) {
        return x.a < y.a || (x.a == y.a && x.b < y.b);
    };
    // Point pairs bucketed by their lower point, each bucket then sorted: the
    // order of one sort by (a, b) at the cost of many small sorts. The two
    // copies of a mutual pair carry the same distance.
    std::vector<SeedPair> edges;
    {
        std::vector<qint64> start(size_t(n) + 1, 0);
        for (int i = 0; i < n; ++i) {
            const std::span<const int> nb = knn.neighbours(i);
            const std::span<const float> dist = knn.distancesOf(i);
            for (size_t t = 0; t < nb.size(); ++t)
                if (double(dist[t]) < maxDistance)
                    ++start[size_t(std::min(i, nb[t])) + 1];
        }
        std::partial_sum(start.begin(), start.end(), start.begin());
        edges.resize(size_t(start.back()));
        std::vector<qint64> cursor(start.begin(), start.end() - 1);
        for (int i = 0; i < n; ++i) {
            const std::span<const int> nb = knn.neighbours(i);
            const std::span<const float> dist = knn.distancesOf(i);
            for (size_t t = 0; t < nb.size(); ++t) {
                if (!(double(dist[t]) < maxDistance))
                    continue;
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
                    [](const SeedPair &x, const SeedPair &y) { return x.a == y.a && x.b == y.b; }),
        edges.end());
    for (SeedPair &e : edges) {
        const int sa = m_seedOf[size_t(e.a)];
        const int sb = m_seedOf[size_t(e.b)];
        e.a = std::min(sa, sb);
        e.b = std::max(sa, sb);
    }
    std::erase_if(edges, [](const SeedPair &e) { return e.a == e.b; });
    // Stable, so that the distances of one seed pair are summed in point order;
    // without must-link groups every seed is one point and nothing moves.
    if (!std::is_sorted(edges.begin(), edges.end(), byPair))
        std::stable_sort(edges.begin(), edges.end(), byPair);
    return edges;
}

std::vector<int> SeedGraph::pointLabels(std::span<const int> seedCluster) const
{
    std::vector<int> out(m_seedOf.size(), -1);
    std::vector<int> renumber;
    int next = 0;
    for (size_t i = 0; i < m_seedOf.size(); ++i) {
        const int c = seedCluster[size_t(m_seedOf[i])];
        if (c < 0)
            continue;
        if (size_t(c) >= renumber.size())
            renumber.resize(size_t(c) + 1, -1);
        if (renumber[size_t(c)] < 0)
            renumber[size_t(c)] = next++;
        out[i] = renumber[size_t(c)];
    }
    return out;
}

} // namespace facefolio
