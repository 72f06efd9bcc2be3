#pragma once

#include "clustering/clusterconstraints.h"
#include "clustering/neighboursearch.h"

#include <span>
#include <vector>

namespace facefolio {

/// The second step of the default clustering: joins two clusters that several
/// close face pairs bridge, so that one person whose looks drift over the
/// years (child, teenager, adult) ends in one cluster although the average
/// distance between the eras is beyond the average-linkage cut.
///
/// A bridge is a mutual kNN pair (each face among the other's k nearest, in
/// the graph AverageLinkage used) between two clusters, shorter than the
/// average-linkage cut less `margin` (0.45 at the default cut 0.52). Two
/// clusters are joined when at least `minPairs` bridges join them, at least
/// `minEnds` distinct faces of each side take part, and no cannot-link pair
/// lies between them (two faces of one photo, a face the user took out, two
/// persons the user confirmed). Bridges count between the clusters as they
/// are when a round starts; rounds repeat until nothing joins, so a chain of
/// eras joins step by step. In a round the pairs with most bridges go first,
/// ties by lowest label.
///
/// Why these rules (bench_cluster lfw, bench_cluster album): on lfw-dev the
/// different people whose faces meet below 0.45 do so through one face of
/// one side or through one or two pairs, while fragments of one person meet
/// through several faces of each side; mutual pairs keep a big cluster that
/// is spread wide from pulling in a small look-alike one. On lfw-dev the step
/// moves pairwise F from 0.981 to 0.984 and BCubed F from 0.951 to 0.953; on
/// synthetic family albums whose faces drift with age it moves BCubed F from
/// 0.835 to 0.957 (moderate drift) and from 0.623 to 0.850 (strong drift).
class LinkMerge final
{
public:
    struct Options
    {
        double margin = 0.07; ///< a bridge is shorter than the cut less this
        int minPairs = 3;     ///< bridges needed between two clusters
        int minEnds = 2;      ///< distinct faces needed on each side
    };

    /// labels: a cluster id for every point searched in knn (as
    /// AverageLinkage::cluster gives them); a point labelled -1 (noise) takes
    /// no part and stays -1. Returns the joined labels, renumbered 0, 1, ...
    /// in the order of each cluster's lowest point.
    static std::vector<int> merge(const KnnGraph &knn, std::span<const int> labels, double cut,
                                  const ClusterConstraints &constraints, const Options &options);
};

} // namespace facefolio
