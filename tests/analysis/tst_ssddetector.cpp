// The SSD MobileNet v1 face detector (issue 8): recall and precision of hog,
// ssd and both against hand-labelled faces of the six face-api sample photos,
// the detector's own contract (padding, channel order, thresholds), the box
// settings of the analyzer, and missing SSD weights leaving HOG scanning whole.
// Real models: fails with a message naming `bash packaging/setup.sh` when the
// models or sample photos are absent.

#include "analysis/faceanalyzer.h"
#include "analysis/ssddetector.h"
#include "analysis/tfjsweights.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QPainter>
#include <QTemporaryDir>
#include <QTest>
#include <climits>
#include <cstdio>

using namespace facefolio;

namespace {

// Every face in the sample photos, labelled by hand from brow to chin and ear
// to ear, in display pixels of the 1920-pixel-wide photos. Turned, bowed and
// profile faces are included: they are the ones HOG misses.
//   sample2: the left woman is in profile, the middle one looks down with
//            her eyes shut.
//   sample4: the leftmost woman turns her head about 45°.
const QHash<QString, QList<QRect>> &labels()
{
    static const QHash<QString, QList<QRect>> l{
        {QStringLiteral("sample1.jpg"),
         {{413, 365, 173, 211}, {835, 422, 192, 221}, {1478, 202, 192, 230}}},
        {QStringLiteral("sample2.jpg"),
         {{365, 144, 144, 240}, {902, 230, 150, 221}, {1450, 173, 182, 221}}},
        {QStringLiteral("sample3.jpg"),
         {{582, 336, 202, 259}, {1071, 221, 219, 288}, {1513, 288, 173, 278}}},
        {QStringLiteral("sample4.jpg"),
         {{259, 186, 159, 246}, {662, 58, 182, 250}, {989, 182, 167, 221}, {1277, 134, 148, 250}}},
        {QStringLiteral("sample5.jpg"),
         {{787, 115, 157, 202},
          {599, 419, 165, 244},
          {1110, 202, 157, 230},
          {1402, 394, 173, 269},
          {380, 868, 171, 284}}},
        {QStringLiteral("sample6.jpg"),
         {{250, 470, 211, 288},
          {676, 323, 169, 301},
          {1175, 311, 198, 275},
          {1482, 263, 211, 294}}},
    };
    return l;
}

double iou(const QRectF &a, const QRectF &b)
{
    const QRectF i = a.intersected(b);
    const double inter = i.isEmpty() ? 0.0 : i.width() * i.height();
    const double uni = a.width() * a.height() + b.width() * b.height() - inter;
    return uni > 0 ? inter / uni : 0.0;
}

// HOG boxes are square and SSD boxes tall, so a found face overlaps its
// label by at least this much, and two different faces never do.
constexpr double kMatchIou = 0.3;

struct Score
{
    int labelled = 0, found = 0, falseDetections = 0;
    QStringList missed, spurious;
};

// Greedy one-to-one matching, best overlaps first.
void scorePhoto(const QString &name, const QList<QRect> &truth,
                const std::vector<DetectedFace> &faces, Score &s)
{
    struct Pair
    {
        double overlap;
        int label, face;
    };
    std::vector<Pair> pairs;
    for (int l = 0; l < truth.size(); ++l)
        for (int f = 0; f < int(faces.size()); ++f)
            if (const double o = iou(truth[l], faces[size_t(f)].box); o >= kMatchIou)
                pairs.push_back({o, l, f});
    std::sort(pairs.begin(), pairs.end(),
              [](const Pair &a, const Pair &b) { return a.overlap > b.overlap; });
    std::vector<bool> labelUsed(size_t(truth.size())), faceUsed(faces.size());
    for (const Pair &p : pairs)
        if (!labelUsed[size_t(p.label)] && !faceUsed[size_t(p.face)])
            labelUsed[size_t(p.label)] = faceUsed[size_t(p.face)] = true;
    s.labelled += int(truth.size());
    for (int l = 0; l < truth.size(); ++l) {
        if (labelUsed[size_t(l)])
            ++s.found;
        else
            s.missed << QStringLiteral("%1 #%2").arg(name).arg(l);
    }
    for (size_t f = 0; f < faces.size(); ++f)
        if (!faceUsed[f]) {
            ++s.falseDetections;
            const QRect b = faces[f].box;
            s.spurious << QStringLiteral("%1 [%2 %3 %4 %5]")
                              .arg(name)
                              .arg(b.x())
                              .arg(b.y())
                              .arg(b.width())
                              .arg(b.height());
        }
}

std::vector<TfjsTensor> ssdTensors()
{
    return TfjsWeights::load(ModelLocator::ssdManifestPath(), ModelLocator::ssdWeightsPath());
}

} // namespace

