// bench_cluster cuts: plain average linkage over a range of cuts, and the
// default method, on the scored faces of a catalog.

#include "benchcommon.h"
#include "clustering/averagelinkage.h"

#include <QElapsedTimer>
#include <cstdio>
#include <optional>

namespace facefolio::bench {

namespace {

struct Scored
{
    double cut = 0;
    ClusterScores s;
};

void printBest(const char *what, const std::optional<Scored> &best)
{
    if (!best) {
        std::printf("%s: none\n", what);
        return;
    }
    const ClusterScores &s = best->s;
    std::printf("%s: cut %.2f, BCubed F %.3f (P %.3f R %.3f), pairwise F %.3f, %d persons, "
                "strangers merged %d, worst purity %s\n",
                what, best->cut, s.bcubedF, s.bcubedPrecision, s.bcubedRecall, s.pairwiseF,
                s.clusters, s.strangersMerged, purityText(s.worstPurity).constData());
}

} // namespace

int cutsBenchmark(const QStringList &args)
{
    if (args.size() < 3) {
        std::fprintf(stderr,
                     "usage: bench_cluster cuts CATALOG [--face central|largest] [--min-size PX] "
                     "[--from X --to Y --step Z] [--cut X] [--threads N]\n");
        return 2;
    }
    Dataset d;
    if (!loadDataset(args, d))
        return 1;
    // Around each model's same-person distances (dlib: 0.6; arcface: about 0.6-1.1).
    const bool dlib = d.model == EncoderModel::Dlib;
    auto number = [&args](const char *key, double otherwise) {
        return argValue(args, QLatin1String(key), QString::number(otherwise)).toDouble();
    };
    const double from = number("--from", dlib ? 0.36 : 0.80);
    const double to = number("--to", dlib ? 0.76 : 1.40);
    const double step = std::max(0.001, number("--step", 0.02));
    const AverageLinkage::Options defaults = defaultLinkage(args, d.model);
    NeighbourSearch::Options search;
    search.threads = int(number("--threads", 0));

    QElapsedTimer t;
    t.start();
    const KnnGraph knn = *NeighbourSearch(d.points, search).knn(defaults.k);
    const double knnSeconds = t.nsecsElapsed() / 1e9;
    std::printf("plain average linkage, k %d (knn %.3f s, included in each time), faces of one "
                "photo cannot-linked\n",
                defaults.k, knnSeconds);
    printHeader();
    std::optional<Scored> best, bestPrecise;
    constexpr double kPrecise = 0.97;
    for (int i = 0;; ++i) {
        const double cut = from + i * step;
        if (cut > to + step / 1000)
            break;
        t.start();
        const auto labels = AverageLinkage::cluster(d.points, knn, cut, d.constraints);
        const Scored row{
            cut, printRow(qPrintable(QStringLiteral("avg-linkage cut %1").arg(cut, 0, 'f', 2)), d,
                          labels, knnSeconds + t.nsecsElapsed() / 1e9)};
        if (!best || row.s.bcubedF > best->s.bcubedF)
            best = row;
        if (row.s.bcubedPrecision >= kPrecise &&
            (!bestPrecise || row.s.bcubedF > bestPrecise->s.bcubedF))
            bestPrecise = row;
    }
    printBest("best BCubed F", best);
    printBest("best BCubed F with BCubed P >= 0.97", bestPrecise);
    if (best && (best->cut < from + step / 2 || best->cut > to - step / 2))
        std::printf(
            "(the best cut is at an end of the range: a wider --from/--to may do better)\n");

    // The project's default: what `facefolio-cli cluster` runs, at --cut and the bridge options.
    t.start();
    const auto labels = *AverageLinkage::run(d.points, defaults, d.constraints, {}, search);
    const ClusterScores def =
        printRow(qPrintable(QStringLiteral("default: cut %1 + bridges < %2")
                                .arg(defaults.cut)
                                .arg(defaults.cut - defaults.bridges->margin)),
                 d, labels, t.nsecsElapsed() / 1e9);

    // One line for bench/clustering/suite.sh to read.
    auto fields = [](const char *name, const std::optional<Scored> &r) {
        if (!r)
            return QStringLiteral(" %1_cut=- %1_f=- %1_p=-").arg(QLatin1String(name));
        return QStringLiteral(" %1_cut=%2 %1_f=%3 %1_p=%4")
            .arg(QLatin1String(name))
            .arg(r->cut, 0, 'f', 2)
            .arg(r->s.bcubedF, 0, 'f', 3)
            .arg(r->s.bcubedPrecision, 0, 'f', 3);
    };
    std::printf("summary encoder=%s faces=%zu%s%s default_cut=%.2f default_f=%.3f "
                "default_p=%.3f default_strangers=%d default_purity=%s\n",
                qPrintable(encoderName(d.model)), d.points.size(), qPrintable(fields("best", best)),
                qPrintable(fields("p97", bestPrecise)), defaults.cut, def.bcubedF,
                def.bcubedPrecision, def.strangersMerged, purityText(def.worstPurity).constData());
    return 0;
}

} // namespace facefolio::bench
