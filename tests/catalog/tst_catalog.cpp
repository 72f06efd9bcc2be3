// Catalog: the SQLite file a scan writes. What goes in comes back out exactly,
// survives a reopen, and files that are not this version's catalog are
// refused with a clear message and left untouched.

#include "analysis/faceanalyzer.h"
#include "catalog/catalog.h"
#include "testsupport.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <cstring>

using namespace facefolio;

namespace {

PhotoRecord photo(const QString &path, const QByteArray &hash = "00ff")
{
    PhotoRecord p;
    p.path = path;
    p.size = 123456;
    p.mtimeMs = 1'700'000'000'123;
    p.hash = hash;
    p.width = 1920;
    p.height = 1280;
    p.orientation = 6;
    return p;
}

DetectedFace face(int seed, bool whole = false)
{
    DetectedFace f;
    f.box = QRect(10 * seed, 20 * seed + 1, 100 + seed, 101 + seed);
    for (size_t i = 0; i < f.landmarks.size(); ++i)
        f.landmarks[i] = QPointF(seed + i * 0.5, seed - i * 0.25);
    for (size_t i = 0; i < size_t(embeddingDims(EncoderModel::Dlib)); ++i)
        f.embedding[i] = float(std::sin(double(seed * 131 + i))) * 0.1f + 1e-7f * float(i);
    f.score = whole ? 0.0f : 0.5f + float(seed);
    f.wholeImage = whole;
    f.chipJpeg = QByteArray("\xFF\xD8\xFF chip ", 9) + QByteArray::number(seed);
    return f;
}

bool sameBits(const Embedding &a, const Embedding &b)
{
    return std::memcmp(a.data(), b.data(), sizeof(Embedding)) == 0;
}

// Runs SQL on a file through a connection of the test's own.
QString rawExec(const QString &path, const QStringList &statements)
{
    QString error;
    const QString name = QStringLiteral("raw-%1").arg(quintptr(&error));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (!db.open()) {
            error = db.lastError().text();
        } else {
            QSqlQuery q(db);
            for (const QString &s : statements) {
                if (!q.exec(s)) {
                    error = s + QStringLiteral(": ") + q.lastError().text();
                    break;
                }
            }
            q.finish();
            db.close();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return error;
}

QVariant rawValue(const QString &path, const QString &sql)
{
    QVariant v;
    const QString name = QStringLiteral("rawv-%1").arg(quintptr(&v));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        if (db.open()) {
            QSqlQuery q(db);
            if (q.exec(sql) && q.next())
                v = q.value(0);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return v;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void openCreatesSchema();
    void defaultPathIsPerUser();
    void photoRoundTrip();
    void facesRoundTrip();
    void reopenKeepsData();
    void transactionRollsBack();
    void newerCatalogIsRefused();
    void nonSqliteFileIsRefusedAndUnchanged_data();
    void nonSqliteFileIsRefusedAndUnchanged();
    void foreignSqliteIsRefusedAndUnchanged();
    void metaWithoutVersionIsRefused();
    void stats();
    void setMissing();
    void movePhotoKeepsFaceIds();
    void copyFaces();
    void manualFacesSurviveRescans();
    void photosWithAllOfThemAndOnlyThem();
    void photosUnderMatchesWholeFolders();
    void photosUnderNonAsciiFolders_data();
    void photosUnderNonAsciiFolders();
    void donePhotosByHash();
    void embeddingsKeepTheirModel();

private:
    QString m_path;
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestCatalog::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_path = m_tmp->filePath(QStringLiteral("nested/dir/catalog.sqlite"));
}

void TestCatalog::openCreatesSchema()
{
    Catalog c(m_path);
    QVERIFY2(c.open(), qPrintable(c.errorString()));
    QVERIFY(QFileInfo::exists(m_path));
    QCOMPARE(c.path(), m_path);
    QCOMPARE(c.schemaVersion(), Catalog::kSchemaVersion);
    const CatalogStats s = c.stats();
    QCOMPARE(s.photos, 0);
    QCOMPARE(s.faces, 0);
    QVERIFY(c.faces(true).empty());
    QVERIFY(c.failedPhotos().empty());
    QCOMPARE(rawValue(m_path, "PRAGMA journal_mode").toString(), QString("wal"));
}

void TestCatalog::defaultPathIsPerUser()
{
    QCOMPARE(Catalog::defaultPath(),
             QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                 QStringLiteral("/facefolio/catalog.sqlite"));
}

void TestCatalog::photoRoundTrip()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const QString dir = m_tmp->filePath("photos");
    PhotoRecord p = photo(dir + "/a.jpg", "0123456789abcdef0123456789abcdef01234567");
    const qint64 id = c.putPhoto(p);
    QVERIFY(id > 0);
    PhotoRecord failed = photo(dir + "/broken.jpg", {});
    failed.state = PhotoState::Failed;
    failed.error = QStringLiteral("truncated JPEG (no end-of-image marker)");
    const qint64 failedId = c.putPhoto(failed);
    QVERIFY(failedId > 0 && failedId != id);

    const auto under = c.photosUnder({dir});
    QCOMPARE(under.size(), 2);
    const PhotoRecord got = under.value(p.path);
    QCOMPARE(got.id, id);
    QCOMPARE(got.size, p.size);
    QCOMPARE(got.mtimeMs, p.mtimeMs);
    QCOMPARE(got.hash, p.hash);
    QCOMPARE(got.width, p.width);
    QCOMPARE(got.height, p.height);
    QCOMPARE(got.orientation, 6);
    QCOMPARE(int(got.state), int(PhotoState::Done));
    QVERIFY(got.error.isEmpty());
    QVERIFY(!got.missing);
    const PhotoRecord gotFailed = under.value(failed.path);
    QCOMPARE(int(gotFailed.state), int(PhotoState::Failed));
    QCOMPARE(gotFailed.error, failed.error);
    QVERIFY(gotFailed.hash.isEmpty());

    // The same path again updates the record in place.
    p.size = 99;
    p.width = 640;
    QCOMPARE(c.putPhoto(p), id);
    QCOMPARE(c.photosUnder({dir}).value(p.path).size, 99);
    QCOMPARE(c.photosUnder({dir}).value(p.path).width, 640);
    QCOMPARE(c.stats().photos, 2);
}

void TestCatalog::facesRoundTrip()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const qint64 id = c.putPhoto(photo(m_tmp->filePath("p/one.jpg")));
    const std::vector<DetectedFace> in{face(1), face(2, true)};
    QVERIFY2(c.replaceFaces(id, in), qPrintable(c.errorString()));

    std::vector<FaceRecord> out = c.faces(true);
    QCOMPARE(out.size(), size_t(2));
    for (size_t i = 0; i < in.size(); ++i) {
        QVERIFY(out[i].id > 0);
        QCOMPARE(out[i].photoId, id);
        QCOMPARE(out[i].photoPath, m_tmp->filePath("p/one.jpg"));
        QCOMPARE(out[i].box, in[i].box);
        QCOMPARE(out[i].score, in[i].score);
        QCOMPARE(out[i].wholeImage, in[i].wholeImage);
        QVERIFY(!out[i].personId);
        QVERIFY(out[i].personName.isEmpty());
        QVERIFY2(sameBits(out[i].embedding, in[i].embedding), "embedding bytes differ");
        QCOMPARE(c.faceChip(out[i].id), in[i].chipJpeg);
    }
    QVERIFY(out[0].id != out[1].id);
    // Without embeddings the list is the same, minus the 512 bytes each.
    const std::vector<FaceRecord> light = c.faces(false);
    QCOMPARE(light.size(), size_t(2));
    QCOMPARE(light[1].box, in[1].box);
    QCOMPARE(embeddingNorm(light[0].embedding), 0.0f);
    QVERIFY(c.faceChip(-1).isEmpty());

    // Replacing swaps the whole set.
    QVERIFY(c.replaceFaces(id, {face(7)}));
    out = c.faces(true);
    QCOMPARE(out.size(), size_t(1));
    QCOMPARE(out[0].box, face(7).box);
    QVERIFY(c.replaceFaces(id, {}));
    QVERIFY(c.faces(true).empty());
}

void TestCatalog::reopenKeepsData()
{
    qint64 photoId = 0;
    std::vector<FaceRecord> before;
    {
        Catalog c(m_path);
        QVERIFY(c.open());
        photoId = c.putPhoto(photo(m_tmp->filePath("p/x.jpg")));
        QVERIFY(c.replaceFaces(photoId, {face(3), face(4)}));
        before = c.faces(true);
    }
    Catalog again(m_path);
    QVERIFY2(again.open(), qPrintable(again.errorString()));
    QCOMPARE(again.schemaVersion(), Catalog::kSchemaVersion);
    const std::vector<FaceRecord> after = again.faces(true);
    QCOMPARE(after.size(), before.size());
    for (size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].id, before[i].id);
        QCOMPARE(after[i].box, before[i].box);
        QVERIFY(sameBits(after[i].embedding, before[i].embedding));
    }
    QCOMPARE(again.faceChip(after[0].id), face(3).chipJpeg);
    // A second connection to the same file (one per thread) sees it too.
    Catalog second(m_path);
    QVERIFY(second.open());
    QCOMPARE(second.stats().faces, 2);
}

