// bench_cluster suite: what `facefolio-cli cluster` does on a fresh catalog
// (every face clustered, one photo's faces kept apart, faces taken from a
// whole image loose), scored on one face per photo, over every dev catalog
// it finds; beside it the textbook recipe (DBSCAN, min_samples 5, on the
// same embeddings) and random draws of small albums.

#include "benchcommon.h"
#include "catalogfaces.h"
#include "clustering/dbscan.h"
#include "people/clusterer.h"
#include "people/clusterlabels_p.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <algorithm>
#include <cstdio>
#include <random>

namespace facefolio::bench {

namespace {

struct Set
{
    QString name;
    QString file; ///< the catalog's base name in the cache folder
    FacePick pick;
    int minSize;
};

// The scored faces and the faces clustered with them, as Clusterer sees a
// catalog without decisions.
struct Library
{
    std::vector<Embedding> points;
    std::vector<qint64> photo;
    std::vector<bool> loose;
    std::vector<int> scored; ///< indices into points
    std::vector<int> truth;  ///< per scored face
    EncoderModel model = EncoderModel::Dlib;
};

// The photos of `catalog` kept in `photos` (all when empty), with the face of
// each photo to score when it is at least minSize wide.
Library library(const CatalogFaces &catalog, FacePick pick, int minSize,
                const std::vector<qint64> &photos = {})
{
    Library out;
    out.model = catalog.model();
    const auto &faces = catalog.faces();
    std::vector<bool> chosen(faces.size(), false);
    for (size_t i : catalog.pick(pick))
        chosen[i] = faces[i].box.width() >= minSize;
    QHash<qint64, bool> keep;
    for (qint64 p : photos)
        keep.insert(p, true);
    QHash<QString, int> ids;
    for (size_t i = 0; i < faces.size(); ++i) {
        if (!photos.empty() && !keep.contains(faces[i].photo))
            continue;
        if (chosen[i]) {
            out.scored.push_back(int(out.points.size()));
            const auto it = ids.constFind(faces[i].folder);
            out.truth.push_back(it != ids.constEnd() ? *it
                                                     : *ids.insert(faces[i].folder, ids.size()));
        }
        out.points.push_back(faces[i].embedding);
        out.photo.push_back(faces[i].photo);
        out.loose.push_back(faces[i].wholeImage);
    }
    return out;
}

// The default method's labels, as Clusterer::run computes them.
std::vector<int> defaultLabels(const Library &lib, const ClusterOptions &given, bool loose)
{
    const ClusterOptions options = Clusterer::withDefaults(given, lib.model);
    detail::LabelInput in;
    in.embeddings = lib.points;
    in.group.assign(lib.points.size(), -1);
    if (loose)
        in.loose = lib.loose;
    in.cannotLink = detail::samePhotoPairs(lib.photo);
    std::vector<int> labels = detail::computeLabels(in, options, {});
    detail::enforceConstraints(in, labels);
    return labels;
}

struct Row
{
    ClusterScores s;
    int faces = 0;
    int identities = 0;
};

Row score(const Library &lib, const std::vector<int> &labels)
{
    std::vector<int> scoredLabels;
    scoredLabels.reserve(lib.scored.size());
    for (int i : lib.scored)
        scoredLabels.push_back(labels[size_t(i)]);
    const int identities =
        lib.truth.empty() ? 0 : *std::max_element(lib.truth.begin(), lib.truth.end()) + 1;
    return {ClusterMetrics::evaluate(scoredLabels, lib.truth), int(lib.scored.size()), identities};
}

void print(const char *set, const QString &method, const Row &r)
{
    const ClusterScores &s = r.s;
    std::printf("%-22s %-24s %6d  %.3f %.3f %.3f   %.3f %.3f %.3f  %4d/%-4d %9d %6s\n", set,
                qPrintable(method), r.faces, s.pairwisePrecision, s.pairwiseRecall, s.pairwiseF,
                s.bcubedPrecision, s.bcubedRecall, s.bcubedF, s.clusters + s.noise, r.identities,
                s.strangersMerged, purityText(s.worstPurity).constData());
    std::fflush(stdout);
}

} // namespace

int suiteBenchmark(const QStringList &args)
{
    const auto argValue = [&args](const QString &key, const QString &otherwise) {
        return optionValue(args, key, otherwise);
    };
    const QString cache = argValue(QStringLiteral("--cache"), {});
    if (cache.isEmpty()) {
        std::fprintf(stderr, "usage: bench_cluster suite --cache DIR [--draws N] [--draw-size N] "
                             "[--cut X] [--bridge-margin X] [--no-fragments] [--no-loose]\n"
                             "  DIR holds ENCODER/SET.sqlite catalogs (bench/clustering/suite.sh "
                             "scans them)\n");
        return 2;
    }
    const int draws = argValue(QStringLiteral("--draws"), QStringLiteral("3")).toInt();
    const int drawSize = argValue(QStringLiteral("--draw-size"), QStringLiteral("79")).toInt();
    ClusterOptions given;
    given.threshold = argValue(QStringLiteral("--cut"), QStringLiteral("-1")).toDouble();
    given.bridgeMargin =
        argValue(QStringLiteral("--bridge-margin"), QStringLiteral("-1")).toDouble();
    given.fragmentJoin = !args.contains(QStringLiteral("--no-fragments"));
    const bool loose = !args.contains(QStringLiteral("--no-loose"));

    const std::vector<Set> sets = {
        {QStringLiteral("lfw-dev"), QStringLiteral("lfw-dev"), FacePick::Central, 0},
        {QStringLiteral("album-friends"), QStringLiteral("album-friends"), FacePick::Largest, 0},
        {QStringLiteral("kpop-dev"), QStringLiteral("kpop-dev"), FacePick::Largest, 0},
        {QStringLiteral("kpop-dev >80px"), QStringLiteral("kpop-dev"), FacePick::Largest, 81},
    };
    std::printf("%-22s %-24s %6s  %-17s   %-17s  %-9s %9s %6s\n", "data set", "method", "faces",
                "pairwise P R F", "BCubed P R F", "pers/ids", "strangers", "purity");
    std::printf("(every face of each photo is clustered, as facefolio-cli cluster does; one face "
                "per photo is scored)\n");
    int found = 0;
    for (const QString &encoder : {QStringLiteral("arcface"), QStringLiteral("dlib")}) {
        for (const Set &set : sets) {
            const QString path = QDir(cache).filePath(encoder + QLatin1Char('/') + set.file +
                                                      QStringLiteral(".sqlite"));
            if (!QFileInfo::exists(path))
                continue;
            CatalogFaces catalog;
            if (!catalog.load(path)) {
                std::fprintf(stderr, "bench_cluster: %s\n", qPrintable(catalog.errorString()));
                continue;
            }
            ++found;
            const QByteArray name = (set.name + QLatin1Char(' ') + encoder).toUtf8();
            const Library all = library(catalog, set.pick, set.minSize);
            const ClusterOptions o = Clusterer::withDefaults(given, all.model);
            QElapsedTimer t;
            t.start();
            print(name, QStringLiteral("default (cut %1)").arg(o.threshold),
                  score(all, defaultLabels(all, given, loose)));
            auto textbook = Dbscan::run(all.points, o.eps, 5);
            print(name, QStringLiteral("dbscan %1/5").arg(o.eps), score(all, *textbook));

            // Small albums: a few random photos of the same library, as a
            // user's first folder of a handful of people would be.
            if (set.name != QStringLiteral("album-friends") || draws <= 0)
                continue;
            std::vector<qint64> photos;
            for (const auto &f : catalog.faces())
                if (photos.empty() || photos.back() != f.photo)
                    photos.push_back(f.photo);
            for (int draw = 0; draw < draws; ++draw) {
                std::mt19937 rng(unsigned(1000 + draw));
                std::vector<qint64> pickd = photos;
                for (size_t i = pickd.size(); i > 1; --i)
                    std::swap(pickd[i - 1], pickd[rng() % i]);
                pickd.resize(std::min(pickd.size(), size_t(drawSize)));
                const Library small = library(catalog, set.pick, set.minSize, pickd);
                const QByteArray drawName = QStringLiteral("%1 draw %2 %3")
                                                .arg(drawSize)
                                                .arg(draw + 1)
                                                .arg(encoder)
                                                .toUtf8();
                print(drawName, QStringLiteral("default"),
                      score(small, defaultLabels(small, given, loose)));
                print(drawName, QStringLiteral("dbscan %1/5").arg(o.eps),
                      score(small, *Dbscan::run(small.points, o.eps, 5)));
            }
        }
    }
    if (found == 0) {
        std::fprintf(stderr, "bench_cluster: no ENCODER/SET.sqlite catalog in %s\n",
                     qPrintable(cache));
        return 1;
    }
    return 0;
}

} // namespace facefolio::bench
