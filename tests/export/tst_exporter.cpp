// Export: one folder per person with names that are safe on any file system,
// the three modes, a second run that writes nothing, re-exports after renames
// and merges that touch only Facefolio's own files, a manifest that always
// matches the disk, XMP face regions that read back, and failures (disk
// full, photo gone, hostile folders) that leave everything consistent.

#include "analysis/faceanalyzer.h"
#include "catalog/catalog.h"
#include "export/exporter.h"
#include "export/safename.h"
#include "metadata/xmpregions.h"
#include "people/peopleservice.h"
#include "testsupport.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>

using namespace facefolio;

namespace {

QByteArray digest(const QString &path)
{
    return QCryptographicHash::hash(test::readFile(path), QCryptographicHash::Sha256).toHex();
}

ino_t inode(const QString &path)
{
    struct stat st;
    return ::lstat(QFile::encodeName(path).constData(), &st) == 0 ? st.st_ino : 0;
}

/// Every file under `dir`, relative, sorted, with its size and time.
QStringList tree(const QString &dir)
{
    QStringList out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        it.next();
        const QFileInfo fi = it.fileInfo();
        out << QStringLiteral("%1 %2 %3 %4")
                   .arg(QDir(dir).relativeFilePath(fi.filePath()))
                   .arg(fi.size())
                   .arg(fi.lastModified().toMSecsSinceEpoch())
                   .arg(inode(fi.filePath()));
    }
    out.sort();
    return out;
}

QStringList kinds(const ExportResult &r)
{
    static const char *names[] = {"create", "keep", "move", "remove", "leave", "skip"};
    QStringList out;
    for (const ExportAction &a : r.actions)
        out << QStringLiteral("%1 %2%3").arg(
            QLatin1String(names[a.kind]), a.from.isEmpty() ? QString() : a.from + " -> ", a.target);
    return out;
}

} // namespace

class TestExporter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanNames_data();
    void cleanNames();
    void cleanedNamesStayInside();
    void uniqueNamesIgnoreCase();
    void onePhotoFolderPerPerson();
    void unnamedAndUnknownOnlyWhenAsked();
    void personsByIdOrName();
    void secondRunWritesNothing();
    void reexportAfterRenameAndMerge();
    void changedFilesAreLeftAlone();
    void hardlinksAndSymlinks();
    void dryRunIsThePlan();
    void manifestMatchesTheDisk();
    void xmpRegionsReadBack();
    void xmpFromOtherTools();
    void diskFullMidExport();
    void photoGoneSinceTheScan();
    void hostileFoldersInOut();
    void outThatIsAFileIsRefused();
    void aTaggedPhotoWithoutAFaceIsExported();
    void togetherIsOneFolderThatOtherExportsLeaveAlone();

private:
    QString photo(const QString &rel, const QColor &colour, int w = 640, int h = 480);
    qint64 addPhoto(const QString &path, const QList<QRect> &boxes);
    QList<qint64> facesOf(qint64 photoId);
    ExportResult exportNow(ExportOptions o = {});
    QString catalogDigest();

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_catalog, m_out, m_a1, m_b1, m_c;
    qint64 m_anna = 0, m_bo = 0, m_unnamed = 0;
};

QString TestExporter::photo(const QString &rel, const QColor &colour, int w, int h)
{
    QImage img(w, h, QImage::Format_RGB32);
    img.fill(colour);
    for (int y = 0; y < h; y += 7) // some texture, so files are not tiny
        for (int x = 0; x < w; x += 5)
            img.setPixelColor(x, y, QColor((x * 7) % 256, (y * 3) % 256, (x + y) % 256));
    const QString path = m_tmp->filePath(rel);
    QDir().mkpath(QFileInfo(path).path());
    test::writeFile(path, test::encode(img, rel.endsWith(".png") ? "PNG" : "JPEG", 95));
    return path;
}

