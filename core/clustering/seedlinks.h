#pragma once

#include "clustering/neighboursearch.h"

#include <span>
#include <vector>

namespace facefolio {

class SeedGraph;

/// AverageLinkage's working graph: the kNN graph summed per pair of seeds, as
/// one list per seed sorted by `to` (compressed rows), and the seeds split
/// into components: two seeds are in one component when a chain of point
/// pairs closer than the cut joins them. Built from the kNN graph rather than
/// taken from SeedGraph so that only one copy of the edges is ever in memory.
struct SeedLinks
{
    /// What is known about the point pairs between two clusters: one entry in
    /// each cluster's adjacency list, the lists sorted by `to`.
    struct Edge
    {
        int to;
        int count; ///< point pairs the kNN graph joins
        float sum; ///< of their distances
        /// 1 + the pair's version when its average linkage was last measured,
        /// 0: never. The measurement depends only on the members, so it is
        /// never repeated at the same version. Kept in the lower cluster's entry.
        quint32 measuredAt;
        double mean() const { return double(sum) / count; }
    };

    std::vector<qint64> offsets;
    std::vector<Edge> edges;
    std::vector<int> component; ///< per seed: the lowest seed of its component

    std::span<Edge> of(int seed)
    {
        return {edges.data() + offsets[size_t(seed)],
                size_t(offsets[size_t(seed) + 1] - offsets[size_t(seed)])};
    }

    /// The seeds are graph's; components join through pairs closer than cut.
    static SeedLinks build(const KnnGraph &knn, const SeedGraph &graph, double cut);
};

} // namespace facefolio