void TestCatalog::transactionRollsBack()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    QVERIFY(c.transaction());
    const qint64 id = c.putPhoto(photo(m_tmp->filePath("p/r.jpg")));
    QVERIFY(c.replaceFaces(id, {face(1)}));
    c.rollback();
    QCOMPARE(c.stats().photos, 0);
    QCOMPARE(c.stats().faces, 0);
    QVERIFY(c.transaction());
    c.putPhoto(photo(m_tmp->filePath("p/r.jpg")));
    QVERIFY(c.commit());
    QCOMPARE(c.stats().photos, 1);
}

void TestCatalog::newerCatalogIsRefused()
{
    {
        Catalog c(m_path);
        QVERIFY(c.open());
        c.putPhoto(photo(m_tmp->filePath("p/keep.jpg")));
    }
    const int newer = Catalog::kSchemaVersion + 1;
    QCOMPARE(rawExec(m_path, {QStringLiteral("UPDATE meta SET value='%1' WHERE "
                                             "key='schema_version'")
                                  .arg(newer)}),
             QString());
    Catalog c(m_path);
    QVERIFY(!c.open());
    QVERIFY2(c.errorString().contains("newer Facefolio"), qPrintable(c.errorString()));
    QVERIFY2(c.errorString().contains(m_path), qPrintable(c.errorString()));
    // Refusing it did not "migrate" it back down or lose anything.
    QCOMPARE(rawValue(m_path, "SELECT value FROM meta WHERE key='schema_version'").toInt(), newer);
    QCOMPARE(rawValue(m_path, "SELECT count(*) FROM photos").toInt(), 1);
}

