#include "clustering/fragmentjoin.h"

#include <algorithm>
#include <map>
#include <numeric>
#include <unordered_set>

namespace facefolio {

namespace {

// Renumbers labels 0, 1, ... in the order of each cluster's lowest point; -1 stays.
int renumber(std::vector<int> &labels)
{
    std::map<int, int> next;
    for (int &l : labels) {
        if (l < 0)
            continue;
        l = next.emplace(l, int(next.size())).first->second;
    }
    return int(next.size());
}

quint64 key(int a, int b)
{
    return (quint64(quint32(std::min(a, b))) << 32) | quint32(std::max(a, b));
}

// The mean of the `count` smallest distances from point i to points of
// cluster c among i's kNN neighbours (itself excluded), a missing one counted
// at `radius`. Loose points do not count as members of c.
double nearestMean(const KnnGraph &knn, const std::vector<int> &labels,
                   const std::vector<bool> &loose, int i, int c, int count, double radius)
{
    if (count <= 0)
        return 0;
    const std::span<const int> idx = knn.neighbours(i);
    const std::span<const float> dist = knn.distancesOf(i);
    double sum = 0;
    int found = 0;
    // kNN lists are sorted nearest first.
    for (size_t j = 0; j < idx.size() && found < count; ++j) {
        const int p = idx[j];
        if (p < 0 || p == i || labels[size_t(p)] != c || loose[size_t(p)])
            continue;
        sum += std::min(double(dist[j]), radius);
        ++found;
    }
    return (sum + double(count - found) * radius) / count;
}

} // namespace

FragmentJoin::Options FragmentJoin::Options::forCut(double cut)
{
    constexpr double measuredCut = 1.04;
    const Options at;
    Options o = at;
    const double s = cut / measuredCut;
    o.radius = at.radius * s;
    o.reach = at.reach * s;
    o.spread = at.spread * s;
    return o;
}

std::vector<int> FragmentJoin::join(const KnnGraph &knn, std::span<const int> given,
                                    const ClusterConstraints &constraints, const Options &options)
{
    const int n = knn.points;
    std::vector<int> labels(given.begin(), given.end());
    labels.resize(size_t(n), -1);
    const std::vector<bool> loose = loosePoints(constraints, n);

    for (int round = 0; round < options.rounds; ++round) {
        const int clusters = renumber(labels);
        std::vector<std::vector<int>> members(static_cast<size_t>(clusters));
        std::vector<bool> hasFirm(size_t(clusters), false);
        for (int p = 0; p < n; ++p)
            if (labels[size_t(p)] >= 0) {
                members[size_t(labels[size_t(p)])].push_back(p);
                if (!loose[size_t(p)])
                    hasFirm[size_t(labels[size_t(p)])] = true;
            }
        std::unordered_set<quint64> cannot;
        for (const auto &[p, q] : constraints.cannotLink) {
            if (p < 0 || q < 0 || p >= n || q >= n)
                continue;
            const int a = labels[size_t(p)], b = labels[size_t(q)];
            if (a >= 0 && b >= 0 && a != b)
                cannot.insert(key(a, b));
        }

        // Each cluster's own spread: the median over its faces of the mean
        // distance to its nearest other faces inside it.
        std::vector<double> ownSpread(size_t(clusters), 0);
        std::vector<double> values;
        for (int c = 0; c < clusters; ++c) {
            const auto &m = members[size_t(c)];
            if (m.size() < 2)
                continue;
            const int count = std::min(options.nearest, int(m.size()) - 1);
            values.clear();
            for (int p : m)
                values.push_back(nearestMean(knn, labels, loose, p, c, count, options.radius));
            std::nth_element(values.begin(), values.begin() + long(values.size() / 2),
                             values.end());
            ownSpread[size_t(c)] = values[values.size() / 2];
        }

        // Smallest clusters first; the first decision for a target stands.
        std::vector<int> order(static_cast<size_t>(clusters));
        std::iota(order.begin(), order.end(), 0);
        std::stable_sort(order.begin(), order.end(), [&members](int x, int y) {
            return members[size_t(x)].size() < members[size_t(y)].size();
        });
        std::vector<int> target(size_t(clusters), -1);
        std::vector<bool> isTarget(size_t(clusters), false);
        std::map<int, int> support;
        for (int a : order) {
            const auto &ma = members[size_t(a)];
            support.clear();
            for (int p : ma) {
                const std::span<const int> idx = knn.neighbours(p);
                const std::span<const float> dist = knn.distancesOf(p);
                for (size_t j = 0; j < idx.size(); ++j) {
                    const int q = idx[j];
                    if (q < 0 || q == p || double(dist[j]) >= options.radius)
                        continue;
                    const int b = labels[size_t(q)];
                    if (b < 0 || b == a)
                        continue;
                    // Whole-image faces support no cluster: they all count
                    // for one rival, so a face amid them joins nothing.
                    ++support[loose[size_t(q)] ? -1 : b];
                }
            }
            int best = -1, bestCount = 0, runnerUp = 0;
            for (const auto &[b, count] : support) {
                if (b < 0) {
                    runnerUp = std::max(runnerUp, count);
                    continue;
                }
                if (!hasFirm[size_t(b)] || cannot.contains(key(a, b)))
                    continue;
                if (count > bestCount) {
                    runnerUp = std::max(runnerUp, bestCount);
                    best = b;
                    bestCount = count;
                } else {
                    runnerUp = std::max(runnerUp, count);
                }
            }
            if (best < 0 || target[size_t(best)] >= 0 || isTarget[size_t(a)])
                continue;
            const auto &mb = members[size_t(best)];
            if (double(ma.size()) > options.maxShare * double(mb.size()) ||
                bestCount < options.minPairs * double(ma.size()) ||
                double(bestCount) < options.dominance * double(runnerUp))
                continue;
            const int count = std::min(options.nearest, int(mb.size()));
            double reach = 0;
            for (int p : ma)
                reach += nearestMean(knn, labels, loose, p, best, count, options.radius);
            reach /= double(ma.size());
            if (reach > options.reach)
                continue;
            if (mb.size() > 1 && reach - ownSpread[size_t(best)] > options.spread)
                continue;
            target[size_t(a)] = best;
            isTarget[size_t(best)] = true;
        }
        bool changed = false;
        for (int p = 0; p < n; ++p) {
            const int l = labels[size_t(p)];
            if (l >= 0 && target[size_t(l)] >= 0) {
                labels[size_t(p)] = target[size_t(l)];
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    renumber(labels);
    return labels;
}

} // namespace facefolio
