// FaceAnalyzer with the real models on the face-api sample photos: the right
// number of frontal faces, boxes where the faces are, sane embeddings that
// tell people apart, EXIF orientation honoured, small crops taken as faces,
// and broken or hostile files refused with a reason instead of a crash. The
// distance thresholds are dlib's, so most cases run the dlib encoder; the
// ArcFace encoder (the default) gets its own cases, and the network itself
// is tested in tst_arcfaceencoder.

#include "analysis/faceanalyzer.h"
#include "testsupport.h"

#include <QElapsedTimer>
#include <QImageReader>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstdio> // jpeglib.h needs FILE
#include <jpeglib.h>

using namespace facefolio;

namespace {

// The faces in each sample, counted by eye (the table is test::frontalFaces).
// The default detector (HOG and SSD) finds them all; dlib's HOG detector alone
// is frontal-only and misses profiles and strongly turned or bowed heads
// (test::hogFrontalFaces):
//   sample1: 3 women, all facing the camera.
//   sample2: 3 women; the left one is in profile, the middle one looks
//            straight down with her eyes shut; HOG sees only the right one.
//   sample3: 3 women facing the camera.
//   sample4: 4 women; the leftmost turns her head well to the side (about
//            45°; HOG misses her), the other three face the camera.
//   sample5: 5 women on a staircase, all facing the camera.
//   sample6: 4 women facing the camera.
int frontal(const QString &name)
{
    return test::frontalFaces(name);
}

bool embeddingFinite(const Embedding &e)
{
    for (float v : e)
        if (!std::isfinite(v))
            return false;
    return true;
}

// For each face of `ref`, the face of `got` whose centre is nearest, or -1.
std::vector<int> matchFaces(const std::vector<DetectedFace> &ref,
                            const std::vector<DetectedFace> &got, double scale = 1.0)
{
    std::vector<int> match;
    for (const DetectedFace &r : ref) {
        int best = -1;
        double bestDist = 1e18;
        for (size_t j = 0; j < got.size(); ++j) {
            const QPointF d = QPointF(got[j].box.center()) - QPointF(r.box.center()) * scale;
            const double dist = std::hypot(d.x(), d.y());
            if (dist < bestDist) {
                bestDist = dist;
                best = int(j);
            }
        }
        match.push_back(best);
    }
    return match;
}

// A CMYK JPEG as Photoshop writes it: an Adobe marker and inverted inks.
// Qt 6.4 cannot write CMYK, so the test speaks to libjpeg itself.
QByteArray cmykJpeg(const QImage &rgb)
{
    const QImage img = rgb.convertToFormat(QImage::Format_RGB888);
    jpeg_compress_struct cinfo;
    jpeg_error_mgr jerr;
    cinfo.err = jpeg_std_error(&jerr);
    jpeg_create_compress(&cinfo);
    unsigned char *buffer = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&cinfo, &buffer, &size);
    cinfo.image_width = JDIMENSION(img.width());
    cinfo.image_height = JDIMENSION(img.height());
    cinfo.input_components = 4;
    cinfo.in_color_space = JCS_CMYK;
    jpeg_set_defaults(&cinfo);
    jpeg_set_colorspace(&cinfo, JCS_YCCK);
    jpeg_set_quality(&cinfo, 92, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    std::vector<unsigned char> row(size_t(img.width()) * 4);
    while (cinfo.next_scanline < cinfo.image_height) {
        const uchar *s = img.constScanLine(int(cinfo.next_scanline));
        for (int x = 0; x < img.width(); ++x) {
            const int r = s[3 * x], g = s[3 * x + 1], b = s[3 * x + 2];
            const int k = 255 - std::max({r, g, b});
            const auto ink = [k](int v) { return k == 255 ? 0 : (255 - v - k) * 255 / (255 - k); };
            // Adobe stores 255 - ink.
            row[4 * size_t(x)] = uchar(255 - ink(r));
            row[4 * size_t(x) + 1] = uchar(255 - ink(g));
            row[4 * size_t(x) + 2] = uchar(255 - ink(b));
            row[4 * size_t(x) + 3] = uchar(255 - k);
        }
        JSAMPROW p = row.data();
        jpeg_write_scanlines(&cinfo, &p, 1);
    }
    jpeg_finish_compress(&cinfo);
    QByteArray out(reinterpret_cast<const char *>(buffer), qsizetype(size));
    jpeg_destroy_compress(&cinfo);
    free(buffer);
    return out;
}

// The options of the cases whose thresholds are the dlib encoder's.
AnalyzerOptions dlibOptions()
{
    AnalyzerOptions o;
    o.encoder = EncoderModel::Dlib;
    return o;
}

std::vector<std::array<QPointF, 68>> landmarksOf(const PhotoAnalysis &r)
{
    std::vector<std::array<QPointF, 68>> out;
    for (const DetectedFace &f : r.faces)
        out.push_back(f.landmarks);
    return out;
}

QString describe(const QRect &r)
{
    return QStringLiteral("%1,%2 %3×%4").arg(r.x()).arg(r.y()).arg(r.width()).arg(r.height());
}

} // namespace

