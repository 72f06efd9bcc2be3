#include "clustering/averagelinkage.h"

#include "clustering/seedgraph.h"

#include <algorithm>
#include <cmath>
#include <queue>
#include <unordered_map>
#include <unordered_set>

namespace facefolio {

namespace {

struct Sum
{
    double sum = 0;
    int count = 0;
    double mean() const { return sum / count; }
};

struct Candidate
{
    double linkage;
    int a; // a < b
    int b;
    bool measured;   // linkage is the measured average, valid for these versions
    quint32 version; // of a and b together, when measured
    // Reversed, for a min-queue: smallest linkage first, then a total order.
    bool operator<(const Candidate &o) const
    {
        if (linkage != o.linkage)
            return linkage > o.linkage;
        if (a != o.a)
            return a > o.a;
        if (b != o.b)
            return b > o.b;
        if (measured != o.measured)
            return !measured;
        return version > o.version;
    }
};

float distance(const Embedding &x, const Embedding &y)
{
    // Eight partial sums, so that the compiler can vectorise the loop.
    float acc[8] = {};
    for (size_t i = 0; i < x.size(); i += 8)
        for (size_t j = 0; j < 8; ++j) {
            const float d = x[i + j] - y[i + j];
            acc[j] += d * d;
        }
    return std::sqrt(((acc[0] + acc[1]) + (acc[2] + acc[3])) +
                     ((acc[4] + acc[5]) + (acc[6] + acc[7])));
}

constexpr size_t sampleSide = 32;

double averageLinkage(std::span<const Embedding> points, const std::vector<int> &a,
                      const std::vector<int> &b)
{
    const size_t na =
        a.size() * b.size() <= sampleSide * sampleSide ? a.size() : std::min(a.size(), sampleSide);
    const size_t nb =
        a.size() * b.size() <= sampleSide * sampleSide ? b.size() : std::min(b.size(), sampleSide);
    double sum = 0;
    for (size_t i = 0; i < na; ++i) {
        const Embedding &x = points[size_t(a[i * a.size() / na])];
        for (size_t j = 0; j < nb; ++j)
            sum += double(distance(x, points[size_t(b[j * b.size() / nb])]));
    }
    return sum / double(na * nb);
}

} // namespace

std::vector<int> AverageLinkage::cluster(std::span<const Embedding> points, const KnnGraph &knn,
                                         double cut, const ClusterConstraints &constraints)
{
    const SeedGraph graph(knn, constraints);
    const int seeds = graph.seedCount();

    std::vector<std::vector<int>> members(static_cast<size_t>(seeds));
    for (int i = 0; i < graph.pointCount(); ++i)
        members[size_t(graph.seedOf(i))].push_back(i);
    std::vector<std::unordered_map<int, Sum>> adjacent(static_cast<size_t>(seeds));
    std::vector<std::unordered_set<int>> cannot(static_cast<size_t>(seeds));
    std::vector<quint32> version(size_t(seeds), 0);
    std::priority_queue<Candidate> queue;
    for (int s = 0; s < seeds; ++s) {
        const auto links = graph.links(s);
        adjacent[size_t(s)].reserve(links.size());
        for (const SeedGraph::Link &l : links) {
            const Sum sum{l.sum, l.count};
            adjacent[size_t(s)].emplace(l.to, sum);
            if (s < l.to && sum.mean() < cut)
                queue.push({sum.mean(), s, l.to, false, 0});
        }
        for (int t : graph.cannotLink(s))
            cannot[size_t(s)].insert(t);
    }

    std::vector<int> mergedInto(size_t(seeds), -1);
    while (!queue.empty()) {
        const Candidate c = queue.top();
        queue.pop();
        if (mergedInto[size_t(c.a)] >= 0 || mergedInto[size_t(c.b)] >= 0)
            continue;
        if (cannot[size_t(c.a)].contains(c.b))
            continue;
        const quint32 now = version[size_t(c.a)] + version[size_t(c.b)];
        if (!c.measured || c.version != now) {
            const double linkage =
                averageLinkage(points, members[size_t(c.a)], members[size_t(c.b)]);
            if (linkage < cut)
                queue.push({linkage, c.a, c.b, true, now});
            continue;
        }

        // Fold the cluster with fewer neighbours into the other (small into
        // large keeps the total work O(E log E)); ties keep the lower id.
        int keep = c.a, gone = c.b;
        if (adjacent[size_t(gone)].size() > adjacent[size_t(keep)].size())
            std::swap(keep, gone);
        mergedInto[size_t(gone)] = keep;
        // Versions only grow, so a sum of two can never come back to an old value.
        version[size_t(keep)] += version[size_t(gone)] + 1;
        members[size_t(keep)].insert(members[size_t(keep)].end(), members[size_t(gone)].begin(),
                                     members[size_t(gone)].end());
        std::vector<int>().swap(members[size_t(gone)]);
        auto &keepAdj = adjacent[size_t(keep)];
        keepAdj.erase(gone);
        for (const auto &[other, sum] : adjacent[size_t(gone)]) {
            if (other == keep)
                continue;
            Sum &joined = keepAdj[other];
            joined.sum += sum.sum;
            joined.count += sum.count;
            auto &otherAdj = adjacent[size_t(other)];
            otherAdj.erase(gone);
            otherAdj[keep] = joined;
            if (joined.mean() < cut)
                queue.push({joined.mean(), std::min(keep, other), std::max(keep, other), false, 0});
        }
        std::unordered_map<int, Sum>().swap(adjacent[size_t(gone)]);
        for (int other : cannot[size_t(gone)]) {
            cannot[size_t(other)].erase(gone);
            if (other != keep) {
                cannot[size_t(other)].insert(keep);
                cannot[size_t(keep)].insert(other);
            }
        }
        std::unordered_set<int>().swap(cannot[size_t(gone)]);
    }

    std::vector<int> root(static_cast<size_t>(seeds));
    for (int s = 0; s < seeds; ++s) {
        int r = s;
        while (mergedInto[size_t(r)] >= 0)
            r = mergedInto[size_t(r)];
        root[size_t(s)] = r;
    }
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
    return cluster(points, *knn, options.cut, constraints);
}

} // namespace facefolio
