// bench_cluster lfw: every method on the faces of a catalog of LFW images.

#include "benchcommon.h"
#include "clustering/averagelinkage.h"
#include "clustering/chinesewhispers.h"
#include "clustering/dbscan.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>

namespace facefolio::bench {

namespace {

Dataset subset(const Dataset &all, double fraction, unsigned seed)
{
    std::vector<int> order(all.points.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = int(i);
    std::mt19937 rng(seed);
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);
    order.resize(size_t(std::lround(fraction * double(order.size()))));
    std::sort(order.begin(), order.end());
    std::vector<int> newIndex(all.points.size(), -1);
    Dataset out;
    out.model = all.model;
    for (int i : order) {
        newIndex[size_t(i)] = int(out.points.size());
        out.points.push_back(all.points[size_t(i)]);
        out.truth.push_back(all.truth[size_t(i)]);
    }
    for (const auto &[a, b] : all.constraints.cannotLink)
        if (newIndex[size_t(a)] >= 0 && newIndex[size_t(b)] >= 0)
            out.constraints.cannotLink.emplace_back(newIndex[size_t(a)], newIndex[size_t(b)]);
    return out;
}

} // namespace

int lfwBenchmark(const QStringList &args)
{
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_cluster lfw CATALOG [--face central|largest] "
                             "[--min-size PX] [--all-faces] [--fractions F,...] [--cut X]\n");
        return 2;
    }
    std::vector<double> fractions{1.0};
    NeighbourSearch::Options search;
    for (int i = 3; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--fractions")) {
            fractions.clear();
            for (const QString &f : args[i + 1].split(QLatin1Char(',')))
                fractions.push_back(f.toDouble());
        } else if (args[i] == QStringLiteral("--threads")) {
            search.threads = args[i + 1].toInt();
        }
    }
    Dataset all;
    if (!loadDataset(args, all))
        return 1;
    const bool dlib = all.model == EncoderModel::Dlib;
    const AverageLinkage::Options defaults = defaultLinkage(args, all.model);
    // Cuts around each model's same-person distances (dlib: 0.6; arcface: about 0.6-1.1).
    std::vector<double> cuts = dlib ? std::vector<double>{0.40, 0.45, 0.50, 0.52, 0.55, 0.60}
                                    : std::vector<double>{0.90, 1.00, 1.05, 1.10, 1.15, 1.20};
    if (std::find(cuts.begin(), cuts.end(), defaults.cut) == cuts.end())
        cuts.insert(std::upper_bound(cuts.begin(), cuts.end(), defaults.cut), defaults.cut);
    printHeader();
    for (double fraction : fractions) {
        const Dataset d = fraction < 1 ? subset(all, fraction, 2024) : all;
        std::printf("-- %.0f%% of the faces\n", fraction * 100);
        QElapsedTimer t;
        // DBSCAN's and the whispers' settings are dlib distances.
        if (!dlib)
            std::printf("   (dbscan and whispers: dlib settings, not run on %s)\n",
                        qPrintable(encoderName(d.model)));
        for (const auto &[eps, minSamples] :
             {std::pair{0.5, 5}, std::pair{0.4, 1}, std::pair{0.45, 2}}) {
            if (!dlib)
                break;
            t.start();
            const auto labels = Dbscan::run(d.points, eps, minSamples, {}, search);
            printRow(
                qPrintable(QStringLiteral("dbscan eps %1 min_samples %2").arg(eps).arg(minSamples)),
                d, *labels, t.nsecsElapsed() / 1e9);
        }
        for (int k : {10, 20}) {
            t.start();
            const KnnGraph knn = *NeighbourSearch(d.points, search).knn(k);
            const double knnSeconds = t.nsecsElapsed() / 1e9;
            std::printf("   knn k=%d: %.3f s (included in each time below)\n", k, knnSeconds);
            for (double threshold : {0.40, 0.45, 0.50, 0.55}) {
                if (k != 20 || !dlib)
                    break;
                t.start();
                const auto labels =
                    ChineseWhispers::cluster(knn, {threshold, k, 100, 5489}, d.constraints);
                printRow(
                    qPrintable(QStringLiteral("whispers k %1 edges < %2").arg(k).arg(threshold)), d,
                    labels, knnSeconds + t.nsecsElapsed() / 1e9);
            }
            for (double cut : cuts) {
                t.start();
                const auto labels = AverageLinkage::cluster(d.points, knn, cut, d.constraints);
                const double seconds = knnSeconds + t.nsecsElapsed() / 1e9;
                printRow(qPrintable(QStringLiteral("avg-linkage k %1 cut %2").arg(k).arg(cut)), d,
                         labels, seconds);
                if (k != defaults.k)
                    continue;
                // The default method is this cut and LinkMerge on the same graph.
                t.start();
                const auto joined =
                    LinkMerge::merge(knn, labels, cut, d.constraints, *defaults.bridges);
                printRow(qPrintable(QStringLiteral("%1 bridges < %2")
                                        .arg(cut == defaults.cut ? QLatin1String("  = default:")
                                                                 : QLatin1String("  +"))
                                        .arg(cut - defaults.bridges->margin)),
                         d, joined, seconds + t.nsecsElapsed() / 1e9);
            }
        }
    }
    return 0;
}

} // namespace facefolio::bench