class TestFaceAnalyzer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void frontalFaceCount_data();
    void frontalFaceCount();
    void facesAreWellFormed();
    void distinctPeopleAreApart();
    void resultIsDeterministic();
    void exifOrientation_data();
    void exifOrientation();
    void largePhotoBoxesInFullResolution_data();
    void largePhotoBoxesInFullResolution();
    void smallFaceCropIsWholeImageFace();
    void wholeImageFaceMatchesItsPerson_data();
    void wholeImageFaceMatchesItsPerson();
    void smallNonFaceImageIsNotAFace_data();
    void smallNonFaceImageIsNotAFace();
    void truncatedCameraJpegIsRefused();
    void brokenFilesAreRefused_data();
    void brokenFilesAreRefused();
    void hugeImagesAreRefusedBeforeDecoding_data();
    void hugeImagesAreRefusedBeforeDecoding();
    void maxPixelsOptionIsHonoured();
    void pixelLayouts_data();
    void pixelLayouts();
    void arcFaceIsTheDefault();
    void encodeFacesRepeatsAnalyze_data();
    void encodeFacesRepeatsAnalyze();
    void encodeFacesTurnsDlibFacesIntoArcFace();
    void encodeFacesRefusesWhatItCannotEncode();
    void aDrawnBoxGivesTheFaceItHolds();

private:
    const PhotoAnalysis &upright(const QString &name);
    QImage samplePixels(const QString &name);

    std::shared_ptr<const FaceModels> m_models;
    std::unique_ptr<FaceAnalyzer> m_analyzer;
    QString m_samples;
    QHash<QString, PhotoAnalysis> m_results;
    QTemporaryDir m_tmp;
};

void TestFaceAnalyzer::initTestCase()
{
    if (const QString why = test::loadModelsAndSamples(m_models, m_samples); !why.isEmpty())
        QFAIL(qPrintable(why));
    QVERIFY(m_tmp.isValid());
    m_analyzer = std::make_unique<FaceAnalyzer>(m_models, dlibOptions());
}

const PhotoAnalysis &TestFaceAnalyzer::upright(const QString &name)
{
    auto it = m_results.find(name);
    if (it == m_results.end())
        it = m_results.insert(name, m_analyzer->analyzeFile(m_samples + '/' + name));
    return *it;
}

QImage TestFaceAnalyzer::samplePixels(const QString &name)
{
    return QImage(m_samples + '/' + name).convertToFormat(QImage::Format_RGB32);
}

void TestFaceAnalyzer::frontalFaceCount_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : test::samplePhotoNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestFaceAnalyzer::frontalFaceCount()
{
    QFETCH(QString, name);
    const PhotoAnalysis &r = upright(name);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(r.error.isEmpty());
    QCOMPARE(r.size, QImageReader(m_samples + '/' + name).size());
    QCOMPARE(r.orientation, 1);
    QStringList boxes;
    for (const DetectedFace &f : r.faces)
        boxes << describe(f.box);
    QVERIFY2(int(r.faces.size()) == frontal(name),
             qPrintable(QStringLiteral("%1 faces found, %2 expected: %3")
                            .arg(r.faces.size())
                            .arg(frontal(name))
                            .arg(boxes.join(QStringLiteral("; ")))));
}

void TestFaceAnalyzer::facesAreWellFormed()
{
    for (const QString &name : test::samplePhotoNames()) {
        const PhotoAnalysis &r = upright(name);
        QVERIFY2(r.ok, qPrintable(r.error));
        const QRect photo(QPoint(0, 0), r.size);
        for (const DetectedFace &f : r.faces) {
            const QString where = name + QStringLiteral(" face at ") + describe(f.box);
            QVERIFY2(photo.contains(f.box), qPrintable(where));
            // Faces in these photos are 150–300 px wide and roughly square.
            QVERIFY2(f.box.width() >= 80 && f.box.width() <= 400, qPrintable(where));
            QVERIFY2(std::abs(f.box.width() - f.box.height()) <= f.box.width() / 5,
                     qPrintable(where));
            QVERIFY2(!f.wholeImage, qPrintable(where));
            QVERIFY2(f.score > 0, qPrintable(where));
            // The landmarks sit on the face: the nose tip (30) inside the box,
            // the eyes (36, 45) left and right of it.
            QVERIFY2(f.box.contains(f.landmarks[30].toPoint()), qPrintable(where));
            QVERIFY2(f.landmarks[36].x() < f.landmarks[30].x() &&
                         f.landmarks[30].x() < f.landmarks[45].x(),
                     qPrintable(where));
            QVERIFY2(embeddingFinite(f.embedding), qPrintable(where));
            const float norm = embeddingNorm(f.embedding);
            QVERIFY2(norm > 0.2f && norm < 2.0f,
                     qPrintable(where + QStringLiteral(": norm %1").arg(norm)));
            QCOMPARE(embeddingDistance(f.embedding, f.embedding), 0.0f);
            const QImage chip = QImage::fromData(f.chipJpeg, "JPEG");
            QCOMPARE(chip.size(), QSize(150, 150));
        }
    }
}