class TestSsdDetector : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void recallAndPrecision();
    void paddingToSquareChangesNothing();
    void channelOrderIsHonoured();
    void blankImageHasNoFaces();
    void thresholdsAndLimits();
    void missingTensorIsAModelError();
    void minimumFaceSizeAndScore();
    void missingSsdWeightsLeaveHogWorking();

private:
    std::shared_ptr<const FaceModels> m_models;
    QString m_samples;
};

void TestSsdDetector::initTestCase()
{
    QString why;
    m_models = test::loadModels(&why);
    QVERIFY2(m_models, qPrintable(why));
    QVERIFY2(m_models->hasSsd(), qPrintable(m_models->ssdError()));
    m_samples = test::samplesDir();
    QVERIFY2(!m_samples.isEmpty(), qPrintable(test::missingSamplesMessage()));
}

void TestSsdDetector::recallAndPrecision()
{
    // The sample photos as files, so the analyzers see their EXIF and sizes.
    QHash<QString, QByteArray> photos;
    for (const QString &name : test::samplePhotoNames())
        photos.insert(name, test::readFile(m_samples + QLatin1Char('/') + name));
    Score defaults;
    for (FaceDetector which : {FaceDetector::Hog, FaceDetector::Ssd, FaceDetector::Both}) {
        AnalyzerOptions o;
        o.detector = which;
        FaceAnalyzer analyzer(m_models, o);
        Score s;
        for (const QString &name : test::samplePhotoNames()) {
            const PhotoAnalysis r = analyzer.analyze(photos.value(name));
            QVERIFY2(r.ok, qPrintable(name + QStringLiteral(": ") + r.error));
            for (const DetectedFace &f : r.faces)
                QVERIFY(QRect(QPoint(0, 0), r.size).contains(f.box));
            scorePhoto(name, labels().value(name), r.faces, s);
        }
        const int detections = s.found + s.falseDetections;
        std::printf("detector %-4s recall %d/%d = %.3f, precision %d/%d = %.3f%s%s%s%s\n",
                    qPrintable(faceDetectorName(which)), s.found, s.labelled,
                    double(s.found) / s.labelled, s.found, detections,
                    detections ? double(s.found) / detections : 1.0,
                    s.missed.isEmpty() ? "" : "; missed ", qPrintable(s.missed.join(", ")),
                    s.spurious.isEmpty() ? "" : "; false ", qPrintable(s.spurious.join(", ")));
        if (which == AnalyzerOptions{}.detector)
            defaults = s;
    }
    // Issue 8's target for the default detector: at least 95% of the faces,
    // at most one false detection over the six photos.
    QVERIFY2(
        defaults.found * 100 >= defaults.labelled * 95,
        qPrintable(QStringLiteral("default detector missed %1").arg(defaults.missed.join(", "))));
    QVERIFY2(defaults.falseDetections <= 1, qPrintable(defaults.spurious.join(", ")));
}

void TestSsdDetector::paddingToSquareChangesNothing()
{
    // The detector pads at the bottom or right to a square itself, so a photo
    // already padded that way gives exactly the same faces.
    SsdDetector ssd(ssdTensors());
    const QImage photo =
        QImage(m_samples + QStringLiteral("/sample1.jpg")).convertToFormat(QImage::Format_RGB888);
    QImage square(photo.width(), photo.width(), QImage::Format_RGB888);
    square.fill(Qt::black);
    {
        QPainter p(&square);
        p.drawImage(0, 0, photo);
    }
    const auto a = ssd.detect(photo);
    const auto b = ssd.detect(square);
    QCOMPARE(a.size(), size_t(3));
    QCOMPARE(b.size(), a.size());
    // Scaling mixes the padding into the last row of the photo, so the two
    // differ by rounding only.
    for (const SsdDetection &d : a) {
        const auto same = std::max_element(b.begin(), b.end(), [&d](const auto &x, const auto &y) {
            return iou(d.box, x.box) < iou(d.box, y.box);
        });
        QVERIFY2(iou(d.box, same->box) > 0.95, "the same face at the same place");
        QVERIFY(std::abs(d.score - same->score) < 0.02f);
        QVERIFY(d.score > 0.9f);
        QVERIFY(QRectF(photo.rect()).contains(d.box));
    }
}

