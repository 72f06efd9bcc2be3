// Clustering benchmark: prints figures, never passes or fails.
//
//   bench_cluster lfw CATALOG [--all-faces] [--fractions 0.25,0.5,1] [--threads N]
//     Faces of a Facefolio catalog of LFW images, scored against the name of
//     each photo's folder. By default only the face nearest the image centre
//     of each photo is kept (LFW's labelled person; the others are strangers
//     without a name). --all-faces keeps every face, gives each extra face an
//     identity of its own, and cannot-links the faces of one photo.
//     --fractions also runs on random subsets of the faces (fixed seed) to
//     show how each method behaves as the library grows.
//
//   bench_cluster album [--seeds N] [--people N] [--photos N] [--relatedness X]
//                       [--child-likeness X]
//     Synthetic family albums (familyalbum.h): a few people photographed
//     together over 45 years while their faces drift with age, at three rates
//     of drift. Prints the mean scores over the seeds of plain average
//     linkage at a few cuts and of the default method (average linkage and
//     LinkMerge), so that over-splitting a person across the years shows.
//
//   Any mode: --bridge-margin X --bridge-pairs N --bridge-ends N set
//   LinkMerge's rules (the step after average linkage) instead of its defaults.
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
//     LinkMerge unless --no-bridges.

#include "clustering/averagelinkage.h"
#include "clustering/chinesewhispers.h"
#include "clustering/clustermetrics.h"
#include "clustering/dbscan.h"
#include "clustering/neighboursearch.h"
#include "clustering/partitionedknn.h"
#include "familyalbum.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>
#include <array>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>
#include <sys/resource.h>

using namespace facefolio;

namespace {

// LinkMerge's rules, from --bridge-margin X --bridge-pairs N --bridge-ends N
// (any mode), to measure other settings than the defaults.
LinkMerge::Options bridgeOptions(const QStringList &args)
{
    LinkMerge::Options o;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--bridge-margin"))
            o.margin = args[i + 1].toDouble();
        else if (args[i] == QStringLiteral("--bridge-pairs"))
            o.minPairs = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--bridge-ends"))
            o.minEnds = args[i + 1].toInt();
    }
    return o;
}

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

struct Dataset
{
    std::vector<Embedding> points;
    std::vector<int> truth;
    ClusterConstraints constraints;
};

bool loadLfw(const QString &path, bool allFaces, Dataset &out)
{
    auto db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bench"));
    db.setDatabaseName(path);
    db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
    if (!db.open()) {
        std::fprintf(stderr, "bench_cluster: %s\n", qPrintable(db.lastError().text()));
        return false;
    }
    QSqlQuery q(db);
    q.exec(QStringLiteral(
        "SELECT f.photo_id, p.path, f.x, f.y, f.w, f.h, p.width, p.height, f.embedding "
        "FROM faces f JOIN photos p ON p.id = f.photo_id ORDER BY f.photo_id, f.id"));
    struct Face
    {
        qint64 photo;
        QString person;
        double centreDistance;
        Embedding e;
    };
    std::vector<Face> faces;
    while (q.next()) {
        Face f;
        f.photo = q.value(0).toLongLong();
        f.person = QFileInfo(q.value(1).toString()).dir().dirName();
        const double w = q.value(6).toInt() > 0 ? q.value(6).toDouble() : 250;
        const double h = q.value(7).toInt() > 0 ? q.value(7).toDouble() : 250;
        const double cx = q.value(2).toDouble() + q.value(4).toDouble() / 2;
        const double cy = q.value(3).toDouble() + q.value(5).toDouble() / 2;
        f.centreDistance = std::hypot(cx - w / 2, cy - h / 2);
        const QByteArray blob = q.value(8).toByteArray();
        if (blob.size() != int(sizeof(Embedding)))
            continue;
        std::memcpy(f.e.data(), blob.constData(), sizeof(Embedding)); // little-endian host
        faces.push_back(std::move(f));
    }
    QHash<QString, int> ids;
    for (size_t s = 0; s < faces.size();) {
        size_t t = s;
        size_t centre = s;
        for (; t < faces.size() && faces[t].photo == faces[s].photo; ++t)
            if (faces[t].centreDistance < faces[centre].centreDistance)
                centre = t;
        const int first = int(out.points.size());
        for (size_t i = s; i < t; ++i) {
            if (i != centre && !allFaces)
                continue;
            // An extra face in an LFW image is a stranger: an identity of its own.
            const QString key = i == centre ? faces[i].person : QStringLiteral("#%1").arg(i);
            const int id = int(ids.size());
            out.truth.push_back(ids.contains(key) ? ids.value(key) : (ids.insert(key, id), id));
            out.points.push_back(faces[i].e);
        }
        for (int a = first; a < int(out.points.size()); ++a)
            for (int b = a + 1; b < int(out.points.size()); ++b)
                out.constraints.cannotLink.emplace_back(a, b);
        s = t;
    }
    return true;
}

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

