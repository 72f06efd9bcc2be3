// The ArcFace-class encoder (issue 15): fixed reference outputs on an input
// the test draws itself, unit-length 512-float embeddings, one forward pass
// for many faces, five-point alignment onto the ArcFace template, two photos
// of one sample person closer than two people, and a missing or damaged
// fr_feature.onnx leaving dlib-only analysis working. Real models: fails with
// a message naming `bash packaging/setup.sh` when the models or sample photos
// are absent.

#include "analysis/arcfaceencoder_p.h"
#include "analysis/faceanalyzer.h"
#include "testsupport.h"

#include <QImage>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <optional>

using namespace facefolio;
using detail::kArcFaceSize;
using detail::kArcFaceTemplate;

namespace {

cv::Point2f templatePoint(size_t i)
{
    return {kArcFaceTemplate[i][0], kArcFaceTemplate[i][1]};
}

cv::Point2f apply(const cv::Mat &m, cv::Point2f p)
{
    return {float(m.at<double>(0, 0) * p.x + m.at<double>(0, 1) * p.y + m.at<double>(0, 2)),
            float(m.at<double>(1, 0) * p.x + m.at<double>(1, 1) * p.y + m.at<double>(1, 2))};
}

// A similarity: scale, turn (degrees, counter-clockwise on screen) and shift.
cv::Mat similarity(double scale, double degrees, cv::Point2d shift)
{
    const double a = scale * std::cos(degrees * CV_PI / 180),
                 b = scale * std::sin(degrees * CV_PI / 180);
    return (cv::Mat_<double>(2, 3) << a, b, shift.x, -b, a, shift.y);
}

// 68 landmarks whose five alignment points are `five`: each eye a ring of six
// points around its centre, nose tip and mouth corners as given; the rest
// (jaw, brows, nose bridge, lips) are spread around so none coincide.
std::array<cv::Point2f, 68> landmarksFor(const std::array<cv::Point2f, 5> &five)
{
    std::array<cv::Point2f, 68> l{};
    for (size_t i = 0; i < l.size(); ++i)
        l[i] = five[2] + cv::Point2f(float(i % 7) - 3, float(i % 5) - 2) * 4;
    const float r = 0.1f * float(cv::norm(five[1] - five[0]));
    for (int k = 0; k < 6; ++k) {
        const cv::Point2f ring(r * float(std::cos(k * CV_PI / 3)),
                               r * float(std::sin(k * CV_PI / 3)));
        l[size_t(36 + k)] = five[0] + ring;
        l[size_t(42 + k)] = five[1] + ring;
    }
    l[30] = five[2];
    l[48] = five[3];
    l[54] = five[4];
    return l;
}

// A cartoon face drawn where the template wants it, in whole pixels (no
// anti-aliasing, so every machine draws the same bytes): a gradient
// background, a skin ellipse, dark eyes, a nose and a mouth.
cv::Mat syntheticAlignedFace()
{
    cv::Mat img(kArcFaceSize, kArcFaceSize, CV_8UC3);
    for (int y = 0; y < img.rows; ++y)
        for (int x = 0; x < img.cols; ++x)
            img.at<cv::Vec3b>(y, x) =
                cv::Vec3b(uchar(60 + x), uchar(90 + y / 2), uchar(120 + (x + y) / 4));
    cv::ellipse(img, {56, 66}, {38, 50}, 0, 0, 360, cv::Scalar(120, 160, 210), cv::FILLED);
    cv::ellipse(img, {38, 52}, {9, 5}, 0, 0, 360, cv::Scalar(240, 240, 240), cv::FILLED);
    cv::ellipse(img, {74, 52}, {9, 5}, 0, 0, 360, cv::Scalar(240, 240, 240), cv::FILLED);
    cv::circle(img, {38, 52}, 4, cv::Scalar(40, 30, 20), cv::FILLED);
    cv::circle(img, {74, 52}, 4, cv::Scalar(40, 30, 20), cv::FILLED);
    cv::line(img, {36, 42}, {46, 40}, cv::Scalar(30, 40, 60), 2);
    cv::line(img, {66, 40}, {76, 42}, cv::Scalar(30, 40, 60), 2);
    cv::line(img, {56, 55}, {54, 71}, cv::Scalar(90, 120, 170), 2);
    cv::ellipse(img, {56, 92}, {15, 4}, 0, 0, 360, cv::Scalar(70, 70, 170), cv::FILLED);
    return img;
}

double meanAbsDifference(const cv::Mat &a, const cv::Mat &b)
{
    cv::Mat diff;
    cv::absdiff(a, b, diff);
    const cv::Scalar m = cv::mean(diff);
    return (m[0] + m[1] + m[2]) / 3;
}

float cosineDistance(const Embedding &a, const Embedding &b)
{
    float dot = 0;
    for (size_t i = 0; i < a.size(); ++i)
        dot += a[i] * b[i];
    return 1 - dot;
}

} // namespace

class TestArcFaceEncoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void referenceOutput();
    void embeddingsAreUnitLength();
    void oneForwardPassForManyFaces();
    void copiesAreIndependentNetworks();
    void fivePointsFromLandmarks();
    void alignmentMapsPointsOntoTemplate();
    void alignmentIgnoresScaleTurnAndShift();
    void degeneratePointsGiveNoCrop();
    void samePersonIsCloserThanOthers();
    void missingModelLeavesDlibWorking();
    void damagedModelIsRefused_data();
    void damagedModelIsRefused();

private:
    detail::ArcFaceEncoder &encoder();

    std::shared_ptr<const FaceModels> m_models;
    std::optional<detail::ArcFaceEncoder> m_encoder;
    QString m_samples;
};

void TestArcFaceEncoder::initTestCase()
{
    if (const QString why = test::loadModelsAndSamples(m_models, m_samples); !why.isEmpty())
        QFAIL(qPrintable(why));
    if (!m_models->hasArcFace())
        QFAIL(qPrintable(
            QStringLiteral("the ArcFace model is required: %1").arg(m_models->arcFaceError())));
    const QByteArray onnx = test::readFile(ModelLocator::arcFacePath());
    m_encoder.emplace(onnx);
}

detail::ArcFaceEncoder &TestArcFaceEncoder::encoder()
{
    return *m_encoder;
}

void TestArcFaceEncoder::referenceOutput()
{
    // Computed once with OpenCV 4.6's dnn module (Debian) on the cartoon face
    // and written here: a change of model, preprocessing or channel order
    // moves them far more than 1e-4.
    const float expected[8] = {-0.118657991f, 0.0313916169f, 0.00860270392f, 0.0541257411f,
                               0.0298207272f, 0.0372276679f, 0.0284141302f,  -0.0668606833f};
    const float expectedNorm = 2.27886033f;
    std::vector<float> norms;
    const std::vector<Embedding> e = encoder().encode({syntheticAlignedFace()}, &norms);
    QCOMPARE(e.size(), size_t(1));
    QCOMPARE(norms.size(), size_t(1));
    QString got = QStringLiteral("norm %1, first:").arg(double(norms[0]), 0, 'g', 9);
    for (int i = 0; i < 8; ++i)
        got += QStringLiteral(" %1").arg(double(e[0][size_t(i)] * norms[0]), 0, 'g', 9);
    qInfo("%s", qPrintable(got));
    QVERIFY2(std::abs(norms[0] - expectedNorm) < 1e-4f, qPrintable(got));
    for (int i = 0; i < 8; ++i)
        QVERIFY2(std::abs(e[0][size_t(i)] * norms[0] - expected[i]) < 1e-4f, qPrintable(got));
}

void TestArcFaceEncoder::embeddingsAreUnitLength()
{
    cv::Mat grey(kArcFaceSize, kArcFaceSize, CV_8UC3, cv::Scalar::all(127));
    for (const cv::Mat &crop : {syntheticAlignedFace(), grey}) {
        const Embedding e = encoder().encode({crop}).at(0);
        QCOMPARE(int(e.size()), embeddingDims(EncoderModel::ArcFace));
        int nonZero = 0;
        for (float v : e) {
            QVERIFY(std::isfinite(v));
            nonZero += v != 0;
        }
        // All 512 are the network's: none left over as padding.
        QVERIFY2(nonZero > 500, qPrintable(QString::number(nonZero)));
        QVERIFY(std::abs(embeddingNorm(e) - 1.0f) < 1e-5f);
    }
    QVERIFY(encoder().encode({}).empty());
}