void TestSsdDetector::channelOrderIsHonoured()
{
    SsdDetector ssd(ssdTensors());
    const QImage rgb =
        QImage(m_samples + QStringLiteral("/sample3.jpg")).convertToFormat(QImage::Format_RGB888);
    const QImage bgr = rgb.rgbSwapped();
    const auto a = ssd.detect(rgb);
    const auto b = ssd.detect(bgr.constBits(), bgr.width(), bgr.height(), bgr.bytesPerLine(), true);
    QCOMPARE(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
        QCOMPARE(a[i].box, b[i].box);
        QCOMPARE(a[i].score, b[i].score);
    }
    // Read as the wrong order the colours change, and so do the scores.
    const auto c = ssd.detect(rgb.constBits(), rgb.width(), rgb.height(), rgb.bytesPerLine(), true);
    bool differs = c.size() != a.size();
    for (size_t i = 0; !differs && i < a.size(); ++i)
        differs = c[i].score != a[i].score;
    QVERIFY(differs);
}

void TestSsdDetector::blankImageHasNoFaces()
{
    SsdDetector ssd(ssdTensors());
    for (const QColor colour : {QColor(Qt::black), QColor(Qt::white), QColor(128, 128, 128)}) {
        QImage blank(640, 480, QImage::Format_RGB888);
        blank.fill(colour);
        QVERIFY(ssd.detect(blank).empty());
    }
    QVERIFY(ssd.detect(QImage()).empty());
    QVERIFY(ssd.detect(nullptr, 10, 10, 30, false).empty());
    // One pixel high or wide still runs.
    QImage line(700, 1, QImage::Format_RGB888);
    line.fill(Qt::gray);
    QVERIFY(ssd.detect(line).empty());
}

void TestSsdDetector::thresholdsAndLimits()
{
    SsdDetector ssd(ssdTensors());
    SsdDetector copy(ssd); // a worker's copy shares the weights, not the network
    const QImage photo(m_samples + QStringLiteral("/sample5.jpg"));
    const auto all = ssd.detect(photo, 0.3f);
    QVERIFY(all.size() >= 5);
    for (size_t i = 1; i < all.size(); ++i)
        QVERIFY2(all[i - 1].score >= all[i].score, "strongest first");
    for (const auto &d : all)
        QVERIFY(d.score > 0.3f && d.score <= 1.0f);
    const auto two = copy.detect(photo, 0.3f, 2);
    QCOMPARE(two.size(), size_t(2));
    QCOMPARE(two[0].box, all[0].box);
    const float median = all[all.size() / 2].score;
    const auto sure = ssd.detect(photo, median);
    QCOMPARE(sure.size(), all.size() / 2);
    for (const auto &d : sure)
        QVERIFY(d.score > median);
    // No two kept boxes overlap by more than the suppression threshold.
    for (size_t i = 0; i < all.size(); ++i)
        for (size_t j = i + 1; j < all.size(); ++j)
            QVERIFY(iou(all[i].box, all[j].box) <= 0.5);
}

void TestSsdDetector::missingTensorIsAModelError()
{
    std::vector<TfjsTensor> tensors = ssdTensors();
    QCOMPARE(tensors.size(), size_t(151));
    for (const char *name : {"Output/extra_dim", "MobilenetV1/Conv2d_7_depthwise/BatchNorm/gamma",
                             "Prediction/BoxPredictor_3/ClassPredictor/weights"}) {
        std::vector<TfjsTensor> without;
        for (const TfjsTensor &t : tensors)
            if (t.name != name)
                without.push_back(t);
        try {
            SsdDetector broken(without);
            QFAIL(qPrintable(QStringLiteral("accepted weights without %1").arg(name)));
        } catch (const ModelError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(QLatin1String(name)), qPrintable(what));
            QVERIFY2(what.contains(QLatin1String("packaging/setup.sh")), qPrintable(what));
        }
    }
    // A tensor of the wrong shape is refused too.
    for (TfjsTensor &t : tensors)
        if (t.name == "Output/extra_dim")
            t.shape = {1, 5117, 4};
    QVERIFY_THROWS_EXCEPTION(ModelError, SsdDetector{tensors});
}

