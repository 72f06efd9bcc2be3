// Clustering benchmark: prints figures, never passes or fails.
//
//   bench_cluster lfw CATALOG [--face central|largest] [--min-size PX] [--all-faces]
//                 [--fractions 0.25,0.5,1] [--cut X] [--threads N]
//     Faces of a Facefolio catalog, scored against the name of each photo's
//     folder. By default only the face nearest the image centre of each photo
//     is kept (LFW's labelled person; the others are strangers without a
//     name); --face largest keeps the largest face instead (whole photos of
//     one person), --min-size only the photos whose kept face is at least PX
//     wide. --all-faces keeps every face, gives each extra face an identity
//     of its own, and cannot-links the faces of one photo. --fractions also
//     runs on random subsets of the faces (fixed seed) to show how each
//     method behaves as the library grows. The cuts tried and the default
//     method's cut (--cut, default AverageLinkage's) follow the catalog's
//     encoder (faces.encoder, else dlib); a catalog of two encoders is refused.
//
//   bench_cluster cuts CATALOG [--face central|largest] [--min-size PX] [--all-faces]
//                  [--from X --to Y --step Z] [--cut X] [--threads N]
//     The same faces under plain average linkage (k 20, one photo
//     cannot-linked) at every cut from X to Y (default 0.36-0.76 for dlib,
//     0.80-1.40 for arcface, step 0.02); then the cut of best BCubed F, the
//     best among the cuts of BCubed precision >= 0.97, the default method
//     (average linkage at --cut and LinkMerge) and one "summary key=value"
//     line for bench/clustering/suite.sh.
//
//   bench_cluster album [--seeds N] [--people N] [--photos N] [--relatedness X]
//                       [--child-likeness X]
//     Synthetic family albums (familyalbum.h): a few people photographed
//     together over 45 years while their faces drift with age, at three rates
//     of drift. Prints the mean scores over the seeds of plain average
//     linkage at a few cuts and of the default method (average linkage and
//     LinkMerge), so that over-splitting a person across the years shows.
//
//   bench_cluster suite --cache DIR [--draws N] [--draw-size N] [--cut X]
//                       [--bridge-margin X] [--no-fragments] [--no-loose]
//     Every catalog DIR/ENCODER/SET.sqlite it finds (SET: lfw-dev, album-
//     friends, kpop-dev; bench/clustering/suite.sh scans them) clustered as
//     `facefolio-cli cluster` does a fresh catalog: every face, one photo's
//     faces kept apart, whole-image faces loose. One face per photo is scored
//     (the central one on lfw-dev, else the largest; kpop-dev again on faces
//     over 80 px). Beside each: the textbook DBSCAN (min_samples 5, eps the
//     model's default), and on album-friends N random draws (default 3) of
//     79 photos, the small album the product started from. --no-fragments
//     --no-loose --bridge-margin X (0.2 arcface, 0.07 dlib) is the method
//     of issues 3-15.
//
//   bench_cluster review --cache DIR [--answers N] [--encoder arcface|dlib]
//     The review questions of each cached catalog (as for suite) answered in
//     the app's order with the truth (reviewbench.cpp): BCubed F every 5
//     answers, answers to F 0.97, yes among the first 50, refresh times.
//
//   Any mode: --bridge-margin X --bridge-pairs N --bridge-ends N set
//   LinkMerge's rules (the step after average linkage) instead of its defaults.
//   Every score row ends with two figures a user feels: persons holding 3+
//   faces of each of two identities (strangers merged) and, over persons of
//   20+ faces, the smallest share of a person's faces that are its main
//   identity's (worst purity; "-" when no person has 20).
//
//   bench_cluster synthetic N [--method hac|cw|dbscan|knn] [--cut X] [--k K]
//                 [--threads N] [--max-seconds S] [--eps X] [--min-samples N]
//                 [--exact-up-to N] [--cell-size N] [--probes N] [--recall-rows R]
//                 [--save-embeddings FILE] [--save-labels FILE]
//     N synthetic faces: identities of log-uniform size 1..500, within-person
//     distances about 0.3-0.5, between-person about 0.85-0.95. Prints time of
//     each stage, peak RSS and scores. hac (the default method, with
//     AverageLinkage's default cut and k) builds the kNN graph as
//     NeighbourSearch::knn does: exactly up to --exact-up-to points (its
//     default), else with PartitionedKnn (--cell-size, --probes). --recall-rows
//     compares that many rows of the graph with the exact neighbours (time not
//     counted). With --max-seconds the search is cancelled at that time and
//     the full time is extrapolated from the rows finished (exact search).
//     --save-embeddings writes the points as raw float32, --save-labels the
//     DBSCAN labels as int32, for dbscan_vs_sklearn.sh. hac ends with
//     FragmentJoin as the default does (unless --no-fragments), then
//     LinkMerge with --bridges.

