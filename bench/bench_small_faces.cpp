// How small a face the detector still finds in a 12-megapixel photo, for
// several detector working sizes. Plants LFW face images (250×250, the face
// about 45% of the width) scaled to a range of face widths on 4032×3024
// canvases, analyses each canvas, and prints recall per face width and the
// time per photo for each working size. This is the measurement behind
// AnalyzerOptions::detectLongSide.

#include "analysis/faceanalyzer.h"
#include "analysis/facemodels.h"

#include <QBuffer>
#include <QCoreApplication>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QImage>
#include <QPainter>
#include <cstdio>

using namespace facefolio;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = QCoreApplication::arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: bench_small_faces LFW_DIR [SIZES...]\n");
        return 2;
    }
    QStringList faces;
    QDirIterator it(args[1], {QStringLiteral("*_0001.jpg")}, QDir::Files,
                    QDirIterator::Subdirectories);
    while (it.hasNext())
        faces << it.next();
    faces.sort();
    QList<int> sizes;
    for (int i = 2; i < args.size(); ++i)
        sizes << args[i].toInt();
    if (sizes.isEmpty())
        sizes = {1280, 1600, 1920};
    const QList<int> faceWidths = {80, 120, 160, 200, 240, 320};
    const int perCanvas = 12, canvases = 4;

    // One set of canvases per face width; the same faces for every working size.
    struct Canvas
    {
        QByteArray jpeg;
        QList<QRect> planted;
    };
    QMap<int, QList<Canvas>> byWidth;
    int next = 0;
    for (int fw : faceWidths) {
        const int tile = int(fw / 0.45);
        for (int c = 0; c < canvases; ++c) {
            QImage canvas(4032, 3024, QImage::Format_RGB888);
            canvas.fill(QColor(120, 128, 118));
            QPainter painter(&canvas);
            Canvas out;
            for (int k = 0; k < perCanvas && !faces.isEmpty(); ++k) {
                const QImage face =
                    QImage(faces[next++ % faces.size()])
                        .scaled(tile, tile, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
                const QPoint at(200 + (k % 4) * 950, 200 + (k / 4) * 950);
                painter.drawImage(at, face);
                out.planted << QRect(at, QSize(tile, tile));
            }
            painter.end();
            QBuffer buf(&out.jpeg);
            buf.open(QIODevice::WriteOnly);
            canvas.save(&buf, "JPEG", 90);
            byWidth[fw] << out;
        }
    }

    const auto models = FaceModels::load();
    std::printf("face px");
    for (int s : sizes)
        std::printf("  detect@%d", s);
    std::printf("\n");
    QMap<int, double> msPerPhoto;
    QMap<int, QMap<int, double>> recall;
    for (int s : sizes) {
        AnalyzerOptions o;
        o.detectLongSide = s;
        o.decodeLongSide = std::max(s, o.decodeLongSide);
        FaceAnalyzer analyzer(models, o);
        QElapsedTimer t;
        qint64 ms = 0;
        int photos = 0;
        for (int fw : faceWidths) {
            int found = 0, planted = 0;
            for (const Canvas &c : byWidth[fw]) {
                t.start();
                const PhotoAnalysis a = analyzer.analyze(c.jpeg);
                ms += t.elapsed();
                ++photos;
                for (const QRect &p : c.planted) {
                    ++planted;
                    for (const DetectedFace &f : a.faces)
                        if (p.contains(f.box.center())) {
                            ++found;
                            break;
                        }
                }
            }
            recall[fw][s] = planted ? double(found) / planted : 0;
        }
        msPerPhoto[s] = double(ms) / photos;
    }
    for (int fw : faceWidths) {
        std::printf("%7d", fw);
        for (int s : sizes)
            std::printf("  %9.0f%%", 100 * recall[fw][s]);
        std::printf("\n");
    }
    std::printf("ms/photo");
    for (int s : sizes)
        std::printf("  %9.0f ", msPerPhoto[s]);
    std::printf("   (one thread)\n");
    return 0;
}
