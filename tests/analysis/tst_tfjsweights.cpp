// TfjsWeights and FaceModels::load: the encoder weights are read exactly, and
// every damaged, truncated or altered model file is refused with a ModelError
// that names the set-up command, never a crash.

#include "analysis/facemodels.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"
#include "analysis/tfjsweights.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>
#include <cstring>
#include <limits>

using namespace facefolio;

namespace {

QJsonObject tensor(const QString &name, const QJsonArray &shape, const QString &dtype = "float32")
{
    return QJsonObject{{"name", name}, {"shape", shape}, {"dtype", dtype}};
}

QJsonObject quantised(QJsonObject t, double scale, double min, const QString &qtype = "uint8")
{
    t.insert("quantization", QJsonObject{{"dtype", qtype}, {"scale", scale}, {"min", min}});
    return t;
}

QByteArray manifest(const QJsonArray &weights)
{
    const QJsonArray groups{
        QJsonObject{{"paths", QJsonArray{"weights.bin"}}, {"weights", weights}}};
    return QJsonDocument(groups).toJson(QJsonDocument::Compact);
}

QByteArray floats(std::initializer_list<float> values)
{
    QByteArray out;
    for (float v : values)
        out.append(reinterpret_cast<const char *>(&v), sizeof v);
    return out;
}

QByteArray bytes(std::initializer_list<int> values)
{
    QByteArray out;
    for (int v : values)
        out.append(char(uchar(v)));
    return out;
}

// The pinned digests, read from the same file the build and set-up read.
QHash<QString, QByteArray> pinnedDigests()
{
    QHash<QString, QByteArray> pins;
    const QByteArray text =
        test::readFile(QStringLiteral(FACEFOLIO_SOURCE_DIR "/packaging/models.sha256"));
    for (const QByteArray &line : text.split('\n')) {
        const QList<QByteArray> parts = line.split(' ');
        if (!line.startsWith('#') && parts.size() == 3)
            pins.insert(QString::fromUtf8(parts[2]), parts[0]);
    }
    return pins;
}

} // namespace

class TestTfjsWeights : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parsesQuantisedAndFloatTensors();
    void parsesSeveralGroupsInOrder();
    void parsesInt32Tensors();
    void rejectsBadManifests_data();
    void rejectsBadManifests();
    void rejectsQuantisationThatOverflows();
    void rejectsHugeShapesWithoutAllocating();
    void loadChecksDigests();
    void loadNamesMissingFile();

    void realWeightsLoad();
    void damagedRealWeightsAreRefused();
    void missingModelFilesAreNamed();
    void weightsThatDoNotFitTheNetworkAreRefused();

private:
    static QString missingRealModels();
    QTemporaryDir m_tmp;
};

void TestTfjsWeights::parsesQuantisedAndFloatTensors()
{
    const QByteArray json = manifest({quantised(tensor("q", {2, 3}), 0.5, -1.0), tensor("f", {2})});
    const QByteArray bin = bytes({0, 1, 2, 3, 254, 255}) + floats({1.25f, -3.5e-3f});
    const std::vector<TfjsTensor> t = TfjsWeights::parse(json, bin);
    QCOMPARE(t.size(), size_t(2));
    QCOMPARE(t[0].name, std::string("q"));
    QCOMPARE(t[0].shape, (std::vector<int>{2, 3}));
    // value = byte * scale + min
    const std::vector<float> expectQ{-1.0f, -0.5f, 0.0f, 0.5f, 126.0f, 126.5f};
    QCOMPARE(t[0].values, expectQ);
    QCOMPARE(t[1].name, std::string("f"));
    QCOMPARE(t[1].values, (std::vector<float>{1.25f, -3.5e-3f}));
}

void TestTfjsWeights::parsesSeveralGroupsInOrder()
{
    QJsonArray groups;
    groups.append(QJsonObject{{"weights", QJsonArray{tensor("a", {1})}}});
    groups.append(
        QJsonObject{{"weights", QJsonArray{quantised(tensor("b", {1, 1, 2}), 0.25, 10.0)}}});
    const QByteArray json = QJsonDocument(groups).toJson();
    const std::vector<TfjsTensor> t = TfjsWeights::parse(json, floats({7.0f}) + bytes({4, 8}));
    QCOMPARE(t.size(), size_t(2));
    QCOMPARE(t[0].values, std::vector<float>{7.0f});
    QCOMPARE(t[1].values, (std::vector<float>{11.0f, 12.0f}));
}