void TestFaceAnalyzer::distinctPeopleAreApart()
{
    // Every face in a sample photo is a different person.
    int pairs = 0, apart = 0;
    float closest = 10;
    QString closestWhere;
    for (const QString &name : test::samplePhotoNames()) {
        const PhotoAnalysis &r = upright(name);
        for (size_t i = 0; i < r.faces.size(); ++i)
            for (size_t j = i + 1; j < r.faces.size(); ++j) {
                const float d = embeddingDistance(r.faces[i].embedding, r.faces[j].embedding);
                ++pairs;
                if (d > 0.6f)
                    ++apart;
                if (d < closest) {
                    closest = d;
                    closestWhere = name;
                }
            }
    }
    qInfo("%d of %d same-photo pairs are more than 0.6 apart; closest %.3f in %s", apart, pairs,
          double(closest), qPrintable(closestWhere));
    QVERIFY(pairs >= 20);
    QVERIFY2(apart >= pairs * 9 / 10, "fewer than 90% of distinct people are more than 0.6 apart");
    QVERIFY2(closest > 0.45f, "two different people are nearly identical");
}

void TestFaceAnalyzer::resultIsDeterministic()
{
    const QByteArray bytes = test::readFile(m_samples + "/sample3.jpg");
    FaceAnalyzer other(m_models, dlibOptions());
    const PhotoAnalysis a = other.analyze(bytes);
    const PhotoAnalysis b = other.analyze(bytes);
    const PhotoAnalysis &c = upright("sample3.jpg");
    QCOMPARE(a.faces.size(), c.faces.size());
    QCOMPARE(b.faces.size(), c.faces.size());
    for (size_t i = 0; i < a.faces.size(); ++i) {
        QCOMPARE(a.faces[i].box, c.faces[i].box);
        QCOMPARE(embeddingDistance(a.faces[i].embedding, b.faces[i].embedding), 0.0f);
        QVERIFY(embeddingDistance(a.faces[i].embedding, c.faces[i].embedding) < 1e-5f);
    }
}

void TestFaceAnalyzer::exifOrientation_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("orientation");
    for (int o : {3, 6, 8})
        for (const char *name : {"sample1.jpg", "sample6.jpg"})
            QTest::addRow("%s orientation %d", name, o) << QString::fromLatin1(name) << o;
    for (int o : {2, 4, 5, 7})
        QTest::addRow("sample3.jpg orientation %d", o) << QStringLiteral("sample3.jpg") << o;
}

void TestFaceAnalyzer::exifOrientation()
{
    QFETCH(QString, name);
    QFETCH(int, orientation);
    // Reference: the same pixels, re-encoded the same way, stored upright.
    const QImage display = samplePixels(name);
    const PhotoAnalysis ref = m_analyzer->analyze(test::orientedJpeg(display, 1));
    const PhotoAnalysis r = m_analyzer->analyze(test::orientedJpeg(display, orientation));
    QVERIFY2(ref.ok && r.ok, qPrintable(ref.error + r.error));
    QCOMPARE(r.orientation, orientation);
    QCOMPARE(r.size, display.size()); // display size, axes swapped back for 5–8
    QCOMPARE(r.faces.size(), ref.faces.size());
    QCOMPARE(int(r.faces.size()), frontal(name));
    const std::vector<int> match = matchFaces(ref.faces, r.faces);
    for (size_t i = 0; i < ref.faces.size(); ++i) {
        const DetectedFace &want = ref.faces[i];
        const DetectedFace &got = r.faces[size_t(match[i])];
        const int tol = std::max(4, want.box.width() / 20);
        const QString msg =
            QStringLiteral("upright %1, oriented %2").arg(describe(want.box), describe(got.box));
        QVERIFY2(std::abs(got.box.center().x() - want.box.center().x()) <= tol, qPrintable(msg));
        QVERIFY2(std::abs(got.box.center().y() - want.box.center().y()) <= tol, qPrintable(msg));
        // The size may land on the neighbouring level of HOG's 5/6 image
        // pyramid when the recompressed pixels differ slightly.
        QVERIFY2(std::abs(got.box.width() - want.box.width()) <= want.box.width() / 4,
                 qPrintable(msg));
        const float d = embeddingDistance(got.embedding, want.embedding);
        QVERIFY2(d < 0.1f, qPrintable(msg + QStringLiteral(": embeddings %1 apart").arg(d)));
    }
}

void TestFaceAnalyzer::largePhotoBoxesInFullResolution_data()
{
    QTest::addColumn<int>("orientation");
    QTest::newRow("upright") << 1;
    QTest::newRow("orientation 6") << 6;
}

