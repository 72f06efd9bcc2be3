#pragma once

#include "clustering/clusterconstraints.h"
#include "clustering/fragmentjoin.h"
#include "clustering/linkmerge.h"
#include "clustering/neighboursearch.h"

#include <optional>
#include <span>
#include <vector>

namespace facefolio {

/// Average-linkage agglomerative clustering, proposed by a k-nearest-neighbour
/// graph and decided by the true average distance.
///
/// Every point (or must-link group) starts as a cluster. Two clusters are
/// candidates for a merge when the symmetrised kNN graph joins them and the
/// mean distance over the point pairs it knows is < cut; candidates are taken
/// in order of that estimate. A candidate is merged only if the average
/// linkage over all pairs between the two clusters, measured from the
/// embeddings (every pair up to 32×32 pairs, beyond that 32 evenly spaced
/// members of each side), is also < cut; otherwise it goes back in the queue
/// under its measured value, so merges follow the true average linkage. This
/// is how missing kNN edges are treated: the graph only says where to look,
/// and pairs it does not know are measured before a merge rather than assumed
/// close (which chains people together, as scikit-learn's connectivity-
/// constrained average linkage does) or far (which splits big identities).
/// Two clusters no kNN edge joins are never merged, and a pair rejected by its
/// measured linkage is looked at again only when a merge changes it.
/// Cannot-link clusters are never merged. Ties are broken by cluster
/// (lowest point) order, so the result is the same for the same input on any
/// thread count.
///
/// Speed: when the kNN graph knows every point pair between two clusters its
/// mean is the linkage and nothing is measured; an estimate of a pair already
/// measured at its current members is not measured again. Two clusters can
/// only become candidates through a point pair closer than the cut, so the
/// seeds fall apart into components joined by such pairs; each component is
/// clustered on its own (on several threads, with its points copied together),
/// as one queue over all of them would, less the pairs between components,
/// which are all at or beyond the cut. Memory O(n·k).
///
/// Labels: 0, 1, ... in the order of each cluster's lowest point index; a point
/// nothing joined is a cluster of its own (never -1).
class AverageLinkage final
{
public:
    struct Options
    {
        double cut = 0.52; ///< merge while the average linkage is below this (bench_cluster: LFW)
        int k = 20;        ///< neighbours per point in the graph
        /// run() then lets fragments join the cluster that clearly surrounds
        /// them (FragmentJoin); std::nullopt: not.
        std::optional<FragmentJoin::Options> fragments = FragmentJoin::Options::forCut(0.52);
        /// ... and then joins clusters that several close pairs bridge
        /// (LinkMerge); std::nullopt (the default): not.
        std::optional<LinkMerge::Options> bridges;
    };

    /// knn must have been searched on these points. threads: worker threads
    /// for independent components (0: QThread::idealThreadCount()); the
    /// result does not depend on it.
    static std::vector<int> cluster(std::span<const Embedding> points, const KnnGraph &knn,
                                    double cut, const ClusterConstraints &constraints = {},
                                    int threads = 0);

    /// Builds the kNN graph (NeighbourSearch), clusters it (loose points left
    /// alone) and runs the joining steps the options ask for on the same
    /// graph: FragmentJoin, then LinkMerge. std::nullopt when cancelled.
    static std::optional<std::vector<int>> run(std::span<const Embedding> points, Options options,
                                               const ClusterConstraints &constraints = {},
                                               const ClusterControl &control = {},
                                               NeighbourSearch::Options search = {});
};

} // namespace facefolio
