#include "clustering/averagelinkage.h"

#include "clustering/seedgraph.h"
#include "clustering/seedlinks.h"

#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <optional>
#include <queue>
#include <unordered_set>

namespace facefolio {

namespace {

using Edge = SeedLinks::Edge;
using Adjacency = std::vector<Edge>;

Edge *find(Adjacency &list, int to)
{
    auto it = std::lower_bound(list.begin(), list.end(), to,
                               [](const Edge &e, int t) { return e.to < t; });
    return it != list.end() && it->to == to ? &*it : nullptr;
}

// 16 bytes: the queue holds millions of these.
struct Candidate
{
    static constexpr quint32 estimate = 0x80000000u;

    float linkage;
    int a; // a < b
    int b;
    // The version of a and b together when linkage was measured, or
    // `estimate` for the mean of the known kNN edges. Versions stay below
    // 2³¹: they sum to at most the number of merges.
    quint32 tag;

    bool measured() const { return tag != estimate; }
    // Reversed, for a min-queue: smallest linkage first, then a total order
    // (measured before estimated, older versions first).
    bool operator<(const Candidate &o) const
    {
        if (linkage != o.linkage)
            return linkage > o.linkage;
        if (a != o.a)
            return a > o.a;
        if (b != o.b)
            return b > o.b;
        return tag > o.tag;
    }
};

// Over the first `dims` floats (a multiple of 8: NeighbourSearch::usedDims).
float distance(const float *x, const float *y, int dims)
{
    // Eight partial sums, so that the compiler can vectorise the loop.
    float acc[8] = {};
    for (int i = 0; i < dims; i += 8)
        for (int j = 0; j < 8; ++j) {
            const float d = x[i + j] - y[i + j];
            acc[j] += d * d;
        }
    return std::sqrt(((acc[0] + acc[1]) + (acc[2] + acc[3])) +
                     ((acc[4] + acc[5]) + (acc[6] + acc[7])));
}

constexpr size_t sampleSide = 32;

// Distances between the points of one component. Up to tableLimit points
// every pair is measured once into a table (a component is mostly one
// person's faces, measured again and again as its clusters grow); the values
// are the same either way.
constexpr size_t tableLimit = 2048;

struct Distances
{
    std::vector<float> coords; ///< n × dims, the floats the model uses
    int dims;
    size_t n;
    std::vector<float> table;