void TestFaceAnalyzer::largePhotoBoxesInFullResolution()
{
    // A 3840-px photo is decoded at half size; the boxes must still come
    // back in its full-size display pixels.
    QFETCH(int, orientation);
    const QImage small = samplePixels("sample1.jpg");
    const QImage big =
        small.scaled(small.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    const PhotoAnalysis ref = m_analyzer->analyze(test::orientedJpeg(small, 1));
    const PhotoAnalysis r = m_analyzer->analyze(test::orientedJpeg(big, orientation));
    QVERIFY2(ref.ok && r.ok, qPrintable(ref.error + r.error));
    QCOMPARE(r.size, big.size());
    QCOMPARE(r.faces.size(), ref.faces.size());
    const std::vector<int> match = matchFaces(ref.faces, r.faces, 2.0);
    for (size_t i = 0; i < ref.faces.size(); ++i) {
        const QRect want(ref.faces[i].box.topLeft() * 2, ref.faces[i].box.size() * 2);
        const DetectedFace &got = r.faces[size_t(match[i])];
        const int tol = std::max(8, want.width() / 10);
        const QString msg =
            QStringLiteral("2× upright %1, got %2").arg(describe(want), describe(got.box));
        QVERIFY2(std::abs(got.box.center().x() - want.center().x()) <= tol, qPrintable(msg));
        QVERIFY2(std::abs(got.box.center().y() - want.center().y()) <= tol, qPrintable(msg));
        QVERIFY2(std::abs(got.box.width() - want.width()) <= tol, qPrintable(msg));
        QVERIFY2(QRect(QPoint(0, 0), r.size).contains(got.box), qPrintable(msg));
        QVERIFY2(got.box.contains(got.landmarks[30].toPoint()), qPrintable(msg));
        const float d = embeddingDistance(got.embedding, ref.faces[i].embedding);
        QVERIFY2(d < 0.15f, qPrintable(msg + QStringLiteral(": embeddings %1 apart").arg(d)));
    }
}

void TestFaceAnalyzer::smallFaceCropIsWholeImageFace()
{
    // 150×150 crops of the faces of a group photo: what a user's folder of
    // already-cropped faces holds. Tighter crops defeat the HOG detector;
    // those must be taken as one whole-image face, and only when the
    // fallback is on.
    AnalyzerOptions strict = dlibOptions();
    strict.wholeImageFallback = false;
    FaceAnalyzer noFallback(m_models, strict);
    int undetected = 0;
    for (const char *name : {"sample6.jpg", "sample3.jpg"}) {
        const QImage pixels = samplePixels(name);
        for (const DetectedFace &source : upright(name).faces) {
            for (const double keep : {1.0, 0.8, 0.6, 0.5}) {
                const int side = int(source.box.width() * keep);
                QRect box(0, 0, side, side);
                box.moveCenter(source.box.center());
                const QImage crop = pixels.copy(box).scaled(150, 150, Qt::IgnoreAspectRatio,
                                                            Qt::SmoothTransformation);
                const QByteArray png = test::encode(crop, "PNG");
                const QString where =
                    QStringLiteral("%1 crop %2 of %3").arg(name).arg(keep).arg(describe(box));

                const PhotoAnalysis none = noFallback.analyze(png);
                QVERIFY2(none.ok, qPrintable(none.error));
                QCOMPARE(none.size, QSize(150, 150));
                const PhotoAnalysis r = m_analyzer->analyze(png);
                QVERIFY2(r.ok, qPrintable(r.error));
                QVERIFY2(r.faces.size() == 1,
                         qPrintable(where + QStringLiteral(": %1 faces").arg(r.faces.size())));
                const DetectedFace &f = r.faces.front();
                QVERIFY(QRect(0, 0, 150, 150).contains(f.box));
                QVERIFY(embeddingFinite(f.embedding));
                QVERIFY2(none.faces.size() <= 1, qPrintable(where));
                if (!f.wholeImage)
                    continue; // found by the detector (perhaps weakly): no fallback needed
                // Taken whole: only when the detector found nothing at all.
                QVERIFY2(none.faces.empty(), qPrintable(where));
                ++undetected;
                QCOMPARE(f.score, 0.0f);
                QVERIFY2(f.box.width() >= 100 && f.box.height() >= 100,
                         qPrintable(where + ": " + describe(f.box)));
            }
        }
    }
    qInfo("%d crops were not detected and were taken whole", undetected);
    QVERIFY2(undetected >= 2, "the fixture needs crops the detector does not find");

    // A photo larger than wholeImageMaxSide is never taken whole.
    QImage plain(800, 800, QImage::Format_RGB32);
    plain.fill(QColor(200, 180, 160));
    const PhotoAnalysis large = m_analyzer->analyze(test::encode(plain, "PNG"));
    QVERIFY(large.ok);
    QCOMPARE(large.faces.size(), size_t(0));
}

void TestFaceAnalyzer::wholeImageFaceMatchesItsPerson_data()
{
    QTest::addColumn<int>("encoder");
    QTest::addColumn<float>("threshold"); // the encoder's same-person distance
    QTest::newRow("dlib") << int(EncoderModel::Dlib) << 0.6f;
    QTest::newRow("arcface") << int(EncoderModel::ArcFace) << 1.1f;
}

void TestFaceAnalyzer::wholeImageFaceMatchesItsPerson()
{
    // A face taken whole must still be usable: within the same-person
    // threshold of the same face detected in the group photo, and nearer to
    // it than to anyone else there. Tight crops (60% of the detector's box,
    // forehead to chin) are what the detector misses.
    QFETCH(int, encoder);
    QFETCH(float, threshold);
    AnalyzerOptions options;
    options.encoder = EncoderModel(encoder);
    FaceAnalyzer analyzer(m_models, options);
    int whole = 0, matched = 0, nearest = 0;
    QStringList report, lost;
    for (const QString &name : test::samplePhotoNames()) {
        const QImage pixels = samplePixels(name);
        const std::vector<DetectedFace> faces =
            options.encoder == EncoderModel::Dlib
                ? upright(name).faces
                : analyzer.analyzeFile(m_samples + '/' + name).faces;
        for (const DetectedFace &source : faces) {
            QRect box(0, 0, source.box.width() * 6 / 10, source.box.width() * 6 / 10);
            box.moveCenter(source.box.center());
            const QImage crop =
                pixels.copy(box).scaled(150, 150, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
            const PhotoAnalysis r = analyzer.analyze(test::encode(crop, "PNG"));
            QVERIFY2(r.ok && r.faces.size() <= 1,
                     qPrintable(QStringLiteral("%1 crop at %2: %3 faces %4")
                                    .arg(name, describe(box))
                                    .arg(r.faces.size())
                                    .arg(r.error)));
            if (r.faces.empty()) {
                // The whole-image fallback needs at least a faint HOG hint;
                // cut this tight, the turned and bowed faces only the SSD
                // detector finds in the group photo give none.
                lost << QStringLiteral("%1 %2").arg(name, describe(box));
                continue;
            }
            if (!r.faces[0].wholeImage)
                continue;
            ++whole;
            const float d = embeddingDistance(r.faces[0].embedding, source.embedding);
            float other = 10;
            for (const DetectedFace &o : faces)
                if (&o != &source)
                    other = std::min(other, embeddingDistance(r.faces[0].embedding, o.embedding));
            matched += d < threshold;
            nearest += d < other;
            report << QStringLiteral("%1 %2: %3 (others ≥ %4)")
                          .arg(name, describe(box))
                          .arg(d, 0, 'f', 3)
                          .arg(other, 0, 'f', 3);
        }
    }
    qInfo("%d crops taken whole; %d within %.2f of their face, %d nearest to it", whole, matched,
          double(threshold), nearest);
    // Three faces of the samples are turned or bowed (sample2: 2, sample4: 1).
    QVERIFY2(lost.size() <= 3, qPrintable(lost.join(QStringLiteral("; "))));
    QVERIFY2(whole >= 5, "the fixture needs crops the detector misses");
    QVERIFY2(matched * 4 >= whole * 3 && nearest * 10 >= whole * 9,
             qPrintable(QStringLiteral("whole-image faces do not match their person: ") +
                        report.join(QStringLiteral("; "))));
}

void TestFaceAnalyzer::smallNonFaceImageIsNotAFace_data()
{
    QTest::addColumn<QString>("what");
    QTest::addColumn<QByteArray>("bytes");
    QImage grey(300, 300, QImage::Format_RGB32);
    grey.fill(QColor(128, 128, 128));
    QTest::newRow("plain grey square") << "a plain grey 300×300 PNG" << test::encode(grey, "PNG");
    QImage sky(400, 300, QImage::Format_RGB32);
    for (int y = 0; y < sky.height(); ++y)
        for (int x = 0; x < sky.width(); ++x)
            sky.setPixelColor(x, y, QColor(60 + y / 3, 120 + y / 4, 230));
    QTest::newRow("blue gradient")
        << "a 400×300 sky-like gradient JPEG" << test::encode(sky, "JPEG", 90);
    const QString mesh = test::samplesDir() + "/facemesh.png";
    if (QFileInfo::exists(mesh))
        QTest::newRow("facemesh.png sample")
            << "facemesh.png, the landmark diagram shipped with the samples"
            << test::readFile(mesh);
}

void TestFaceAnalyzer::smallNonFaceImageIsNotAFace()
{
    QFETCH(QString, what);
    QFETCH(QByteArray, bytes);
    const PhotoAnalysis r = m_analyzer->analyze(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY2(r.faces.empty(), qPrintable(QStringLiteral("%1 was taken as %2 face(s)%3")
                                             .arg(what)
                                             .arg(r.faces.size())
                                             .arg(!r.faces.empty() && r.faces[0].wholeImage
                                                      ? QStringLiteral(" (whole-image fallback)")
                                                      : QString())));
}

void TestFaceAnalyzer::truncatedCameraJpegIsRefused()
{
    // Cameras put a small JPEG thumbnail in the Exif segment, so the file
    // holds an end-of-image marker long before its real end. A download cut
    // short must still be refused, not decoded as half a photo over grey.
    const QImage display = samplePixels("sample1.jpg");
    const QByteArray thumbnail = test::encode(
        display.scaled(160, 107, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), "JPEG", 80);
    const QByteArray camera =
        test::withExifOrientation(test::encode(display, "JPEG", 95), 1, false, thumbnail);
    const PhotoAnalysis whole = m_analyzer->analyze(camera);
    QVERIFY2(whole.ok, qPrintable(whole.error));
    QCOMPARE(int(whole.faces.size()), frontal("sample1.jpg"));
    for (const double keep : {0.5, 0.9}) {
        const PhotoAnalysis cut = m_analyzer->analyze(camera.left(qsizetype(camera.size() * keep)));
        QVERIFY2(!cut.ok,
                 qPrintable(QStringLiteral("a camera JPEG cut at %1% was accepted with %2 face(s)")
                                .arg(keep * 100)
                                .arg(cut.faces.size())));
        QVERIFY(!cut.error.isEmpty());
    }
}

void TestFaceAnalyzer::brokenFilesAreRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray jpeg = test::readFile(test::samplesDir() + "/sample1.jpg");
    const QByteArray png = test::encode(QImage(200, 200, QImage::Format_RGB32), "PNG");
    QByteArray random(64 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(7);
    for (char &c : random)
        c = char(rng.bounded(256));
    QByteArray jpegGarbage = jpeg.left(600) + random + QByteArray("\xFF\xD9", 2);
    QByteArray pngGarbage = png.left(33) + random;

    QTest::newRow("zero bytes") << QByteArray();
    QTest::newRow("one byte") << QByteArray("\xFF", 1);
    QTest::newRow("JPEG magic only") << QByteArray("\xFF\xD8\xFF", 3);
    QTest::newRow("JPEG cut in half") << jpeg.left(jpeg.size() / 2);
    QTest::newRow("JPEG without its last bytes") << jpeg.left(jpeg.size() - 2);
    QTest::newRow("JPEG headers then random data") << jpegGarbage;
    QTest::newRow("random bytes") << random;
    QTest::newRow("text") << QByteArray("Dear diary, today I took no photos.\n").repeated(50);
    QTest::newRow("PNG header then random data") << pngGarbage;
    QTest::newRow("PNG cut after the header") << png.left(40);
    QTest::newRow("GIF header only") << QByteArray("GIF89a\x10\0\x10\0\0\0\0", 13);
    QTest::newRow("HEIF brand, no boxes") << QByteArray("\0\0\0\x18"
                                                        "ftypheic\0\0\0\0",
                                                        16) +
                                                 QByteArray(64, '\0');
}

void TestFaceAnalyzer::brokenFilesAreRefused()
{
    QFETCH(QByteArray, bytes);
    const QString path = m_tmp.filePath("broken.jpg");
    QVERIFY(test::writeFile(path, bytes));
    const PhotoAnalysis fromFile = m_analyzer->analyzeFile(path);
    QVERIFY(!fromFile.ok);
    QVERIFY2(!fromFile.error.isEmpty(), "no reason given");
    QVERIFY(fromFile.faces.empty());
    const PhotoAnalysis fromBytes = m_analyzer->analyze(bytes);
    QVERIFY(!fromBytes.ok);
    QCOMPARE(fromBytes.error, fromFile.error);
    qInfo("%s", qPrintable(fromFile.error));
}

void TestFaceAnalyzer::hugeImagesAreRefusedBeforeDecoding_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("PNG claiming 100000×100000") << test::pngClaiming(100000, 100000);
    // A real JPEG whose SOF0 frame header is patched to 60000×60000.
    QByteArray jpeg = test::encode(QImage(64, 64, QImage::Format_RGB32), "JPEG");
    const qsizetype sof = jpeg.indexOf(QByteArray("\xFF\xC0", 2));
    QVERIFY(sof > 0);
    jpeg[sof + 5] = char(60000 >> 8);
    jpeg[sof + 6] = char(60000 & 0xff);
    jpeg[sof + 7] = char(60000 >> 8);
    jpeg[sof + 8] = char(60000 & 0xff);
    QTest::newRow("JPEG claiming 60000×60000") << jpeg;
    QTest::newRow("GIF claiming 65535×65535") << QByteArray(
        "GIF89a\xff\xff\xff\xff\0\0\0,\0\0\0\0\xff\xff\xff\xff\0\x02\x02\x44\x01\0;", 29);
}

void TestFaceAnalyzer::hugeImagesAreRefusedBeforeDecoding()
{
    QFETCH(QByteArray, bytes);
    QElapsedTimer clock;
    clock.start();
    const PhotoAnalysis r = m_analyzer->analyze(bytes);
    QVERIFY(!r.ok);
    // "too large" (not "out of memory"): refused from the header, with no
    // attempt to allocate tens of gigabytes.
    QVERIFY2(r.error.contains("too large"), qPrintable(r.error));
    QVERIFY2(clock.elapsed() < 2000, "took too long to refuse");
}

void TestFaceAnalyzer::maxPixelsOptionIsHonoured()
{
    AnalyzerOptions opt;
    opt.maxPixels = 1000 * 1000;
    FaceAnalyzer limited(m_models, opt);
    const PhotoAnalysis r = limited.analyzeFile(m_samples + "/sample1.jpg");
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains("too large"), qPrintable(r.error));
    QVERIFY2(r.error.contains("1920"), qPrintable(r.error));
}

void TestFaceAnalyzer::pixelLayouts_data()
{
    // Every way a photo's pixels may be stored gives the same faces; colour
    // layouts that keep the colours give nearly the same embeddings.
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<double>("maxDistance"); // to the same face in the JPEG sample
    const QImage rgb = samplePixels("sample1.jpg");
    const QImage grey = rgb.convertToFormat(QImage::Format_Grayscale8);
    QTest::newRow("grey JPEG") << test::encode(grey, "JPEG", 92) << 0.25;
    QTest::newRow("CMYK JPEG with an Adobe marker") << cmykJpeg(rgb) << 0.15;
    QTest::newRow("grey PNG") << test::encode(grey, "PNG") << 0.25;
    QTest::newRow("16-bit PNG") << test::encode(rgb.convertToFormat(QImage::Format_RGBX64), "PNG")
                                << 0.1;
    // A transparent frame, as cut-out pictures have: composed onto white.
    QImage framed = rgb.convertToFormat(QImage::Format_ARGB32);
    for (int y = 0; y < framed.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(framed.scanLine(y));
        for (int x = 0; x < framed.width(); ++x)
            if (x < 40 || y < 40 || x >= framed.width() - 40 || y >= framed.height() - 40)
                line[x] = qRgba(0, 0, 0, 0);
    }
    QTest::newRow("PNG with a transparent frame") << test::encode(framed, "PNG") << 0.1;
    // 256 colours move the embeddings a little.
    const QImage palette = rgb.convertToFormat(QImage::Format_Indexed8, Qt::ThresholdDither);
    QTest::newRow("palette PNG") << test::encode(palette, "PNG") << 0.35;
}

void TestFaceAnalyzer::pixelLayouts()
{
    QFETCH(QByteArray, bytes);
    QFETCH(double, maxDistance);
    const PhotoAnalysis &ref = upright("sample1.jpg");
    const PhotoAnalysis r = m_analyzer->analyze(bytes);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.size, ref.size);
    QCOMPARE(int(r.faces.size()), int(ref.faces.size()));
    const std::vector<int> match = matchFaces(ref.faces, r.faces);
    for (size_t i = 0; i < ref.faces.size(); ++i) {
        const DetectedFace &a = ref.faces[i], &b = r.faces[size_t(match[i])];
        QVERIFY2((a.box.center() - b.box.center()).manhattanLength() < a.box.width() / 5,
                 qPrintable(describe(a.box) + " vs " + describe(b.box)));
        const float d = embeddingDistance(a.embedding, b.embedding);
        QVERIFY2(d <= maxDistance, qPrintable(QStringLiteral("face %1 moved %2 in embedding space")
                                                  .arg(describe(a.box))
                                                  .arg(d, 0, 'f', 3)));
    }
}

