// Killed processes lose nothing: facefolio-cli scan, cluster and export are
// killed with SIGKILL at several points and restarted, and the catalog, the
// user's decisions and the export folder are checked against an
// uninterrupted run. Kill points are chosen by progress visible on disk (rows
// committed to the catalog), so the test never depends on timing to pass.

#include "analysis/modellocator.h"
#include "clirun.h"
#include "testsupport.h"

#include <QDirIterator>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace facefolio;
using facefolio::test::Run;

namespace {

/// A read-only look into a catalog with a connection of its own, closed on
/// destruction, so the test never holds the database while a child writes.
class CatalogView final
{
public:
    explicit CatalogView(const QString &path)
        : m_name(QStringLiteral("view-%1").arg(++s_counter))
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
        m_ok = QFileInfo::exists(path) && db.open();
    }
    ~CatalogView()
    {
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
    }
    bool ok() const { return m_ok; }
    /// The first column of every row of `sql`, as strings.
    QStringList column(const QString &sql) const
    {
        QStringList values;
        if (!m_ok)
            return values;
        QSqlQuery q(QSqlDatabase::database(m_name, false));
        if (!q.exec(sql))
            return {QStringLiteral("error: ") + q.lastError().text()};
        while (q.next())
            values << q.value(0).toString();
        return values;
    }
    qint64 number(const QString &sql) const
    {
        const QStringList v = column(sql);
        return v.isEmpty() ? -1 : v.first().toLongLong();
    }

private:
    static inline int s_counter = 0;
    QString m_name;
    bool m_ok = false;
};

} // namespace

class TestCrashSafety : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void scanKilledAndResumedKeepsDecisions();
    void clusterKilledKeepsDecisions();
    void exportKilledLeavesNoHalfFiles();

private:
    QProcessEnvironment env() const;
    Run run(const QStringList &args) const;
    /// Starts `args`, kills it with SIGKILL once `ready` says so (polled), and
    /// returns whether the kill happened before the process finished itself.
    bool runAndKill(const QStringList &args, const std::function<bool()> &ready) const;
    /// file name -> face count, for the photos of a catalog.
    static QMap<QString, qint64> facesPerPhoto(const CatalogView &view);
    void checkConsistent(const QString &catalog);
    /// The name given and the face moved in scanKilledAndResumedKeepsDecisions are still there.
    void checkDecisionsKept(const CatalogView &view);

    QTemporaryDir m_tmp;
    QString m_library;
    QString m_reference;
    QString m_catalog; // the one that is killed, shared by the tests in order
    QMap<QString, qint64> m_expectedFaces;
    qint64 m_namedPerson = 0;
    qint64 m_movedFace = 0;
    qint64 m_movedTo = 0;
    int m_brokenFiles = 0;
};

QProcessEnvironment TestCrashSafety::env() const
{
    QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
    e.insert("XDG_DATA_HOME", m_tmp.filePath("xdg-data"));
    e.insert("FACEFOLIO_MODELS", ModelLocator::modelsDir());
    e.insert("LC_ALL", "C.UTF-8");
    return e;
}

Run TestCrashSafety::run(const QStringList &args) const
{
    return test::runProgram(QStringLiteral(FACEFOLIO_CLI), args, env());
}

bool TestCrashSafety::runAndKill(const QStringList &args, const std::function<bool()> &ready) const
{
    QProcess p;
    p.setProcessEnvironment(env());
    p.start(QStringLiteral(FACEFOLIO_CLI), args);
    if (!p.waitForStarted(10000))
        return false;
    bool killed = false;
    // Bounded by the child's own run: it either reaches the point or ends.
    while (p.state() == QProcess::Running) {
        if (ready()) {
            p.kill(); // SIGKILL on Unix
            killed = true;
            break;
        }
        p.waitForFinished(5);
    }
    p.waitForFinished(30000);
    killed = killed && p.exitStatus() == QProcess::CrashExit;
    qInfo("%s %s", qPrintable(args.first()),
          killed ? "killed part-way" : "finished before the kill");
    return killed;
}