qint64 TestExporter::addPhoto(const QString &path, const QList<QRect> &boxes)
{
    Catalog c(m_catalog);
    if (!c.open())
        return 0;
    const QFileInfo fi(path);
    PhotoRecord p;
    p.path = path;
    p.size = fi.size();
    p.mtimeMs = fi.lastModified().toMSecsSinceEpoch();
    p.hash = digest(path).left(40);
    p.width = 640;
    p.height = 480;
    const qint64 id = c.putPhoto(p);
    std::vector<DetectedFace> faces;
    for (const QRect &b : boxes) {
        DetectedFace f;
        f.box = b;
        f.score = 1;
        f.embedding.fill(0.1f);
        faces.push_back(f);
    }
    c.replaceFaces(id, faces);
    return id;
}

QList<qint64> TestExporter::facesOf(qint64 photoId)
{
    Catalog c(m_catalog);
    c.open();
    QSqlQuery q(c.database());
    q.prepare(QStringLiteral("SELECT id FROM faces WHERE photo_id = ? ORDER BY x"));
    q.addBindValue(photoId);
    q.exec();
    QList<qint64> ids;
    while (q.next())
        ids << q.value(0).toLongLong();
    return ids;
}

ExportResult TestExporter::exportNow(ExportOptions o)
{
    o.outDir = o.outDir.isEmpty() ? m_out : o.outDir;
    o.catalogPath = m_catalog;
    return Exporter::run(o);
}

QString TestExporter::catalogDigest()
{
    Catalog c(m_catalog);
    c.open();
    QStringList rows;
    for (const char *sql : {"SELECT * FROM photos ORDER BY id",
                            "SELECT id, photo_id, x, y, w, h, "
                            "person_id, confirmed, not_face "
                            "FROM faces ORDER BY id",
                            "SELECT * FROM persons ORDER BY id"}) {
        QSqlQuery q(c.database());
        q.exec(QLatin1String(sql));
        while (q.next()) {
            QStringList cols;
            for (int i = 0; i < q.record().count(); ++i)
                cols << q.value(i).toString();
            rows << cols.join(u'|');
        }
    }
    return QString::fromLatin1(
        QCryptographicHash::hash(rows.join(u'\n').toUtf8(), QCryptographicHash::Sha256).toHex());
}

void TestExporter::init()
{
    // A small album: Anna in two photos of the same file name from two
    // folders and in a PNG; Bo in one; an unnamed person; one unknown face.
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_catalog = m_tmp->filePath("catalog.sqlite");
    m_out = m_tmp->filePath("Export – Fotos");
    m_a1 = photo("photos/2001/IMG_0001.jpg", Qt::red);
    m_b1 = photo("photos/2019/IMG_0001.jpg", Qt::blue);
    m_c = photo("photos/beach.png", Qt::green);
    const qint64 pa = addPhoto(m_a1, {QRect(64, 48, 128, 96), QRect(320, 240, 64, 48)});
    const qint64 pb = addPhoto(m_b1, {QRect(10, 20, 100, 100), QRect(400, 100, 80, 80)});
    const qint64 pc = addPhoto(m_c, {QRect(0, 0, 320, 240)});
    QVERIFY(pa && pb && pc);
    Catalog c(m_catalog);
    QVERIFY(c.open());
    PeopleService people(c);
    m_anna = people.splitToNewPerson({facesOf(pa)[0], facesOf(pb)[0], facesOf(pc)[0]}, "Anna");
    m_bo = people.splitToNewPerson({facesOf(pa)[1]}, "Bo");
    m_unnamed = people.splitToNewPerson({facesOf(pb)[1]});
    QVERIFY(m_anna > 0 && m_bo > 0 && m_unnamed > 0);
    // One more unknown face.
    const qint64 pd = addPhoto(photo("photos/crowd.jpg", Qt::gray), {QRect(5, 5, 50, 50)});
    QVERIFY(pd);
}

