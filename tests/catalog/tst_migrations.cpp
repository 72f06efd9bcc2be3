// A catalog from every earlier version of Facefolio opens in this one with
// nothing lost: the test makes a catalog at each old schema, fills it the
// way that version did (photos, faces with their chips, a named person, the
// user's decisions where the version had them), opens it, and checks every
// piece and that editing and undo work on the upgraded file. A second
// connection reads the catalog while another holds a write transaction.

#include "catalog/catalog.h"
#include "people/peopleservice.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <bit>

using namespace facefolio;

namespace {

bool exec(QSqlDatabase db, const QString &sql, const QVariantList &values = {})
{
    QSqlQuery q(db);
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec()) {
        qWarning("%s: %s", qPrintable(sql), qPrintable(q.lastError().text()));
        return false;
    }
    return true;
}

QVariant scalar(QSqlDatabase db, const QString &sql)
{
    QSqlQuery q(db);
    return q.exec(sql) && q.next() ? q.value(0) : QVariant();
}

} // namespace

class TestMigrations : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void everyEarlierSchemaUpgradesWithNothingLost_data()
    {
        QTest::addColumn<int>("version");
        for (int v = 1; v < Catalog::kSchemaVersion; ++v)
            QTest::newRow(qPrintable(QStringLiteral("schema %1").arg(v))) << v;
    }

    void everyEarlierSchemaUpgradesWithNothingLost()
    {
        QFETCH(int, version);
        const QString path = m_dir.filePath(QStringLiteral("v%1.sqlite").arg(version));
        QString error;
        QVERIFY2(Catalog::createAtVersion(path, version, &error), qPrintable(error));

        const QByteArray chip("\xff\xd8 a chip \xff\xd9", 12);
        const QByteArray embedding(128 * 4, '\x01');
        {
            // Written with that version's columns only.
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), "old");
            db.setDatabaseName(path);
            QVERIFY(db.open());
            QCOMPARE(scalar(db, "SELECT value FROM meta WHERE key='schema_version'").toInt(),
                     version);
            QVERIFY(exec(db, "INSERT INTO photos(id, path, size, mtime_ms, hash, width, height, "
                             "orientation, state, scanned_at) VALUES "
                             "(1, '/album/a.jpg', 10, 1000, 'aa', 800, 600, 6, 1, 5)"));
            QVERIFY(exec(db, "INSERT INTO persons(id, name, created_at) VALUES (7, 'Grandma', 1)"));
            // Up to schema 3 the chip sat in the face's row; from 4 in face_chips.
            for (int i = 1; i <= 3; ++i) {
                QVERIFY(exec(
                    db,
                    "INSERT INTO faces(id, photo_id, x, y, w, h, score, embedding, chip, "
                    "person_id) VALUES (?, 1, ?, 10, 50, 50, 1.5, ?, ?, ?)",
                    {i, i * 100, embedding,
                     version < 4 ? QVariant(chip) : QVariant(QMetaType::fromType<QByteArray>()),
                     i < 3 ? QVariant(7) : QVariant(QMetaType::fromType<int>())}));
                if (version >= 4)
                    QVERIFY(
                        exec(db, "INSERT INTO face_chips(face_id, chip) VALUES (?, ?)", {i, chip}));
            }
            if (version >= 2) {
                QVERIFY(exec(db, "UPDATE faces SET confirmed = 1, clustered = 1 WHERE id = 1"));
                QVERIFY(exec(db, "INSERT INTO face_rejections(face_id, person_id) VALUES (3, 7)"));
            }
            // From schema 7 the app names the catalog's model at its first scan.
            if (version >= 7)
                QVERIFY(exec(db, "INSERT INTO meta(key, value) VALUES ('encoder', 'dlib')"));
            db.close();
        }
        QSqlDatabase::removeDatabase("old");

        Catalog c(path);
        QVERIFY2(c.open(), qPrintable(c.errorString()));
        QCOMPARE(c.schemaVersion(), int(Catalog::kSchemaVersion));
        QCOMPARE(scalar(c.database(), "PRAGMA integrity_check").toString(), QStringLiteral("ok"));
        const auto photos = c.photosUnder({QStringLiteral("/album")});
        QCOMPARE(photos.size(), 1);
        QCOMPARE(photos.value(QStringLiteral("/album/a.jpg")).orientation, 6);
        QCOMPARE(photos.value(QStringLiteral("/album/a.jpg")).detector, 0); // HOG, as then
        // Faces from before schema 7 are dlib's, and so is the catalog.
        const auto faces = c.faces(true);
        QCOMPARE(faces.size(), size_t(3));
        for (const FaceRecord &f : faces) {
            QCOMPARE(f.encoder, EncoderModel::Dlib);
            QCOMPARE(f.embedding[0], std::bit_cast<float>(0x01010101u));
            QCOMPARE(f.embedding[127], std::bit_cast<float>(0x01010101u));
            QCOMPARE(f.embedding[128], 0.0f);
        }
        QCOMPARE(c.encoder(), std::optional(EncoderModel::Dlib));
        QCOMPARE(c.facesNotOf(EncoderModel::Dlib), 0);
        QCOMPARE(c.facesNotOf(EncoderModel::ArcFace), 3);
        // Schema 8: no "different people" answers yet, and room for them.
        QCOMPARE(scalar(c.database(), "SELECT count(*) FROM face_distinct").toInt(), 0);
        QVERIFY(exec(c.database(), "INSERT INTO face_distinct(a, b) VALUES (1, 2)"));
        QVERIFY(!exec(c.database(), "INSERT INTO face_distinct(a, b) VALUES (2, 1)"));
        // Schema 9: every earlier face was found by a detector; no tags yet.
        for (const FaceRecord &f : c.faces(false))
            QVERIFY(!f.manual);
        QCOMPARE(scalar(c.database(), "SELECT count(*) FROM photo_persons").toInt(), 0);
        QVERIFY(c.tagPerson(1, 7));
        QCOMPARE(c.taggedPersons(1), std::vector<qint64>{7});
        for (qint64 face = 1; face <= 3; ++face)
            QCOMPARE(c.faceChip(face), chip);
        PeopleService people(c);
        const auto grandma = people.person(7);
        QVERIFY(grandma);
        QCOMPARE(grandma->name, QStringLiteral("Grandma"));
        // Schema 10: no birth dates yet, and one can be given and undone.
        QVERIFY(!grandma->birthDate.isValid());
        QVERIFY2(people.setBirthDate(7, QDate(1931, 2, 2)), qPrintable(people.errorString()));
        QCOMPARE(people.person(7)->birthDate, QDate(1931, 2, 2));
        QVERIFY(people.undo());
        QVERIFY(!people.person(7)->birthDate.isValid());
        QCOMPARE(grandma->faces, 2);
        // Schema 11: the embeddings (checked above) live beside the face rows,
        // which hold no blob any more, and go with their face.
        QVERIFY(!exec(c.database(), "SELECT embedding FROM faces"));
        QCOMPARE(scalar(c.database(), "SELECT count(*) FROM face_vectors").toInt(), 3);
        if (version >= 2) {
            QCOMPARE(scalar(c.database(), "SELECT confirmed FROM faces WHERE id = 1").toInt(), 1);
            QCOMPARE(scalar(c.database(), "SELECT count(*) FROM face_rejections").toInt(), 1);
        }
        // The upgraded catalog takes edits and undoes them.
        QVERIFY2(people.rename(7, QStringLiteral("Oma")), qPrintable(people.errorString()));
        QVERIFY(people.merge(people.splitToNewPerson({3}), 7));
        QCOMPARE(people.person(7)->faces, 3);
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QVERIFY(people.undo());
        QCOMPARE(people.person(7)->name, QStringLiteral("Grandma"));
        QCOMPARE(people.person(7)->faces, 2);
        QVERIFY(exec(c.database(), "DELETE FROM photos WHERE id = 1"));
        QCOMPARE(scalar(c.database(), "SELECT count(*) FROM face_vectors").toInt(), 0);
    }

    void anEmptyOldCatalogTakesTheModelOfItsFirstScan()
    {
        const QString path = m_dir.filePath(QStringLiteral("empty-v6.sqlite"));
        QVERIFY(Catalog::createAtVersion(path, 6));
        Catalog c(path);
        QVERIFY2(c.open(), qPrintable(c.errorString()));
        QCOMPARE(c.encoder(), std::nullopt);
        QVERIFY(c.setEncoder(EncoderModel::ArcFace));
        QCOMPARE(c.encoder(), std::optional(EncoderModel::ArcFace));
    }

    void aSecondConnectionReadsWhileOneWrites()
    {
        const QString path = m_dir.filePath(QStringLiteral("shared.sqlite"));
        Catalog writer(path), reader(path);
        QVERIFY(writer.open());
        PhotoRecord p;
        p.path = QStringLiteral("/album/b.jpg");
        p.size = 1;
        QVERIFY(writer.putPhoto(p) > 0);
        QVERIFY(writer.transaction());
        p.path = QStringLiteral("/album/c.jpg");
        QVERIFY(writer.putPhoto(p) > 0);
        // Another process (the CLI, a second window) opens the same catalog
        // mid-write: it reads what was committed, and then what is committed.
        QVERIFY2(reader.open(), qPrintable(reader.errorString()));
        QCOMPARE(reader.stats().photos, 1);
        QVERIFY(writer.commit());
        QCOMPARE(reader.stats().photos, 2);
    }
};

QTEST_GUILESS_MAIN(TestMigrations)
#include "tst_migrations.moc"
