#pragma once

// Shared checks for the graph clusterers' tests.

#include "clustering/clustermetrics.h"

#include <span>
#include <vector>

namespace facefolio::test {

inline bool sameClusters(std::span<const int> a, std::span<const int> b)
{
    const ClusterScores s = ClusterMetrics::evaluate(a, b);
    return s.pairwisePrecision == 1 && s.pairwiseRecall == 1 && s.bcubedF == 1;
}

} // namespace facefolio::test
