#pragma once

#include "clustering/clusterconstraints.h"
#include "clustering/neighboursearch.h"

#include <limits>
#include <span>
#include <vector>

namespace facefolio {

/// What the graph clusterers start from: must-link groups contracted
/// into seeds (every other point is a seed of its own), the symmetrised kNN
/// edges between seeds, and the cannot-link pairs between seeds. Seeds are
/// numbered in the order of their lowest point index, so everything built on
/// this graph is deterministic.
class SeedGraph final
{
public:
    /// Summary of the point pairs joining two seeds.
    struct Link
    {
        int to = 0;
        double sum = 0; ///< sum of the euclidean distances of the pairs
        int count = 0;  ///< number of distinct point pairs
    };

    /// Each unordered point pair {i, j} with j among the k nearest of i or i
    /// among the k nearest of j counts once, if its distance is < maxDistance.
    /// Pairs inside one seed are dropped.
    SeedGraph(const KnnGraph &knn, const ClusterConstraints &constraints,
              double maxDistance = std::numeric_limits<double>::infinity());

    int pointCount() const { return int(m_seedOf.size()); }
    int seedCount() const { return int(m_linkOffsets.size()) - 1; }
    int seedOf(int point) const { return m_seedOf[size_t(point)]; }
    /// Links of a seed, in ascending order of the other seed.
    std::span<const Link> links(int seed) const;
    /// A point pair of the kNN graph as the pair of seeds it joins.
    struct SeedPair
    {
        int a;   ///< the lower seed
        int b;   ///< the higher seed
        float d; ///< the point pair's distance
    };
    /// Each unordered point pair of knn once (j among the k nearest of i, or i
    /// among those of j) whose distance is < maxDistance and whose points lie
    /// in different seeds, sorted by seed pair and, within one, by point pair.
    std::vector<SeedPair> seedPairs(const KnnGraph &knn, double maxDistance) const;

    /// Seeds this seed must never share a cluster with, ascending.
    std::span<const int> cannotLink(int seed) const;
    /// Per-point labels from per-seed cluster ids: clusters are renumbered 0, 1, ...
    /// in the order of their lowest point index.
    std::vector<int> pointLabels(std::span<const int> seedCluster) const;

private:
    std::vector<int> m_seedOf;
    std::vector<qint64> m_linkOffsets;
    std::vector<Link> m_links;
    std::vector<qint64> m_cannotOffsets;
    std::vector<int> m_cannot;
};

} // namespace facefolio