void TestCatalog::nonSqliteFileIsRefusedAndUnchanged_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::newRow("text") << QByteArray("My shopping list\n- milk\n- bread\n").repeated(200);
    QTest::newRow("jpeg") << test::encode(QImage(64, 64, QImage::Format_RGB32), "jpeg");
    QTest::newRow("half an SQLite header")
        << QByteArray("SQLite format 3\0", 16) + QByteArray(84, '\x07') + QByteArray(4000, 'z');
}

void TestCatalog::nonSqliteFileIsRefusedAndUnchanged()
{
    QFETCH(QByteArray, bytes);
    const QString path = m_tmp->filePath("notes.sqlite");
    QVERIFY(test::writeFile(path, bytes));
    {
        Catalog c(path);
        QVERIFY(!c.open());
        QVERIFY2(c.errorString().contains(path), qPrintable(c.errorString()));
        QVERIFY2(c.errorString().contains("not a Facefolio catalog"), qPrintable(c.errorString()));
        QVERIFY2(!c.errorString().contains('\n'), qPrintable(c.errorString()));
    }
    QCOMPARE(test::readFile(path), bytes);
    QVERIFY(!QFileInfo::exists(path + "-wal"));
}

void TestCatalog::foreignSqliteIsRefusedAndUnchanged()
{
    const QString path = m_tmp->filePath("contacts.db");
    QCOMPARE(rawExec(path, {"CREATE TABLE contacts (name TEXT, phone TEXT)",
                            "INSERT INTO contacts VALUES ('Åsa', '+46 8 123 45')"}),
             QString());
    const QByteArray before = test::readFile(path);
    QVERIFY(before.startsWith("SQLite format 3"));
    {
        Catalog c(path);
        QVERIFY(!c.open());
        QVERIFY2(c.errorString().contains("not a Facefolio catalog"), qPrintable(c.errorString()));
        QVERIFY2(c.errorString().contains(path), qPrintable(c.errorString()));
    }
    QCOMPARE(rawValue(path, "SELECT name FROM contacts").toString(), QString("Åsa"));
    QCOMPARE(rawValue(path, "SELECT count(*) FROM sqlite_master").toInt(), 1);
    // Another app's database must not be altered at all, not even its
    // journal mode (bytes 18-19 of the header flip to 2 for WAL).
    const QByteArray after = test::readFile(path);
    QVERIFY2(after == before,
             qPrintable(QStringLiteral("the file changed (header bytes 18-19 were %1, now %2)")
                            .arg(QString::fromLatin1(before.mid(18, 2).toHex()),
                                 QString::fromLatin1(after.mid(18, 2).toHex()))));
}

