#pragma once

#include "clustering/neighboursearch.h"

#include <optional>
#include <span>
#include <vector>

namespace facefolio {

/// DBSCAN with scikit-learn's exact semantics, so that labels equal
/// sklearn.cluster.DBSCAN(eps, min_samples).fit_predict(X) number for number:
/// - the neighbourhood of p is every point q with distance(p, q) <= eps
///   (inclusive), p itself included;
/// - p is a core point when its neighbourhood has at least minSamples points
///   (so minSamples counts p itself; minSamples <= 1 makes every point core);
/// - clusters are made as sklearn's dbscan_inner makes them: points are visited
///   in index order, each core point not yet labelled starts the next cluster
///   number (0, 1, 2, ...), and that cluster is grown completely through core
///   points before the next one starts;
/// - a border point (not core, within eps of a core point) reachable from
///   several clusters therefore belongs to the one created first, i.e. the one
///   whose lowest-index core point comes first;
/// - everything else is noise, label -1.
class Dbscan final
{
public:
    /// Labels from precomputed radius neighbourhoods (each including the point itself).
    static std::vector<int> labels(const RadiusNeighbours &neighbours, int minSamples);

    /// Searches the eps-neighbourhoods exactly (NeighbourSearch) and labels them.
    /// std::nullopt when cancelled.
    static std::optional<std::vector<int>> run(std::span<const Embedding> points, double eps,
                                               int minSamples, const ClusterControl &control = {},
                                               NeighbourSearch::Options options = {});
};

} // namespace facefolio