void TestFaceAnalyzer::arcFaceIsTheDefault()
{
    QCOMPARE(AnalyzerOptions().encoder, EncoderModel::ArcFace);
    QVERIFY2(m_models->hasArcFace(), qPrintable(m_models->arcFaceError()));
    FaceAnalyzer analyzer(m_models);
    QCOMPARE(analyzer.encoder(), EncoderModel::ArcFace);
    QCOMPARE(m_analyzer->encoder(), EncoderModel::Dlib);
    int pairs = 0;
    float closest = 2;
    for (const QString &name : test::samplePhotoNames()) {
        const PhotoAnalysis r = analyzer.analyzeFile(m_samples + '/' + name);
        const PhotoAnalysis &dlib = upright(name);
        QVERIFY2(r.ok, qPrintable(r.error));
        // The encoder changes nothing else: the same faces, boxes and chips.
        QCOMPARE(r.faces.size(), dlib.faces.size());
        for (size_t i = 0; i < r.faces.size(); ++i) {
            const DetectedFace &f = r.faces[i];
            QCOMPARE(f.encoder, EncoderModel::ArcFace);
            QCOMPARE(dlib.faces[i].encoder, EncoderModel::Dlib);
            QCOMPARE(f.box, dlib.faces[i].box);
            QCOMPARE(f.chipJpeg, dlib.faces[i].chipJpeg);
            QVERIFY(embeddingFinite(f.embedding));
            QVERIFY(std::abs(embeddingNorm(f.embedding) - 1.0f) < 1e-4f);
            // All 512 floats are used, unlike dlib's 128.
            float tail = 0;
            for (size_t k = 128; k < f.embedding.size(); ++k)
                tail += f.embedding[k] * f.embedding[k];
            QVERIFY(tail > 0.3f);
            for (size_t j = i + 1; j < r.faces.size(); ++j) {
                ++pairs;
                closest = std::min(closest, embeddingDistance(f.embedding, r.faces[j].embedding));
            }
        }
    }
    // Unit vectors: two different people are about √2 apart (orthogonal);
    // the same person's photos are usually nearer than 1.1.
    qInfo("%d same-photo pairs; closest two people %.3f apart", pairs, double(closest));
    QVERIFY(pairs >= 20);
    QVERIFY2(closest > 1.1f, "two different people are close under ArcFace");
}