void TestCatalog::metaWithoutVersionIsRefused()
{
    QVERIFY(QDir().mkpath(QFileInfo(m_path).absolutePath()));
    QCOMPARE(rawExec(m_path, {"CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)",
                              "INSERT INTO meta VALUES ('owner', 'someone else')"}),
             QString());
    Catalog c(m_path);
    QVERIFY(!c.open());
    QVERIFY2(c.errorString().contains("not a Facefolio catalog"), qPrintable(c.errorString()));
}

void TestCatalog::stats()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const qint64 a = c.putPhoto(photo(m_tmp->filePath("p/a.jpg"), "aa"));
    const qint64 b = c.putPhoto(photo(m_tmp->filePath("p/b.jpg"), "bb"));
    const qint64 e = c.putPhoto(photo(m_tmp->filePath("p/empty.jpg"), "cc"));
    PhotoRecord bad = photo(m_tmp->filePath("p/bad.jpg"), {});
    bad.state = PhotoState::Failed;
    bad.error = QStringLiteral("not a supported image format");
    c.putPhoto(bad);
    QVERIFY(c.replaceFaces(a, {face(1), face(2), face(3)}));
    QVERIFY(c.replaceFaces(b, {face(4, true)}));
    QVERIFY(c.replaceFaces(e, {}));
    QVERIFY(c.setMissing({b}, true));

    const CatalogStats s = c.stats();
    QCOMPARE(s.photos, 4);
    QCOMPARE(s.photosWithFaces, 2);
    QCOMPARE(s.failed, 1);
    QCOMPARE(s.missing, 1);
    QCOMPARE(s.faces, 4);
    QCOMPARE(s.wholeImageFaces, 1);
    QCOMPARE(s.persons, 0);
    QCOMPARE(s.namedPersons, 0);
    QCOMPARE(s.assignedFaces, 0);

    const std::vector<PhotoRecord> failed = c.failedPhotos();
    QCOMPARE(failed.size(), size_t(1));
    QCOMPARE(failed[0].path, bad.path);
    QCOMPARE(failed[0].error, bad.error);
}

