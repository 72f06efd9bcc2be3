// Scans one folder into a fresh catalog and prints one JSON line of figures:
// photos, faces, seconds, photos/s, faces/s and the process's peak RSS.
// bench/run.sh calls it once per configuration, each in its own process so
// the memory figure belongs to that configuration alone.

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "scan/scanner.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>

using namespace facefolio;

namespace {

double peakRssMb()
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser p;
    p.addPositionalArgument(QStringLiteral("FOLDER"), QStringLiteral("Folder to scan."));
    const QCommandLineOption threads(QStringLiteral("threads"), QStringLiteral("Workers."),
                                     QStringLiteral("N"), QStringLiteral("2"));
    const QCommandLineOption naive(QStringLiteral("naive"),
                                   QStringLiteral("Full-resolution decode and detection."));
    const QCommandLineOption detect(QStringLiteral("detect-long"),
                                    QStringLiteral("Detector working size."), QStringLiteral("PX"));
    const QCommandLineOption decode(QStringLiteral("decode-long"),
                                    QStringLiteral("Reduced-decode floor."), QStringLiteral("PX"));
    const QCommandLineOption catalog(QStringLiteral("catalog"),
                                     QStringLiteral("Keep the catalog here."),
                                     QStringLiteral("FILE"));
    const QCommandLineOption label(QStringLiteral("label"),
                                   QStringLiteral("Name printed with the figures."),
                                   QStringLiteral("TEXT"), QStringLiteral("run"));
    const QCommandLineOption detector(QStringLiteral("detector"),
                                      QStringLiteral("hog, ssd or both (default: the analyzer's)."),
                                      QStringLiteral("NAME"));
    const QCommandLineOption encoder(QStringLiteral("encoder"),
                                     QStringLiteral("arcface or dlib (default: the analyzer's)."),
                                     QStringLiteral("NAME"));
    p.addOptions({threads, naive, detect, decode, catalog, label, detector, encoder});
    p.process(app);
    if (p.positionalArguments().size() != 1) {
        std::fprintf(stderr, "usage: bench_ingest FOLDER [options]\n");
        return 2;
    }
    std::shared_ptr<const FaceModels> models;
    try {
        models = FaceModels::load();
    } catch (const ModelError &e) {
        std::fprintf(stderr, "bench_ingest: %s\n", e.what());
        return 1;
    }
    QTemporaryDir tmp;
    ScanOptions o;
    o.folders = p.positionalArguments();
    o.catalogPath =
        p.isSet(catalog) ? p.value(catalog) : tmp.filePath(QStringLiteral("bench.sqlite"));
    o.threads = p.value(threads).toInt();
    o.analyzer.naive = p.isSet(naive);
    if (p.isSet(detect))
        o.analyzer.detectLongSide = p.value(detect).toInt();
    if (p.isSet(decode))
        o.analyzer.decodeLongSide = p.value(decode).toInt();
    if (p.isSet(encoder) && !parseEncoder(p.value(encoder), &o.analyzer.encoder)) {
        std::fprintf(stderr, "bench_ingest: --encoder takes arcface or dlib\n");
        return 2;
    }
    if (p.isSet(detector) && !parseFaceDetector(p.value(detector), &o.analyzer.detector)) {
        std::fprintf(stderr, "bench_ingest: --detector takes hog, ssd or both\n");
        return 2;
    }
    const ScanSummary s = Scanner::run(o, models);
    if (!s.ok) {
        std::fprintf(stderr, "bench_ingest: %s\n", qPrintable(s.error));
        return 1;
    }
    const AnalysisTimes &t = s.analysisTimes;
    const auto perPhoto = [&s](double seconds) {
        return s.analysed > 0 ? std::round(seconds * 1e4 / s.analysed) / 10 : 0.0;
    };
    const QJsonObject out{{QStringLiteral("label"), p.value(label)},
                          {QStringLiteral("threads"), o.threads},
                          {QStringLiteral("detector"), faceDetectorName(o.analyzer.detector)},
                          {QStringLiteral("encoder"), encoderName(o.analyzer.encoder)},
                          {QStringLiteral("photos"), s.analysed},
                          {QStringLiteral("faces"), s.faces},
                          {QStringLiteral("failures"), s.failures},
                          {QStringLiteral("seconds"), s.seconds},
                          {QStringLiteral("photos_per_s"), s.analysed / s.seconds},
                          {QStringLiteral("faces_per_s"), s.faces / s.seconds},
                          {QStringLiteral("peak_rss_mb"), peakRssMb()},
                          // Where the time went (issue 20): milliseconds per
                          // analysed photo, summed over the workers, and the
                          // catalog writes on the scan's thread.
                          {QStringLiteral("ms_read"), perPhoto(s.readSeconds)},
                          {QStringLiteral("ms_decode"), perPhoto(t.decode)},
                          {QStringLiteral("ms_hog"), perPhoto(t.hog)},
                          {QStringLiteral("ms_ssd"), perPhoto(t.ssd)},
                          {QStringLiteral("ms_landmarks"), perPhoto(t.landmarks)},
                          {QStringLiteral("ms_encode"), perPhoto(t.encode)},
                          {QStringLiteral("ms_write"), perPhoto(s.writeSeconds)}};
    std::printf("%s\n", QJsonDocument(out).toJson(QJsonDocument::Compact).constData());
    return 0;
}