void TestExporter::cleanNames_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("folder");
    QTest::newRow("plain") << "Anna Kim"
                           << "Anna Kim";
    QTest::newRow("Korean") << "김민지"
                            << "김민지";
    QTest::newRow("slash") << "Anna/Bo"
                           << "Anna_Bo";
    QTest::newRow("backslash") << "Anna\\Bo"
                               << "Anna_Bo";
    QTest::newRow("parent") << ".."
                            << "";
    QTest::newRow("parent path") << "../../etc/passwd"
                                 << "_.._etc_passwd";
    QTest::newRow("dot") << "."
                         << "";
    QTest::newRow("hidden") << ".hidden"
                            << "hidden";
    QTest::newRow("spaces") << "   Oma   Lee  "
                            << "Oma Lee";
    QTest::newRow("control") << QStringLiteral("Tab\tand\nnewline\x01") << "Tab_and_newline_";
    QTest::newRow("windows") << "a:b*c?d\"e<f>g|h"
                             << "a_b_c_d_e_f_g_h";
    QTest::newRow("trailing dot") << "Jr."
                                  << "Jr";
    QTest::newRow("device") << "CON"
                            << "CON_";
    QTest::newRow("device with extension") << "nul.txt"
                                           << "nul.txt_";
    QTest::newRow("empty") << ""
                           << "";
    QTest::newRow("only separators") << "///"
                                     << "";
    QTest::newRow("decomposed") << QStringLiteral("Zoe\u0308") << QStringLiteral("Zo\u00eb");
}

void TestExporter::cleanNames()
{
    QFETCH(QString, name);
    QFETCH(QString, folder);
    QCOMPARE(SafeName::clean(name), folder);
}

void TestExporter::cleanedNamesStayInside()
{
    // Long names are cut at a character boundary below the byte limit, and no
    // cleaned name can step out of its folder.
    const QString korean = QString(200, QChar(0xAE40)); // 600 bytes in UTF-8
    const QString cut = SafeName::clean(korean);
    QVERIFY(cut.toUtf8().size() <= SafeName::kMaxBytes);
    QVERIFY(cut.toUtf8().size() > SafeName::kMaxBytes - 3);
    QCOMPARE(QString::fromUtf8(cut.toUtf8()), cut);
    const QString emoji = QString::fromUtf8("\xF0\x9F\x98\x80").repeated(100);
    QVERIFY(QString::fromUtf8(SafeName::clean(emoji).toUtf8()) == SafeName::clean(emoji));
    for (const char *evil : {"../x", "..\\..\\x", "/etc", "~/x", "a/../../b", " .. "}) {
        const QString c = SafeName::clean(QString::fromUtf8(evil));
        QVERIFY2(!c.contains(u'/') && !c.startsWith(u'.') && c != "..", qPrintable(c));
    }
}

void TestExporter::uniqueNamesIgnoreCase()
{
    QSet<QString> taken;
    QCOMPARE(SafeName::unique("Anna", taken), QString("Anna"));
    QCOMPARE(SafeName::unique("anna", taken), QString("anna (2)"));
    QCOMPARE(SafeName::unique("ANNA", taken), QString("ANNA (3)"));
    QSet<QString> files;
    QCOMPARE(SafeName::unique("IMG_0001.JPG", files, true), QString("IMG_0001.JPG"));
    QCOMPARE(SafeName::unique("img_0001.jpg", files, true), QString("img_0001 (2).jpg"));
}

// A person tagged on a photo with no face of theirs (issue 18) finds it in
// their folder.
void TestExporter::aTaggedPhotoWithoutAFaceIsExported()
{
    const QString back = photo(QStringLiteral("album/back of Bo.jpg"), Qt::darkGreen);
    const qint64 id = addPhoto(back, {});
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        QVERIFY(c.tagPerson(id, m_bo));
    }
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(QFileInfo::exists(QDir(m_out).filePath(QStringLiteral("Bo/back of Bo.jpg"))));
    QVERIFY(!QFileInfo::exists(QDir(m_out).filePath(QStringLiteral("Anna/back of Bo.jpg"))));
    // The sidecar names Bo where person tags without a region are read, and
    // draws no region for him.
    const QByteArray xmp =
        test::readFile(QDir(m_out).filePath(QStringLiteral("Bo/back of Bo.jpg.xmp")));
    QVERIFY2(xmp.contains("People/Bo") && xmp.contains("PersonInImage"), xmp.constData());
    QVERIFY(XmpRegions::read(xmp).isEmpty());
    // A photo with regions lists its people there too.
    const QByteArray withFaces =
        test::readFile(QDir(m_out).filePath(QStringLiteral("Anna/IMG_0001.jpg.xmp")));
    QVERIFY(withFaces.contains("People/Anna"));
    QCOMPARE(XmpRegions::read(withFaces).size(), 2);
}