void TestTfjsWeights::parsesInt32Tensors()
{
    // The SSD detector's manifest carries int32 scalars (shapes, axes) along
    // with its float weights, quantised or not, and scalars have shape [].
    QByteArray rawInts;
    for (qint32 v : {5118, -1})
        rawInts.append(reinterpret_cast<const char *>(&v), sizeof v);
    const QByteArray json = manifest({quantised(tensor("q", {}, "int32"), 1, 3072),
                                      tensor("r", {2}, "int32"), tensor("f", {1})});
    const std::vector<TfjsTensor> t =
        TfjsWeights::parse(json, bytes({2}) + rawInts + floats({0.5f}));
    QCOMPARE(t.size(), size_t(3));
    QCOMPARE(t[0].shape, std::vector<int>{});
    QCOMPARE(t[0].values, std::vector<float>{3074.0f});
    QCOMPARE(t[1].values, (std::vector<float>{5118.0f, -1.0f}));
    QCOMPARE(t[2].values, std::vector<float>{0.5f});
    // Raw int32 bytes are counted as four per value.
    QVERIFY_THROWS_EXCEPTION(
        ModelError, TfjsWeights::parse(manifest({tensor("r", {2}, "int32")}), rawInts.left(7)));
}

void TestTfjsWeights::rejectsBadManifests_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QByteArray>("bin");
    QTest::addColumn<QString>("reason");

    const QByteArray two = floats({1, 2});
    const QJsonObject good = tensor("t", {2});
    QTest::newRow("not JSON") << QByteArray("[{\"weights\": [") << two << "JSON";
    QTest::newRow("JSON object, not a list") << QByteArray("{\"weights\": []}") << two << "JSON";
    QTest::newRow("empty file") << QByteArray() << two << "JSON";
    QTest::newRow("no tensors") << manifest({}) << QByteArray() << "no tensors";
    QTest::newRow("tensor without name")
        << manifest({QJsonObject{{"shape", QJsonArray{2}}, {"dtype", "float32"}}}) << two << "name";
    QTest::newRow("missing dtype")
        << manifest({QJsonObject{{"name", "t"}, {"shape", QJsonArray{2}}}}) << two << "dtype";
    QTest::newRow("unknown dtype") << manifest({tensor("t", {2}, "complex64")}) << two << "dtype";
    QTest::newRow("int64 dtype") << manifest({tensor("t", {2}, "int64")}) << two << "dtype";
    QTest::newRow("uint16 quantisation")
        << manifest({quantised(good, 1, 0, "uint16")}) << bytes({1, 2, 3, 4}) << "quantisation";
    QTest::newRow("quantisation without scale")
        << manifest({QJsonObject{{"name", "t"},
                                 {"shape", QJsonArray{2}},
                                 {"dtype", "float32"},
                                 {"quantization", QJsonObject{{"dtype", "uint8"}, {"min", 0}}}}})
        << bytes({1, 2}) << "quantisation";
    QTest::newRow("truncated float bin") << manifest({good}) << two.left(7) << "truncated";
    QTest::newRow("truncated quantised bin")
        << manifest({quantised(tensor("t", {3}), 1, 0)}) << bytes({1, 2}) << "truncated";
    QTest::newRow("second tensor truncated")
        << manifest({good, tensor("u", {4})}) << two + floats({1, 2, 3}) << "truncated";
    QTest::newRow("empty bin") << manifest({good}) << QByteArray() << "truncated";
    QTest::newRow("extra bytes") << manifest({good}) << two + bytes({0}) << "bytes";
    QTest::newRow("a whole extra tensor of bytes")
        << manifest({good}) << two + floats({3, 4}) << "bytes";
    QTest::newRow("negative dimension") << manifest({tensor("t", {-2})}) << two << "shape";
    QTest::newRow("zero dimension") << manifest({tensor("t", {2, 0})}) << QByteArray() << "shape";
    QTest::newRow("fractional dimension") << manifest({tensor("t", {1.5})}) << two << "shape";
    QTest::newRow("dimension as text") << manifest({tensor("t", {"2"})}) << two << "shape";
    QTest::newRow("shape is not a list")
        << manifest({QJsonObject{{"name", "t"}, {"shape", 1}, {"dtype", "float32"}}}) << floats({1})
        << "shape";
    QTest::newRow("shape missing")
        << manifest({QJsonObject{{"name", "t"}, {"dtype", "float32"}}}) << floats({1}) << "shape";
    QTest::newRow("NaN value") << manifest({good})
                               << floats({1, std::numeric_limits<float>::quiet_NaN()})
                               << "non-finite";
    QTest::newRow("infinite value")
        << manifest({good}) << floats({-std::numeric_limits<float>::infinity(), 0}) << "non-finite";
}