void TestCatalog::setMissing()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const QString dir = m_tmp->filePath("p");
    const qint64 a = c.putPhoto(photo(dir + "/a.jpg", "aa"));
    const qint64 b = c.putPhoto(photo(dir + "/b.jpg", "bb"));
    QVERIFY(c.replaceFaces(a, {face(1)}));
    QVERIFY(c.setMissing({a, b}, true));
    QVERIFY(c.photosUnder({dir}).value(dir + "/a.jpg").missing);
    QCOMPARE(c.stats().missing, 2);
    QCOMPARE(c.stats().faces, 1); // a missing photo keeps its faces
    QVERIFY(c.setMissing({b}, false));
    QVERIFY(!c.photosUnder({dir}).value(dir + "/b.jpg").missing);
    QCOMPARE(c.stats().missing, 1);
    QVERIFY(c.setMissing({}, true));
    // Writing the photo again means it was found: no longer missing.
    c.putPhoto(photo(dir + "/a.jpg", "aa"));
    QCOMPARE(c.stats().missing, 0);
}

void TestCatalog::movePhotoKeepsFaceIds()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const QString oldPath = m_tmp->filePath("p/old name.jpg");
    const QString newPath = m_tmp->filePath("q/new name.jpg");
    const qint64 id = c.putPhoto(photo(oldPath, "abcd"));
    QVERIFY(c.replaceFaces(id, {face(1), face(2)}));
    QVERIFY(c.setMissing({id}, true));
    const std::vector<FaceRecord> before = c.faces(true);

    PhotoRecord now = photo(newPath, "abcd");
    now.mtimeMs = 42;
    QVERIFY2(c.movePhoto(id, now), qPrintable(c.errorString()));
    const std::vector<FaceRecord> after = c.faces(true);
    QCOMPARE(after.size(), before.size());
    for (size_t i = 0; i < after.size(); ++i) {
        QCOMPARE(after[i].id, before[i].id);
        QCOMPARE(after[i].photoId, id);
        QCOMPARE(after[i].photoPath, newPath);
        QVERIFY(sameBits(after[i].embedding, before[i].embedding));
    }
    QVERIFY(c.photosUnder({m_tmp->filePath("p")}).isEmpty());
    const PhotoRecord moved = c.photosUnder({m_tmp->filePath("q")}).value(newPath);
    QCOMPARE(moved.id, id);
    QCOMPARE(moved.mtimeMs, 42);
    QCOMPARE(moved.hash, QByteArray("abcd"));
    QVERIFY(!moved.missing);
    QCOMPARE(c.stats().photos, 1);
}

