#pragma once

// What the modes of bench_cluster share: a labelled set of faces, a score
// row, the peak RSS and LinkMerge's settings from the command line.

#include "catalog/embedding.h"
#include "clustering/clusterconstraints.h"
#include "clustering/linkmerge.h"

#include <QStringList>
#include <vector>

namespace facefolio::bench {

struct Dataset
{
    std::vector<Embedding> points;
    std::vector<int> truth;
    ClusterConstraints constraints;
};

double peakRssMiB();

/// One line of scores of labels against d.truth, with the time taken.
void printRow(const char *method, const Dataset &d, const std::vector<int> &labels, double seconds);

/// LinkMerge's rules from --bridge-margin X --bridge-pairs N --bridge-ends N
/// (any mode), to measure other settings than the defaults.
LinkMerge::Options bridgeOptions(const QStringList &args);

/// bench_cluster lfw ... and bench_cluster album ... (see bench_cluster.cpp).
int lfwBenchmark(const QStringList &args);
int albumBenchmark(const QStringList &args);

} // namespace facefolio::bench
