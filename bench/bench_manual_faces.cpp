// bench_manual_faces [DATA_DIR] [--photos N] [--encoder arcface|dlib]
//
// A face drawn by hand (issue 18) against the face the detector found: on
// LFW-dev photos, the central detected face is analysed again from its own
// box, and from a box 15% larger about the same centre, as
// FaceAnalyzer::analyzeBox does for a face the user draws. Prints the
// distance between each drawn face's embedding and the detected one's, in
// units of S, the median distance between two strangers' faces with the same
// encoder (central faces of photos of different people). Prints figures only.

#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"

#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLineF>
#include <algorithm>
#include <cstdio>
#include <random>

using namespace facefolio;

namespace {

double percentile(std::vector<double> v, double p)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5))];
}

void print(const char *what, const std::vector<double> &gaps, double s)
{
    std::printf("%-28s n %4zu   median %.3f S   p90 %.3f S   max %.3f S\n", what, gaps.size(),
                percentile(gaps, 0.5) / s, percentile(gaps, 0.9) / s, percentile(gaps, 1.0) / s);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QString data = QStringLiteral("../shared/data/lfw-dev");
    int limit = 600;
    EncoderModel encoder = EncoderModel::ArcFace;
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QStringLiteral("--photos") && i + 1 < args.size())
            limit = args[++i].toInt();
        else if (args[i] == QStringLiteral("--encoder") && i + 1 < args.size())
            encoder =
                args[++i] == QStringLiteral("dlib") ? EncoderModel::Dlib : EncoderModel::ArcFace;
        else
            data = args[i];
    }
    QStringList files;
    QDirIterator it(data, {QStringLiteral("*.jpg")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    if (files.isEmpty()) {
        std::fprintf(stderr, "bench_manual_faces: no photos under %s\n", qPrintable(data));
        return 1;
    }
    std::sort(files.begin(), files.end());
    // An even spread over the folders (people), the same on every run.
    std::mt19937 rng(17);
    std::shuffle(files.begin(), files.end(), rng);
    files = files.mid(0, limit);

    useSingleThreadedBlas();
    AnalyzerOptions o;
    o.encoder = encoder;
    FaceAnalyzer analyzer(FaceModels::load(), o);
    struct Face
    {
        QString person;
        Embedding e;
    };
    std::vector<Face> detected;
    std::vector<double> same, larger;
    int failed = 0;
    for (const QString &path : std::as_const(files)) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        const PhotoAnalysis a = analyzer.analyze(bytes);
        if (!a.ok || a.faces.empty())
            continue;
        const QPointF centre(a.size.width() / 2.0, a.size.height() / 2.0);
        const DetectedFace *central = &a.faces.front();
        for (const DetectedFace &face : a.faces)
            if (QLineF(QRectF(face.box).center(), centre).length() <
                QLineF(QRectF(central->box).center(), centre).length())
                central = &face;
        detected.push_back({QFileInfo(path).dir().dirName(), central->embedding});
        const auto drawn = analyzer.analyzeBox(bytes, central->box);
        const QRect box = central->box;
        const int dw = int(box.width() * 0.075 + 0.5), dh = int(box.height() * 0.075 + 0.5);
        const auto big = analyzer.analyzeBox(bytes, box.adjusted(-dw, -dh, dw, dh));
        if (!drawn || !big) {
            ++failed;
            continue;
        }
        same.push_back(embeddingDistance(drawn->embedding, central->embedding));
        larger.push_back(embeddingDistance(big->embedding, central->embedding));
    }
    std::vector<double> strangers;
    for (size_t i = 0; i < detected.size(); ++i)
        for (size_t j = i + 1; j < detected.size(); j += 7)
            if (detected[i].person != detected[j].person)
                strangers.push_back(embeddingDistance(detected[i].e, detected[j].e));
    const double s = percentile(strangers, 0.5);
    std::printf("%s, %zu LFW-dev photos with a face (%d boxes failed); S (median stranger "
                "distance) = %.3f over %zu pairs\n",
                encoder == EncoderModel::ArcFace ? "ArcFace" : "dlib", detected.size(), failed, s,
                strangers.size());
    print("drawn = detector's box", same, s);
    print("drawn 15% larger", larger, s);
    std::printf("targets: detector's box median <= 0.06 S, p90 <= 0.12 S; 15%% larger <= 0.17 S\n");
    return 0;
}