void printRow(const char *method, const Dataset &d, const std::vector<int> &labels, double seconds)
{
    const ClusterScores s = ClusterMetrics::evaluate(labels, d.truth);
    std::printf("%-34s %6zu  %.3f %.3f %.3f   %.3f %.3f %.3f   %.3f  %6d %5d  %7.3f\n", method,
                d.points.size(), s.pairwisePrecision, s.pairwiseRecall, s.pairwiseF,
                s.bcubedPrecision, s.bcubedRecall, s.bcubedF, s.nmi, s.clusters, s.noise, seconds);
    std::fflush(stdout);
}

int lfw(const QStringList &args)
{
    if (args.size() < 3) {
        std::fprintf(stderr,
                     "usage: bench_cluster lfw CATALOG [--all-faces] [--fractions F,...]\n");
        return 2;
    }
    const bool allFaces = args.contains(QStringLiteral("--all-faces"));
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
    if (!loadLfw(args[2], allFaces, all))
        return 1;
    std::printf("faces %zu (%s), identities %d\n", all.points.size(),
                allFaces ? "all faces; extras are identities of their own, one photo cannot-linked"
                         : "the face nearest each image centre",
                *std::max_element(all.truth.begin(), all.truth.end()) + 1);
    std::printf("%-34s %6s  %-17s   %-17s   %5s  %6s %5s  %7s\n", "method", "faces",
                "pairwise P R F", "BCubed P R F", "NMI", "clust", "noise", "seconds");
    for (double fraction : fractions) {
        const Dataset d = fraction < 1 ? subset(all, fraction, 2024) : all;
        std::printf("-- %.0f%% of the faces\n", fraction * 100);
        QElapsedTimer t;
        for (const auto &[eps, minSamples] :
             {std::pair{0.5, 5}, std::pair{0.4, 1}, std::pair{0.45, 2}}) {
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
                if (k != 20)
                    break;
                t.start();
                const auto labels =
                    ChineseWhispers::cluster(knn, {threshold, k, 100, 5489}, d.constraints);
                printRow(
                    qPrintable(QStringLiteral("whispers k %1 edges < %2").arg(k).arg(threshold)), d,
                    labels, knnSeconds + t.nsecsElapsed() / 1e9);
            }
            for (double cut : {0.40, 0.45, 0.50, 0.52, 0.55, 0.60}) {
                t.start();
                const auto labels = AverageLinkage::cluster(d.points, knn, cut, d.constraints);
                const double seconds = knnSeconds + t.nsecsElapsed() / 1e9;
                printRow(qPrintable(QStringLiteral("avg-linkage k %1 cut %2").arg(k).arg(cut)), d,
                         labels, seconds);
                if (k != AverageLinkage::Options().k || cut < 0.5)
                    continue;
                t.start();
                const auto joined =
                    LinkMerge::merge(knn, labels, cut, d.constraints, bridgeOptions(args));
                printRow(
                    qPrintable(
                        QStringLiteral("  + bridges < %1").arg(cut - bridgeOptions(args).margin)),
                    d, joined, seconds + t.nsecsElapsed() / 1e9);
            }
        }
    }
    return 0;
}

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
        // Per-dimension spread: 16 · sigma is the typical distance between two faces.
        const float within = float(0.019 + 0.012 * uniform(rng));
        Embedding centre;
        for (float &v : centre)
            v = 0.052f * normal(rng);
        for (int f = 0; f < size; ++f) {
            Embedding e;
            for (size_t i = 0; i < e.size(); ++i)
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
    if (!saveEmbeddings.isEmpty() &&
        !writeFile(saveEmbeddings, d.points.data(), d.points.size() * sizeof(Embedding))) {
        std::fprintf(stderr, "bench_cluster: cannot write %s\n", qPrintable(saveEmbeddings));
        return 1;
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
        if (method == QStringLiteral("hac") && !args.contains(QStringLiteral("--no-bridges"))) {
            t.start();
            labels = LinkMerge::merge(*knn, labels, cut, {}, bridgeOptions(args));
            std::printf("bridges (LinkMerge): %.2f s\n", t.nsecsElapsed() / 1e9);
        }
    }
    const double seconds = clock.nsecsElapsed() / 1e9 - recallSeconds;
    std::printf("total %.2f s, peak rss %.0f MiB\n", seconds, peakRssMiB());
    printRow(qPrintable(method), d, labels, seconds);
    return 0;
}

