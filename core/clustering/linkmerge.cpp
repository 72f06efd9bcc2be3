#include "clustering/linkmerge.h"

#include "clustering/unionfind.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace facefolio {

namespace {

// Candidate joins of one round: bridges grouped by the pair of clusters they
// join, as they are at the start of the round.
struct Candidate
{
    int a;
    int b;
    int pairs;
};

std::vector<Candidate> candidates(const std::vector<std::pair<int, int>> &bridges,
                                  const std::vector<int> &labels, std::vector<int> &parent,
                                  const LinkMerge::Options &options)
{
    std::vector<std::tuple<int, int, int, int>> keyed; // cluster a < b, point of a, point of b
    for (const auto &[p, q] : bridges) {
        const int a = findRoot(parent, labels[size_t(p)]);
        const int b = findRoot(parent, labels[size_t(q)]);
        if (a == b)
            continue;
        keyed.emplace_back(std::min(a, b), std::max(a, b), a < b ? p : q, a < b ? q : p);
    }
    std::sort(keyed.begin(), keyed.end());
    std::vector<Candidate> out;
    std::vector<int> endsA, endsB;
    for (size_t s = 0; s < keyed.size();) {
        size_t t = s;
        endsA.clear();
        endsB.clear();
        for (; t < keyed.size() && std::get<0>(keyed[t]) == std::get<0>(keyed[s]) &&
               std::get<1>(keyed[t]) == std::get<1>(keyed[s]);
             ++t) {
            endsA.push_back(std::get<2>(keyed[t]));
            endsB.push_back(std::get<3>(keyed[t]));
        }
        auto distinct = [](std::vector<int> &v) {
            std::sort(v.begin(), v.end());
            return int(std::unique(v.begin(), v.end()) - v.begin());
        };
        const int pairs = int(t - s);
        if (pairs >= options.minPairs && distinct(endsA) >= options.minEnds &&
            distinct(endsB) >= options.minEnds)
            out.push_back({std::get<0>(keyed[s]), std::get<1>(keyed[s]), pairs});
        s = t;
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Candidate &x, const Candidate &y) { return x.pairs > y.pairs; });
    return out;
}

} // namespace

std::vector<int> LinkMerge::merge(const KnnGraph &knn, std::span<const int> labels, double cut,
                                  const ClusterConstraints &constraints, const Options &options)
{
    const double shorter = cut - options.margin;
    const int n = knn.points;
    std::vector<int> label(labels.begin(), labels.begin() + n);
    const int clusters = label.empty() ? 0 : *std::max_element(label.begin(), label.end()) + 1;

    // Bridges: mutual kNN pairs between different clusters, each once (from
    // its lower point). Mutual, so that a big cluster spread wide does not
    // pull in a small one whose faces see it as their nearest: the big
    // cluster's own faces are nearer to each other than to them.
    std::vector<std::pair<int, int>> bridges;
    auto lists = [&knn](int j, int i) {
        const auto row = knn.neighbours(j);
        return std::find(row.begin(), row.end(), i) != row.end();
    };
    for (int i = 0; i < n; ++i) {
        const auto neighbours = knn.neighbours(i);
        const auto distances = knn.distancesOf(i);
        for (size_t r = 0; r < neighbours.size(); ++r) {
            const int j = neighbours[r];
            if (j <= i || j >= n || double(distances[r]) >= shorter || label[size_t(i)] < 0 ||
                label[size_t(j)] < 0 || label[size_t(i)] == label[size_t(j)] || !lists(j, i))
                continue;
            bridges.emplace_back(i, j);
        }
    }

    // Clusters that must stay apart, kept per root and joined on a merge
    // (plain lists: confirmed persons are all apart from each other, so there
    // may be millions of entries).
    std::vector<std::vector<int>> apart(static_cast<size_t>(clusters));
    for (const auto &[p, q] : constraints.cannotLink) {
        if (p < 0 || q < 0 || p >= n || q >= n || label[size_t(p)] < 0 || label[size_t(q)] < 0 ||
            label[size_t(p)] == label[size_t(q)])
            continue;
        apart[size_t(label[size_t(p)])].push_back(label[size_t(q)]);
        apart[size_t(label[size_t(q)])].push_back(label[size_t(p)]);
    }
    for (std::vector<int> &list : apart) {
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    std::vector<int> parent(static_cast<size_t>(clusters));
    std::iota(parent.begin(), parent.end(), 0);
    // Symmetric, so the shorter list is enough.
    auto keptApart = [&](int a, int b) {
        if (apart[size_t(a)].size() > apart[size_t(b)].size())
            std::swap(a, b);
        for (int c : apart[size_t(a)])
            if (findRoot(parent, c) == b)
                return true;
        return false;
    };

    for (bool joined = true; joined;) {
        joined = false;
        for (const Candidate &c : candidates(bridges, label, parent, options)) {
            const int a = findRoot(parent, c.a);
            const int b = findRoot(parent, c.b);
            if (a == b || keptApart(a, b))
                continue;
            const int keep = std::min(a, b), gone = std::max(a, b);
            parent[size_t(gone)] = keep;
            apart[size_t(keep)].insert(apart[size_t(keep)].end(), apart[size_t(gone)].begin(),
                                       apart[size_t(gone)].end());
            apart[size_t(gone)] = {};
            joined = true;
        }
    }

    std::vector<int> renumber(static_cast<size_t>(clusters), -1);
    int next = 0;
    for (int &l : label) {
        if (l < 0)
            continue;
        const int r = findRoot(parent, l);
        if (renumber[size_t(r)] < 0)
            renumber[size_t(r)] = next++;
        l = renumber[size_t(r)];
    }
    return label;
}

} // namespace facefolio