void TestExporter::togetherIsOneFolderThatOtherExportsLeaveAlone()
{
    // Anna and Bo are on photo a1; Anna, the unnamed person (named Cy here)
    // and Bo, tagged without a face, on b1.
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        PeopleService people(c);
        QVERIFY(people.rename(m_unnamed, QStringLiteral("Cy")));
        QVERIFY(people.setBirthDate(m_anna, QDate(1988, 2, 29)));
        for (const PhotoRecord &p : c.photosOfPerson(m_anna))
            if (p.path == m_b1)
                QVERIFY(people.tagPerson(p.id, m_bo));
    }
    ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    const QStringList perPerson = tree(m_out);

    ExportOptions together;
    together.together = {QStringLiteral("anna"), QString::number(m_bo)};
    r = exportNow(together);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.created, 2);
    const QDir out(m_out);
    QStringList both = QDir(out.filePath("Anna + Bo")).entryList({"*.jpg"}, QDir::Files);
    both.sort();
    QCOMPARE(both, QStringList({"IMG_0001 (2).jpg", "IMG_0001.jpg"}));
    QCOMPARE(digest(out.filePath("Anna + Bo/IMG_0001.jpg")), digest(m_a1));
    // The folders per person are as they were (the manifest aside).
    QStringList now = tree(m_out);
    for (const QString &line : perPerson)
        if (!line.startsWith(QLatin1String("facefolio-export")))
            QVERIFY2(now.contains(line), qPrintable(line));

    // A full export afterwards keeps the folder of both; a second run of
    // the same "together" writes nothing.
    r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.removed, 0);
    QVERIFY(QFileInfo::exists(out.filePath("Anna + Bo/IMG_0001 (2).jpg")));
    r = exportNow(together);
    QCOMPARE(r.created + r.moved + r.removed, 0);
    QCOMPARE(r.kept, 2);

    // Only them: Cy is named and on b1, so b1 leaves the folder.
    together.togetherOnly = true;
    r = exportNow(together);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(QDir(out.filePath("Anna + Bo")).entryList({"*.jpg"}, QDir::Files),
             QStringList({"IMG_0001.jpg"}));
    QVERIFY(QFileInfo::exists(out.filePath("Anna/IMG_0001 (2).jpg")));

    // The manifest names the persons, with Anna's birth date.
    const QJsonObject manifest =
        QJsonDocument::fromJson(test::readFile(out.filePath("facefolio-export.json"))).object();
    QMap<QString, QString> born;
    for (const QJsonValue &v : manifest.value("persons").toArray())
        born.insert(v.toObject().value("name").toString(),
                    v.toObject().value("birth_date").toString("none"));
    QCOMPARE(born.value("Anna"), QStringLiteral("1988-02-29"));
    QCOMPARE(born.value("Bo"), QStringLiteral("none"));

    // Unknown persons are refused before anything is written.
    together.together = {QStringLiteral("Anna"), QStringLiteral("Nobody")};
    r = exportNow(together);
    QVERIFY(!r.ok);
    QVERIFY(r.error.contains(QStringLiteral("Nobody")));
}