int album(const QStringList &args)
{
    int seeds = 8;
    bench::FamilyAlbumOptions base;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--seeds"))
            seeds = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--people"))
            base.people = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--photos"))
            base.photos = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--relatedness"))
            base.relatedness = args[i + 1].toDouble();
        else if (args[i] == QStringLiteral("--child-likeness"))
            base.childLikeness = args[i + 1].toDouble();
    }
    struct Drift
    {
        const char *name;
        double child, adult;
    };
    for (const Drift drift :
         {Drift{"mild", 0.15, 0.06}, Drift{"moderate", 0.22, 0.09}, Drift{"strong", 0.30, 0.12}}) {
        bench::FamilyAlbumOptions o = base;
        o.childDrift = drift.child;
        o.adultDrift = drift.adult;
        struct Method
        {
            QString name;
            double cut;
            bool bridges;
        };
        const std::vector<Method> methods{
            {QStringLiteral("avg-linkage cut 0.52"), 0.52, false},
            {QStringLiteral("avg-linkage cut 0.6"), 0.60, false},
            {QStringLiteral("avg-linkage cut 0.7"), 0.70, false},
            {QStringLiteral("default (cut 0.52 + bridges)"), 0.52, true}};
        std::vector<std::array<double, 4>> sums(methods.size(), {0, 0, 0, 0});
        double faces = 0, same = 0, childAdult = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            const bench::FamilyAlbum a = bench::makeFamilyAlbum(o, unsigned(seed));
            faces += double(a.points.size());
            same += a.sameMean;
            childAdult += a.childAdultMean;
            for (size_t m = 0; m < methods.size(); ++m) {
                AverageLinkage::Options options;
                options.cut = methods[m].cut;
                options.bridges = bridgeOptions(args);
                if (!methods[m].bridges)
                    options.bridges.reset();
                const auto labels = *AverageLinkage::run(a.points, options, a.constraints);
                const ClusterScores s = ClusterMetrics::evaluate(labels, a.truth);
                sums[m][0] += s.bcubedPrecision;
                sums[m][1] += s.bcubedRecall;
                sums[m][2] += s.bcubedF;
                sums[m][3] += s.pairwiseF;
            }
        }
        std::printf("-- %s drift (%d albums of %d people, %.0f faces on average): one person's "
                    "faces %.2f apart on average, as a child (< 10) and an adult (>= 30) %.2f\n",
                    drift.name, seeds, o.people, faces / seeds, same / seeds, childAdult / seeds);
        std::printf("%-34s  %-17s  %s\n", "method", "BCubed P R F", "pairwise F");
        for (size_t m = 0; m < methods.size(); ++m)
            std::printf("%-34s  %.3f %.3f %.3f  %.3f\n", qPrintable(methods[m].name),
                        sums[m][0] / seeds, sums[m][1] / seeds, sums[m][2] / seeds,
                        sums[m][3] / seeds);
        std::fflush(stdout);
    }
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() >= 2 && args[1] == QStringLiteral("lfw"))
        return lfw(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("synthetic"))
        return synthetic(args);
    if (args.size() >= 2 && args[1] == QStringLiteral("album"))
        return album(args);
    std::fprintf(stderr, "usage: bench_cluster lfw CATALOG ... | synthetic N ... | album ...\n");
    return 2;
}
