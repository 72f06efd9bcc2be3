// Recognition quality on a small, fixed slice of LFW (deep-funneled, 250×250):
// a scan finds a face in (nearly) every image, and the 0.6 threshold tells
// the same person from different people with the dlib encoder (and the
// ArcFace encoder's own threshold on the listed pairs). Skips when
// ../shared/data is absent.

#include "analysis/faceanalyzer.h"
#include "catalog/catalog.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;

namespace {

constexpr int kPeople = 25;
constexpr int kImages = 60;
constexpr float kThreshold = 0.6f;
constexpr float kArcFaceThreshold = 1.1f;

struct Sample
{
    QString person;
    QString file; ///< relative to the LFW folder
};

// 25 people evenly spread over the alphabet among those with two or more
// images; two images each, and a third for the first ten who have one.
std::vector<Sample> chooseImages(const QString &lfw)
{
    QStringList people;
    QHash<QString, QStringList> files;
    const QStringList dirs = QDir(lfw).entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    for (const QString &p : dirs) {
        const QStringList f = QDir(lfw + '/' + p).entryList({"*.jpg"}, QDir::Files, QDir::Name);
        if (f.size() >= 2) {
            people << p;
            files.insert(p, f);
        }
    }
    std::vector<Sample> out;
    if (people.size() < kPeople)
        return out;
    QStringList chosen;
    for (int i = 0; i < kPeople; ++i)
        chosen << people[int(qint64(i) * people.size() / kPeople)];
    for (const QString &p : chosen)
        for (int k = 0; k < 2; ++k)
            out.push_back({p, p + '/' + files[p][k]});
    for (const QString &p : chosen)
        if (files[p].size() >= 3 && int(out.size()) < kImages)
            out.push_back({p, p + '/' + files[p][2]});
    return out;
}

// The face nearest the centre: LFW images are centred on their person.
const FaceRecord *centralFace(const std::vector<const FaceRecord *> &faces, QPoint centre)
{
    const FaceRecord *best = nullptr;
    qint64 bestDist = std::numeric_limits<qint64>::max();
    for (const FaceRecord *f : faces) {
        const QPoint d = f->box.center() - centre;
        const qint64 dist = qint64(d.x()) * d.x() + qint64(d.y()) * d.y();
        if (dist < bestDist) {
            bestDist = dist;
            best = f;
        }
    }
    return best;
}

} // namespace

class TestLfw : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scanAndMatchPeople();
    void listedPairs_data();
    void listedPairs();

private:
    QString m_lfw;
    std::shared_ptr<const FaceModels> m_models;
};

void TestLfw::initTestCase()
{
    m_lfw = test::lfwDir();
    if (m_lfw.isEmpty())
        QSKIP("the LFW subset is not at " FACEFOLIO_SOURCE_DIR
              "/../shared/data/lfw-dev; these tests need that data beside the checkout");
    QString why;
    m_models = test::loadModels(&why);
    if (!m_models)
        QFAIL(qPrintable(why));
}

void TestLfw::scanAndMatchPeople()
{
    const std::vector<Sample> samples = chooseImages(m_lfw);
    QVERIFY2(int(samples.size()) == kImages,
             qPrintable(QStringLiteral("chose %1 images").arg(samples.size())));

    // Copies in a temporary library (never into the project).
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QString library = tmp.filePath("lfw");
    QHash<QString, QString> personOf; // library path -> person
    for (const Sample &s : samples) {
        const QString to = library + '/' + s.file;
        QVERIFY(QDir().mkpath(QFileInfo(to).absolutePath()));
        QVERIFY(QFile::copy(m_lfw + '/' + s.file, to));
        personOf.insert(QFileInfo(to).canonicalFilePath(), s.person);
    }

    ScanOptions opt;
    opt.folders = {library};
    opt.catalogPath = tmp.filePath("catalog.sqlite");
    opt.threads = 2;
    opt.analyzer.encoder = EncoderModel::Dlib; // kThreshold is dlib's
    const ScanSummary summary = Scanner::run(opt, m_models);
    QVERIFY2(summary.ok, qPrintable(summary.error));
    QCOMPARE(summary.seen, kImages);
    QCOMPARE(summary.analysed, kImages);
    QCOMPARE(summary.failures, 0);

    Catalog catalog(opt.catalogPath);
    QVERIFY(catalog.open());
    const std::vector<FaceRecord> all = catalog.faces(true);
    QHash<QString, std::vector<const FaceRecord *>> byPhoto;
    for (const FaceRecord &f : all)
        byPhoto[f.photoPath].push_back(&f);

    struct Face
    {
        QString person;
        Embedding embedding;
    };
    std::vector<Face> faces;
    int detected = 0, whole = 0;
    for (auto it = personOf.cbegin(); it != personOf.cend(); ++it) {
        const FaceRecord *f = centralFace(byPhoto.value(it.key()), QPoint(125, 125));
        if (!f)
            continue;
        (f->wholeImage ? whole : detected) += 1;
        faces.push_back({it.value(), f->embedding});
    }
    qInfo("%d of %d images: a detected face; %d more taken whole", detected, kImages, whole);
    QVERIFY2(int(faces.size()) * 100 >= kImages * 98, "a face was found in fewer than 98%");
    QVERIFY2(detected * 100 >= kImages * 95, "the detector itself found fewer than 95%");

    int same = 0, sameRight = 0, diff = 0, diffRight = 0;
    for (size_t i = 0; i < faces.size(); ++i)
        for (size_t j = i + 1; j < faces.size(); ++j) {
            const bool isSame = faces[i].person == faces[j].person;
            const bool saysSame =
                embeddingDistance(faces[i].embedding, faces[j].embedding) < kThreshold;
            (isSame ? same : diff) += 1;
            if (isSame == saysSame)
                (isSame ? sameRight : diffRight) += 1;
        }
    const double accuracy = double(sameRight + diffRight) / (same + diff);
    qInfo("pairs: %d/%d same-person right, %d/%d different-person right, accuracy %.4f", sameRight,
          same, diffRight, diff, accuracy);
    QVERIFY(same >= 30);
    QVERIFY2(accuracy >= 0.95, qPrintable(QString::number(accuracy)));
    // Accuracy over all pairs is mostly different-person pairs; the
    // same-person ones must hold up on their own too.
    QVERIFY2(sameRight * 100 >= same * 85,
             qPrintable(QStringLiteral("%1 of %2 same-person pairs").arg(sameRight).arg(same)));
}

