// Memory and file handles while scanning many 12-megapixel photos (issue 6):
// makes N distinct 4032×3024 JPEGs from the sample photos (kept in WORK_DIR
// for the next run), scans them in-process and prints the resident set
// size as the scan goes, its peak, the growth per photo over the second
// half of the scan (what extrapolates to larger libraries) and the open file
// descriptors before and after. Prints figures; never passes or fails on them.
//
// Usage: bench_memory SAMPLES_DIR N WORK_DIR [THREADS]

#include "analysis/facemodels.h"
#include "scan/scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QPainter>
#include <QThread>
#include <cstdio>

using namespace facefolio;

namespace {

/// A field of /proc/self/status (VmRSS, VmHWM), in MiB.
double statusMiB(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').value(0).toDouble() / 1024.0;
    return -1;
}

int openFds()
{
    return int(QDir(QStringLiteral("/proc/self/fd")).entryList(QDir::Files | QDir::System).size());
}

/// Lets VmHWM start again from the current RSS (Linux: "5" to clear_refs).
void resetPeak()
{
    QFile f(QStringLiteral("/proc/self/clear_refs"));
    if (f.open(QIODevice::WriteOnly))
        f.write("5");
}

int makePhotos(const QString &samples, int n, const QString &dir)
{
    QDir().mkpath(dir);
    const QStringList names =
        QDir(samples).entryList({QStringLiteral("sample*.jpg")}, QDir::Files, QDir::Name);
    if (names.isEmpty())
        return 0;
    int made = 0;
    for (int s = 0; s < names.size(); ++s) {
        QImage big;
        for (int i = s; i < n; i += int(names.size())) {
            const QString out =
                QDir(dir).filePath(QStringLiteral("photo-%1.jpg").arg(i, 5, 10, QLatin1Char('0')));
            if (QFileInfo::exists(out)) {
                ++made;
                continue;
            }
            if (big.isNull())
                big = QImage(QDir(samples).filePath(names[s]))
                          .scaled(4032, 3024, Qt::KeepAspectRatioByExpanding,
                                  Qt::SmoothTransformation)
                          .copy(0, 0, 4032, 3024)
                          .convertToFormat(QImage::Format_RGB32);
            // A stamp of the photo's number in the corner: no two files share content.
            QImage img = big;
            QPainter p(&img);
            for (int bit = 0; bit < 16; ++bit)
                p.fillRect(bit * 16, 0, 16, 16, (i >> bit) & 1 ? Qt::white : Qt::black);
            p.end();
            if (img.save(out, "JPEG", 90))
                ++made;
        }
    }
    return made;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: bench_memory SAMPLES_DIR N WORK_DIR [THREADS]\n");
        return 2;
    }
    const int n = args[2].toInt();
    const QString work = QDir(args[3]).absolutePath();
    const int threads = args.size() > 4 ? args[4].toInt() : 0;
    const QString photos = work + QStringLiteral("/photos");
    const int made = makePhotos(args[1], n, photos);
    std::printf("%d photos of 4032x3024 in %s\n", made, qPrintable(photos));
    if (made < n)
        return 1;

    const std::shared_ptr<const FaceModels> models = FaceModels::load();
    const QString catalog = work + QStringLiteral("/catalog.sqlite");
    QFile::remove(catalog);
    QFile::remove(catalog + QStringLiteral("-wal"));
    QFile::remove(catalog + QStringLiteral("-shm"));

    resetPeak();
    const double base = statusMiB("VmRSS");
    const int fdsBefore = openFds();
    std::printf("models loaded: RSS %.0f MiB, %d open files\n", base, fdsBefore);
    std::fflush(stdout);

    ScanOptions o;
    o.folders = {photos};
    o.catalogPath = catalog;
    o.threads = threads;
    double rssAtHalf = -1, rssLate = -1;
    int doneAtHalf = 0, doneLate = 0;
    int nextReport = 0;
    o.onProgress = [&](const ScanProgress &pr) {
        const double rss = statusMiB("VmRSS");
        if (rssAtHalf < 0 && pr.done >= pr.total / 2 && pr.done > 0) {
            rssAtHalf = rss;
            doneAtHalf = pr.done;
        }
        // The last report while the workers still hold their buffers.
        if (pr.done < pr.total) {
            rssLate = rss;
            doneLate = pr.done;
        }
        if (pr.done >= nextReport) {
            std::printf("  %5d/%d photos  RSS %.0f MiB  peak %.0f MiB\n", pr.done, pr.total, rss,
                        statusMiB("VmHWM"));
            std::fflush(stdout);
            nextReport = pr.done + std::max(1, pr.total / 10);
        }
    };
    const ScanSummary s = Scanner::run(o, models);
    const double end = statusMiB("VmRSS");
    const double peak = statusMiB("VmHWM");
    std::printf("scanned %d photos (%d analysed, %d failures, %d faces) in %.1f s, %d threads\n",
                s.seen, s.analysed, s.failures, s.faces, s.seconds,
                threads > 0 ? threads : QThread::idealThreadCount());
    std::printf(
        "RSS: %.0f MiB with models, peak %.0f MiB during the scan (+%.0f), %.0f MiB after\n", base,
        peak, peak - base, end);
    if (rssAtHalf >= 0 && doneLate > doneAtHalf) {
        const double perPhoto = (rssLate - rssAtHalf) / (doneLate - doneAtHalf);
        std::printf("growth from photo %d to %d: %.3f MiB per photo (%+.0f MiB per 2,000 photos)\n",
                    doneAtHalf, doneLate, perPhoto, perPhoto * 2000);
    }
    std::printf("open files: %d before, %d after the scan\n", fdsBefore, openFds());
    return s.ok ? 0 : 1;
}
