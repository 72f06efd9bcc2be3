#pragma once

// What the modes of bench_cluster share: a labelled set of faces, a score
// row, the peak RSS and LinkMerge's settings from the command line.

#include "catalog/embedding.h"
#include "clustering/averagelinkage.h"
#include "clustering/clusterconstraints.h"
#include "clustering/clustermetrics.h"
#include "clustering/linkmerge.h"

#include <QStringList>
#include <vector>

namespace facefolio::bench {

struct Dataset
{
    std::vector<Embedding> points;
    std::vector<int> truth;
    ClusterConstraints constraints;
    EncoderModel model = EncoderModel::Dlib; ///< the encoder of every point
};

double peakRssMiB();

/// The column titles of printRow().
void printHeader();

/// ClusterScores::worstPurity as printed: "-" when no person is large enough.
QByteArray purityText(double purity);

/// One line of scores of labels against d.truth, with the time taken; returns
/// the scores.
ClusterScores printRow(const char *method, const Dataset &d, const std::vector<int> &labels,
                       double seconds);

/// LinkMerge's rules from --bridge-margin X --bridge-pairs N --bridge-ends N
/// (any mode), to measure other settings than the defaults.
LinkMerge::Options bridgeOptions(const QStringList &args, EncoderModel model = EncoderModel::Dlib);

/// The project's average linkage for `model` (Clusterer::withDefaults), with
/// --cut X and the bridge options of the command line instead where given.
AverageLinkage::Options defaultLinkage(const QStringList &args, EncoderModel model);

/// The value after `key` in args (from index 3 on, after MODE CATALOG), or
/// `otherwise`.
QString argValue(const QStringList &args, const QString &key, const QString &otherwise = {});

/// The value after `key` in args from index 2 on, for the modes that take no
/// CATALOG argument (suite, review), or `otherwise`.
QString optionValue(const QStringList &args, const QString &key, const QString &otherwise = {});

/// The scored faces of the catalog args[2], one per photo against the name of
/// its folder, by --face central|largest (default central) and --min-size PX
/// (only photos whose scored face is at least that wide). With --all-faces
/// every other face of a kept photo is kept too, as an identity of its own,
/// and the faces of one photo are cannot-linked. Prints what was loaded;
/// false with a message on stderr when the catalog cannot be used.
bool loadDataset(const QStringList &args, Dataset &out);

/// bench_cluster lfw|cuts|album ... (see bench_cluster.cpp).
int lfwBenchmark(const QStringList &args);
int cutsBenchmark(const QStringList &args);
int albumBenchmark(const QStringList &args);
int suiteBenchmark(const QStringList &args);
int reviewBenchmark(const QStringList &args);

} // namespace facefolio::bench