// A face the user drew (issue 18) stays through every rescan, a detection
// later found on it is not added twice, and a person can be tagged on a
// photo without a face.
void TestCatalog::manualFacesSurviveRescans()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    PhotoRecord p;
    p.path = QStringLiteral("/album/back.jpg");
    p.size = 1;
    p.width = 1000;
    p.height = 800;
    const qint64 photo = c.putPhoto(p);
    DetectedFace detected;
    detected.box = QRect(100, 100, 120, 120);
    QVERIFY(c.replaceFaces(photo, {detected}));
    DetectedFace drawn;
    drawn.box = QRect(600, 300, 150, 150);
    drawn.chipJpeg = QByteArray("\xff\xd8"
                                "chip",
                                6);
    const qint64 id = c.addManualFace(photo, drawn);
    QVERIFY2(id > 0, qPrintable(c.errorString()));
    // Drawn on a face already there: refused.
    DetectedFace again = detected;
    again.box.translate(5, 5);
    QCOMPARE(c.addManualFace(photo, again), 0);
    QVERIFY(c.errorString().contains(QLatin1String("already")));
    // A rescan that finds nothing, then one that finds the drawn face too.
    QVERIFY(c.replaceFaces(photo, {}));
    QCOMPARE(c.facesOfPhoto(photo).size(), size_t(1));
    DetectedFace onIt;
    onIt.box = QRect(605, 305, 145, 145);
    QVERIFY(c.replaceFaces(photo, {detected, onIt}));
    const auto faces = c.facesOfPhoto(photo);
    QCOMPARE(faces.size(), size_t(2));
    int manual = 0;
    for (const FaceRecord &f : faces)
        manual += f.manual;
    QCOMPARE(manual, 1);
    QCOMPARE(c.faceChip(id), drawn.chipJpeg);
    // Tags without a face.
    QSqlQuery q(c.database());
    QVERIFY(
        q.exec(QStringLiteral("INSERT INTO persons(id, name, created_at) VALUES (4, 'Dad', 0)")));
    QVERIFY(c.tagPerson(photo, 4));
    QVERIFY(c.tagPerson(photo, 4));
    QCOMPARE(c.taggedPersons(photo), std::vector<qint64>{4});
    // The photo is one of Dad's photos, though no face of his is in it.
    const auto photos = c.photosOfPerson(4);
    QCOMPARE(photos.size(), size_t(1));
    QCOMPARE(photos.front().id, photo);
    QVERIFY(c.untagPerson(photo, 4));
    QVERIFY(c.taggedPersons(photo).empty());
}

// Photos of A and B together, and of only them (issue 19): a person twice on
// a photo counts once, a tag counts as being there, and "only them" leaves
// out photos with another named person but not those with strangers
// (unnamed) or hidden persons in the background.
void TestCatalog::photosWithAllOfThemAndOnlyThem()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    QSqlQuery q(c.database());
    for (const char *sql :
         {"INSERT INTO persons(id, name, created_at) VALUES (1, 'Mom', 0)",
          "INSERT INTO persons(id, name, created_at) VALUES (2, 'Minji', 0)",
          "INSERT INTO persons(id, name, created_at) VALUES (3, 'Dad', 0)",
          "INSERT INTO persons(id, name, created_at) VALUES (4, NULL, 0)",
          "INSERT INTO persons(id, name, hidden, created_at) VALUES (5, 'Waiter', 1, 0)"})
        QVERIFY2(q.exec(QLatin1String(sql)), qPrintable(q.lastError().text()));
    // Each photo: the persons of its faces, then the persons tagged on it.
    struct Shot
    {
        const char *name;
        QList<qint64> faces, tags;
    };
    const std::vector<Shot> shots{
        {"both", {1, 2}, {}},         {"with-dad", {1, 2, 3}, {}}, {"stranger", {1, 2, 4}, {}},
        {"mom-twice", {1, 1, 2}, {}}, {"mom-alone", {1}, {}},      {"minji-tagged", {1}, {2}},
        {"waiter", {1, 2, 5}, {}},    {"dad-tagged", {1, 2}, {3}}, {"minji-alone", {2, 4}, {}},
    };
    QHash<qint64, QString> names;
    for (size_t i = 0; i < shots.size(); ++i) {
        PhotoRecord p = photo(m_tmp->filePath(QStringLiteral("w/%1.jpg").arg(shots[i].name)),
                              QByteArray::number(qulonglong(i)));
        p.mtimeMs = 1'700'000'000'000 + qint64(i) * 1000; // newest last
        const qint64 id = c.putPhoto(p);
        names.insert(id, QLatin1String(shots[i].name));
        std::vector<DetectedFace> faces;
        for (int k = 0; k < shots[i].faces.size(); ++k) {
            DetectedFace f = face(k + 1);
            f.box = QRect(300 * k, 10, 100, 100);
            faces.push_back(f);
        }
        QVERIFY(c.replaceFaces(id, faces));
        const auto rows = c.facesOfPhoto(id);
        QCOMPARE(int(rows.size()), shots[i].faces.size());
        for (size_t k = 0; k < rows.size(); ++k) {
            q.prepare(QStringLiteral("UPDATE faces SET person_id = ? WHERE id = ?"));
            q.addBindValue(shots[i].faces[int(rows[k].box.x() / 300)]);
            q.addBindValue(rows[k].id);
            QVERIFY(q.exec());
        }
        for (qint64 t : shots[i].tags)
            QVERIFY(c.tagPerson(id, t));
    }
    const auto shown = [&](const QList<qint64> &persons, bool only) {
        QStringList out;
        for (const PhotoRecord &p : c.photosWith(persons, only))
            out << names.value(p.id);
        return out;
    };
    // Together, newest first; a person twice on a photo counts once.
    QCOMPARE(shown({1, 2}, false), (QStringList{"dad-tagged", "waiter", "minji-tagged", "mom-twice",
                                                "stranger", "with-dad", "both"}));
    // Only them: Dad (a face or a tag) takes a photo out; an unnamed
    // stranger and a hidden person do not.
    QCOMPARE(shown({2, 1}, true),
             (QStringList{"waiter", "minji-tagged", "mom-twice", "stranger", "both"}));
    // One person, given twice, is that person's photos.
    QCOMPARE(shown({2, 2}, false).size(), 8);
    QCOMPARE(shown({2}, true), (QStringList{"minji-alone"}));
    QVERIFY(shown({}, false).isEmpty());
    QVERIFY(shown({1, 99}, false).isEmpty());
}