void TestExporter::onePhotoFolderPerPerson()
{
    const QByteArray before = digest(m_a1) + digest(m_b1) + digest(m_c);
    const qint64 mtime = QFileInfo(m_a1).lastModified().toMSecsSinceEpoch();
    const QString catalogBefore = catalogDigest();
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.created, 4);
    const QDir out(m_out);
    // Two photos called IMG_0001.jpg from different folders both reach Anna.
    QStringList anna = QDir(out.filePath("Anna")).entryList({"*.jpg", "*.png"}, QDir::Files);
    anna.sort();
    QCOMPARE(anna, QStringList({"IMG_0001 (2).jpg", "IMG_0001.jpg", "beach.png"}));
    QCOMPARE(digest(out.filePath("Anna/IMG_0001.jpg")), digest(m_a1));
    QCOMPARE(digest(out.filePath("Anna/IMG_0001 (2).jpg")), digest(m_b1));
    QCOMPARE(digest(out.filePath("Bo/IMG_0001.jpg")),
             digest(m_a1)); // a photo in each person's folder
    QVERIFY(!out.exists("_Unknown"));
    // Originals and the catalog are untouched.
    QCOMPARE(digest(m_a1) + digest(m_b1) + digest(m_c), before);
    QCOMPARE(QFileInfo(m_a1).lastModified().toMSecsSinceEpoch(), mtime);
    QCOMPARE(catalogDigest(), catalogBefore);
    // Copies keep the photo's time, as a file manager's copy would.
    QCOMPARE(QFileInfo(out.filePath("Anna/IMG_0001.jpg")).lastModified().toMSecsSinceEpoch(),
             mtime);
}

void TestExporter::unnamedAndUnknownOnlyWhenAsked()
{
    ExportOptions o;
    o.includeUnnamed = true;
    o.includeUnknown = true;
    const ExportResult r = exportNow(o);
    QVERIFY2(r.ok, qPrintable(r.error));
    const QDir out(m_out);
    QVERIFY(out.exists(QStringLiteral("Unnamed %1/IMG_0001.jpg").arg(m_unnamed)));
    QVERIFY(out.exists("_Unknown/crowd.jpg"));
    QCOMPARE(r.created, 6);
}

void TestExporter::personsByIdOrName()
{
    ExportOptions o;
    o.persons = {"bo"};
    ExportResult r = exportNow(o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.created, 1);
    QVERIFY(!QDir(m_out).exists("Anna"));
    // Exporting Anna next leaves Bo's folder from the first run alone.
    o.persons = {QString::number(m_anna)};
    r = exportNow(o);
    QCOMPARE(r.created, 3);
    QCOMPARE(r.removed + r.moved, 0);
    QVERIFY(QDir(m_out).exists("Bo/IMG_0001.jpg"));
    QCOMPARE(exportNow().kept, 4); // and a full export after it finds all in place
    o.persons = {"Nobody"};
    r = exportNow(o);
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains("Nobody"), qPrintable(r.error));
}

void TestExporter::secondRunWritesNothing()
{
    QVERIFY(exportNow().ok);
    const QStringList first = tree(m_out);
    QTest::qWait(20); // a rewrite would show in the times
    const ExportResult again = exportNow();
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.created + again.moved + again.removed, 0);
    QCOMPARE(again.kept, 4);
    QCOMPARE(tree(m_out), first);
}

void TestExporter::reexportAfterRenameAndMerge()
{
    QVERIFY(exportNow().ok);
    const QDir out(m_out);
    const ino_t annaFile = inode(out.filePath("Anna/beach.png"));
    // Something of the user's in a person's folder, and at the top.
    QVERIFY(test::writeFile(out.filePath("Bo/notes.txt"), "Bo's birthday list"));
    QVERIFY(test::writeFile(out.filePath("README.txt"), "mine"));
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        PeopleService people(c);
        QVERIFY(people.rename(m_anna, "Oma"));
        QVERIFY(people.merge(m_bo, m_anna));
    }
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!out.exists("Anna")); // emptied and removed
    QVERIFY(out.exists("Bo/notes.txt"));
    QVERIFY(!out.exists("Bo/IMG_0001.jpg"));
    QVERIFY(out.exists("README.txt"));
    QVERIFY(out.exists("Oma/beach.png"));
    QCOMPARE(inode(out.filePath("Oma/beach.png")), annaFile); // moved, not copied again
    QCOMPARE(QDir(out.filePath("Oma")).entryList({"*.jpg", "*.png"}, QDir::Files).size(), 3);
    QCOMPARE(r.moved, 3);
}