    Distances(std::vector<float> c, int d)
        : coords(std::move(c))
        , dims(d)
        , n(coords.size() / size_t(d))
    {
        if (n > tableLimit)
            return;
        table.resize(n * n, 0.0f);
        for (size_t i = 0; i < n; ++i)
            for (size_t j = i + 1; j < n; ++j)
                table[i * n + j] = table[j * n + i] = at(i, j);
    }
    float at(size_t i, size_t j) const
    {
        return distance(coords.data() + i * size_t(dims), coords.data() + j * size_t(dims), dims);
    }
    float operator()(int i, int j) const
    {
        return table.empty() ? at(size_t(i), size_t(j)) : table[size_t(i) * n + size_t(j)];
    }
};

double averageLinkage(const Distances &distances, const std::vector<int> &a,
                      const std::vector<int> &b)
{
    const size_t na =
        a.size() * b.size() <= sampleSide * sampleSide ? a.size() : std::min(a.size(), sampleSide);
    const size_t nb =
        a.size() * b.size() <= sampleSide * sampleSide ? b.size() : std::min(b.size(), sampleSide);
    double sum = 0;
    for (size_t i = 0; i < na; ++i) {
        const int x = a[i * a.size() / na];
        for (size_t j = 0; j < nb; ++j)
            sum += double(distances(x, b[j * b.size() / nb]));
    }
    return sum / double(na * nb);
}

// Average linkage on one component (its seeds in ascending order); merges
// never cross components, so each is clustered on its own, on local ids in
// the same order as the global ones, with its points copied together.
// Writes the global id of each seed's final cluster into root.
void clusterComponent(std::span<const int> seedIds, SeedLinks &links, const SeedGraph &graph,
                      std::span<const qint64> pointOffsets, std::span<const int> pointsOfSeed,
                      std::span<const Embedding> allPoints, int dims, double cut,
                      std::vector<int> &localOf, std::vector<int> &root)
{
    const int seeds = int(seedIds.size());
    const int component = links.component[size_t(seedIds[0])];
    std::vector<float> coords;
    int count = 0;
    std::vector<std::vector<int>> members(static_cast<size_t>(seeds));
    std::vector<Adjacency> adjacent(static_cast<size_t>(seeds));
    std::vector<std::unordered_set<int>> cannot(static_cast<size_t>(seeds));
    for (int l = 0; l < seeds; ++l)
        localOf[size_t(seedIds[size_t(l)])] = l;
    for (int l = 0; l < seeds; ++l) {
        const int g = seedIds[size_t(l)];
        for (qint64 p = pointOffsets[size_t(g)]; p < pointOffsets[size_t(g) + 1]; ++p) {
            members[size_t(l)].push_back(count++);
            const float *point = allPoints[size_t(pointsOfSeed[size_t(p)])].data();
            coords.insert(coords.end(), point, point + dims);
        }
        for (const Edge &e : links.of(g))
            if (links.component[size_t(e.to)] == component)
                adjacent[size_t(l)].push_back({localOf[size_t(e.to)], e.count, e.sum, 0});
        for (int t : graph.cannotLink(g))
            if (links.component[size_t(t)] == component)
                cannot[size_t(l)].insert(localOf[size_t(t)]);
    }

    const Distances distances(std::move(coords), dims);
    // When the kNN graph knows every pair between two clusters, its mean is
    // the average linkage itself: measured without measuring.
    auto complete = [&](int a, int b, const Edge &e) {
        return qint64(e.count) ==
               qint64(members[size_t(a)].size()) * qint64(members[size_t(b)].size());
    };
    std::priority_queue<Candidate> queue;
    {
        std::vector<Candidate> initial;
        for (int s = 0; s < seeds; ++s)
            for (Edge &e : adjacent[size_t(s)]) {
                if (s > e.to || e.mean() >= cut)
                    continue;
                const bool known = complete(s, e.to, e);
                if (known)
                    e.measuredAt = 1;
                initial.push_back({float(e.mean()), s, e.to, known ? 0 : Candidate::estimate});
            }
        queue = std::priority_queue<Candidate>(std::less<Candidate>(), std::move(initial));
    }

    std::vector<quint32> version(size_t(seeds), 0);
    std::vector<int> mergedInto(size_t(seeds), -1);
    Adjacency joined;
    std::optional<Candidate> next;
    while (next || !queue.empty()) {
        Candidate c;
        if (next) {
            c = *next;
            next.reset();
        } else {
            c = queue.top();
            queue.pop();
        }
        if (mergedInto[size_t(c.a)] >= 0 || mergedInto[size_t(c.b)] >= 0)
            continue;
        if (cannot[size_t(c.a)].contains(c.b))
            continue;
        const quint32 now = version[size_t(c.a)] + version[size_t(c.b)];
        if (c.tag != now) {
            // Several estimates of one pair can wait in the queue; the first
            // one popped measures it, the others find the result queued.
            Edge *known = find(adjacent[size_t(c.a)], c.b);
            if (!known || known->measuredAt == now + 1)
                continue;
            known->measuredAt = now + 1;
            const double linkage =
                averageLinkage(distances, members[size_t(c.a)], members[size_t(c.b)]);
            if (linkage < cut) {
                // When it would be the next one out of the queue, take it now.
                const Candidate m{float(linkage), c.a, c.b, now};
                if (queue.empty() || !(m < queue.top()))
                    next = m;
                else
                    queue.push(m);
            }
            continue;
        }

        // Fold the cluster with fewer neighbours into the other (small into
        // large keeps the work on the neighbours' lists small); ties keep the
        // lower id.
        int keep = c.a, gone = c.b;
        if (adjacent[size_t(gone)].size() > adjacent[size_t(keep)].size())
            std::swap(keep, gone);
        mergedInto[size_t(gone)] = keep;
        // Versions only grow, so a sum of two can never come back to an old value.
        version[size_t(keep)] += version[size_t(gone)] + 1;
        members[size_t(keep)].insert(members[size_t(keep)].end(), members[size_t(gone)].begin(),
                                     members[size_t(gone)].end());
        std::vector<int>().swap(members[size_t(gone)]);

        // The two sorted lists merged into one, without each other.
        const Adjacency &keepAdj = adjacent[size_t(keep)];
        const Adjacency &goneAdj = adjacent[size_t(gone)];
        joined.clear();
        joined.reserve(keepAdj.size() + goneAdj.size());
        for (size_t x = 0, y = 0; x < keepAdj.size() || y < goneAdj.size();) {
            if (y == goneAdj.size() || (x < keepAdj.size() && keepAdj[x].to < goneAdj[y].to)) {
                if (keepAdj[x].to != gone)
                    joined.push_back(keepAdj[x]);
                ++x;
            } else if (x == keepAdj.size() || goneAdj[y].to < keepAdj[x].to) {
                if (goneAdj[y].to != keep)
                    joined.push_back({goneAdj[y].to, goneAdj[y].count, goneAdj[y].sum, 0});
                ++y;
            } else {
                joined.push_back({keepAdj[x].to, keepAdj[x].count + goneAdj[y].count,
                                  keepAdj[x].sum + goneAdj[y].sum, 0});
                ++x;
                ++y;
            }
        }
        // The neighbours of `gone` now see `keep` instead, with the joined sums.
        for (const Edge &g : goneAdj) {
            if (g.to == keep)
                continue;
            Edge &j = *find(joined, g.to);
            const quint32 pair = version[size_t(keep)] + version[size_t(g.to)];
            const bool known = complete(keep, g.to, j);
            if (known && keep < g.to)
                j.measuredAt = pair + 1;
            Adjacency &other = adjacent[size_t(g.to)];
            auto at = [&other](int to) {
                return std::lower_bound(other.begin(), other.end(), to,
                                        [](const Edge &e, int t) { return e.to < t; });
            };
            if (const auto old = at(gone); old != other.end() && old->to == gone)
                other.erase(old);
            const auto k = at(keep);
            const Edge mirrored{keep, j.count, j.sum, known && g.to < keep ? pair + 1 : 0};
            if (k != other.end() && k->to == keep)
                *k = mirrored;
            else
                other.insert(k, mirrored);
            if (j.mean() < cut)
                queue.push({float(j.mean()), std::min(keep, g.to), std::max(keep, g.to),
                            known ? pair : Candidate::estimate});
        }
        adjacent[size_t(keep)].swap(joined);
        Adjacency().swap(adjacent[size_t(gone)]);
        for (int other : cannot[size_t(gone)]) {
            cannot[size_t(other)].erase(gone);
            if (other != keep) {
                cannot[size_t(other)].insert(keep);
                cannot[size_t(keep)].insert(other);
            }
        }
        std::unordered_set<int>().swap(cannot[size_t(gone)]);
    }

    for (int l = 0; l < seeds; ++l) {
        int r = l;
        while (mergedInto[size_t(r)] >= 0)
            r = mergedInto[size_t(r)];
        root[size_t(seedIds[size_t(l)])] = seedIds[size_t(r)];
    }
}

// The graph average linkage sees: every edge of a loose point (not in a
// must-link group) made infinitely long, so that it never becomes a candidate.
const KnnGraph &withoutLoose(const KnnGraph &knn, const ClusterConstraints &constraints,
                             KnnGraph &copy)
{
    const std::vector<bool> loose = loosePoints(constraints, knn.points);
    if (std::find(loose.begin(), loose.end(), true) == loose.end())
        return knn;
    copy = knn;
    constexpr float far = std::numeric_limits<float>::infinity();
    for (int i = 0; i < knn.points; ++i) {
        const std::span<const int> idx = knn.neighbours(i);
        for (size_t j = 0; j < idx.size(); ++j)
            if (loose[size_t(i)] || (idx[j] >= 0 && loose[size_t(idx[j])]))
                copy.distances[size_t(i) * size_t(knn.k) + j] = far;
    }
    return copy;
}

} // namespace

std::vector<int> AverageLinkage::cluster(std::span<const Embedding> points, const KnnGraph &knn,
                                         double cut, const ClusterConstraints &constraints,
                                         int threads)
{
    // Seeds and cannot-links only: a negative distance limit keeps SeedGraph's
    // own copy of the edges empty.
    const SeedGraph graph(knn, constraints, -1.0);
    const int seeds = graph.seedCount();
    SeedLinks links = SeedLinks::build(knn, graph, cut);
    // Distances need only the floats the model fills (dlib 128 of 512).
    const int dims = NeighbourSearch::usedDims(points);

    // The points of each seed, and the seeds of each component, as compressed rows.
    std::vector<qint64> pointOffsets(size_t(seeds) + 1, 0);
    for (int i = 0; i < graph.pointCount(); ++i)
        ++pointOffsets[size_t(graph.seedOf(i)) + 1];
    std::partial_sum(pointOffsets.begin(), pointOffsets.end(), pointOffsets.begin());
    std::vector<int> pointsOfSeed(static_cast<size_t>(graph.pointCount()));
    {
        std::vector<qint64> cursor(pointOffsets.begin(), pointOffsets.end() - 1);
        for (int i = 0; i < graph.pointCount(); ++i)
            pointsOfSeed[size_t(cursor[size_t(graph.seedOf(i))]++)] = i;
    }
    std::vector<int> componentOffsets(size_t(seeds) + 1, 0);
    for (int s = 0; s < seeds; ++s)
        ++componentOffsets[size_t(links.component[size_t(s)]) + 1];
    std::partial_sum(componentOffsets.begin(), componentOffsets.end(), componentOffsets.begin());
    std::vector<int> seedsByComponent(static_cast<size_t>(seeds));
    {
        std::vector<int> cursor(componentOffsets.begin(), componentOffsets.end() - 1);
        for (int s = 0; s < seeds; ++s)
            seedsByComponent[size_t(cursor[size_t(links.component[size_t(s)])]++)] = s;
    }
    // Components of more than one seed, largest first so that the threads
    // finish together.
    std::vector<int> work;
    for (int s = 0; s < seeds; ++s)
        if (componentOffsets[size_t(s) + 1] - componentOffsets[size_t(s)] > 1)
            work.push_back(s);
    auto sizeOf = [&](int c) {
        return componentOffsets[size_t(c) + 1] - componentOffsets[size_t(c)];
    };
    std::stable_sort(work.begin(), work.end(), [&](int x, int y) { return sizeOf(x) > sizeOf(y); });

    std::vector<int> root(static_cast<size_t>(seeds));
    std::iota(root.begin(), root.end(), 0);
    std::vector<int> localOf(static_cast<size_t>(seeds), -1);
    QThreadPool pool;
    pool.setMaxThreadCount(threads > 0 ? threads : QThread::idealThreadCount());
    // Components own disjoint seeds, so the threads write disjoint parts of
    // root, localOf and the links.
    QtConcurrent::blockingMap(&pool, work, [&](int c) {
        clusterComponent(std::span<const int>(seedsByComponent.data() + componentOffsets[size_t(c)],
                                              size_t(sizeOf(c))),
                         links, graph, pointOffsets, pointsOfSeed, points, dims, cut, localOf,
                         root);
    });
    return graph.pointLabels(root);
}

std::optional<std::vector<int>> AverageLinkage::run(std::span<const Embedding> points,
                                                    Options options,
                                                    const ClusterConstraints &constraints,
                                                    const ClusterControl &control,
                                                    NeighbourSearch::Options search)
{
    const NeighbourSearch index(points, search);
    std::optional<KnnGraph> knn = index.knn(options.k, control);
    if (!knn)
        return std::nullopt;
    KnnGraph firm;
    std::vector<int> labels = cluster(points, withoutLoose(*knn, constraints, firm), options.cut,
                                      constraints, search.threads);
    if (options.fragments)
        labels = FragmentJoin::join(*knn, labels, constraints, *options.fragments);
    if (options.bridges)
        labels = LinkMerge::merge(*knn, labels, options.cut, constraints, *options.bridges);
    return labels;
}

} // namespace facefolio