void TestTfjsWeights::rejectsBadManifests()
{
    QFETCH(QByteArray, json);
    QFETCH(QByteArray, bin);
    QFETCH(QString, reason);
    try {
        const auto tensors = TfjsWeights::parse(json, bin);
        QFAIL(qPrintable(QStringLiteral("accepted: %1 tensor(s), first has %2 value(s)")
                             .arg(tensors.size())
                             .arg(tensors.empty() ? 0 : tensors[0].values.size())));
    } catch (const ModelError &e) {
        const QString what = QString::fromUtf8(e.what());
        QVERIFY2(what.contains(reason, Qt::CaseInsensitive), qPrintable(what));
        QVERIFY2(what.contains("packaging/setup.sh"), qPrintable(what));
        QVERIFY2(!what.contains('\n'), "a ModelError is one line");
    }
}

void TestTfjsWeights::rejectsQuantisationThatOverflows()
{
    // 255 * 1e38 is finite as a double but not as a float: the contract is that
    // non-finite values throw, quantised or not.
    const QByteArray json = manifest({quantised(tensor("t", {2}), 1e38, 0)});
    try {
        const auto t = TfjsWeights::parse(json, bytes({1, 255}));
        QVERIFY2(std::isfinite(t[0].values[1]),
                 "a quantised tensor dequantised to infinity was accepted");
    } catch (const ModelError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("packaging/setup.sh"), e.what());
    }
}

void TestTfjsWeights::rejectsHugeShapesWithoutAllocating()
{
    // 2^48 values would need a petabyte; this must be refused from the shape alone.
    const QByteArray json = manifest({tensor("t", {65536, 65536, 65536})});
    QVERIFY_THROWS_EXCEPTION(ModelError, TfjsWeights::parse(json, floats({1})));
    const QByteArray quant = manifest({quantised(tensor("t", {1 << 30}), 1, 0)});
    QVERIFY_THROWS_EXCEPTION(ModelError, TfjsWeights::parse(quant, bytes({1})));
}

void TestTfjsWeights::loadChecksDigests()
{
    QVERIFY(m_tmp.isValid());
    const QString mPath = m_tmp.filePath("digest-manifest.json");
    const QString bPath = m_tmp.filePath("digest.bin");
    const QByteArray json = manifest({tensor("t", {2})});
    const QByteArray bin = floats({1, 2});
    QVERIFY(test::writeFile(mPath, json));
    QVERIFY(test::writeFile(bPath, bin));
    const QByteArray mSha = QCryptographicHash::hash(json, QCryptographicHash::Sha256).toHex();
    const QByteArray bSha = QCryptographicHash::hash(bin, QCryptographicHash::Sha256).toHex();

    QCOMPARE(TfjsWeights::load(mPath, bPath).size(), size_t(1));
    QCOMPARE(TfjsWeights::load(mPath, bPath, mSha, bSha)[0].values, (std::vector<float>{1, 2}));
    QCOMPARE(TfjsWeights::load(mPath, bPath, mSha.toUpper(), bSha.toUpper()).size(), size_t(1));

    QByteArray wrong = bSha;
    wrong[0] = wrong[0] == 'a' ? 'b' : 'a';
    for (const auto &[m, b, path] :
         {std::tuple{mSha, wrong, bPath}, std::tuple{wrong, bSha, mPath}}) {
        try {
            TfjsWeights::load(mPath, bPath, m, b);
            QFAIL("a wrong SHA-256 was accepted");
        } catch (const ModelError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains("packaging/setup.sh"), qPrintable(what));
            QVERIFY2(what.contains(path), qPrintable(what));
        }
    }
}