void TestExporter::changedFilesAreLeftAlone()
{
    QVERIFY(exportNow().ok);
    const QString edited = QDir(m_out).filePath("Bo/IMG_0001.jpg");
    QVERIFY(test::writeFile(edited, "the user cropped this one"));
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        QVERIFY(PeopleService(c).rename(m_bo, "Bodo"));
    }
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(test::readFile(edited), QByteArray("the user cropped this one"));
    QCOMPARE(r.left, 1);
    QVERIFY(QDir(m_out).exists("Bodo/IMG_0001.jpg"));
    // The edited file is no longer Facefolio's: a third run leaves it too.
    const ExportResult again = exportNow();
    QCOMPARE(again.left + again.removed, 0);
    QCOMPARE(test::readFile(edited), QByteArray("the user cropped this one"));
}

void TestExporter::hardlinksAndSymlinks()
{
    ExportOptions o;
    o.mode = ExportMode::Hardlink;
    QVERIFY(exportNow(o).ok);
    QCOMPARE(inode(QDir(m_out).filePath("Anna/IMG_0001.jpg")), inode(m_a1));
    QCOMPARE(exportNow(o).created, 0);

    const QString links = m_tmp->filePath("links");
    o.outDir = links;
    o.mode = ExportMode::Symlink;
    QVERIFY(exportNow(o).ok);
    const QFileInfo link(QDir(links).filePath("Anna/IMG_0001 (2).jpg"));
    QVERIFY(link.isSymLink());
    QCOMPARE(link.symLinkTarget(), m_b1);
    QCOMPARE(exportNow(o).created, 0);

    // Changing the mode replaces Facefolio's links with copies.
    o.mode = ExportMode::Copy;
    const ExportResult r = exportNow(o);
    QVERIFY2(r.ok, qPrintable(r.error));
    QVERIFY(!QFileInfo(link.filePath()).isSymLink());
    QCOMPARE(digest(link.filePath()), digest(m_b1));
}

void TestExporter::dryRunIsThePlan()
{
    ExportOptions o;
    o.dryRun = true;
    const ExportResult plan = exportNow(o);
    QVERIFY(plan.ok);
    QVERIFY(!QFileInfo::exists(m_out));
    const ExportResult real = exportNow();
    QCOMPARE(kinds(real), kinds(plan));
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        QVERIFY(PeopleService(c).rename(m_anna, "Oma"));
    }
    const QStringList before = tree(m_out);
    const ExportResult plan2 = exportNow(o);
    QCOMPARE(tree(m_out), before);
    QCOMPARE(kinds(exportNow()), kinds(plan2));
}

void TestExporter::manifestMatchesTheDisk()
{
    ExportOptions o;
    o.includeUnknown = true;
    QVERIFY(exportNow(o).ok);
    const QJsonObject doc =
        QJsonDocument::fromJson(test::readFile(QDir(m_out).filePath("facefolio-export.json")))
            .object();
    const QJsonArray entries = doc.value("entries").toArray();
    QCOMPARE(entries.size(), 5);
    QStringList listed;
    for (const QJsonValue &v : entries) {
        const QJsonObject e = v.toObject();
        listed << e.value("target").toString();
        QVERIFY(QFileInfo::exists(QDir(m_out).filePath(e.value("target").toString())));
        QVERIFY(QFileInfo::exists(e.value("source").toString()));
        QVERIFY(!e.value("boxes").toArray().isEmpty());
    }
    QVERIFY(listed.contains("Anna/IMG_0001 (2).jpg"));
    const QList<QByteArray> csv =
        test::readFile(QDir(m_out).filePath("facefolio-export.csv")).split('\n');
    QCOMPARE(csv.first(), QByteArray("person,source,exported,boxes"));
    QCOMPARE(csv.size(), 1 + 5 + 1); // header, rows, final newline
    QVERIFY(csv.join('\n').contains("64 48 128 96"));
}

