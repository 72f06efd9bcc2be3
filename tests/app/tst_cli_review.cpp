// facefolio-cli suggest and answer, run as the real binary on a catalog of
// synthetic faces: the JSON lines a script reads, a no that is remembered
// (and undone), a yes that merges, and stale questions refused with exit 1.

#include "catalog/catalog.h"
#include "clirun.h"
#include "people/clusterer.h"
#include "syntheticalbum.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;
using namespace facefolio::test;

class TestCliReview : public QObject
{
    Q_OBJECT

    QTemporaryDir m_tmp;
    int m_n = 0;
    QList<qint64> m_young, m_old, m_lone;
    qint64 m_youngPerson = 0, m_oldPerson = 0;

    Run cli(const QStringList &args, const QString &catalog)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_tmp.filePath(QStringLiteral("xdg")));
        return runProgram(QStringLiteral(FACEFOLIO_CLI),
                          QStringList(args) << QStringLiteral("--catalog") << catalog, env);
    }
    QList<QJsonObject> suggest(const QString &catalog, const QStringList &extra = {})
    {
        const Run r =
            cli(QStringList{QStringLiteral("suggest"), QStringLiteral("--json")} + extra, catalog);
        QList<QJsonObject> out;
        if (r.exitCode != 0)
            qWarning("%s", qPrintable(r.describe()));
        for (const QByteArray &line : r.outLines()) {
            const QJsonDocument doc = QJsonDocument::fromJson(line);
            if (!doc.isObject())
                qWarning("not a JSON object: %s", line.constData());
            out << doc.object();
        }
        return out;
    }
    static bool samePair(const QJsonObject &o, qint64 a, qint64 b)
    {
        const QJsonArray p = o.value(QStringLiteral("persons")).toArray();
        return o.value(QStringLiteral("kind")).toString() == QStringLiteral("same-person") &&
               p.size() == 2 &&
               ((p[0].toInteger() == a && p[1].toInteger() == b) ||
                (p[0].toInteger() == b && p[1].toInteger() == a));
    }
    // A person photographed young and old (two groups 0.45 apart, too far for
    // the clustering), three strangers, and a face of the young one that
    // looks unlike the rest.
    QString makeCatalog()
    {
        const QString path = m_tmp.filePath(QStringLiteral("review %1.sqlite").arg(++m_n));
        Album a(path);
        if (!a.catalog.open())
            qFatal("cannot open the catalog");
        World w(4);
        const int later = w.drifted(0, 0.45f);
        m_young.clear();
        m_old.clear();
        for (int k = 0; k < 6; ++k)
            m_young << a.addPhoto(w, {0});
        for (int k = 0; k < 6; ++k)
            m_old << a.addPhoto(w, {later});
        for (int i = 1; i < 4; ++i)
            for (int k = 0; k < 6; ++k)
                a.addPhoto(w, {i});
        if (!Clusterer::run(a.catalog, {}).ok)
            qFatal("cannot cluster");
        m_youngPerson = a.personOf(m_young[0]);
        m_oldPerson = a.personOf(m_old[0]);
        return path;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFileInfo(QStringLiteral(FACEFOLIO_CLI)).isExecutable(), FACEFOLIO_CLI);
        QVERIFY(m_tmp.isValid());
    }

    void suggestPrintsTheSplitPersonFirst()
    {
        const QString catalog = makeCatalog();
        QVERIFY(m_youngPerson && m_oldPerson && m_youngPerson != m_oldPerson);
        const QList<QJsonObject> all = suggest(catalog);
        QVERIFY(!all.isEmpty());
        QVERIFY2(samePair(all.first(), m_youngPerson, m_oldPerson),
                 QJsonDocument(all.first()).toJson().constData());
        double last = 1e9;
        for (const QJsonObject &o : all) {
            const double score = o.value(QStringLiteral("score")).toDouble(-1);
            QVERIFY(score >= 0 && score <= last);
            last = score;
        }
        QCOMPARE(suggest(catalog, {QStringLiteral("--limit"), QStringLiteral("1")}).size(), 1);
        const Run text = cli({QStringLiteral("suggest")}, catalog);
        QVERIFY2(text.exitCode == 0 && text.out.startsWith("same-person "),
                 qPrintable(text.describe()));
    }

    void noIsRememberedUntilUndone()
    {
        const QString catalog = makeCatalog();
        const QString a = QString::number(m_youngPerson), b = QString::number(m_oldPerson);
        const Run no = cli(
            {QStringLiteral("answer"), QStringLiteral("same-person"), a, b, QStringLiteral("no")},
            catalog);
        QVERIFY2(no.exitCode == 0, qPrintable(no.describe()));
        for (const QJsonObject &o : suggest(catalog))
            QVERIFY(!samePair(o, m_youngPerson, m_oldPerson));
        // A full re-cluster keeps the answer.
        QCOMPARE(cli({QStringLiteral("cluster"), QStringLiteral("--full")}, catalog).exitCode, 0);
        for (const QJsonObject &o : suggest(catalog))
            QVERIFY(!samePair(o, m_youngPerson, m_oldPerson));
        // The CLI's re-cluster is not an edit of the history: undo takes back the answer.
        QCOMPARE(cli({QStringLiteral("undo")}, catalog).exitCode, 0);
        QVERIFY(samePair(suggest(catalog).value(0), m_youngPerson, m_oldPerson));
    }

    void yesMergesAndTheQuestionGoesStale()
    {
        const QString catalog = makeCatalog();
        const QStringList answer{QStringLiteral("answer"), QStringLiteral("same-person"),
                                 QString::number(m_oldPerson), QString::number(m_youngPerson),
                                 QStringLiteral("yes")};
        const Run yes = cli(answer, catalog);
        QVERIFY2(yes.exitCode == 0, qPrintable(yes.describe()));
        const Run people = cli({QStringLiteral("people"), QStringLiteral("--json")}, catalog);
        QCOMPARE(people.outLines().size(), 4); // the merged person and three strangers
        const Run again = cli(answer, catalog);
        QCOMPARE(again.exitCode, 1);
        QVERIFY2(again.err.contains("no longer exists") && again.err.contains("suggest"),
                 qPrintable(again.describe()));
    }

    void faceAnswersAndTheirErrors()
    {
        const QString catalog = makeCatalog();
        const QString person = QString::number(m_youngPerson);
        // Take a face out, then answer that it is that person after all.
        QCOMPARE(cli({QStringLiteral("reject"), QString::number(m_young[5])}, catalog).exitCode, 0);
        const QStringList yes{QStringLiteral("answer"), QStringLiteral("face"),
                              QString::number(m_young[5]), person, QStringLiteral("yes")};
        const Run ok = cli(yes, catalog);
        QVERIFY2(ok.exitCode == 0, qPrintable(ok.describe()));
        const Run stale = cli(yes, catalog);
        QCOMPARE(stale.exitCode, 1);
        QVERIFY2(stale.err.contains("already"), qPrintable(stale.describe()));
        const Run gone = cli({QStringLiteral("answer"), QStringLiteral("face"),
                              QStringLiteral("999999"), person, QStringLiteral("no")},
                             catalog);
        QCOMPARE(gone.exitCode, 1);
        QVERIFY2(gone.err.contains("no longer exists"), qPrintable(gone.describe()));
        const Run noPerson =
            cli({QStringLiteral("answer"), QStringLiteral("face"), QString::number(m_young[5]),
                 QStringLiteral("999999"), QStringLiteral("no")},
                catalog);
        QCOMPARE(noPerson.exitCode, 1);
        for (const QStringList &bad :
             {QStringList{QStringLiteral("answer")},
              QStringList{QStringLiteral("answer"), QStringLiteral("face"), QStringLiteral("1"),
                          QStringLiteral("2"), QStringLiteral("maybe")},
              QStringList{QStringLiteral("answer"), QStringLiteral("someone"), QStringLiteral("1"),
                          QStringLiteral("2"), QStringLiteral("yes")},
              QStringList{QStringLiteral("suggest"), QStringLiteral("--limit"),
                          QStringLiteral("x")}})
            QCOMPARE(cli(bad, catalog).exitCode, 2);
    }
};

QTEST_GUILESS_MAIN(TestCliReview)
#include "tst_cli_review.moc"
