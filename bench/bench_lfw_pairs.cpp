// Scores a scanned LFW folder: for every pair in the pairs file, the face
// nearest the image centre of each image is compared at the same-person
// threshold 0.6. Prints one JSON line: pair accuracy, how many images had a
// detected face (and how many only a whole-image fallback), and the number of
// pairs that could not be scored. A weak detection is one below dlib's
// default threshold, accepted only in small crop-like images.

#include "catalog/catalog.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

using namespace facefolio;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() != 4) {
        std::fprintf(stderr, "usage: bench_lfw_pairs CATALOG LFW_DIR PAIRS_TSV\n");
        return 2;
    }
    Catalog catalog(args[1]);
    if (!catalog.open()) {
        std::fprintf(stderr, "bench_lfw_pairs: %s\n", qPrintable(catalog.errorString()));
        return 1;
    }
    const QString root = QDir(args[2]).canonicalPath() + QLatin1Char('/');
    struct Pick
    {
        double centreDistance;
        FaceRecord face;
    };
    QHash<QString, Pick> byImage;
    for (FaceRecord &f : catalog.faces(true)) {
        const QPointF c = QRectF(f.box).center();
        const double dist = std::hypot(c.x() - 125.0, c.y() - 125.0); // LFW images are 250×250
        const QString path = f.photoPath;
        auto it = byImage.find(path);
        if (it == byImage.end() || dist < it->centreDistance)
            byImage.insert(path, {dist, std::move(f)});
    }
    int detected = 0, whole = 0, weak = 0;
    for (const Pick &p : byImage) {
        (p.face.wholeImage ? whole : detected)++;
        weak += !p.face.wholeImage && p.face.score < 0;
    }

    QFile pairs(args[3]);
    if (!pairs.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "bench_lfw_pairs: cannot read %s\n", qPrintable(args[3]));
        return 1;
    }
    int total = 0, correct = 0, unscored = 0, same = 0, sameCorrect = 0;
    for (const QByteArray &raw : pairs.readAll().split('\n')) {
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
        const bool saysSame = embeddingDistance(a->face.embedding, b->face.embedding) < 0.6f;
        correct += saysSame == isSame;
        sameCorrect += isSame && saysSame;
    }
    const qint64 images = catalog.stats().photos;
    const QJsonObject out{
        {QStringLiteral("pairs"), total},
        {QStringLiteral("pair_accuracy"), total ? double(correct) / total : 0.0},
        {QStringLiteral("same_pairs_recall"), same ? double(sameCorrect) / same : 0.0},
        {QStringLiteral("unscored_pairs"), unscored},
        {QStringLiteral("images"), images},
        {QStringLiteral("images_with_detected_face"), detected},
        {QStringLiteral("images_weak_detection_only"), weak},
        {QStringLiteral("images_whole_image_fallback"), whole},
        {QStringLiteral("detection_rate"), images ? double(detected) / images : 0.0}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