void TestExporter::xmpRegionsReadBack()
{
    QVERIFY(exportNow().ok);
    // Anna and Bo share the first photo: its sidecar names both, wherever it is.
    for (const QString rel : {"Anna/IMG_0001.jpg.xmp", "Bo/IMG_0001.jpg.xmp"}) {
        QSize dims;
        const QList<XmpFaceRegion> regions =
            XmpRegions::read(test::readFile(QDir(m_out).filePath(rel)), &dims);
        QCOMPARE(dims, QSize(640, 480));
        QCOMPARE(regions.size(), 2);
        QCOMPARE(regions[0].name, QString("Anna"));
        QCOMPARE(regions[1].name, QString("Bo"));
        const QRectF a = regions[0].area;
        QVERIFY2(std::abs(a.x() - 0.1) < 1e-5 && std::abs(a.y() - 0.1) < 1e-5 &&
                     std::abs(a.width() - 0.2) < 1e-5 && std::abs(a.height() - 0.2) < 1e-5,
                 qPrintable(QStringLiteral("%1 %2 %3 %4")
                                .arg(a.x())
                                .arg(a.y())
                                .arg(a.width())
                                .arg(a.height())));
    }
    // The packet says what MWG readers look for.
    const QByteArray xmp = test::readFile(QDir(m_out).filePath("Anna/beach.png.xmp"));
    QVERIFY(xmp.contains("mwg-rs:Type=\"Face\""));
    QVERIFY(xmp.contains("stArea:unit=\"normalized\""));
    QVERIFY(xmp.contains("stDim:w=\"640\""));
    // A renamed person's name reaches the sidecars that stay in place.
    {
        Catalog c(m_catalog);
        QVERIFY(c.open());
        QVERIFY(PeopleService(c).rename(m_bo, "Bodo"));
    }
    QVERIFY(exportNow().ok);
    const QList<XmpFaceRegion> renamed =
        XmpRegions::read(test::readFile(QDir(m_out).filePath("Anna/IMG_0001.jpg.xmp")));
    QCOMPARE(renamed.size(), 2);
    QCOMPARE(renamed[1].name, QString("Bodo"));
}

void TestExporter::xmpFromOtherTools()
{
    // Regions as digiKam writes them (MWG), and as Windows Photo Gallery does.
    const QByteArray digikam = R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:mwg-rs="http://www.metadataworkinggroup.com/schemas/regions/"
    xmlns:stArea="http://ns.adobe.com/xmp/sType/Area#"
    xmlns:stDim="http://ns.adobe.com/xap/1.0/sType/Dimensions#">
   <mwg-rs:Regions rdf:parseType="Resource">
    <mwg-rs:AppliedToDimensions stDim:w="4000" stDim:h="3000" stDim:unit="pixel"/>
    <mwg-rs:RegionList>
     <rdf:Bag>
      <rdf:li>
       <rdf:Description mwg-rs:Name="Grandpa Lee" mwg-rs:Type="Face">
        <mwg-rs:Area stArea:x="0.5" stArea:y="0.25" stArea:w="0.1" stArea:h="0.2" stArea:unit="normalized"/>
       </rdf:Description>
      </rdf:li>
      <rdf:li>
       <rdf:Description mwg-rs:Name="The dog" mwg-rs:Type="Pet">
        <mwg-rs:Area stArea:x="0.2" stArea:y="0.2" stArea:w="0.1" stArea:h="0.1" stArea:unit="normalized"/>
       </rdf:Description>
      </rdf:li>
     </rdf:Bag>
    </mwg-rs:RegionList>
   </mwg-rs:Regions>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>)";
    QSize dims;
    QList<XmpFaceRegion> r = XmpRegions::read(digikam, &dims);
    QCOMPARE(dims, QSize(4000, 3000));
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].name, QString("Grandpa Lee"));
    QCOMPARE(r[0].area, QRectF(0.45, 0.15, 0.1, 0.2));

    const QByteArray windows = R"(<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:MP="http://ns.microsoft.com/photo/1.2/"
    xmlns:MPRI="http://ns.microsoft.com/photo/1.2/t/RegionInfo#"
    xmlns:MPReg="http://ns.microsoft.com/photo/1.2/t/Region#">
   <MP:RegionInfo rdf:parseType="Resource">
    <MPRI:Regions>
     <rdf:Bag>
      <rdf:li MPReg:Rectangle="0.25, 0.5, 0.125, 0.25" MPReg:PersonDisplayName="Oma"/>
     </rdf:Bag>
    </MPRI:Regions>
   </MP:RegionInfo>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>)";
    r = XmpRegions::read(windows);
    QCOMPARE(r.size(), 1);
    QCOMPARE(r[0].name, QString("Oma"));
    QCOMPARE(r[0].area, QRectF(0.25, 0.5, 0.125, 0.25));
    QVERIFY(XmpRegions::read("<not xmp").isEmpty());
}

