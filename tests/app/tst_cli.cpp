// facefolio-cli, run as a user runs it: exit codes, one-line errors on
// stderr, a one-line scan summary on stdout, and JSON that parses and agrees
// with the photos on disk.

#include "analysis/modellocator.h"
#include "catalog/catalog.h"
#include "clirun.h"
#include "people/personage.h"
#include "scan/scanlock.h"
#include "testsupport.h"

#include <QDateTime>
#include <QDir>
#include <QImageReader>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSet>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <cmath>

using namespace facefolio;
using facefolio::test::Run;

class TestCli : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void noArgumentsIsUsageError();
    void unknownCommandIsUsageError();
    void helpAndVersion();
    void scanWithoutFolderIsUsageError();
    void badThreadsIsUsageError_data();
    void badThreadsIsUsageError();
    void unknownOptionIsUsageError();
    void missingModelsNameSetup();
    void missingArcFaceModelIsOneClearError();
    void nonexistentFolderFails();
    void catalogThatIsNotADatabaseFails();
    void aSecondScanOfACatalogIsRefused();

    void scanPrintsOneSummaryLine();
    void scanListsBrokenFilesOnStderr();
    void peopleSaysWhatToDoNext();
    void facesJson();
    void facesJsonWithEmbeddings();
    void facesArray();
    void addFaceTagAndUntag();
    void statsJson();
    void exportDryRunAndRun();
    void statsDefaultsToTheUserCatalog();

private:
    Run run(const QStringList &args, const QProcessEnvironment &env = {}) const;
    QProcessEnvironment baseEnv() const;
    QList<QJsonObject> facesJsonLines(const QStringList &extra);

    QTemporaryDir m_tmp;
    QString m_photos;
    QString m_catalog;
    QString m_modelsDir;
    bool m_scanned = false;
};

void TestCli::initTestCase()
{
    QVERIFY2(QFileInfo(QStringLiteral(FACEFOLIO_CLI)).isExecutable(), FACEFOLIO_CLI);
    QVERIFY(m_tmp.isValid());
    if (const QString why = test::missingForCli(); !why.isEmpty())
        QFAIL(qPrintable(why));
    const QString samples = test::samplesDir();
    m_modelsDir = ModelLocator::modelsDir();
    m_photos = m_tmp.filePath(QStringLiteral("Bilder – Ål"));
    QVERIFY(QDir().mkpath(m_photos));
    for (const QString &name : test::samplePhotoNames())
        QVERIFY(QFile::copy(samples + '/' + name, m_photos + '/' + name));
    m_catalog = m_tmp.filePath("cli catalog.sqlite");
}

QProcessEnvironment TestCli::baseEnv() const
{
    // The child never sees this user's real data dir: its default catalog
    // goes under the temporary dir, and the models are named explicitly.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("XDG_DATA_HOME", m_tmp.filePath("xdg-data"));
    env.insert("FACEFOLIO_MODELS", m_modelsDir);
    env.insert("LC_ALL", "C.UTF-8");
    return env;
}

Run TestCli::run(const QStringList &args, const QProcessEnvironment &env) const
{
    return test::runProgram(QStringLiteral(FACEFOLIO_CLI), args, env.isEmpty() ? baseEnv() : env);
}

void TestCli::noArgumentsIsUsageError()
{
    const Run r = run({});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains("usage"), qPrintable(r.describe()));
}