#include "benchcommon.h"
#include "clustering/averagelinkage.h"
#include "clustering/chinesewhispers.h"
#include "clustering/clustermetrics.h"
#include "clustering/dbscan.h"
#include "clustering/neighboursearch.h"
#include "clustering/partitionedknn.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QThread>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <random>

using namespace facefolio;
using namespace facefolio::bench;

namespace {

constexpr size_t kDims = size_t(embeddingDims(EncoderModel::Dlib));

Dataset makeSynthetic(int n, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> normal;
    std::uniform_real_distribution<double> uniform;
    Dataset d;
    d.points.reserve(size_t(n));
    int id = 0;
    while (int(d.points.size()) < n) {
        const int size =
            std::min(n - int(d.points.size()), int(std::exp(uniform(rng) * std::log(500.0))));
        // Per-dimension spread: 16 · sigma is the typical distance between two faces,
        // over dlib's 128 dimensions (the rest of an Embedding stays 0).
        const float within = float(0.019 + 0.012 * uniform(rng));
        Embedding centre{};
        for (size_t i = 0; i < kDims; ++i)
            centre[i] = 0.052f * normal(rng);
        for (int f = 0; f < size; ++f) {
            Embedding e{};
            for (size_t i = 0; i < kDims; ++i)
                e[i] = centre[i] + within * normal(rng);
            d.points.push_back(e);
            d.truth.push_back(id);
        }
        ++id;
    }
    return d;
}

// Recall of a kNN graph against the exact one, on `rows` evenly spaced rows:
// the share of the exact k nearest (in double precision) that the graph has.
double knnRecall(const Dataset &d, const KnnGraph &g, int rows)
{
    const int n = int(d.points.size());
    rows = std::min(rows, n);
    qint64 found = 0, wanted = 0;
    std::vector<std::pair<double, int>> all;
    for (int r = 0; r < rows; ++r) {
        const int i = int(qint64(r) * n / rows);
        all.clear();
        for (int j = 0; j < n; ++j)
            if (j != i)
                all.emplace_back(
                    NeighbourSearch::exactSquaredDistance(d.points[size_t(i)], d.points[size_t(j)]),
                    j);
        std::partial_sort(all.begin(), all.begin() + g.k, all.end());
        // A neighbour tied in distance with the k-th counts as found.
        const double kth = all[size_t(g.k) - 1].first;
        const std::span<const float> dist = g.distancesOf(i);
        for (int t = 0; t < g.k; ++t)
            found += double(dist[size_t(t)]) * double(dist[size_t(t)]) <= kth * (1 + 1e-6) ? 1 : 0;
        wanted += g.k;
    }
    return double(found) / double(std::max<qint64>(1, wanted));
}

bool writeFile(const QString &path, const void *data, size_t bytes)
{
    FILE *f = std::fopen(qPrintable(path), "wb");
    if (!f)
        return false;
    const bool ok = std::fwrite(data, 1, bytes, f) == bytes;
    return std::fclose(f) == 0 && ok;
}

int synthetic(const QStringList &args)
{
    if (args.size() < 3) {
        std::fprintf(stderr, "usage: bench_cluster synthetic N [--method hac|cw|dbscan|knn] ...\n");
        return 2;
    }
    const int n = args[2].toInt();
    QString method = QStringLiteral("hac");
    QString saveEmbeddings, saveLabels;
    const AverageLinkage::Options defaults;
    double cut = defaults.cut, maxSeconds = 0, eps = 0.4;
    int k = defaults.k, minSamples = 1, recallRows = 0;
    NeighbourSearch::Options search;
    PartitionedKnn::Options partitioned;
    for (int i = 3; i + 1 < args.size(); i += 2) {
        const QString &key = args[i], &value = args[i + 1];
        if (key == QStringLiteral("--method"))
            method = value;
        else if (key == QStringLiteral("--cut"))
            cut = value.toDouble();
        else if (key == QStringLiteral("--k"))
            k = value.toInt();
        else if (key == QStringLiteral("--threads"))
            search.threads = value.toInt();
        else if (key == QStringLiteral("--max-seconds"))
            maxSeconds = value.toDouble();
        else if (key == QStringLiteral("--eps"))
            eps = value.toDouble();
        else if (key == QStringLiteral("--min-samples"))
            minSamples = value.toInt();
        else if (key == QStringLiteral("--exact-up-to"))
            search.exactUpTo = value.toInt();
        else if (key == QStringLiteral("--cell-size"))
            partitioned.cellSize = value.toInt();
        else if (key == QStringLiteral("--probes"))
            partitioned.probes = value.toInt();
        else if (key == QStringLiteral("--recall-rows"))
            recallRows = value.toInt();
        else if (key == QStringLiteral("--save-embeddings"))
            saveEmbeddings = value;
        else if (key == QStringLiteral("--save-labels"))
            saveLabels = value;
    }
    if (search.threads <= 0)
        search.threads = QThread::idealThreadCount();
    partitioned.threads = search.threads;
    QElapsedTimer t;
    t.start();
    const Dataset d = makeSynthetic(n, 42);
    std::printf("synthetic %d faces, %d identities, made in %.2f s, rss %.0f MiB\n", n,
                d.truth.back() + 1, t.nsecsElapsed() / 1e9, peakRssMiB());
    std::fflush(stdout);
    // Raw little-endian float32, n × 128, for the scikit-learn comparison.
    if (!saveEmbeddings.isEmpty()) {
        std::vector<float> raw;
        raw.reserve(d.points.size() * kDims);
        for (const Embedding &e : d.points)
            raw.insert(raw.end(), e.begin(), e.begin() + kDims);
        if (!writeFile(saveEmbeddings, raw.data(), raw.size() * sizeof(float))) {
            std::fprintf(stderr, "bench_cluster: cannot write %s\n", qPrintable(saveEmbeddings));
            return 1;
        }
    }

    std::atomic<qint64> rowsDone{0};
    QElapsedTimer clock;
    clock.start();
    ClusterControl control;
    control.progress = [&](qint64 done, qint64) {
        qint64 seen = rowsDone.load();
        while (done > seen && !rowsDone.compare_exchange_weak(seen, done)) {
        }
    };
    if (maxSeconds > 0)
        control.cancelled = [&] { return clock.nsecsElapsed() / 1e9 > maxSeconds; };
    auto cancelledAfter = [&](const char *what) {
        const double s = clock.nsecsElapsed() / 1e9;
        std::printf("%s cancelled after %.1f s with %lld of %d rows done: full run about %.0f s; "
                    "peak rss %.0f MiB\n",
                    what, s, rowsDone.load(), n, s * n / std::max<qint64>(1, rowsDone.load()),
                    peakRssMiB());
        return 0;
    };

    const NeighbourSearch index(d.points, search);
    std::vector<int> labels;
    double recallSeconds = 0;
    if (method == QStringLiteral("dbscan")) {
        const auto r = index.radius(eps, control);
        if (!r)
            return cancelledAfter("radius search");
        const double searchSeconds = clock.nsecsElapsed() / 1e9;
        labels = Dbscan::labels(*r, minSamples);
        std::printf(
            "dbscan eps %.2f min_samples %d: radius search %.2f s (%lld pairs), labels %.2f s\n",
            eps, minSamples, searchSeconds, qint64(r->indices.size()),
            clock.nsecsElapsed() / 1e9 - searchSeconds);
        if (!saveLabels.isEmpty() &&
            !writeFile(saveLabels, labels.data(), labels.size() * sizeof(int))) {
            std::fprintf(stderr, "bench_cluster: cannot write %s\n", qPrintable(saveLabels));
            return 1;
        }
    } else {
        // What NeighbourSearch::knn does, with the index's settings open to the bench.
        const bool exact = n <= search.exactUpTo;
        const auto knn = exact ? index.exactKnn(k, control)
                               : PartitionedKnn::search(d.points, k, partitioned, control);
        if (!knn)
            return cancelledAfter("knn");
        const double knnSeconds = clock.nsecsElapsed() / 1e9;
        if (exact)
            std::printf("knn k=%d exact, %d threads: %.2f s, peak rss so far %.0f MiB\n", k,
                        search.threads, knnSeconds, peakRssMiB());
        else
            std::printf(
                "knn k=%d partitioned cells of %d (0: auto) probes %d, %d threads: %.2f s, peak "
                "rss so far %.0f MiB\n",
                k, partitioned.cellSize, partitioned.probes, search.threads, knnSeconds,
                peakRssMiB());
        std::fflush(stdout);
        if (recallRows > 0) {
            QElapsedTimer r;
            r.start();
            const double recall = knnRecall(d, *knn, recallRows);
            recallSeconds = r.nsecsElapsed() / 1e9;
            std::printf("knn recall against the exact graph on %d rows: %.4f (%.1f s, not in the "
                        "total)\n",
                        std::min(recallRows, n), recall, recallSeconds);
            std::fflush(stdout);
        }
        if (method == QStringLiteral("knn"))
            return 0;
        t.start();
        if (method == QStringLiteral("cw"))
            labels = ChineseWhispers::cluster(*knn, {cut, k, 100, 5489});
        else
            labels = AverageLinkage::cluster(d.points, *knn, cut);
        std::printf("%s cut/threshold %.2f: graph clustering %.2f s\n", qPrintable(method), cut,
                    t.nsecsElapsed() / 1e9);
        if (method == QStringLiteral("hac") && !args.contains(QStringLiteral("--no-fragments"))) {
            t.start();
            labels = FragmentJoin::join(*knn, labels, {}, FragmentJoin::Options::forCut(cut));
            std::printf("fragments (FragmentJoin): %.2f s\n", t.nsecsElapsed() / 1e9);
        }
        if (method == QStringLiteral("hac") && args.contains(QStringLiteral("--bridges"))) {
            t.start();
            labels = LinkMerge::merge(*knn, labels, cut, {}, bridgeOptions(args));
            std::printf("bridges (LinkMerge): %.2f s\n", t.nsecsElapsed() / 1e9);
        }
    }
    const double seconds = clock.nsecsElapsed() / 1e9 - recallSeconds;
    std::printf("total %.2f s, peak rss %.0f MiB\n", seconds, peakRssMiB());
    printHeader();
    printRow(qPrintable(method), d, labels, seconds);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2 && args[1] == QStringLiteral("lfw"))
        return bench::lfwBenchmark(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("cuts"))
        return bench::cutsBenchmark(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("synthetic"))
        return synthetic(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("album"))
        return bench::albumBenchmark(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("suite"))
        return bench::suiteBenchmark(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("review"))
        return bench::reviewBenchmark(args);
    std::fprintf(
        stderr,
        "usage: bench_cluster lfw CATALOG ... | cuts CATALOG ... | synthetic N ... | album ... | "
        "suite --cache DIR ... | review --cache DIR ...\n");
    return 2;
}
