#pragma once

#include "clustering/clusterconstraints.h"
#include "clustering/neighboursearch.h"

#include <span>
#include <vector>

namespace facefolio {

/// The second step of the default clustering: a small cluster (a fragment,
/// often one face) joins a larger one only when that cluster clearly
/// surrounds it, judged against the larger cluster's own spread rather than
/// one absolute distance.
///
/// Fragment a joins cluster B (|a| ≤ maxShare·|B|) when all of these hold, with
/// distances taken from the kNN graph (a neighbour of a face that is not among
/// its k nearest counts as `radius` away):
/// - *support*: a's faces have at least `minPairs`·|a| kNN edges shorter than
///   `radius` into B, and at least `dominance` times as many as into any other
///   cluster (a face amid several look-alike people joins none of them);
/// - *reach*: the mean, over a's faces, of the mean distance to its
///   min(5, |B|) nearest faces of B is at most `reach`;
/// - *spread*: that mean exceeds B's own (the median over B's faces of the
///   same mean inside B) by at most `spread`: a tight cluster of a person
///   photographed alike does not take in a stranger who is merely not far;
/// - no cannot-link lies between a and B, and B is not itself joining
///   another cluster in the same round.
/// Rounds repeat until nothing joins, so a chain of fragments reaches its
/// person step by step; two clusters of comparable size are never joined
/// here (that is a question for the user, or LinkMerge's bridges).
///
/// Loose points (ClusterConstraints::loose: faces taken from a whole image
/// that no detector confirmed) join a cluster by these rules only when it
/// holds a point that is not loose; a cluster of loose points alone is never
/// a target, so such faces never make a person among themselves.
///
/// Why (bench_cluster suite): on the dev sets the fragments of one person
/// meet their cluster through many short edges and about as close as the
/// cluster's own faces sit to each other, while a stranger next to a large
/// person of LFW sits well outside that person's spread; the step moves
/// album-friends from BCubed F 0.926 to 0.977 at unchanged precision, and
/// LFW up slightly.
class FragmentJoin final
{
public:
    struct Options
    {
        double radius = 1.10;   ///< a supporting kNN edge is shorter than this
        double reach = 1.00;    ///< mean distance to the nearest faces of the target, at most
        double spread = 0.30;   ///< ... and at most this much beyond the target's own
        double minPairs = 2.0;  ///< supporting edges per face of the fragment
        double dominance = 3.0; ///< support over the runner-up cluster's
        int nearest = 5;        ///< faces of the target averaged per face
        double maxShare = 0.5;  ///< a fragment has at most this share of the target's faces
        int rounds = 10;

        /// The rules for a model whose average-linkage cut is `cut` (radius,
        /// reach and spread scale with it; measured at ArcFace's 1.04).
        static Options forCut(double cut);
    };

    /// labels: a cluster id per point searched in knn, -1 for noise (takes no
    /// part, stays -1). Returns the joined labels, renumbered 0, 1, ... in the
    /// order of each cluster's lowest point.
    static std::vector<int> join(const KnnGraph &knn, std::span<const int> labels,
                                 const ClusterConstraints &constraints, const Options &options);
};

} // namespace facefolio