void TestCli::unknownCommandIsUsageError()
{
    const Run r = run({"frobnicate"});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("frobnicate"), qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

void TestCli::helpAndVersion()
{
    Run r = run({"--help"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("scan"));
    r = run({"scan", "--help"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.contains("--threads"));
    r = run({"--version"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(r.out.startsWith("facefolio-cli "));
}

void TestCli::scanWithoutFolderIsUsageError()
{
    const Run r = run({"scan", "--catalog", m_tmp.filePath("unused.sqlite")});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(!QFileInfo::exists(m_tmp.filePath("unused.sqlite")));
}

void TestCli::badThreadsIsUsageError_data()
{
    QTest::addColumn<QString>("threads");
    QTest::newRow("word") << "many";
    QTest::newRow("too many") << "257";
    QTest::newRow("negative") << "-3";
    QTest::newRow("fraction") << "1.5";
    QTest::newRow("empty") << "";
}

void TestCli::badThreadsIsUsageError()
{
    QFETCH(QString, threads);
    const Run r =
        run({"scan", "--threads", threads, "--catalog", m_tmp.filePath("unused.sqlite"), m_photos});
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("threads"), qPrintable(r.describe()));
    QVERIFY(!QFileInfo::exists(m_tmp.filePath("unused.sqlite")));
}

void TestCli::unknownOptionIsUsageError()
{
    for (const char *cmd : {"scan", "faces", "stats"}) {
        const Run r = run({QString::fromLatin1(cmd), "--no-such-option", m_photos});
        QVERIFY2(r.exitCode == 2, qPrintable(QString::fromLatin1(cmd) + ": " + r.describe()));
        QVERIFY2(r.err.contains("no-such-option"), qPrintable(r.describe()));
    }
}

void TestCli::missingArcFaceModelIsOneClearError()
{
    // Every model but the ArcFace encoder: a scan with it says what to run,
    // and one with --encoder dlib still works.
    const QString partial = m_tmp.filePath("no arcface");
    QVERIFY(QDir().mkpath(partial));
    for (const QFileInfo &f : QDir(m_modelsDir).entryInfoList(QDir::Files))
        if (f.suffix() != QLatin1String("onnx"))
            QVERIFY(QFile::copy(f.filePath(), partial + '/' + f.fileName()));
    QProcessEnvironment env = baseEnv();
    env.insert("FACEFOLIO_MODELS", partial);
    const QString catalog = m_tmp.filePath("no-arcface.sqlite");
    const Run r = run({"scan", "--catalog", catalog, m_photos}, env);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("packaging/setup.sh"), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("fr_feature.onnx"), qPrintable(r.describe()));
    QCOMPARE(r.errLines().size(), 1);
    const Run dlib = run({"scan", "--encoder", "dlib", "--catalog", catalog, m_photos}, env);
    QVERIFY2(dlib.exitCode == 0, qPrintable(dlib.describe()));
}

void TestCli::missingModelsNameSetup()
{
    const QString empty = m_tmp.filePath("no models here");
    QVERIFY(QDir().mkpath(empty));
    QProcessEnvironment env = baseEnv();
    env.insert("FACEFOLIO_MODELS", empty);
    const Run r = run({"scan", "--catalog", m_tmp.filePath("unused.sqlite"), m_photos}, env);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.err.contains("packaging/setup.sh"), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(empty.toUtf8()), qPrintable(r.describe()));
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY(r.out.isEmpty());
    QVERIFY(!QFileInfo::exists(m_tmp.filePath("unused.sqlite")));
}

void TestCli::nonexistentFolderFails()
{
    const QString nowhere = m_tmp.filePath("kein Ordner");
    const Run r = run({"scan", "--catalog", m_tmp.filePath("unused.sqlite"), nowhere});
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.contains(nowhere.toUtf8()), qPrintable(r.describe()));
    QVERIFY2(r.err.contains("does not exist"), qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
}

void TestCli::aSecondScanOfACatalogIsRefused()
{
    // This process holds the catalog's scan lock, as a running scan does.
    const QString catalog = m_tmp.filePath(QStringLiteral("locked.sqlite"));
    const QString folder = m_tmp.filePath(QStringLiteral("empty folder"));
    QVERIFY(QDir().mkpath(folder));
    ScanLock held(catalog);
    QVERIFY2(held.tryLock(QStringLiteral("scan")), qPrintable(held.errorString()));
    Run r = run({"scan", "--catalog", catalog, folder});
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QCOMPARE(r.errLines().size(), 1);
    QVERIFY2(r.err.contains("another scan") &&
                 r.err.contains(QByteArray::number(QCoreApplication::applicationPid())),
             qPrintable(r.describe()));
    held.unlock();
    r = run({"scan", "--catalog", catalog, folder});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
}

void TestCli::catalogThatIsNotADatabaseFails()
{
    const QString notDb = m_tmp.filePath("notes.txt");
    const QByteArray text("These are my notes, not a catalog.\n");
    QVERIFY(test::writeFile(notDb, text));
    for (const QStringList &args : {QStringList{"stats", "--catalog", notDb},
                                    QStringList{"faces", "--json", "--catalog", notDb},
                                    QStringList{"scan", "--catalog", notDb, m_photos}}) {
        const Run r = run(args);
        QVERIFY2(r.exitCode == 1, qPrintable(args.join(' ') + "\n" + r.describe()));
        QCOMPARE(r.errLines().size(), 1);
        QVERIFY2(r.err.contains(notDb.toUtf8()), qPrintable(r.describe()));
        QVERIFY(r.out.isEmpty());
    }
    QCOMPARE(test::readFile(notDb), text);
}

void TestCli::scanPrintsOneSummaryLine()
{
    const Run r = run({"scan", "--threads", "2", "--catalog", m_catalog, m_photos});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QList<QByteArray> lines = r.outLines();
    QVERIFY2(lines.size() == 1, qPrintable(r.describe()));
    const QByteArray &line = lines.first();
    QVERIFY2(line.startsWith("scanned: 6 photos (6 analysed, 0 unchanged"), line.constData());
    int faces = 0;
    for (const QString &name : test::samplePhotoNames())
        faces += test::frontalFaces(name);
    QVERIFY2(line.contains(QByteArray::number(faces) + " faces, 0 failures"), line.constData());
    // Not a terminal: no progress bar escapes on stderr.
    QVERIFY2(!r.err.contains('\r') && !r.err.contains('\x1b'), qPrintable(r.describe()));
    m_scanned = true;

    const Run again = run({"scan", "--catalog", m_catalog, m_photos});
    QVERIFY2(again.exitCode == 0, qPrintable(again.describe()));
    QVERIFY2(again.out.startsWith("scanned: 6 photos (0 analysed, 6 unchanged"),
             again.out.constData());
}

void TestCli::scanListsBrokenFilesOnStderr()
{
    // Broken files are listed as "skipped PATH: reason" lines, and nothing
    // else reaches the terminal (no decoder chatter).
    const QString dir = m_tmp.filePath("mixed");
    QVERIFY(QDir().mkpath(dir));
    QVERIFY(QFile::copy(m_photos + "/sample2.jpg", dir + "/good.jpg"));
    // The landmark diagram among the samples carries a colour profile that
    // libpng warns about when left to print.
    QVERIFY(QFile::copy(test::samplesDir() + "/facemesh.png", dir + "/profile.png"));
    const QByteArray jpeg = test::readFile(m_photos + "/sample2.jpg");
    QByteArray noise(30000, Qt::Uninitialized);
    for (qsizetype i = 0; i < noise.size(); ++i)
        noise[i] = char((i * 7919) % 251);
    QVERIFY(
        test::writeFile(dir + "/corrupt.jpg", jpeg.left(700) + noise + QByteArray("\xFF\xD9", 2)));
    const QByteArray png = test::encode(QImage(300, 200, QImage::Format_RGB32), "PNG");
    QVERIFY(test::writeFile(dir + "/cut.png", png.left(60)));
    QVERIFY(test::writeFile(dir + "/empty.jpg", QByteArray()));

    const Run r = run({"scan", "--catalog", m_tmp.filePath("mixed.sqlite"), dir});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.outLines().size(), 1);
    QVERIFY2(r.out.contains("5 photos (2 analysed") && r.out.contains("3 failures"),
             qPrintable(r.describe()));
    const QList<QByteArray> lines = r.errLines();
    int skipped = 0;
    for (const QByteArray &line : lines)
        skipped += line.startsWith("skipped " + dir.toUtf8() + '/');
    QCOMPARE(skipped, 3);
    QCOMPARE(lines.size(), 3);
}

QList<QJsonObject> TestCli::facesJsonLines(const QStringList &extra)
{
    QList<QJsonObject> out;
    const Run r = run(QStringList{"faces", "--json", "--catalog", m_catalog} + extra);
    if (r.exitCode != 0) {
        qWarning("%s", qPrintable(r.describe()));
        return out;
    }
    for (const QByteArray &line : r.outLines()) {
        QJsonParseError err;
        const QJsonDocument doc = QJsonDocument::fromJson(line, &err);
        if (err.error != QJsonParseError::NoError || !doc.isObject()) {
            qWarning("not a JSON object: %s", line.constData());
            return {};
        }
        out << doc.object();
    }
    return out;
}

// A new user runs `scan` and then `people`: the list is empty until the
// faces are grouped, and stderr says so instead of printing nothing.
void TestCli::peopleSaysWhatToDoNext()
{
    const QString catalog = m_tmp.filePath(QStringLiteral("people hint.sqlite"));
    const Run empty = run({"people", "--catalog", catalog});
    QVERIFY2(empty.exitCode == 0 && empty.out.isEmpty(), qPrintable(empty.describe()));
    QVERIFY2(empty.err.contains("no people yet") && empty.err.contains("facefolio-cli scan"),
             qPrintable(empty.describe()));

    // Each sample photo shows other people, so a person needs a second photo
    // of someone: sample1 again, mirrored and smaller.
    const QString photos = m_tmp.filePath(QStringLiteral("people hint photos"));
    QVERIFY(QDir().mkpath(photos));
    QVERIFY(QFile::copy(m_photos + "/sample1.jpg", photos + "/sample1.jpg"));
    const QImage first(m_photos + "/sample1.jpg");
    QVERIFY(test::writeFile(
        photos + "/sample1 again.jpg",
        test::encode(first.mirrored(true, false).scaled(first.size() * 0.7), "JPEG", 90)));
    QVERIFY(run({"scan", "--catalog", catalog, photos}).exitCode == 0);
    const Run before = run({"people", "--catalog", catalog});
    QVERIFY2(before.exitCode == 0 && before.out.isEmpty(), qPrintable(before.describe()));
    QVERIFY2(before.err.contains("not grouped into people yet") &&
                 before.err.contains("facefolio-cli cluster"),
             qPrintable(before.describe()));

    QVERIFY(run({"cluster", "--catalog", catalog}).exitCode == 0);
    const Run after = run({"people", "--catalog", catalog});
    QVERIFY2(after.exitCode == 0 && !after.outLines().isEmpty(), qPrintable(after.describe()));
    QVERIFY2(after.err.isEmpty(), qPrintable(after.describe()));
}

void TestCli::facesJson()
{
    QVERIFY2(m_scanned, "needs scanPrintsOneSummaryLine");
    const QList<QJsonObject> faces = facesJsonLines({});
    int expected = 0;
    for (const QString &name : test::samplePhotoNames())
        expected += test::frontalFaces(name);
    QCOMPARE(int(faces.size()), expected);
    QSet<qint64> ids;
    QHash<QString, int> perPhoto;
    for (const QJsonObject &o : faces) {
        const QString dump = QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
        for (const char *key : {"face_id", "photo", "box", "person_id", "person_name"})
            QVERIFY2(o.contains(QLatin1String(key)), qPrintable(dump));
        QVERIFY2(!o.contains("embedding"), qPrintable(dump));
        QVERIFY(o["face_id"].isDouble());
        ids.insert(o["face_id"].toInteger());
        const QString photo = o["photo"].toString();
        QVERIFY2(QFileInfo(photo).isAbsolute() && QFileInfo::exists(photo), qPrintable(dump));
        QVERIFY2(photo.startsWith(m_photos), qPrintable(dump)); // non-ASCII path intact
        ++perPhoto[QFileInfo(photo).fileName()];
        const QJsonArray box = o["box"].toArray();
        QCOMPARE(box.size(), 4);
        for (const QJsonValue &v : box)
            QVERIFY2(v.isDouble() && v.toDouble() == std::floor(v.toDouble()), qPrintable(dump));
        const QRect rect(box[0].toInt(), box[1].toInt(), box[2].toInt(), box[3].toInt());
        const QSize size = QImageReader(photo).size();
        QVERIFY2(rect.width() > 0 && rect.height() > 0, qPrintable(dump));
        QVERIFY2(QRect(QPoint(0, 0), size).contains(rect), qPrintable(dump));
        QVERIFY2(o["person_id"].isNull(), qPrintable(dump));
        QVERIFY2(o["person_name"].isNull(), qPrintable(dump));
    }
    QCOMPARE(int(ids.size()), int(faces.size()));
    for (const QString &name : test::samplePhotoNames())
        QCOMPARE(perPhoto.value(name), test::frontalFaces(name));
}

void TestCli::facesJsonWithEmbeddings()
{
    QVERIFY2(m_scanned, "needs scanPrintsOneSummaryLine");
    const QList<QJsonObject> plain = facesJsonLines({});
    const QList<QJsonObject> faces = facesJsonLines({"--with-embeddings"});
    QCOMPARE(faces.size(), plain.size());
    QVERIFY(!faces.isEmpty());
    for (qsizetype i = 0; i < faces.size(); ++i) {
        const QJsonArray e = faces[i]["embedding"].toArray();
        // A new catalog is ArcFace's: 512 floats of norm 1.
        QCOMPARE(faces[i]["encoder"].toString(), QStringLiteral("arcface"));
        QCOMPARE(e.size(), 512);
        double sum = 0;
        for (const QJsonValue &v : e) {
            QVERIFY(v.isDouble() && std::isfinite(v.toDouble()));
            sum += v.toDouble() * v.toDouble();
        }
        QVERIFY2(std::sqrt(sum) > 0.2 && std::sqrt(sum) < 2.0, qPrintable(QString::number(sum)));
        QCOMPARE(faces[i]["face_id"], plain[i]["face_id"]);
        QCOMPARE(faces[i]["box"], plain[i]["box"]);
    }
}

void TestCli::facesArray()
{
    QVERIFY2(m_scanned, "needs scanPrintsOneSummaryLine");
    const Run r = run({"faces", "--json", "--array", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QJsonDocument doc = QJsonDocument::fromJson(r.out);
    QVERIFY(doc.isArray());
    QCOMPARE(doc.array().size(), facesJsonLines({}).size());
}

// What the detector missed (issue 18): a face drawn where one was lost comes
// back as a manual face in faces --json, in the person asked for; a person
// is tagged on a photo without a face; bad boxes and unknown photos fail cleanly.
void TestCli::addFaceTagAndUntag()
{
    QVERIFY2(m_scanned, "needs scanPrintsOneSummaryLine");
    const QString catalog = m_tmp.filePath(QStringLiteral("manual.sqlite"));
    QVERIFY(QFile::copy(m_catalog, catalog));
    QList<QJsonObject> faces;
    const Run all = run({"faces", "--json", "--catalog", catalog});
    for (const QByteArray &line : all.outLines())
        faces << QJsonDocument::fromJson(line).object();
    QVERIFY(!faces.isEmpty());
    const QJsonObject lost = faces.first();
    const QJsonArray b = lost.value("box").toArray();
    const QString box = QStringLiteral("%1,%2,%3,%4")
                            .arg(b[0].toInt())
                            .arg(b[1].toInt())
                            .arg(b[2].toInt())
                            .arg(b[3].toInt());
    const QString photo = lost.value("photo").toString();
    // Drawn on a face that is there: refused.
    const Run twice = run({"add-face", photo, "--box", box, "--catalog", catalog});
    QCOMPARE(twice.exitCode, 1);
    QVERIFY2(twice.err.contains("already"), qPrintable(twice.describe()));
    {
        Catalog c(catalog);
        QVERIFY(c.open());
        QSqlQuery q(c.database());
        QVERIFY(q.exec(QStringLiteral("DELETE FROM faces WHERE id = %1")
                           .arg(lost.value("face_id").toInteger())));
    }
    const Run added =
        run({"add-face", photo, "--box", box, "--person", "new", "--catalog", catalog});
    QVERIFY2(added.exitCode == 0, qPrintable(added.describe()));
    const qint64 id = added.out.trimmed().toLongLong();
    QVERIFY(id > 0);
    bool seen = false;
    for (const QByteArray &line : run({"faces", "--json", "--catalog", catalog}).outLines()) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        if (o.value("face_id").toInteger() != id)
            continue;
        seen = true;
        QVERIFY(o.value("manual").toBool());
        QVERIFY(!o.value("person_id").isNull());
        QCOMPARE(o.value("box").toArray(), b);
    }
    QVERIFY(seen);
    for (const QJsonObject &o : faces)
        QVERIFY(o.contains("manual") && !o.value("manual").toBool());
    // A person with a face on the photo is not tagged there too; one seen
    // only on other photos is, and untag and undo take it off and back.
    QList<QJsonObject> now;
    for (const QByteArray &line : run({"faces", "--json", "--catalog", catalog}).outLines())
        now << QJsonDocument::fromJson(line).object();
    QSet<qint64> onPhoto;
    for (const QJsonObject &o : std::as_const(now))
        if (o.value("photo").toString() == photo && !o.value("person_id").isNull())
            onPhoto.insert(o.value("person_id").toInteger());
    // A face of another photo made into a person of its own.
    qint64 other = 0;
    for (const QJsonObject &o : std::as_const(now))
        if (o.value("photo").toString() != photo)
            other = o.value("face_id").toInteger();
    QVERIFY(other > 0);
    const Run moved = run({"move", QString::number(other), "--to", "new", "--catalog", catalog});
    QVERIFY2(moved.exitCode == 0, qPrintable(moved.describe()));
    QString elsewhere;
    for (const QByteArray &line : run({"faces", "--json", "--catalog", catalog}).outLines())
        if (const QJsonObject o = QJsonDocument::fromJson(line).object();
            o.value("face_id").toInteger() == other)
            elsewhere = QString::number(o.value("person_id").toInteger());
    QVERIFY(!onPhoto.isEmpty());
    const Run twiceTagged =
        run({"tag", photo, "--person", QString::number(*onPhoto.begin()), "--catalog", catalog});
    QCOMPARE(twiceTagged.exitCode, 1);
    QVERIFY2(twiceTagged.err.contains("already has a face"), qPrintable(twiceTagged.describe()));
    QVERIFY(!elsewhere.isEmpty() && elsewhere != QLatin1String("0"));
    const Run tag = run({"tag", photo, "--person", elsewhere, "--catalog", catalog});
    QVERIFY2(tag.exitCode == 0, qPrintable(tag.describe()));
    // photos --with (issue 19): the tagged person and one with a face there
    // are together on exactly that photo; unknown names and --only alone fail.
    const QString both = QString::number(*onPhoto.begin()) + u',' + elsewhere;
    const Run together = run({"photos", "--with", both, "--json", "--catalog", catalog});
    QVERIFY2(together.exitCode == 0, qPrintable(together.describe()));
    QCOMPARE(together.outLines().size(), 1);
    QCOMPARE(
        QJsonDocument::fromJson(together.outLines().first()).object().value("photo").toString(),
        photo);
    QCOMPARE(
        run({"photos", "--with", both + QStringLiteral(",nobody"), "--catalog", catalog}).exitCode,
        1);
    QCOMPARE(run({"photos", "--only", "--catalog", catalog}).exitCode, 2);
    // A birth date: set, shown in people --json and as an age on the photo
    // in photos --with, refused when it is no date, and undone.
    const QString born = QString::number(*onPhoto.begin());
    const Run dated = run({"birthdate", born, "2016-02-29", "--catalog", catalog});
    QVERIFY2(dated.exitCode == 0, qPrintable(dated.describe()));
    QCOMPARE(run({"birthdate", born, "2016-02-30", "--catalog", catalog}).exitCode, 2);
    QCOMPARE(run({"birthdate", born, "2999-01-01", "--catalog", catalog}).exitCode, 1);
    QCOMPARE(run({"birthdate", "nobody", "2016-01-01", "--catalog", catalog}).exitCode, 1);
    QString listed;
    for (const QByteArray &line : run({"people", "--json", "--catalog", catalog}).outLines()) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QVERIFY2(o.contains("birth_date"), line.constData());
        if (QString::number(o.value("id").toInteger()) == born)
            listed = o.value("birth_date").toString();
        else
            QVERIFY(o.value("birth_date").isNull());
    }
    QCOMPARE(listed, QStringLiteral("2016-02-29"));
    {
        const QJsonObject shown =
            QJsonDocument::fromJson(
                run({"photos", "--with", both, "--json", "--catalog", catalog}).outLines().value(0))
                .object();
        Catalog c(catalog);
        QVERIFY(c.open());
        qint64 shownMs = 0;
        for (const PhotoRecord &p : c.photosWith({born.toLongLong()}, false))
            if (p.path == photo)
                shownMs = p.shownMs();
        const auto age = ageOn(QDate(2016, 2, 29), QDateTime::fromMSecsSinceEpoch(shownMs).date());
        QVERIFY(age);
        QCOMPARE(shown.value("ages").toObject().value(born).toString(), ageText(*age));
        QVERIFY(!shown.value("ages").toObject().contains(elsewhere));
    }
    // Export of the two together: one folder, named after both.
    const QString out = m_tmp.filePath(QStringLiteral("together out"));
    const Run exported =
        run({"export", out, "--together", both, "--only", "--json", "--catalog", catalog});
    QVERIFY2(exported.exitCode == 0, qPrintable(exported.describe()));
    const QStringList folders = QDir(out).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(folders.size(), 1);
    QVERIFY2(folders.first().contains(QStringLiteral(" + ")), qPrintable(folders.first()));
    QCOMPARE(QDir(out + u'/' + folders.first()).entryList({"*.jpg"}, QDir::Files).size(), 1);
    QCOMPARE(run({"export", out, "--only", "--catalog", catalog}).exitCode, 2);
    QCOMPARE(run({"undo", "--catalog", catalog}).exitCode, 0);
    for (const QByteArray &line : run({"people", "--json", "--catalog", catalog}).outLines())
        QVERIFY(QJsonDocument::fromJson(line).object().value("birth_date").isNull());
    QCOMPARE(run({"untag", photo, "--person", elsewhere, "--catalog", catalog}).exitCode, 0);
    const Run undone = run({"undo", "--catalog", catalog});
    QVERIFY2(undone.err.isEmpty() && undone.out.contains("Untag"), qPrintable(undone.describe()));
    QCOMPARE(run({"tag", photo, "--person", "nobody", "--catalog", catalog}).exitCode, 1);
    QCOMPARE(run({"add-face", photo, "--box", "1,2,3", "--catalog", catalog}).exitCode, 2);
    const Run off = run({"add-face", photo, "--box", "90000,10,100,100", "--catalog", catalog});
    QCOMPARE(off.exitCode, 1);
    QVERIFY2(off.err.contains("does not lie"), qPrintable(off.describe()));
    QCOMPARE(
        run({"add-face", m_tmp.filePath("nowhere.jpg"), "--box", "1,1,50,50", "--catalog", catalog})
            .exitCode,
        1);
}

void TestCli::exportDryRunAndRun()
{
    const QString out = m_tmp.filePath("export out");
    Run r = run({"export", "--catalog", m_catalog});
    QCOMPARE(r.exitCode, 2);
    r = run({"export", out, "--mode", "teleport", "--catalog", m_catalog});
    QCOMPARE(r.exitCode, 2);
    r = run({"export", out, "--persons", "Nobody Known", "--catalog", m_catalog});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.contains("Nobody Known"), qPrintable(r.describe()));

    // Unknown faces are all this catalog has until someone clusters it.
    r = run({"export", out, "--include-unknown", "--dry-run", "--json", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY(!QFileInfo::exists(out));
    const QList<QByteArray> lines = r.outLines();
    QVERIFY(lines.size() >= 2);
    int creates = 0;
    for (const QByteArray &line : lines.mid(0, lines.size() - 1)) {
        const QJsonObject o = QJsonDocument::fromJson(line).object();
        QCOMPARE(o.value("action").toString(), QString("create"));
        QVERIFY(o.value("target").toString().startsWith("_Unknown/"));
        QVERIFY(QFileInfo::exists(o.value("source").toString()));
        ++creates;
    }
    QVERIFY(QJsonDocument::fromJson(lines.last()).object().value("ok").toBool());

    r = run({"export", out, "--include-unknown", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.contains(QStringLiteral("exported: %1 new").arg(creates).toUtf8()),
             qPrintable(r.describe()));
    QVERIFY(QFileInfo::exists(out + "/facefolio-export.json"));
    r = run({"export", out, "--include-unknown", "--catalog", m_catalog});
    QVERIFY2(r.out.contains(QStringLiteral("0 new, %1 unchanged").arg(creates).toUtf8()),
             qPrintable(r.describe()));
}

void TestCli::statsJson()
{
    QVERIFY2(m_scanned, "needs scanPrintsOneSummaryLine");
    const Run r = run({"stats", "--json", "--failures", "--catalog", m_catalog});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QJsonParseError err;
    const QJsonObject o = QJsonDocument::fromJson(r.out, &err).object();
    QVERIFY2(err.error == QJsonParseError::NoError, qPrintable(r.describe()));
    QCOMPARE(o["catalog"].toString(), m_catalog);
    QCOMPARE(o["schema_version"].toInt(), Catalog::kSchemaVersion);
    QCOMPARE(o["photos"].toInt(), 6);
    QCOMPARE(o["photos_with_faces"].toInt(), 6);
    QCOMPARE(o["failed"].toInt(), 0);
    QCOMPARE(o["missing"].toInt(), 0);
    QCOMPARE(o["faces"].toInt(), int(facesJsonLines({}).size()));
    QCOMPARE(o["whole_image_faces"].toInt(), 0);
    QCOMPARE(o["persons"].toInt(), 0);
    QCOMPARE(o["assigned_faces"].toInt(), 0);
    QCOMPARE(o["failures"].toArray().size(), 0);

    const Run text = run({"stats", "--catalog", m_catalog});
    QVERIFY2(text.exitCode == 0, qPrintable(text.describe()));
    QVERIFY2(text.out.contains("photos    6"), text.out.constData());
}

void TestCli::statsDefaultsToTheUserCatalog()
{
    // Without --catalog the catalog lives in the user's XDG data dir.
    const Run r = run({"stats", "--json"});
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QString expected = m_tmp.filePath("xdg-data/facefolio/catalog.sqlite");
    QCOMPARE(QJsonDocument::fromJson(r.out).object()["catalog"].toString(), expected);
    QVERIFY(QFileInfo::exists(expected));
    QCOMPARE(QJsonDocument::fromJson(r.out).object()["photos"].toInt(), 0);
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