void TestFaceAnalyzer::encodeFacesRepeatsAnalyze_data()
{
    QTest::addColumn<int>("encoder");
    QTest::addColumn<QByteArray>("bytes");
    const QByteArray sample = test::readFile(m_samples + "/sample5.jpg");
    // Decoded at half size: the landmarks must be scaled into the decode.
    const QImage small = samplePixels("sample1.jpg");
    const QByteArray big = test::orientedJpeg(
        small.scaled(small.size() * 2, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), 6);
    for (const EncoderModel e : {EncoderModel::Dlib, EncoderModel::ArcFace}) {
        QTest::addRow("%s, sample5.jpg", qPrintable(encoderName(e))) << int(e) << sample;
        QTest::addRow("%s, 3840 px turned by EXIF", qPrintable(encoderName(e))) << int(e) << big;
    }
}

void TestFaceAnalyzer::encodeFacesRepeatsAnalyze()
{
    QFETCH(int, encoder);
    QFETCH(QByteArray, bytes);
    AnalyzerOptions o;
    o.encoder = EncoderModel(encoder);
    FaceAnalyzer analyzer(m_models, o);
    const PhotoAnalysis r = analyzer.analyze(bytes);
    QVERIFY2(r.ok && r.faces.size() >= 3, qPrintable(r.error));
    QString error;
    const auto again = analyzer.encodeFaces(bytes, landmarksOf(r), &error);
    QVERIFY2(again, qPrintable(error));
    QCOMPARE(again->size(), r.faces.size());
    for (size_t i = 0; i < r.faces.size(); ++i) {
        const float d = embeddingDistance((*again)[i], r.faces[i].embedding);
        QVERIFY2(d < 1e-3f, qPrintable(QStringLiteral("face %1 moved %2").arg(i).arg(d)));
    }
}