void TestArcFaceEncoder::oneForwardPassForManyFaces()
{
    // More faces than one pass takes (16), each different.
    std::vector<cv::Mat> crops;
    const cv::Mat face = syntheticAlignedFace();
    for (int i = 0; i < 19; ++i) {
        cv::Mat c;
        cv::warpAffine(face, c, similarity(1.0 + 0.01 * i, i - 9, {0.3 * i - 3, 0}), face.size(),
                       cv::INTER_LINEAR, cv::BORDER_REPLICATE);
        crops.push_back(c);
    }
    std::vector<float> norms;
    const std::vector<Embedding> together = encoder().encode(crops, &norms);
    QCOMPARE(together.size(), crops.size());
    QCOMPARE(norms.size(), crops.size());
    for (size_t i = 0; i < crops.size(); ++i) {
        std::vector<float> one;
        const Embedding alone = encoder().encode({crops[i]}, &one).at(0);
        QVERIFY2(embeddingDistance(alone, together[i]) < 1e-5f, qPrintable(QString::number(i)));
        QVERIFY(std::abs(one[0] - norms[i]) < 1e-4f * norms[i]);
    }
    QVERIFY(embeddingDistance(together[0], together[18]) > 1e-3f);
}

void TestArcFaceEncoder::copiesAreIndependentNetworks()
{
    const cv::Mat face = syntheticAlignedFace();
    const Embedding before = encoder().encode({face}).at(0);
    detail::ArcFaceEncoder copy(encoder());
    // A pass of another size in the copy leaves the original's network alone.
    copy.encode({face, face, face});
    QCOMPARE(embeddingDistance(encoder().encode({face}).at(0), before), 0.0f);
    QCOMPARE(embeddingDistance(copy.encode({face}).at(0), before), 0.0f);
}

void TestArcFaceEncoder::fivePointsFromLandmarks()
{
    std::array<cv::Point2f, 68> l{};
    for (size_t i = 0; i < l.size(); ++i)
        l[i] = cv::Point2f(float(i), float(2 * i));
    const std::array<cv::Point2f, 5> p = detail::arcFacePoints(l);
    QCOMPARE(p[0], cv::Point2f(38.5f, 77.0f)); // mean of 36..41
    QCOMPARE(p[1], cv::Point2f(44.5f, 89.0f)); // mean of 42..47
    QCOMPARE(p[2], l[30]);
    QCOMPARE(p[3], l[48]);
    QCOMPARE(p[4], l[54]);
}

void TestArcFaceEncoder::alignmentMapsPointsOntoTemplate()
{
    // A face 2.6 times the template's size, turned 23°, somewhere in a
    // larger photo: five coloured dots where its eyes, nose and mouth corners are.
    const cv::Mat place = similarity(2.6, 23, {150, 120});
    std::array<cv::Point2f, 5> five;
    for (size_t i = 0; i < five.size(); ++i)
        five[i] = apply(place, templatePoint(i));
    const cv::Scalar colours[5] = {
        {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255}, {255, 0, 255}};
    cv::Mat photo(520, 560, CV_8UC3, cv::Scalar::all(0));
    for (size_t i = 0; i < five.size(); ++i)
        cv::circle(photo,
                   cv::Point(int(std::lround(five[i].x * 16)), int(std::lround(five[i].y * 16))),
                   7 * 16, colours[i], cv::FILLED, cv::LINE_AA, 4);

    const std::array<cv::Point2f, 5> points = detail::arcFacePoints(landmarksFor(five));
    for (size_t i = 0; i < five.size(); ++i)
        QVERIFY(cv::norm(points[i] - five[i]) < 1e-3);
    // The transform takes each point onto its template position.
    const cv::Mat m = detail::arcFaceTransform(points);
    QVERIFY(!m.empty());
    for (size_t i = 0; i < five.size(); ++i)
        QVERIFY2(cv::norm(apply(m, points[i]) - templatePoint(i)) < 1e-3,
                 qPrintable(QString::number(i)));
    // And the crop shows each dot there: the intensity-weighted centre of
    // each colour's pixels is within half a pixel of the template point.
    const cv::Mat crop = detail::alignArcFace(photo, points);
    QCOMPARE(crop.size(), cv::Size(kArcFaceSize, kArcFaceSize));
    QCOMPARE(crop.type(), CV_8UC3);
    for (size_t i = 0; i < five.size(); ++i) {
        double sum = 0, sx = 0, sy = 0;
        for (int y = 0; y < crop.rows; ++y)
            for (int x = 0; x < crop.cols; ++x) {
                const cv::Vec3b px = crop.at<cv::Vec3b>(y, x);
                const double k = std::max({px[0], px[1], px[2]}) / 255.0;
                bool match = k > 0.02;
                for (int c = 0; c < 3 && match; ++c)
                    match = std::abs(px[c] - colours[i][c] * k) <= 3;
                if (match) {
                    sum += k;
                    sx += k * x;
                    sy += k * y;
                }
            }
        QVERIFY2(sum > 20, qPrintable(QStringLiteral("dot %1 is not in the crop").arg(i)));
        const cv::Point2f centre(float(sx / sum), float(sy / sum));
        QVERIFY2(cv::norm(centre - templatePoint(i)) < 0.5,
                 qPrintable(QStringLiteral("dot %1 at %2,%3, template %4,%5")
                                .arg(i)
                                .arg(double(centre.x))
                                .arg(double(centre.y))
                                .arg(double(kArcFaceTemplate[i][0]))
                                .arg(double(kArcFaceTemplate[i][1]))));
    }
}

