// bench_cluster lfw: every method on the faces of a catalog of LFW images.

#include "benchcommon.h"
#include "clustering/averagelinkage.h"
#include "clustering/chinesewhispers.h"
#include "clustering/dbscan.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <random>

namespace facefolio::bench {

namespace {

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

} // namespace

int lfwBenchmark(const QStringList &args)
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

} // namespace facefolio::bench