void TestFaceAnalyzer::encodeFacesTurnsDlibFacesIntoArcFace()
{
    // A catalog made with dlib, encoded again with ArcFace from its stored
    // landmarks, holds what an ArcFace scan would have stored.
    FaceAnalyzer arcFace(m_models);
    for (const QString &name : {QStringLiteral("sample2.jpg"), QStringLiteral("sample6.jpg")}) {
        const QByteArray bytes = test::readFile(m_samples + '/' + name);
        const PhotoAnalysis &dlib = upright(name);
        const PhotoAnalysis want = arcFace.analyze(bytes);
        QCOMPARE(want.faces.size(), dlib.faces.size());
        const auto got = arcFace.encodeFaces(bytes, landmarksOf(dlib));
        QVERIFY(got && got->size() == want.faces.size());
        for (size_t i = 0; i < want.faces.size(); ++i)
            QVERIFY(embeddingDistance((*got)[i], want.faces[i].embedding) < 1e-3f);
    }
}

void TestFaceAnalyzer::encodeFacesRefusesWhatItCannotEncode()
{
    FaceAnalyzer arcFace(m_models);
    const QByteArray bytes = test::readFile(m_samples + "/sample1.jpg");
    const std::vector<std::array<QPointF, 68>> faces = landmarksOf(upright("sample1.jpg"));
    QString error;
    // No faces: nothing to decode.
    const auto none = arcFace.encodeFaces(bytes, {}, &error);
    QVERIFY(none && none->empty());
    // A file that is not a photo.
    QVERIFY(!arcFace.encodeFaces("not a photo", faces, &error));
    QVERIFY(!error.isEmpty());
    QVERIFY(!m_analyzer->encodeFaces(bytes.left(200), faces, &error));
    QVERIFY(!error.isEmpty());
    // Landmarks that outline no face.
    std::vector<std::array<QPointF, 68>> flat = faces;
    flat[1].fill(QPointF(100, 100));
    error.clear();
    QVERIFY(!arcFace.encodeFaces(bytes, flat, &error));
    QVERIFY2(error.contains(QLatin1String("face 2")), qPrintable(error));
    // Without somewhere to say why.
    QVERIFY(!arcFace.encodeFaces("not a photo", faces));
}