void TestArcFaceEncoder::alignmentIgnoresScaleTurnAndShift()
{
    // A real face: the largest one of a sample photo, as the analyzer found it.
    AnalyzerOptions dlib;
    dlib.encoder = EncoderModel::Dlib;
    dlib.detector = FaceDetector::Hog;
    FaceAnalyzer analyzer(m_models, dlib);
    const QByteArray bytes = test::readFile(m_samples + QStringLiteral("/sample1.jpg"));
    const PhotoAnalysis r = analyzer.analyze(bytes);
    QVERIFY2(r.ok && !r.faces.empty(), qPrintable(r.error));
    const std::vector<uchar> buf(bytes.begin(), bytes.end());
    const cv::Mat photo = cv::imdecode(buf, cv::IMREAD_COLOR);
    QCOMPARE(photo.cols, r.size.width());
    std::array<cv::Point2f, 68> l{};
    for (size_t i = 0; i < l.size(); ++i)
        l[i] = cv::Point2f(float(r.faces[0].landmarks[i].x()), float(r.faces[0].landmarks[i].y()));
    const cv::Mat reference = detail::alignArcFace(photo, detail::arcFacePoints(l));
    QVERIFY(!reference.empty());

    // The photo scaled, turned and shifted, and its landmarks with it.
    for (const auto &[scale, degrees] : {std::pair{0.7, 31.0}, std::pair{1.3, -12.0}}) {
        const cv::Mat t = similarity(scale, degrees, {200, 300});
        cv::Mat moved;
        cv::warpAffine(photo, moved, t, cv::Size(int(photo.cols * 1.6), int(photo.rows * 2.2)),
                       cv::INTER_LINEAR, cv::BORDER_CONSTANT);
        std::array<cv::Point2f, 68> ml{};
        for (size_t i = 0; i < l.size(); ++i)
            ml[i] = apply(t, l[i]);
        const std::array<cv::Point2f, 5> mp = detail::arcFacePoints(ml);
        // The transforms compose exactly ...
        const cv::Mat direct = detail::arcFaceTransform(detail::arcFacePoints(l));
        const cv::Mat viaMoved = detail::arcFaceTransform(mp);
        for (const cv::Point2f &p : {l[0], l[30], l[57]})
            QVERIFY(cv::norm(apply(viaMoved, apply(t, p)) - apply(direct, p)) < 1e-3);
        // ... and the crops differ only by resampling twice.
        const cv::Mat crop = detail::alignArcFace(moved, mp);
        const double diff = meanAbsDifference(crop, reference);
        QVERIFY2(diff < 4.0, qPrintable(QStringLiteral("scale %1, %2°: mean difference %3")
                                            .arg(scale)
                                            .arg(degrees)
                                            .arg(diff)));
        // Their embeddings agree too.
        const std::vector<Embedding> e = encoder().encode({reference, crop});
        QVERIFY2(cosineDistance(e[0], e[1]) < 0.05f,
                 qPrintable(QString::number(cosineDistance(e[0], e[1]))));
    }
}

