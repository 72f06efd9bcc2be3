// Upgrading a catalog to another face-recognition model (real models, the
// sample photos): every face keeps its id, person, name and decisions, the
// undo history still undoes, the new vectors are exactly what a fresh scan
// with that model gives, a stopped run resumes, and a scan never mixes two
// models in one catalog.

#include "catalog/catalog.h"
#include "people/clusterer.h"
#include "people/peopleservice.h"
#include "scan/reencoder.h"
#include "scan/scanner.h"
#include "testsupport.h"

#include <QFileInfo>
#include <QHash>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;

class TestReencoder : public QObject
{
    Q_OBJECT

    std::shared_ptr<const FaceModels> m_models;
    QString m_samples;
    QTemporaryDir m_dir;
    int m_n = 0;

    ScanSummary scan(const QString &catalog, EncoderModel model)
    {
        ScanOptions o;
        o.folders = {m_samples};
        o.catalogPath = catalog;
        o.threads = 2;
        o.analyzer.encoder = model;
        return Scanner::run(o, m_models);
    }
    QString newCatalog() { return m_dir.filePath(QStringLiteral("c%1.sqlite").arg(++m_n)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (const QString why = test::loadModelsAndSamples(m_models, m_samples); !why.isEmpty())
            QFAIL(qPrintable(why));
        if (!m_models->hasArcFace())
            QFAIL(qPrintable(m_models->arcFaceError()));
    }

    void upgradeKeepsEveryDecisionAndMatchesAFreshScan()
    {
        const QString path = newCatalog();
        QCOMPARE(scan(path, EncoderModel::Dlib).ok, true);
        Catalog c(path);
        QVERIFY(c.open());
        QCOMPARE(c.encoder(), std::optional(EncoderModel::Dlib));
        QVERIFY(Clusterer::run(c, {}).ok);

        // The user's work: a name, a confirmed move, a rejection.
        PeopleService people(c);
        std::vector<FaceRecord> before = c.faces(false);
        QVERIFY(before.size() >= 20);
        std::vector<size_t> grouped;
        for (size_t i = 0; i < before.size(); ++i)
            if (before[i].personId)
                grouped.push_back(i);
        QVERIFY(grouped.size() >= 3);
        const size_t a = grouped[0], b = grouped[1], r = grouped[2];
        const qint64 named = *before[a].personId;
        QVERIFY2(people.rename(named, QStringLiteral("Anna")), qPrintable(people.errorString()));
        const qint64 split = people.splitToNewPerson({before[b].id});
        QVERIFY(split > 0);
        const qint64 rejectedFrom = *before[r].personId;
        QVERIFY(people.removeFromPerson({before[r].id}));
        before = c.faces(false);
        const int edits = int(people.history().size());

        ReencodeOptions o;
        o.catalogPath = path;
        o.encoder = EncoderModel::ArcFace;
        o.threads = 2;
        const ReencodeSummary s = Reencoder::run(o, m_models);
        QVERIFY2(s.ok, qPrintable(s.error));
        QCOMPARE(s.faces, int(before.size()));
        QCOMPARE(s.left, 0);
        QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));

        const std::vector<FaceRecord> after = c.faces(true);
        QCOMPARE(after.size(), before.size());
        for (size_t i = 0; i < after.size(); ++i) {
            QCOMPARE(after[i].id, before[i].id);
            QCOMPARE(after[i].box, before[i].box);
            QCOMPARE(after[i].personId, before[i].personId);
            QCOMPARE(after[i].personName, before[i].personName);
            QCOMPARE(after[i].encoder, EncoderModel::ArcFace);
            QVERIFY(std::abs(embeddingNorm(after[i].embedding) - 1.0f) < 1e-4f);
        }
        // The history made before the upgrade still undoes and redoes.
        QCOMPARE(int(people.history().size()), edits);
        QVERIFY2(people.undo(), qPrintable(people.errorString()));
        QVERIFY2(people.redo(), qPrintable(people.errorString()));

        // The vectors are the ones a scan with ArcFace makes of the same faces.
        const QString fresh = newCatalog();
        QCOMPARE(scan(fresh, EncoderModel::ArcFace).ok, true);
        Catalog f(fresh);
        QVERIFY(f.open());
        // Scans write photos in the order they finish: match faces by place.
        QHash<QPair<QString, QRect>, Embedding> scanned;
        for (const FaceRecord &r : f.faces(true))
            scanned.insert({QFileInfo(r.photoPath).fileName(), r.box}, r.embedding);
        QCOMPARE(scanned.size(), qsizetype(after.size()));
        for (const FaceRecord &r : after) {
            const auto it = scanned.constFind({QFileInfo(r.photoPath).fileName(), r.box});
            QVERIFY(it != scanned.constEnd());
            QVERIFY2(embeddingDistance(*it, r.embedding) < 1e-3f, qPrintable(r.photoPath));
        }

        // Re-clustering with the new model keeps the user's decisions.
        ClusterOptions full;
        full.full = true;
        QVERIFY(Clusterer::run(c, full).ok);
        QCOMPARE(people.person(named)->name, QStringLiteral("Anna"));
        QCOMPARE(c.faces(false)[b].personId, std::optional(split));
        QSqlQuery q(c.database());
        QVERIFY(
            q.exec(QStringLiteral("SELECT person_id FROM faces WHERE id = %1").arg(before[r].id)));
        QVERIFY(q.next());
        QVERIFY(q.value(0).isNull() || q.value(0).toLongLong() != rejectedFrom);
    }

    void stoppedRunResumes()
    {
        const QString path = newCatalog();
        QCOMPARE(scan(path, EncoderModel::Dlib).ok, true);
        ReencodeOptions o;
        o.catalogPath = path;
        o.encoder = EncoderModel::ArcFace;
        o.threads = 1;
        int calls = 0;
        const ReencodeSummary first = Reencoder::run(o, m_models, [&calls] { return ++calls > 1; });
        QVERIFY2(first.ok, qPrintable(first.error));
        QVERIFY(first.cancelled);
        QVERIFY(first.left > 0);
        const ReencodeSummary second = Reencoder::run(o, m_models);
        QVERIFY(second.ok);
        QCOMPARE(second.left, 0);
        QCOMPARE(first.faces + second.faces, first.faces + first.left);
    }

    void aScanNeverMixesModels()
    {
        const QString path = newCatalog();
        QCOMPARE(scan(path, EncoderModel::Dlib).ok, true);
        const ScanSummary s = scan(path, EncoderModel::ArcFace);
        QVERIFY(!s.ok);
        QVERIFY2(s.error.contains(QStringLiteral("reencode")), qPrintable(s.error));
        Catalog c(path);
        QVERIFY(c.open());
        QCOMPARE(c.facesNotOf(EncoderModel::Dlib), 0);
    }
};

QTEST_GUILESS_MAIN(TestReencoder)
#include "tst_reencoder.moc"