QMap<QString, qint64> TestCrashSafety::facesPerPhoto(const CatalogView &view)
{
    QMap<QString, qint64> counts;
    const QStringList rows = view.column(QStringLiteral(
        "SELECT p.path || '|' || (SELECT count(*) FROM faces f WHERE f.photo_id = p.id) "
        "FROM photos p"));
    for (const QString &row : rows) {
        const qsizetype bar = row.lastIndexOf(u'|');
        counts.insert(QFileInfo(row.left(bar)).fileName(), row.mid(bar + 1).toLongLong());
    }
    return counts;
}

void TestCrashSafety::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(FACEFOLIO_CLI)).isExecutable(), FACEFOLIO_CLI);
    QVERIFY(m_tmp.isValid());
    if (const QString why = test::missingForCli(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const QString samples = test::samplesDir();

    // Thirty distinct photos (each sample as is, re-encoded, mirrored, scaled
    // and cropped: different bytes, so each is analysed) in two folders, plus
    // broken files that must be recorded, not retried forever.
    m_library = m_tmp.filePath(QStringLiteral("library"));
    QVERIFY(QDir().mkpath(m_library + QStringLiteral("/2019 Sommer")));
    QVERIFY(QDir().mkpath(m_library + QStringLiteral("/2020")));
    for (const QString &name : test::samplePhotoNames()) {
        const QString base = QFileInfo(name).completeBaseName();
        const QImage image(samples + u'/' + name);
        QVERIFY(!image.isNull());
        QVERIFY(QFile::copy(samples + u'/' + name, m_library + u'/' + name));
        QVERIFY(test::writeFile(m_library + QStringLiteral("/2019 Sommer/%1-q80.jpg").arg(base),
                                test::encode(image, "JPEG", 80)));
        QVERIFY(test::writeFile(m_library + QStringLiteral("/2019 Sommer/%1-mirror.jpg").arg(base),
                                test::encode(image.mirrored(true, false), "JPEG", 90)));
        QVERIFY(test::writeFile(
            m_library + QStringLiteral("/2020/%1-small.png").arg(base),
            test::encode(image.scaledToWidth(image.width() * 3 / 4, Qt::SmoothTransformation),
                         "PNG")));
        QVERIFY(test::writeFile(m_library + QStringLiteral("/2020/%1-rot.jpg").arg(base),
                                test::orientedJpeg(image, 6, 90)));
    }
    const QByteArray jpeg = test::readFile(samples + QStringLiteral("/sample1.jpg"));
    QVERIFY(test::writeFile(m_library + QStringLiteral("/2020/empty.jpg"), {}));
    QVERIFY(test::writeFile(m_library + QStringLiteral("/2020/truncated.jpg"),
                            jpeg.left(jpeg.size() / 3)));
    QByteArray noise(4096, '\0');
    for (int i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919 + 13) % 251);
    QVERIFY(test::writeFile(m_library + QStringLiteral("/2019 Sommer/noise.jpg"), noise));
    m_brokenFiles = 3;

    m_reference = m_tmp.filePath(QStringLiteral("reference.sqlite"));
    const Run r = run({"scan", "--threads", "2", "--catalog", m_reference, m_library});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    CatalogView view(m_reference);
    QVERIFY(view.ok());
    m_expectedFaces = facesPerPhoto(view);
    QCOMPARE(m_expectedFaces.size(), 30 + m_brokenFiles);
    QVERIFY2(view.number("SELECT count(*) FROM faces") > 40,
             "the sample photos hold well over 40 faces");
    m_catalog = m_tmp.filePath(QStringLiteral("killed.sqlite"));
}

void TestCrashSafety::checkConsistent(const QString &catalog)
{
    CatalogView view(catalog);
    QVERIFY(view.ok());
    QCOMPARE(view.column("PRAGMA integrity_check"), QStringList{"ok"});
    QCOMPARE(view.column("PRAGMA foreign_key_check"), QStringList{});
    QCOMPARE(view.number("SELECT count(*) - count(DISTINCT path) FROM photos"), 0);
    // A face whose person vanished would be an orphan pointing nowhere.
    QCOMPARE(view.number("SELECT count(*) FROM faces WHERE person_id IS NOT NULL AND person_id "
                         "NOT IN (SELECT id FROM persons)"),
             0);
}

