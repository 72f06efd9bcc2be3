#pragma once

#include <span>

namespace facefolio {

/// Agreement of a clustering with the truth. Every negative label (noise), in
/// either labelling, is a singleton of its own.
struct ClusterScores
{
    double pairwisePrecision =
        1; ///< of the pairs put together, the share that belong together (1 if none)
    double pairwiseRecall =
        1; ///< of the pairs that belong together, the share put together (1 if none)
    double pairwiseF = 1;
    double bcubedPrecision = 1; ///< mean over points of |own cluster ∩ own class| / |own cluster|
    double bcubedRecall = 1;    ///< mean over points of |own cluster ∩ own class| / |own class|
    double bcubedF = 1;
    double nmi = 1;   ///< normalised mutual information, arithmetic-mean normalisation
                      ///< (scikit-learn's default)
    int clusters = 0; ///< distinct non-negative predicted labels
    int noise = 0;    ///< points with a negative predicted label
    /// What a user of the people list feels: predicted clusters holding at
    /// least ClusterMetrics::kStrangerPoints points of each of two true classes.
    int strangersMerged = 0;
    /// Over predicted clusters of at least ClusterMetrics::kPurityPoints points,
    /// the smallest share of a cluster's points that belong to its main class;
    /// -1 when no cluster is that large.
    double worstPurity = -1;
};

/// Pairwise, BCubed, NMI and user-facing scores of predicted labels against true labels.
class ClusterMetrics final
{
public:
    static constexpr int kStrangerPoints = 3; ///< per class, for ClusterScores::strangersMerged
    static constexpr int kPurityPoints = 20;  ///< cluster size for ClusterScores::worstPurity

    /// Both spans have one label per point, same length. Empty input scores 1.
    static ClusterScores evaluate(std::span<const int> predicted, std::span<const int> truth);
};

} // namespace facefolio