void TestSsdDetector::minimumFaceSizeAndScore()
{
    const QByteArray photo = test::readFile(m_samples + QStringLiteral("/sample2.jpg"));
    AnalyzerOptions o;
    o.detector = FaceDetector::Ssd;
    const PhotoAnalysis all = FaceAnalyzer(m_models, o).analyze(photo);
    QVERIFY(all.ok);
    QCOMPARE(int(all.faces.size()), 3);
    int smallest = INT_MAX;
    float weakest = 1, strongest = 0;
    for (const DetectedFace &f : all.faces) {
        smallest = std::min({smallest, f.box.width(), f.box.height()});
        weakest = std::min(weakest, f.score);
        strongest = std::max(strongest, f.score);
        QVERIFY(f.score > 0.5f && f.score <= 1.0f);
    }
    o.minFaceSize = smallest + 1;
    const PhotoAnalysis bigOnly = FaceAnalyzer(m_models, o).analyze(photo);
    QVERIFY(bigOnly.ok);
    QVERIFY(bigOnly.faces.size() < all.faces.size());
    for (const DetectedFace &f : bigOnly.faces)
        QVERIFY(std::min(f.box.width(), f.box.height()) >= smallest - 2);
    o.minFaceSize = 0;
    o.ssdMinScore = (weakest + strongest) / 2;
    const PhotoAnalysis sure = FaceAnalyzer(m_models, o).analyze(photo);
    QVERIFY(sure.ok);
    QVERIFY(!sure.faces.empty() && sure.faces.size() < all.faces.size());
    for (const DetectedFace &f : sure.faces)
        QVERIFY(f.score > o.ssdMinScore);
}

void TestSsdDetector::missingSsdWeightsLeaveHogWorking()
{
    QTemporaryDir tmp;
    const QString gone = tmp.filePath(QStringLiteral("gone/ssd_mobilenetv1_model.bin"));
    const auto models =
        FaceModels::load(ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(),
                         ModelLocator::landmarksPath(), true, ModelLocator::ssdManifestPath(), gone,
                         ModelLocator::arcFacePath());
    QVERIFY(!models->hasSsd());
    QVERIFY2(models->ssdError().contains(QLatin1String("packaging/setup.sh")),
             qPrintable(models->ssdError()));
    QVERIFY2(models->ssdError().contains(gone), qPrintable(models->ssdError()));
    QVERIFY(!models->ssdError().contains(QLatin1Char('\n')));

    const QByteArray photo = test::readFile(m_samples + QStringLiteral("/sample1.jpg"));
    AnalyzerOptions hog;
    hog.detector = FaceDetector::Hog;
    const PhotoAnalysis ok = FaceAnalyzer(models, hog).analyze(photo);
    QVERIFY2(ok.ok, qPrintable(ok.error));
    QCOMPARE(int(ok.faces.size()), 3);
    AnalyzerOptions ssd;
    ssd.detector = FaceDetector::Ssd;
    const PhotoAnalysis refused = FaceAnalyzer(models, ssd).analyze(photo);
    QVERIFY(!refused.ok);
    QVERIFY2(refused.error.contains(QLatin1String("packaging/setup.sh")),
             qPrintable(refused.error));

    // A scan that needs the SSD detector stops at once with the reason; a HOG
    // scan of the same folder runs.
    QVERIFY(QDir().mkpath(tmp.filePath(QStringLiteral("photos"))));
    QVERIFY(QFile::copy(m_samples + QStringLiteral("/sample1.jpg"),
                        tmp.filePath(QStringLiteral("photos/sample1.jpg"))));
    ScanOptions scan;
    scan.folders = {tmp.filePath(QStringLiteral("photos"))};
    scan.catalogPath = tmp.filePath(QStringLiteral("catalog.sqlite"));
    scan.threads = 1;
    scan.analyzer.detector = FaceDetector::Both;
    const ScanSummary stopped = Scanner::run(scan, models);
    QVERIFY(!stopped.ok);
    QVERIFY2(stopped.error.contains(QLatin1String("packaging/setup.sh")),
             qPrintable(stopped.error));
    QCOMPARE(stopped.analysed, 0);
    scan.analyzer.detector = FaceDetector::Hog;
    const ScanSummary ran = Scanner::run(scan, models);
    QVERIFY2(ran.ok, qPrintable(ran.error));
    QCOMPARE(ran.analysed, 1);
    QCOMPARE(ran.faces, 3);

    // The detector names round-trip; anything else is refused.
    for (FaceDetector d : {FaceDetector::Hog, FaceDetector::Ssd, FaceDetector::Both}) {
        FaceDetector parsed = FaceDetector::Hog;
        QVERIFY(parseFaceDetector(faceDetectorName(d), &parsed));
        QCOMPARE(parsed, d);
    }
    FaceDetector untouched = FaceDetector::Ssd;
    QVERIFY(!parseFaceDetector(QStringLiteral("cnn"), &untouched));
    QVERIFY(!parseFaceDetector(QStringLiteral("HOG "), &untouched));
    QCOMPARE(untouched, FaceDetector::Ssd);
}

QTEST_GUILESS_MAIN(TestSsdDetector)
#include "tst_ssddetector.moc"