void TestCatalog::copyFaces()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const qint64 src = c.putPhoto(photo(m_tmp->filePath("p/src.jpg"), "ee"));
    const qint64 dst = c.putPhoto(photo(m_tmp->filePath("p/copy.jpg"), "ee"));
    QVERIFY(c.replaceFaces(src, {face(1), face(2, true)}));
    QVERIFY(c.replaceFaces(dst, {face(9)})); // stale faces are replaced
    QVERIFY2(c.copyFaces(src, dst), qPrintable(c.errorString()));

    std::vector<FaceRecord> srcFaces, dstFaces;
    for (FaceRecord &f : c.faces(true))
        (f.photoId == src ? srcFaces : dstFaces).push_back(f);
    QCOMPARE(srcFaces.size(), size_t(2));
    QCOMPARE(dstFaces.size(), size_t(2));
    for (size_t i = 0; i < 2; ++i) {
        QVERIFY(dstFaces[i].id != srcFaces[i].id);
        QCOMPARE(dstFaces[i].box, srcFaces[i].box);
        QCOMPARE(dstFaces[i].wholeImage, srcFaces[i].wholeImage);
        QCOMPARE(dstFaces[i].photoPath, m_tmp->filePath("p/copy.jpg"));
        QVERIFY(sameBits(dstFaces[i].embedding, srcFaces[i].embedding));
        QCOMPARE(c.faceChip(dstFaces[i].id), c.faceChip(srcFaces[i].id));
    }
    QCOMPARE(c.stats().faces, 4);
}

void TestCatalog::photosUnderMatchesWholeFolders()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const QString base = m_tmp->filePath("lib");
    for (const QString &p : {base + "/a/1.jpg", base + "/a/deep/2.jpg", base + "/ab/3.jpg",
                             base + "/b/4.jpg", base + "/a_b/5.jpg", base + "/a%/6.jpg"})
        QVERIFY(c.putPhoto(photo(p, p.toUtf8().toHex())) > 0);
    QCOMPARE(c.photosUnder({base + "/a"}).size(), 2);
    QCOMPARE(c.photosUnder({base + "/a/"}).size(), 2);
    QCOMPARE(c.photosUnder({base + "/a_b"}).size(), 1);
    QCOMPARE(c.photosUnder({base + "/a%"}).size(), 1);
    QCOMPARE(c.photosUnder({base + "/a", base + "/b"}).size(), 3);
    QCOMPARE(c.photosUnder({base}).size(), 6);
    QCOMPARE(c.photosUnder({base + "/nothing"}).size(), 0);
}