// A face drawn by hand (issue 18) is analysed from its box like a detected
// one: drawn on the detector's box it is that face; drawn a little larger it
// is still far nearer that face than any other person in the photo.
void TestFaceAnalyzer::aDrawnBoxGivesTheFaceItHolds()
{
    FaceAnalyzer arcFace(m_models);
    const QByteArray bytes = test::readFile(m_samples + "/sample1.jpg");
    const PhotoAnalysis found = arcFace.analyze(bytes);
    QVERIFY(found.ok && found.faces.size() >= 2);
    for (size_t i = 0; i < found.faces.size(); ++i) {
        const DetectedFace &face = found.faces[i];
        QString error;
        const auto same = arcFace.analyzeBox(bytes, face.box, &error);
        QVERIFY2(same, qPrintable(error));
        QVERIFY(embeddingDistance(same->embedding, face.embedding) < 0.05f);
        QCOMPARE(same->box, face.box);
        QVERIFY(!same->chipJpeg.isEmpty());
        const int dw = face.box.width() * 15 / 200, dh = face.box.height() * 15 / 200;
        const auto larger = arcFace.analyzeBox(bytes, face.box.adjusted(-dw, -dh, dw, dh));
        QVERIFY(larger);
        const float own = embeddingDistance(larger->embedding, face.embedding);
        for (size_t j = 0; j < found.faces.size(); ++j)
            if (j != i)
                QVERIFY2(
                    own < embeddingDistance(larger->embedding, found.faces[j].embedding),
                    qPrintable(
                        QStringLiteral("face %1 drawn larger is nearer face %2").arg(i).arg(j)));
    }
    // A box off the photo, or too small to hold a face, is refused with a reason.
    QString error;
    QVERIFY(!arcFace.analyzeBox(bytes, QRect(found.size.width() + 10, 0, 100, 100), &error));
    QVERIFY2(error.contains(QLatin1String("does not lie")), qPrintable(error));
    QVERIFY(!arcFace.analyzeBox(bytes, QRect(10, 10, 4, 4)));
    QVERIFY(!arcFace.analyzeBox("not a photo", QRect(0, 0, 50, 50), &error));
    QVERIFY(!error.isEmpty());
}

QTEST_GUILESS_MAIN(TestFaceAnalyzer)
#include "tst_faceanalyzer.moc"
