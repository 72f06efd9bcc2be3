// DBSCAN labels equal scikit-learn's, number for number: the same embeddings
// go through facefolio::Dbscan and through sklearn.cluster.DBSCAN in Debian's
// python3-sklearn (installed by packaging/setup.sh), for several eps and
// min_samples, on synthetic sets with shared border points, duplicates and
// all-noise cases, and on the real embeddings of the sample photos.

#include "catalog/catalog.h"
#include "clustering/dbscan.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <random>

using namespace facefolio;

namespace {

const char kPython[] = "/usr/bin/python3";

const char kScript[] = R"py(
import sys, numpy as np
from sklearn.cluster import DBSCAN
X = np.loadtxt(sys.argv[1], dtype=np.float64, ndmin=2)
for spec in sys.argv[2:]:
    eps, ms = spec.split(':')
    labels = DBSCAN(eps=float(eps), min_samples=int(ms)).fit_predict(X)
    print(' '.join(str(int(l)) for l in labels))
)py";

bool sklearnAvailable()
{
    QProcess p;
    p.start(QString::fromLatin1(kPython), {QStringLiteral("-c"), QStringLiteral("import sklearn")});
    return p.waitForFinished(60000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
}

// Writes the points with full float precision and runs sklearn once per setting.
QList<std::vector<int>> sklearnLabels(const std::vector<Embedding> &points,
                                      const QList<QPair<double, int>> &settings, QString *error)
{
    QTemporaryDir dir;
    QFile f(dir.filePath(QStringLiteral("x.txt")));
    f.open(QIODevice::WriteOnly);
    for (const Embedding &e : points) {
        QByteArray line;
        for (float v : e) // every float: the zeros past a model's own change no distance
            line += QByteArray::number(double(v), 'g', 9) + ' ';
        f.write(line + '\n');
    }
    f.close();
    QStringList args{QStringLiteral("-c"), QString::fromLatin1(kScript), f.fileName()};
    for (const auto &[eps, ms] : settings)
        args << QStringLiteral("%1:%2").arg(eps, 0, 'g', 17).arg(ms);
    QProcess p;
    p.start(QString::fromLatin1(kPython), args);
    if (!p.waitForFinished(300000) || p.exitCode() != 0) {
        *error = QString::fromUtf8(p.readAllStandardError());
        return {};
    }
    QList<std::vector<int>> out;
    for (const QByteArray &line : p.readAllStandardOutput().trimmed().split('\n')) {
        std::vector<int> labels;
        for (const QByteArray &w : line.split(' '))
            labels.push_back(w.toInt());
        out << labels;
    }
    return out;
}

std::vector<Embedding> clusteredSet(int identities, int perIdentity, float spread, quint32 seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<float> n(0, 1);
    std::vector<Embedding> out;
    for (int i = 0; i < identities; ++i) {
        Embedding c{};
        float norm = 0;
        for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k) { // a dlib-like face
            c[k] = n(rng);
            norm += c[k] * c[k];
        }
        for (float &v : c)
            v *= 0.7f / std::sqrt(norm);
        // Identities of very different sizes, as in a real library.
        const int count = 1 + (perIdentity * (i % 4 + 1)) / 3;
        for (int k = 0; k < count; ++k) {
            Embedding e = c;
            for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k)
                e[k] += spread * n(rng);
            out.push_back(e);
        }
    }
    std::shuffle(out.begin(), out.end(), rng);
    return out;
}

// Points on a line in the first dimension: two dense groups and one point
// exactly eps from a core point of each, so it is a border point of both.
std::vector<Embedding> sharedBorderSet()
{
    std::vector<Embedding> out;
    auto at = [&](float x) {
        Embedding e{};
        e[0] = x;
        out.push_back(e);
    };
    for (float x : {0.0f, 0.1f, 0.2f})
        at(x);
    at(0.7f); // the shared border point: 0.5 from 0.2 and from 1.2
    for (float x : {1.2f, 1.3f, 1.4f})
        at(x);
    at(0.2f); // a duplicate
    at(5.0f); // isolated
    return out;
}

} // namespace

class TestDbscanSklearn : public QObject
{
    Q_OBJECT

    void compare(const std::vector<Embedding> &points, const QList<QPair<double, int>> &settings)
    {
        QString error;
        const QList<std::vector<int>> expected = sklearnLabels(points, settings, &error);
        QVERIFY2(expected.size() == settings.size(), qPrintable(error));
        for (int s = 0; s < settings.size(); ++s) {
            const auto ours = Dbscan::run(points, settings[s].first, settings[s].second);
            QVERIFY(ours);
            if (*ours != expected[s]) {
                int first = 0;
                while ((*ours)[size_t(first)] == expected[s][size_t(first)])
                    ++first;
                QFAIL(qPrintable(
                    QStringLiteral("eps %1 min_samples %2: labels differ first at point %3 "
                                   "(ours %4, sklearn %5)")
                        .arg(settings[s].first)
                        .arg(settings[s].second)
                        .arg(first)
                        .arg((*ours)[size_t(first)])
                        .arg(expected[s][size_t(first)])));
            }
        }
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!sklearnAvailable())
            QFAIL("Debian's python3-sklearn is required for this comparison; run `bash "
                  "packaging/setup.sh`");
    }

    void sharedBorderPointsAndDuplicates()
    {
        compare(sharedBorderSet(), {{0.5, 3}, {0.5, 2}, {0.1, 2}, {0.5, 1}, {0.05, 5}});
    }

    void allNoise() { compare(clusteredSet(20, 1, 0.01f, 3), {{0.1, 2}, {0.3, 5}}); }

    void syntheticLibrary()
    {
        const auto points = clusteredSet(120, 6, 0.022f, 11);
        compare(points, {{0.5, 5}, {0.4, 1}, {0.45, 3}, {0.3, 2}, {0.9, 10}});
    }

    void realEmbeddingsOfTheSamplePhotos()
    {
        const QString samples = test::samplesDir();
        QVERIFY2(!samples.isEmpty(), qPrintable(test::missingSamplesMessage()));
        QString why;
        const auto models = test::loadModels(&why);
        QVERIFY2(models, qPrintable(why));
        QTemporaryDir dir;
        ScanOptions o;
        o.folders = {samples};
        o.catalogPath = dir.filePath(QStringLiteral("c.sqlite"));
        QVERIFY(Scanner::run(o, models).ok);
        Catalog catalog(o.catalogPath);
        QVERIFY(catalog.open());
        std::vector<Embedding> points;
        for (const FaceRecord &f : catalog.faces(true))
            points.push_back(f.embedding);
        // Each sample face twice with a little noise, so there is density to find.
        std::mt19937 rng(5);
        std::normal_distribution<float> n(0, 0.02f);
        const size_t real = points.size();
        for (size_t i = 0; i < real; ++i) {
            Embedding e = points[i];
            for (size_t k = 0; k < size_t(embeddingDims(EncoderModel::Dlib)); ++k)
                e[k] += n(rng);
            points.push_back(e);
        }
        compare(points, {{0.5, 2}, {0.6, 3}, {0.4, 1}, {0.8, 5}});
    }
};

QTEST_GUILESS_MAIN(TestDbscanSklearn)
#include "tst_dbscan_sklearn.moc"