void TestTfjsWeights::loadNamesMissingFile()
{
    const QString missing = m_tmp.filePath("no such dir/face_recognition_model.bin");
    const QString mPath = m_tmp.filePath("missing-manifest.json");
    QVERIFY(test::writeFile(mPath, manifest({tensor("t", {2})})));
    for (const auto &[m, b, named] :
         {std::tuple{mPath, missing, missing}, std::tuple{missing, mPath, missing}}) {
        try {
            TfjsWeights::load(m, b);
            QFAIL("a missing file was accepted");
        } catch (const ModelError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(named), qPrintable(what));
            QVERIFY2(what.contains("packaging/setup.sh"), qPrintable(what));
        }
    }
}

// Empty when the real models are installed, else why they are needed.
QString TestTfjsWeights::missingRealModels()
{
    for (const QString &path : {ModelLocator::encoderManifestPath(),
                                ModelLocator::encoderWeightsPath(), ModelLocator::landmarksPath()})
        if (!QFileInfo::exists(path))
            return QStringLiteral("the real models are required but %1 is missing; %2")
                .arg(path, test::setupHint());
    return {};
}

void TestTfjsWeights::realWeightsLoad()
{
    if (const QString why = missingRealModels(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const auto pins = pinnedDigests();
    const QByteArray binSha = pins.value("face_recognition_model.bin");
    const QByteArray manSha = pins.value("face_recognition_model-weights_manifest.json");
    QCOMPARE(binSha.size(), 64);
    QCOMPARE(manSha.size(), 64);
    const std::vector<TfjsTensor> tensors = TfjsWeights::load(
        ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(), manSha, binSha);
    QCOMPARE(tensors.size(), size_t(117));
    size_t values = 0;
    for (const TfjsTensor &t : tensors) {
        size_t count = 1;
        for (int d : t.shape)
            count *= size_t(d);
        QCOMPARE(t.values.size(), count);
        values += t.values.size();
        for (float v : t.values)
            QVERIFY(std::isfinite(v));
    }
    QCOMPARE(values, size_t(5'614'592));
    QCOMPARE(tensors.front().name, std::string("conv32_down/conv/filters"));
    QCOMPARE(tensors.front().shape, (std::vector<int>{7, 7, 3, 32}));
    QCOMPARE(tensors.back().name, std::string("fc"));
    QCOMPARE(tensors.back().shape, (std::vector<int>{256, 128}));

    // The pinned, located models load as a whole.
    QVERIFY(FaceModels::load() != nullptr);
}

void TestTfjsWeights::damagedRealWeightsAreRefused()
{
    if (const QString why = missingRealModels(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const QByteArray bin = test::readFile(ModelLocator::encoderWeightsPath());
    QCOMPARE(bin.size(), 6'444'032);
    const QString manifestPath = ModelLocator::encoderManifestPath();
    const QString landmarks = ModelLocator::landmarksPath();

    QByteArray altered = bin;
    altered[bin.size() / 2] = char(altered[bin.size() / 2] ^ 0x01);
    const struct
    {
        const char *name;
        QByteArray bytes;
    } cases[] = {{"truncated.bin", bin.left(bin.size() - 4096)},
                 {"half.bin", bin.left(bin.size() / 2)},
                 {"altered.bin", altered},
                 {"empty.bin", QByteArray()},
                 {"longer.bin", bin + QByteArray(16, '\0')}};
    for (const auto &c : cases) {
        const QString path = m_tmp.filePath(QString::fromLatin1(c.name));
        QVERIFY(test::writeFile(path, c.bytes));
        try {
            FaceModels::load(manifestPath, path, landmarks, true);
            QFAIL(qPrintable(QStringLiteral("%1 was accepted").arg(c.name)));
        } catch (const ModelError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains("packaging/setup.sh"), qPrintable(what));
            QVERIFY2(what.contains(path), qPrintable(what));
        }
    }
    // Without digests, the size checks alone still refuse a truncated file.
    const QString truncated = m_tmp.filePath("truncated.bin");
    try {
        FaceModels::load(manifestPath, truncated, landmarks, false);
        QFAIL("a truncated weights file was accepted without digests");
    } catch (const ModelError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("truncated"), e.what());
    }
}

void TestTfjsWeights::missingModelFilesAreNamed()
{
    if (const QString why = missingRealModels(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const QString nowhere = m_tmp.filePath("nowhere/shape_predictor_68_face_landmarks.dat");
    const QString garbage = m_tmp.filePath("garbage-landmarks.dat");
    QVERIFY(test::writeFile(garbage, QByteArray(4096, 'x')));
    const QString truncatedLandmarks = m_tmp.filePath("truncated-landmarks.dat");
    {
        QFile f(ModelLocator::landmarksPath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        QVERIFY(test::writeFile(truncatedLandmarks, f.read(1 << 20)));
    }
    const QString manifest = ModelLocator::encoderManifestPath();
    const QString weights = ModelLocator::encoderWeightsPath();
    const QString missingWeights = m_tmp.filePath("gone/face_recognition_model.bin");
    const struct
    {
        QString manifest, weights, landmarks, named;
    } cases[] = {{manifest, missingWeights, ModelLocator::landmarksPath(), missingWeights},
                 {m_tmp.filePath("gone.json"), weights, ModelLocator::landmarksPath(),
                  m_tmp.filePath("gone.json")},
                 {manifest, weights, nowhere, nowhere},
                 {manifest, weights, garbage, garbage},
                 {manifest, weights, truncatedLandmarks, truncatedLandmarks}};
    for (const auto &c : cases) {
        try {
            FaceModels::load(c.manifest, c.weights, c.landmarks, true);
            QFAIL(qPrintable(QStringLiteral("loaded without %1").arg(c.named)));
        } catch (const ModelError &e) {
            const QString what = QString::fromUtf8(e.what());
            QVERIFY2(what.contains(c.named), qPrintable(what));
            QVERIFY2(what.contains("packaging/setup.sh"), qPrintable(what));
            QVERIFY2(!what.contains('\n'), qPrintable(what));
        }
    }
}

void TestTfjsWeights::weightsThatDoNotFitTheNetworkAreRefused()
{
    if (const QString why = missingRealModels(); !why.isEmpty())
        QFAIL(qPrintable(why));
    // A self-consistent manifest and bin that lack the final fc tensor (or
    // have one of the wrong size) parse fine but do not fit the network.
    const QJsonDocument doc =
        QJsonDocument::fromJson(test::readFile(ModelLocator::encoderManifestPath()));
    QJsonArray groups = doc.array();
    QJsonObject group = groups[0].toObject();
    QJsonArray weights = group["weights"].toArray();
    QCOMPARE(weights.size(), 117);
    QCOMPARE(weights.last().toObject()["name"].toString(), QString("fc"));
    const QByteArray bin = test::readFile(ModelLocator::encoderWeightsPath());
    const qsizetype fcBytes = 256 * 128; // uint8-quantised

    weights.removeLast();
    group["weights"] = weights;
    groups[0] = group;
    const QString noFcManifest = m_tmp.filePath("nofc.json");
    const QString noFcBin = m_tmp.filePath("nofc.bin");
    QVERIFY(test::writeFile(noFcManifest, QJsonDocument(groups).toJson()));
    QVERIFY(test::writeFile(noFcBin, bin.left(bin.size() - fcBytes)));
    QVERIFY_THROWS_EXCEPTION(
        ModelError, FaceModels::load(noFcManifest, noFcBin, ModelLocator::landmarksPath(), false));

    QJsonObject fc = doc.array()[0].toObject()["weights"].toArray().last().toObject();
    fc["shape"] = QJsonArray{128, 128};
    weights.append(fc);
    group["weights"] = weights;
    groups[0] = group;
    const QString smallFcManifest = m_tmp.filePath("smallfc.json");
    const QString smallFcBin = m_tmp.filePath("smallfc.bin");
    QVERIFY(test::writeFile(smallFcManifest, QJsonDocument(groups).toJson()));
    QVERIFY(test::writeFile(smallFcBin, bin.left(bin.size() - fcBytes / 2)));
    try {
        FaceModels::load(smallFcManifest, smallFcBin, ModelLocator::landmarksPath(), false);
        QFAIL("an fc layer of the wrong size was accepted");
    } catch (const ModelError &e) {
        QVERIFY2(QString::fromUtf8(e.what()).contains("fc"), e.what());
    }
}

QTEST_GUILESS_MAIN(TestTfjsWeights)
#include "tst_tfjsweights.moc"