void TestArcFaceEncoder::degeneratePointsGiveNoCrop()
{
    const cv::Mat photo(200, 200, CV_8UC3, cv::Scalar::all(90));
    std::array<cv::Point2f, 5> same;
    same.fill(cv::Point2f(50, 50));
    QVERIFY(detail::arcFaceTransform(same).empty());
    QVERIFY(detail::alignArcFace(photo, same).empty());
    std::array<cv::Point2f, 5> nan;
    nan.fill(cv::Point2f(std::nanf(""), 3));
    QVERIFY(detail::alignArcFace(photo, nan).empty());
}

void TestArcFaceEncoder::samePersonIsCloserThanOthers()
{
    // Two photos of each sample person: the sample itself, and a second one
    // mirrored, at 0.6 of the size, a little darker, saved again as JPEG.
    // Every face's twin must be its nearest face among all faces of all twelve
    // photos, and every twin pair closer than any two different people.
    // The faces are the frontal ones HOG finds: five points say little about
    // a head bowed with its eyes shut (sample2's middle woman, whose two
    // photos are 0.75 apart in cosine distance).
    AnalyzerOptions frontal;
    frontal.detector = FaceDetector::Hog;
    FaceAnalyzer analyzer(m_models, frontal);
    QCOMPARE(analyzer.encoder(), EncoderModel::ArcFace);
    struct Face
    {
        Embedding e;
        int person;
        QString where;
    };
    std::vector<Face> faces;
    int person = 0;
    for (const QString &name : test::samplePhotoNames()) {
        const QImage image(m_samples + '/' + name);
        QImage second =
            image.mirrored(true, false)
                .scaled(image.size() * 0.6, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        second = second.convertToFormat(QImage::Format_RGB32);
        for (int y = 0; y < second.height(); ++y) {
            auto *line = reinterpret_cast<QRgb *>(second.scanLine(y));
            for (int x = 0; x < second.width(); ++x)
                line[x] =
                    qRgb(qRed(line[x]) * 9 / 10, qGreen(line[x]) * 9 / 10, qBlue(line[x]) * 9 / 10);
        }
        const PhotoAnalysis a = analyzer.analyze(test::readFile(m_samples + '/' + name));
        const PhotoAnalysis b = analyzer.analyze(test::encode(second, "JPEG", 90));
        QVERIFY2(a.ok && b.ok, qPrintable(a.error + b.error));
        for (const DetectedFace &fa : a.faces) {
            QCOMPARE(fa.encoder, EncoderModel::ArcFace);
            // Its twin: the face in the second photo whose centre, mirrored
            // back, is nearest.
            const QPointF want((image.width() - fa.box.center().x()) * 0.6,
                               fa.box.center().y() * 0.6);
            const DetectedFace *twin = nullptr;
            for (const DetectedFace &fb : b.faces)
                if (QLineF(QPointF(fb.box.center()), want).length() < fa.box.width() * 0.6 / 3)
                    twin = &fb;
            if (!twin)
                continue; // found in one photo only
            const QString where =
                QStringLiteral("%1 at %2,%3").arg(name).arg(fa.box.x()).arg(fa.box.y());
            faces.push_back({fa.embedding, person, where});
            faces.push_back({twin->embedding, person, where + QStringLiteral(", second photo")});
            ++person;
        }
    }
    QVERIFY2(person >= 17, qPrintable(QString::number(person)));
    float worstSame = 0, bestOther = 2;
    int nearestIsTwin = 0;
    for (size_t i = 0; i < faces.size(); ++i) {
        float nearest = 2;
        int nearestPerson = -1;
        for (size_t j = 0; j < faces.size(); ++j) {
            if (i == j)
                continue;
            const float d = cosineDistance(faces[i].e, faces[j].e);
            if (faces[i].person == faces[j].person)
                worstSame = std::max(worstSame, d);
            else
                bestOther = std::min(bestOther, d);
            if (d < nearest) {
                nearest = d;
                nearestPerson = faces[j].person;
            }
        }
        nearestIsTwin += nearestPerson == faces[i].person;
        if (nearestPerson != faces[i].person)
            qInfo("face %d (%s) is nearest to another person", int(i), qPrintable(faces[i].where));
    }
    qInfo("%d people in two photos each: same person at most %.3f apart (cosine distance), "
          "two people at least %.3f",
          person, double(worstSame), double(bestOther));
    QCOMPARE(nearestIsTwin, int(faces.size()));
    QVERIFY(worstSame < bestOther);
}

void TestArcFaceEncoder::missingModelLeavesDlibWorking()
{
    QTemporaryDir tmp;
    const QString gone = tmp.filePath(QStringLiteral("gone/fr_feature.onnx"));
    const auto models =
        FaceModels::load(ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(),
                         ModelLocator::landmarksPath(), true, ModelLocator::ssdManifestPath(),
                         ModelLocator::ssdWeightsPath(), gone);
    QVERIFY(!models->hasArcFace());
    QVERIFY(models->hasSsd());
    const QString error = models->arcFaceError();
    QVERIFY2(error.contains(ModelLocator::setupCommand()), qPrintable(error));
    QVERIFY2(error.contains(gone), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));

    // Asking for ArcFace fails at once, with the same message ...
    try {
        FaceAnalyzer refused(models);
        QFAIL("an analyzer asking for the missing ArcFace encoder was made");
    } catch (const ModelError &e) {
        QCOMPARE(QString::fromUtf8(e.what()), error);
    }
    // ... and dlib-only analysis works as before.
    AnalyzerOptions dlib;
    dlib.encoder = EncoderModel::Dlib;
    FaceAnalyzer analyzer(models, dlib);
    const PhotoAnalysis r = analyzer.analyzeFile(m_samples + QStringLiteral("/sample1.jpg"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(int(r.faces.size()), test::frontalFaces(QStringLiteral("sample1.jpg")));
    for (const DetectedFace &f : r.faces) {
        QCOMPARE(f.encoder, EncoderModel::Dlib);
        for (size_t i = size_t(embeddingDims(EncoderModel::Dlib)); i < f.embedding.size(); ++i)
            QCOMPARE(f.embedding[i], 0.0f);
    }
}

void TestArcFaceEncoder::damagedModelIsRefused_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("checkDigest");
    QTest::addColumn<QString>("says");
    const QByteArray real = test::readFile(ModelLocator::arcFacePath());
    QVERIFY(real.size() > 1000);
    QByteArray flipped = real;
    flipped[flipped.size() / 2] = char(flipped[flipped.size() / 2] ^ 0x40);
    QTest::newRow("one byte changed") << flipped << true << QStringLiteral("damaged");
    QTest::newRow("cut in half") << real.left(real.size() / 2) << true << QStringLiteral("damaged");
    QTest::newRow("cut in half, digest not checked")
        << real.left(real.size() / 2) << false << QStringLiteral("fr_feature.onnx");
    QTest::newRow("not a network, digest not checked")
        << QByteArray("this is not an ONNX file") << false << QStringLiteral("fr_feature.onnx");
    QTest::newRow("empty") << QByteArray() << true << QStringLiteral("damaged");
}

void TestArcFaceEncoder::damagedModelIsRefused()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, checkDigest);
    QFETCH(QString, says);
    QTemporaryDir tmp;
    const QString path = tmp.filePath(QStringLiteral("fr_feature.onnx"));
    QVERIFY(test::writeFile(path, bytes));
    const auto models =
        FaceModels::load(ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(),
                         ModelLocator::landmarksPath(), checkDigest, {}, {}, path);
    QVERIFY(!models->hasArcFace());
    const QString error = models->arcFaceError();
    QVERIFY2(error.contains(says), qPrintable(error));
    QVERIFY2(error.contains(ModelLocator::setupCommand()), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QVERIFY_THROWS_EXCEPTION(ModelError, (void)FaceAnalyzer(models));
    AnalyzerOptions dlib;
    dlib.encoder = EncoderModel::Dlib;
    dlib.detector = FaceDetector::Hog;
    const PhotoAnalysis r =
        FaceAnalyzer(models, dlib).analyzeFile(m_samples + QStringLiteral("/sample3.jpg"));
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(int(r.faces.size()), test::hogFrontalFaces(QStringLiteral("sample3.jpg")));
}

QTEST_GUILESS_MAIN(TestArcFaceEncoder)
#include "tst_arcfaceencoder.moc"