void TestCatalog::photosUnderNonAsciiFolders_data()
{
    QTest::addColumn<QString>("folder");
    QTest::newRow("Latin-1 and a dash") << QStringLiteral("Fotos 2024 – Ål");
    QTest::newRow("CJK") << QStringLiteral("写真 2024");
    QTest::newRow("emoji (outside the BMP)") << QStringLiteral("Holiday 📷 2024");
}

void TestCatalog::photosUnderNonAsciiFolders()
{
    QFETCH(QString, folder);
    Catalog c(m_path);
    QVERIFY(c.open());
    const QString dir = m_tmp->filePath(folder);
    const QString path = dir + QStringLiteral("/Ångström 😀.jpg");
    QVERIFY(c.putPhoto(photo(path)) > 0);
    c.putPhoto(photo(m_tmp->filePath("elsewhere/x.jpg"), "11"));
    const auto under = c.photosUnder({dir});
    QVERIFY2(
        under.size() == 1 && under.contains(path),
        qPrintable(QStringLiteral("photosUnder(%1) found %2 photo(s)").arg(dir).arg(under.size())));
}

void TestCatalog::donePhotosByHash()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    const qint64 a = c.putPhoto(photo(m_tmp->filePath("p/a.jpg"), "same"));
    const qint64 b = c.putPhoto(photo(m_tmp->filePath("p/b.jpg"), "same"));
    c.putPhoto(photo(m_tmp->filePath("p/c.jpg"), "other"));
    PhotoRecord bad = photo(m_tmp->filePath("p/bad.jpg"), "bad");
    bad.state = PhotoState::Failed;
    c.putPhoto(bad);
    QVERIFY(c.setMissing({a}, true));
    QHash<QByteArray, PhotoRecord> byHash = c.donePhotosByHash();
    QCOMPARE(byHash.size(), 2);
    QVERIFY(!byHash.contains("bad"));
    // A missing photo is preferred, so that a moved file takes it over.
    QCOMPARE(byHash.value("same").id, a);
    QVERIFY(c.setMissing({a}, false));
    QVERIFY(c.setMissing({b}, true));
    QCOMPARE(c.donePhotosByHash().value("same").id, b);
}

void TestCatalog::embeddingsKeepTheirModel()
{
    Catalog c(m_path);
    QVERIFY(c.open());
    QCOMPARE(c.encoder(), std::nullopt); // a new catalog has no model until its first scan
    const qint64 id = c.putPhoto(photo(m_tmp->filePath("p/one.jpg")));
    DetectedFace arc = face(3);
    arc.encoder = EncoderModel::ArcFace;
    for (size_t i = 0; i < arc.embedding.size(); ++i)
        arc.embedding[i] = float(i) / 512.0f;
    QVERIFY(c.replaceFaces(id, {face(1), arc}));
    std::vector<FaceRecord> out = c.faces(true);
    QCOMPARE(out.size(), size_t(2));
    QCOMPARE(out[0].encoder, EncoderModel::Dlib);
    QCOMPARE(out[1].encoder, EncoderModel::ArcFace);
    QVERIFY2(sameBits(out[1].embedding, arc.embedding), "all 512 floats come back");
    QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 1);

    // Re-encoding replaces the vector and the model, nothing else.
    Embedding e{};
    e[511] = 1.0f;
    QVERIFY(c.setEmbeddings({{out[0].id, e}}, EncoderModel::ArcFace));
    const std::vector<FaceRecord> after = c.faces(true);
    QCOMPARE(after[0].id, out[0].id);
    QCOMPARE(after[0].box, out[0].box);
    QCOMPARE(after[0].encoder, EncoderModel::ArcFace);
    QVERIFY(sameBits(after[0].embedding, e));
    QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 0);
    QVERIFY(c.setEncoder(EncoderModel::ArcFace));
    QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"
