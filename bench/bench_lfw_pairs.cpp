// Scores a scanned LFW folder: for every pair in the pairs file, the face
// nearest the image centre of each image is compared at a same-person
// threshold (--threshold X; default 0.6 for dlib; for another encoder, the
// best threshold below). Embeddings are read with the catalog's encoder
// (faces.encoder, else dlib); a catalog of two encoders is refused. Prints
// one JSON line: pair accuracy at that threshold, the ROC AUC of the distance
// over the scored pairs, the threshold of best accuracy and that accuracy
// (fitted on these very pairs, so a little optimistic), how many images had a
// detected face (and how many only a whole-image fallback), and the number of
// pairs that could not be scored (counted as wrong in both accuracies). A weak
// detection is one below dlib's default threshold, accepted only in small
// crop-like images.

#include "catalogfaces.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cstdio>
#include <optional>

using namespace facefolio;
using namespace facefolio::bench;

namespace {

struct Pair
{
    double distance;
    bool same;
};

// Area under the ROC curve of "different person" against distance: the chance
// that a different-person pair is farther apart than a same-person pair, ties
// counting half (the Mann-Whitney rank sum, with mean ranks for ties). Pairs
// sorted by distance.
double rocAuc(const std::vector<Pair> &pairs)
{
    double different = 0, rankSum = 0;
    for (size_t s = 0; s < pairs.size();) {
        size_t t = s;
        while (t < pairs.size() && pairs[t].distance == pairs[s].distance)
            ++t;
        const double meanRank = (double(s + 1) + double(t)) / 2;
        for (size_t i = s; i < t; ++i)
            if (!pairs[i].same) {
                ++different;
                rankSum += meanRank;
            }
        s = t;
    }
    const double same = double(pairs.size()) - different;
    return same > 0 && different > 0
               ? (rankSum - different * (different + 1) / 2) / (different * same)
               : 0;
}

// The threshold ("same person below it") of most right answers over the
// scored pairs, half-way between two distances; and that count. Pairs sorted
// by distance.
std::pair<double, int> bestThreshold(const std::vector<Pair> &pairs)
{
    int correct =
        int(std::count_if(pairs.begin(), pairs.end(), [](const Pair &p) { return !p.same; }));
    std::pair<double, int> best{pairs.empty() ? 0 : pairs.front().distance / 2, correct};
    for (size_t s = 0; s < pairs.size();) {
        size_t t = s;
        for (; t < pairs.size() && pairs[t].distance == pairs[s].distance; ++t)
            correct += pairs[t].same ? 1 : -1;
        const double next = t < pairs.size() ? pairs[t].distance : pairs[s].distance + 0.01;
        if (correct > best.second)
            best = {(pairs[s].distance + next) / 2, correct};
        s = t;
    }
    return best;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList positional = QCoreApplication::arguments().mid(1);
    std::optional<double> given;
    if (const qsizetype at = positional.indexOf(QStringLiteral("--threshold"));
        at >= 0 && at + 1 < positional.size()) {
        given = positional[at + 1].toDouble();
        positional.remove(at, 2);
    }
    if (positional.size() != 3) {
        std::fprintf(stderr, "usage: bench_lfw_pairs CATALOG LFW_DIR PAIRS_TSV [--threshold X]\n");
        return 2;
    }
    CatalogFaces catalog;
    if (!catalog.load(positional[0])) {
        std::fprintf(stderr, "bench_lfw_pairs: %s\n", qPrintable(catalog.errorString()));
        return 1;
    }
    const QString root = QDir(positional[1]).canonicalPath() + QLatin1Char('/');
    QHash<QString, const CatalogFaces::Face *> byImage;
    for (size_t i : catalog.pick(FacePick::Central))
        byImage.insert(catalog.faces()[i].path, &catalog.faces()[i]);
    int detected = 0, whole = 0, weak = 0;
    for (const CatalogFaces::Face *f : std::as_const(byImage)) {
        (f->wholeImage ? whole : detected)++;
        weak += !f->wholeImage && f->score < 0;
    }

    QFile file(positional[2]);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_lfw_pairs: cannot read %s\n", qPrintable(positional[2]));
        return 1;
    }
    int total = 0, unscored = 0, same = 0;
    std::vector<Pair> scored;
    for (const QByteArray &raw : file.readAll().split('\n')) {
        const QList<QByteArray> cols = raw.trimmed().split('\t');
        if (raw.startsWith('#') || cols.size() != 3)
            continue;
        ++total;
        const auto a = byImage.constFind(root + QString::fromUtf8(cols[0]));
        const auto b = byImage.constFind(root + QString::fromUtf8(cols[1]));
        const bool isSame = cols[2] == "1";
        same += isSame;
        if (a == byImage.constEnd() || b == byImage.constEnd()) {
            ++unscored; // counted as wrong
            continue;
        }
        scored.push_back({embeddingDistance((*a)->embedding, (*b)->embedding), isSame});
    }

    std::sort(scored.begin(), scored.end(),
              [](const Pair &a, const Pair &b) { return a.distance < b.distance; });
    const auto [bestAt, bestCorrect] = bestThreshold(scored);
    // dlib's same-person rule; another encoder has no agreed value yet, so its best one.
    const bool dlib = catalog.model() == EncoderModel::Dlib;
    const double threshold = given ? *given : dlib ? 0.6 : bestAt;
    const QString source = given  ? QStringLiteral("argument")
                           : dlib ? QStringLiteral("dlib default")
                                  : QStringLiteral("best");
    int correct = 0, sameCorrect = 0;
    for (const Pair &p : scored) {
        const bool saysSame = p.distance < threshold;
        correct += saysSame == p.same;
        sameCorrect += p.same && saysSame;
    }
    const qint64 images = catalog.photos();
    const QJsonObject out{
        {QStringLiteral("encoder"), encoderName(catalog.model())},
        {QStringLiteral("pairs"), total},
        {QStringLiteral("threshold"), threshold},
        {QStringLiteral("threshold_source"), source},
        {QStringLiteral("pair_accuracy"), total ? double(correct) / total : 0.0},
        {QStringLiteral("same_pairs_recall"), same ? double(sameCorrect) / same : 0.0},
        {QStringLiteral("roc_auc"), rocAuc(scored)},
        {QStringLiteral("best_threshold"), bestAt},
        {QStringLiteral("best_threshold_accuracy"), total ? double(bestCorrect) / total : 0.0},
        {QStringLiteral("unscored_pairs"), unscored},
        {QStringLiteral("images"), images},
        {QStringLiteral("images_with_detected_face"), detected},
        {QStringLiteral("images_weak_detection_only"), weak},
        {QStringLiteral("images_whole_image_fallback"), whole},
        {QStringLiteral("detection_rate"), images ? double(detected) / images : 0.0}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