void TestLfw::listedPairs_data()
{
    QTest::addColumn<int>("encoder");
    QTest::addColumn<float>("threshold");
    QTest::newRow("dlib") << int(EncoderModel::Dlib) << kThreshold;
    // Between unit vectors: 1.1 is a cosine similarity of 0.395.
    QTest::newRow("arcface") << int(EncoderModel::ArcFace) << kArcFaceThreshold;
}

void TestLfw::listedPairs()
{
    QFETCH(int, encoder);
    QFETCH(float, threshold);
    // Twenty same-person and twenty different-person pairs, evenly spread
    // over lfw-dev-pairs.tsv.
    const QByteArray tsv = test::readFile(m_lfw + "/../lfw-dev-pairs.tsv");
    if (tsv.isEmpty())
        QSKIP("lfw-dev-pairs.tsv is not beside the LFW folder");
    QList<QStringList> sameRows, diffRows;
    for (const QByteArray &line : tsv.split('\n')) {
        if (line.startsWith('#') || line.trimmed().isEmpty())
            continue;
        const QStringList cols = QString::fromUtf8(line).trimmed().split('\t');
        QCOMPARE(cols.size(), 3);
        (cols[2] == "1" ? sameRows : diffRows) << cols;
    }
    QVERIFY(sameRows.size() >= 20 && diffRows.size() >= 20);
    QList<QStringList> pairs;
    for (int i = 0; i < 20; ++i) {
        pairs << sameRows[int(qint64(i) * sameRows.size() / 20)];
        pairs << diffRows[int(qint64(i) * diffRows.size() / 20)];
    }

    AnalyzerOptions options;
    options.encoder = EncoderModel(encoder);
    FaceAnalyzer analyzer(m_models, options);
    QHash<QString, std::optional<Embedding>> cache;
    auto embed = [&](const QString &rel) -> std::optional<Embedding> {
        if (!cache.contains(rel)) {
            const PhotoAnalysis r = analyzer.analyzeFile(m_lfw + '/' + rel);
            std::optional<Embedding> e;
            int best = std::numeric_limits<int>::max();
            for (const DetectedFace &f : r.faces) {
                const QPoint d = f.box.center() - QPoint(125, 125);
                if (d.manhattanLength() < best) {
                    best = d.manhattanLength();
                    e = f.embedding;
                }
            }
            cache.insert(rel, e);
        }
        return cache.value(rel);
    };
    int right = 0;
    QStringList wrong;
    for (const QStringList &p : pairs) {
        const auto a = embed(p[0]), b = embed(p[1]);
        QVERIFY2(a && b, qPrintable("no face in " + p[0] + " or " + p[1]));
        const float d = embeddingDistance(*a, *b);
        if ((d < threshold) == (p[2] == "1"))
            ++right;
        else
            wrong << QStringLiteral("%1 %2 (%3): %4").arg(p[0], p[1], p[2]).arg(d, 0, 'f', 3);
    }
    qInfo("%d of %d listed pairs right; wrong: %s", right, int(pairs.size()),
          qPrintable(wrong.join("; ")));
    QVERIFY2(right * 100 >= int(pairs.size()) * 90, qPrintable(wrong.join("; ")));
}

QTEST_GUILESS_MAIN(TestLfw)
#include "tst_lfw.moc"
