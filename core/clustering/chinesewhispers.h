#pragma once

#include "clustering/clusterconstraints.h"
#include "clustering/neighboursearch.h"

#include <QtGlobal>
#include <optional>
#include <span>
#include <vector>

namespace facefolio {

/// Chinese whispers (Biemann 2006, as in dlib's face clustering example) over
/// the kNN graph with its edges thresholded: points i and j are joined when one
/// is among the k nearest of the other and distance < threshold. Must-link
/// groups are contracted into one node whose edges are the sum of its members'.
///
/// Each iteration visits every node once, in an order shuffled by a fixed-seed
/// std::mt19937, and gives it the label with the largest summed edge weight
/// among its neighbours (ties: the lower label), skipping labels that hold a
/// node it is cannot-linked to, so cannot-linked nodes never share a label; a
/// node with no allowed neighbour label keeps its own. Stops after an iteration
/// with no change or after the iteration limit. Same input, same output.
///
/// Labels: 0, 1, ... in the order of each cluster's lowest point index; an
/// isolated point is a cluster of its own (never -1).
class ChineseWhispers final
{
public:
    struct Options
    {
        double threshold = 0.5; ///< an edge needs distance < threshold
        int k = 20;             ///< neighbours per point in the graph
        int iterations = 100;   ///< at most this many sweeps
        quint32 seed = 5489;    ///< visit-order seed
    };

    static std::vector<int> cluster(const KnnGraph &knn, const Options &options,
                                    const ClusterConstraints &constraints = {});

    /// Builds the kNN graph (NeighbourSearch) and clusters it. std::nullopt when cancelled.
    static std::optional<std::vector<int>> run(std::span<const Embedding> points,
                                               const Options &options,
                                               const ClusterConstraints &constraints = {},
                                               const ClusterControl &control = {},
                                               NeighbourSearch::Options search = {});
};

} // namespace facefolio