void TestCrashSafety::checkDecisionsKept(const CatalogView &view)
{
    QCOMPARE(
        view.column(QStringLiteral("SELECT name FROM persons WHERE id = %1").arg(m_namedPerson)),
        QStringList{"Åsa Ünterbrochen"});
    QCOMPARE(view.number(QStringLiteral("SELECT person_id FROM faces WHERE id = %1 AND confirmed")
                             .arg(m_movedFace)),
             m_movedTo);
}

void TestCrashSafety::scanKilledAndResumedKeepsDecisions()
{
    const QStringList scan{"scan", "--threads", "2", "--catalog", m_catalog, m_library};
    const auto photosAtLeast = [this](qint64 n) {
        return [this, n] {
            CatalogView view(m_catalog);
            return view.ok() && view.number("SELECT count(*) FROM photos") >= n;
        };
    };
    // Killed while the catalog is being created, then after the 1st and 5th photo.
    int kills = 0;
    kills += runAndKill(scan, [this] { return QFileInfo::exists(m_catalog); });
    kills += runAndKill(scan, photosAtLeast(1));
    kills += runAndKill(scan, photosAtLeast(5));
    QVERIFY2(kills >= 2, "the scan should have been killed part-way at least twice");
    checkConsistent(m_catalog);
    if (QTest::currentTestFailed())
        return;

    // The user decides between runs: group what is there, name a person and
    // move a face of another person to them.
    Run r = run({"cluster", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = run({"people", "--json", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QList<qint64> persons;
    for (const QByteArray &line : r.out.split('\n'))
        if (!line.trimmed().isEmpty())
            persons << QJsonDocument::fromJson(line).object().value("id").toInteger();
    QVERIFY2(persons.size() >= 2, qPrintable(r.describe()));
    m_namedPerson = persons[0];
    m_movedTo = persons[0];
    r = run({"rename", QString::number(m_namedPerson), "Åsa Ünterbrochen", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    {
        CatalogView view(m_catalog);
        m_movedFace = view.number(
            QStringLiteral("SELECT min(id) FROM faces WHERE person_id = %1").arg(persons[1]));
    }
    QVERIFY(m_movedFace > 0);
    r = run({"move", QString::number(m_movedFace), "--to", QString::number(m_movedTo), "--catalog",
             m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));

    // Killed again, twice, right after further photos are committed; then done.
    qint64 before = 0;
    {
        CatalogView view(m_catalog);
        before = view.number("SELECT count(*) FROM photos");
    }
    runAndKill(scan, photosAtLeast(before + 1));
    runAndKill(scan, photosAtLeast(before + 8));
    r = run(scan);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith("scanned:"), qPrintable(r.describe()));
    r = run(scan); // a finished catalog needs nothing more
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains("(0 analysed"), qPrintable(r.describe()));

    checkConsistent(m_catalog);
    CatalogView view(m_catalog);
    // Every photo once, each with exactly the faces an uninterrupted scan finds:
    // nothing was encoded twice and nothing went missing.
    QCOMPARE(facesPerPhoto(view), m_expectedFaces);
    QCOMPARE(view.number("SELECT count(*) FROM photos WHERE error IS NOT NULL AND error <> ''"),
             qint64(m_brokenFiles));
    checkDecisionsKept(view);
}

void TestCrashSafety::clusterKilledKeepsDecisions()
{
    if (m_movedFace == 0)
        QSKIP("needs the catalog of scanKilledAndResumedKeepsDecisions");
    // Killed at tenths of the time an uninterrupted run takes here (start-up,
    // reading, clustering, writing): wherever the kill lands, the catalog
    // must be whole and the decisions kept.
    const QStringList full{"cluster", "--full", "--catalog", m_catalog};
    QElapsedTimer clock;
    clock.start();
    const Run first = run(full);
    QVERIFY2(first.exitCode == 0, qPrintable(first.describe()));
    const qint64 wholeRunMs = std::max<qint64>(clock.elapsed(), 10);
    for (int tenth = 0; tenth < 10; ++tenth) {
        QElapsedTimer t;
        runAndKill(full, [&t, wholeRunMs, tenth] {
            if (!t.isValid())
                t.start();
            return t.elapsed() >= wholeRunMs * tenth / 10;
        });
        checkConsistent(m_catalog);
        if (QTest::currentTestFailed())
            return;
        checkDecisionsKept(CatalogView(m_catalog));
        if (QTest::currentTestFailed())
            return;
    }
    const Run r = run(full);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    checkConsistent(m_catalog);
    CatalogView view(m_catalog);
    checkDecisionsKept(view);
}

void TestCrashSafety::exportKilledLeavesNoHalfFiles()
{
    if (m_movedFace == 0)
        QSKIP("needs the catalog of scanKilledAndResumedKeepsDecisions");
    const QString outDir = m_tmp.filePath(QStringLiteral("export"));
    const QStringList exportArgs{"export",    outDir,   "--include-unnamed", "--include-unknown",
                                 "--catalog", m_catalog};
    const auto filesUnder = [&outDir] {
        QStringList files;
        QDirIterator it(outDir, QDir::Files | QDir::Hidden | QDir::System,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << QDir(outDir).relativeFilePath(it.next());
        files.sort();
        return files;
    };
    // Killed once the first folder appears, then after a few files are written.
    runAndKill(exportArgs, [&outDir] { return QFileInfo::exists(outDir); });
    runAndKill(exportArgs, [&filesUnder] { return filesUnder().size() >= 3; });
    runAndKill(exportArgs, [&filesUnder] { return filesUnder().size() >= 12; });

    // Whatever is under a real name is a whole photo: the same bytes as a
    // source in the library.
    QSet<QByteArray> sources;
    QDirIterator lib(m_library, QDir::Files, QDirIterator::Subdirectories);
    while (lib.hasNext())
        sources.insert(test::readFile(lib.next()));
    for (const QString &rel : filesUnder()) {
        const QString name = QFileInfo(rel).fileName();
        if (name.startsWith(QLatin1String(".facefolio-")) || name.endsWith(QLatin1String(".xmp")) ||
            name.startsWith(QLatin1String("facefolio-export.")))
            continue;
        QVERIFY2(sources.contains(test::readFile(outDir + u'/' + rel)),
                 qPrintable(rel + QStringLiteral(" is not a whole copy of a photo")));
    }

    Run r = run(exportArgs);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // After a completed run the manifest lists exactly the photos on disk.
    const QJsonObject manifest =
        QJsonDocument::fromJson(test::readFile(outDir + QStringLiteral("/facefolio-export.json")))
            .object();
    QStringList listed;
    for (const QJsonValue &v : manifest.value("entries").toArray()) {
        const QJsonObject e = v.toObject();
        listed << e.value("target").toString();
        if (e.contains("xmp"))
            listed << e.value("xmp").toString();
        const QFileInfo fi(outDir + u'/' + e.value("target").toString());
        QVERIFY2(fi.isFile(), qPrintable(fi.filePath()));
        QCOMPARE(fi.size(), e.value("size").toInteger());
    }
    listed << "facefolio-export.json"
           << "facefolio-export.csv";
    listed.sort();
    const QStringList onDisk = filesUnder();
    QStringList unlisted;
    for (const QString &f : onDisk)
        if (!listed.contains(f))
            unlisted << f;
    QVERIFY2(unlisted.isEmpty(), qPrintable(QStringLiteral("not in the manifest: ") +
                                            unlisted.join(QStringLiteral(", "))));
    QCOMPARE(onDisk, listed);

    r = run(exportArgs); // nothing left to do
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(": 0 new,") && r.out.contains(" 0 moved, 0 removed"),
             qPrintable(r.describe()));
    QCOMPARE(filesUnder(), listed);
}

QTEST_GUILESS_MAIN(TestCrashSafety)
#include "tst_crashsafety.moc"
