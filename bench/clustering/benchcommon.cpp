#include "benchcommon.h"

#include "catalogfaces.h"
#include "people/clusterer.h"

#include <QHash>
#include <cstdio>
#include <sys/resource.h>

namespace facefolio::bench {

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

void printHeader()
{
    std::printf("%-34s %6s  %-17s   %-17s   %5s  %7s %5s  %7s  %9s %6s\n", "method", "faces",
                "pairwise P R F", "BCubed P R F", "NMI", "persons", "noise", "seconds", "strangers",
                "purity");
}

QByteArray purityText(double purity)
{
    return purity < 0 ? QByteArray("-") : QByteArray::number(purity, 'f', 3);
}

ClusterScores printRow(const char *method, const Dataset &d, const std::vector<int> &labels,
                       double seconds)
{
    const ClusterScores s = ClusterMetrics::evaluate(labels, d.truth);
    std::printf("%-34s %6zu  %.3f %.3f %.3f   %.3f %.3f %.3f   %.3f  %7d %5d  %7.3f  %9d %6s\n",
                method, d.points.size(), s.pairwisePrecision, s.pairwiseRecall, s.pairwiseF,
                s.bcubedPrecision, s.bcubedRecall, s.bcubedF, s.nmi, s.clusters, s.noise, seconds,
                s.strangersMerged, purityText(s.worstPurity).constData());
    std::fflush(stdout);
    return s;
}

LinkMerge::Options bridgeOptions(const QStringList &args, EncoderModel model)
{
    LinkMerge::Options o;
    o.margin = Clusterer::withDefaults({}, model).bridgeMargin;
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

AverageLinkage::Options defaultLinkage(const QStringList &args, EncoderModel model)
{
    AverageLinkage::Options o;
    o.cut = Clusterer::withDefaults({}, model).threshold;
    for (int i = 2; i + 1 < args.size(); ++i)
        if (args[i] == QStringLiteral("--cut"))
            o.cut = args[i + 1].toDouble();
    o.bridges = bridgeOptions(args, model);
    return o;
}

QString argValue(const QStringList &args, const QString &key, const QString &otherwise)
{
    const qsizetype i = args.indexOf(key, 3);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : otherwise;
}

QString optionValue(const QStringList &args, const QString &key, const QString &otherwise)
{
    const qsizetype i = args.indexOf(key, 2);
    return i >= 0 && i + 1 < args.size() ? args[i + 1] : otherwise;
}

bool loadDataset(const QStringList &args, Dataset &out)
{
    FacePick pick;
    if (!parseFacePick(argValue(args, QStringLiteral("--face"), QStringLiteral("central")),
                       &pick)) {
        std::fprintf(stderr, "bench_cluster: --face takes central or largest\n");
        return false;
    }
    const int minSize = argValue(args, QStringLiteral("--min-size"), QStringLiteral("0")).toInt();
    const bool allFaces = args.contains(QStringLiteral("--all-faces"));
    CatalogFaces catalog;
    if (!catalog.load(args[2])) {
        std::fprintf(stderr, "bench_cluster: %s\n", qPrintable(catalog.errorString()));
        return false;
    }
    const std::vector<CatalogFaces::Face> &faces = catalog.faces();
    const std::vector<size_t> scored = catalog.pick(pick);
    out.model = catalog.model();
    QHash<QString, int> ids;
    auto identity = [&ids](const QString &key) {
        const auto it = ids.constFind(key);
        return it != ids.constEnd() ? *it : *ids.insert(key, int(ids.size()));
    };
    int small = 0;
    for (const size_t chosen : scored) {
        if (faces[chosen].box.width() < minSize) {
            ++small;
            continue;
        }
        // The faces of this photo are contiguous and end where the next photo's begin.
        size_t first = chosen, end = chosen + 1;
        while (first > 0 && faces[first - 1].photo == faces[chosen].photo)
            --first;
        while (end < faces.size() && faces[end].photo == faces[chosen].photo)
            ++end;
        const int firstPoint = int(out.points.size());
        for (size_t i = first; i < end; ++i) {
            if (i != chosen && !allFaces)
                continue;
            // Another face in the photo is a stranger: an identity of its own.
            out.truth.push_back(
                identity(i == chosen ? faces[i].folder : QStringLiteral("#%1").arg(i)));
            out.points.push_back(faces[i].embedding);
        }
        for (int a = firstPoint; a < int(out.points.size()); ++a)
            for (int b = a + 1; b < int(out.points.size()); ++b)
                out.constraints.cannotLink.emplace_back(a, b);
    }
    if (out.points.empty()) {
        std::fprintf(stderr, "bench_cluster: no face of %s to score\n", qPrintable(args[2]));
        return false;
    }
    std::printf("catalog: encoder %s (%s), %d photos, %zu with a face",
                qPrintable(encoderName(out.model)),
                catalog.hasEncoderColumn() ? "faces.encoder" : "no encoder column: dlib",
                catalog.photos(), scored.size());
    if (catalog.damagedFaces() > 0)
        std::printf(", %d faces skipped (blob not of their encoder's size)",
                    catalog.damagedFaces());
    if (minSize > 0)
        std::printf(", %d whose scored face is narrower than %d px left out", small, minSize);
    std::printf(
        "\nfaces %zu (%s face of each photo%s), identities %d\n", out.points.size(),
        pick == FacePick::Central ? "the central" : "the largest",
        allFaces ? "; all faces: extras are identities of their own, one photo cannot-linked" : "",
        int(ids.size()));
    return true;
}

} // namespace facefolio::bench