void TestExporter::diskFullMidExport()
{
    // A file-size limit makes the second photo's copy fail part-way, as a
    // full disk would.
    const QString catalogBefore = catalogDigest();
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    QVERIFY(::getrlimit(RLIMIT_FSIZE, &old) == 0);
    const qint64 limit =
        std::min({QFileInfo(m_a1).size(), QFileInfo(m_b1).size(), QFileInfo(m_c).size()}) / 2;
    rlimit small = old;
    small.rlim_cur = rlim_t(std::max<qint64>(limit, 20000));
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const ExportResult r = exportNow();
    QVERIFY(::setrlimit(RLIMIT_FSIZE, &old) == 0);

    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains("cannot write"), qPrintable(r.error));
    QCOMPARE(catalogDigest(), catalogBefore);
    // Nothing half-written under a real name, and the manifest lists exactly
    // the photos on disk.
    const QStringList files = tree(m_out);
    for (const QString &f : files)
        QVERIFY2(!f.contains(".facefolio-partial"), qPrintable(f));
    const QJsonArray entries =
        QJsonDocument::fromJson(test::readFile(QDir(m_out).filePath("facefolio-export.json")))
            .object()
            .value("entries")
            .toArray();
    QStringList listed, onDisk;
    for (const QJsonValue &v : entries) {
        const QString target = v.toObject().value("target").toString();
        listed << target;
        QCOMPARE(QFileInfo(QDir(m_out).filePath(target)).size(),
                 v.toObject().value("size").toInteger());
    }
    for (const QString &f : files) {
        const QString rel = f.section(u' ', 0, -4);
        if (!rel.endsWith(".xmp") && !rel.startsWith("facefolio-export"))
            onDisk << rel;
    }
    listed.sort();
    onDisk.sort();
    QCOMPARE(onDisk, listed);
    // With room again, the export completes.
    const ExportResult again = exportNow();
    QVERIFY2(again.ok, qPrintable(again.error));
    QCOMPARE(again.created + again.kept, 4);
}

void TestExporter::photoGoneSinceTheScan()
{
    QVERIFY(QFile::remove(m_c));
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.skipped, 1);
    QCOMPARE(r.created, 3);
    bool noted = false;
    for (const ExportAction &a : r.actions)
        noted |= a.kind == ExportAction::Skip && a.source == m_c && a.note.contains("gone");
    QVERIFY(noted);
    QVERIFY(!QDir(m_out).exists("Anna/beach.png"));
}

void TestExporter::hostileFoldersInOut()
{
    QVERIFY(QDir().mkpath(m_out));
    const QDir out(m_out);
    // Bo's folder is a symlink loop; Anna's leads outside the export folder.
    QVERIFY(QFile::link(out.filePath("Bo"), out.filePath("Bo")));
    const QString elsewhere = m_tmp->filePath("elsewhere");
    QVERIFY(QDir().mkpath(elsewhere));
    QVERIFY(QFile::link(elsewhere, out.filePath("Anna")));
    const ExportResult r = exportNow();
    QVERIFY2(r.ok, qPrintable(r.error));
    QCOMPARE(r.skipped, 4);
    QVERIFY(QDir(elsewhere).isEmpty());
    for (const ExportAction &a : r.actions)
        QVERIFY2(a.note.contains("folder"), qPrintable(a.note));
}

void TestExporter::outThatIsAFileIsRefused()
{
    QVERIFY(test::writeFile(m_out, "a file"));
    ExportResult r = exportNow();
    QVERIFY(!r.ok);
    QVERIFY2(r.error.contains("not a folder"), qPrintable(r.error));
    ExportOptions o;
    o.outDir = m_out + "/inside";
    r = exportNow(o);
    QVERIFY(!r.ok);
    QCOMPARE(test::readFile(m_out), QByteArray("a file"));
}

QTEST_GUILESS_MAIN(TestExporter)
#include "tst_exporter.moc"
