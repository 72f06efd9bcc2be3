// The catalog's schema: every migration from an empty file to the current
// version, and opening a file at whatever version it has.
#include "catalog/catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <algorithm>

namespace facefolio {

namespace {

// Each entry takes the schema from version i to version i + 1. Old catalogs
// run every step they have not seen, in one transaction.
const char *const kMigrations[] = {
    R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE photos (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    mtime_ms INTEGER NOT NULL,
    hash TEXT,
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    orientation INTEGER NOT NULL DEFAULT 1,
    state INTEGER NOT NULL,
    error TEXT,
    missing INTEGER NOT NULL DEFAULT 0,
    scanned_at INTEGER NOT NULL
);
CREATE INDEX photos_hash ON photos(hash);
CREATE TABLE persons (
    id INTEGER PRIMARY KEY,
    name TEXT,
    cover_face_id INTEGER,
    hidden INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE TABLE faces (
    id INTEGER PRIMARY KEY,
    photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    x INTEGER NOT NULL, y INTEGER NOT NULL, w INTEGER NOT NULL, h INTEGER NOT NULL,
    score REAL NOT NULL,
    whole_image INTEGER NOT NULL DEFAULT 0,
    landmarks BLOB,
    embedding BLOB NOT NULL,
    chip BLOB,
    person_id INTEGER REFERENCES persons(id) ON DELETE SET NULL
);
CREATE INDEX faces_photo ON faces(photo_id);
CREATE INDEX faces_person ON faces(person_id);
)sql",
    // 2: the user's decisions, which clustering must honour.
    R"sql(
ALTER TABLE faces ADD COLUMN confirmed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE faces ADD COLUMN not_face INTEGER NOT NULL DEFAULT 0;
ALTER TABLE faces ADD COLUMN clustered INTEGER NOT NULL DEFAULT 0;
CREATE TABLE face_rejections (
    face_id INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (face_id, person_id)
) WITHOUT ROWID;
)sql",
    // 3: the undo history of the people edits, kept across restarts.
    R"sql(
CREATE TABLE edits (
    id INTEGER PRIMARY KEY,
    label TEXT NOT NULL,
    before BLOB NOT NULL,
    after BLOB NOT NULL,
    undone INTEGER NOT NULL DEFAULT 0,
    at INTEGER NOT NULL
);
)sql",
    // 4: chips move to a table of their own, so that changing a face's person
    // (merges, clustering) rewrites a small row instead of a row holding a
    // JPEG; and an index covers the people list's counts.
    R"sql(
CREATE TABLE face_chips (
    face_id INTEGER PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
    chip BLOB NOT NULL
);
INSERT INTO face_chips(face_id, chip) SELECT id, chip FROM faces WHERE chip IS NOT NULL;
UPDATE faces SET chip = NULL WHERE chip IS NOT NULL;
CREATE INDEX faces_person_photo ON faces(person_id, photo_id);
DROP INDEX faces_person;
)sql",
    // 5: when each photo was taken (EXIF), for ordering albums by date.
    R"sql(
ALTER TABLE photos ADD COLUMN taken_ms INTEGER;
)sql",
    // 6: the detector each photo's faces were found with (0 HOG, 1 SSD, 2
    // both); earlier catalogs had HOG only. Changing the detector re-detects.
    R"sql(
ALTER TABLE photos ADD COLUMN detector INTEGER NOT NULL DEFAULT 0;
)sql",
    // 7: the network that made each face's embedding (0 dlib, 1 ArcFace), and
    // the catalog's own model in meta: earlier catalogs with faces are dlib's.
    R"sql(
ALTER TABLE faces ADD COLUMN encoder INTEGER NOT NULL DEFAULT 0;
INSERT OR IGNORE INTO meta(key, value) SELECT 'encoder', 'dlib' WHERE EXISTS (SELECT 1 FROM faces);
CREATE INDEX faces_encoder ON faces(encoder);
)sql",
    // 8: pairs of faces the user said are different people (a "no" to "Same
    // person?"): clustering never puts them into one person, and the question
    // is not asked again. Stored once per pair, the smaller face id first.
    R"sql(
CREATE TABLE face_distinct (
    a INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    b INTEGER NOT NULL REFERENCES faces(id) ON DELETE CASCADE,
    PRIMARY KEY (a, b),
    CHECK (a < b)
) WITHOUT ROWID;
CREATE INDEX face_distinct_b ON face_distinct(b);
)sql",
    // 9: faces the user drew where the detector found none (kept by every
    // rescan), and persons tagged on a photo without a usable face.
    R"sql(
ALTER TABLE faces ADD COLUMN manual INTEGER NOT NULL DEFAULT 0;
CREATE TABLE photo_persons (
    photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES persons(id) ON DELETE CASCADE,
    PRIMARY KEY (photo_id, person_id)
) WITHOUT ROWID;
CREATE INDEX photo_persons_person ON photo_persons(person_id);
)sql",
    // 10: a person's birth date (ISO 8601, YYYY-MM-DD), for their age on each photo.
    R"sql(
ALTER TABLE persons ADD COLUMN birth_date TEXT;
)sql",
    // 11: embeddings and landmarks move to a table of their own, as the chips
    // did in 4: a face row without them is small, so a merge of two large
    // persons rewrites a few hundred pages instead of one page per face. And
    // the undo history's flags get an index: read from the rows, they sit
    // behind each entry's snapshots, which SQLite would read through.
    R"sql(
CREATE INDEX edits_undone ON edits(undone, id);
CREATE TABLE face_vectors (
    face_id INTEGER PRIMARY KEY REFERENCES faces(id) ON DELETE CASCADE,
    embedding BLOB NOT NULL,
    landmarks BLOB
);
INSERT INTO face_vectors(face_id, embedding, landmarks) SELECT id, embedding, landmarks FROM faces;
ALTER TABLE faces DROP COLUMN embedding;
ALTER TABLE faces DROP COLUMN landmarks;
ALTER TABLE faces DROP COLUMN chip;
)sql",
};
static_assert(std::size(kMigrations) == Catalog::kSchemaVersion);

} // namespace

bool Catalog::open()
{
    const QFileInfo info(m_path);
    if (!QDir().mkpath(info.absolutePath()))
        return fail(QStringLiteral("cannot create the folder for catalog %1").arg(m_path));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    db.setDatabaseName(m_path);
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=10000"));
    if (!db.open())
        return fail(
            QStringLiteral("cannot open catalog %1: %2").arg(m_path, db.lastError().text()));

    QSqlQuery q(db);
    // Reading the schema is the first thing that touches the file, so a file
    // that is not SQLite at all is caught here.
    if (!q.exec(QStringLiteral("PRAGMA schema_version")))
        return fail(QStringLiteral("%1 is not a Facefolio catalog (%2)")
                        .arg(m_path, q.lastError().databaseText()));
    q.finish();

    int version = 0;
    if (q.exec(
            QStringLiteral("SELECT name FROM sqlite_master WHERE type='table' AND name='meta'")) &&
        q.next()) {
        if (!q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) ||
            !q.next())
            return fail(
                QStringLiteral("%1 is not a Facefolio catalog (no schema version)").arg(m_path));
        version = q.value(0).toInt();
        q.finish();
    } else if (q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) && q.next() &&
               q.value(0).toInt() > 0) {
        return fail(
            QStringLiteral("%1 is an SQLite database but not a Facefolio catalog").arg(m_path));
    }
    if (version > kSchemaVersion)
        return fail(QStringLiteral("catalog %1 was written by a newer Facefolio (schema %2; this "
                                   "version reads up to %3); update Facefolio to open it")
                        .arg(m_path)
                        .arg(version)
                        .arg(kSchemaVersion));
    // Only now, with the file known to be ours (or new), change its journal:
    // another program's database is never touched.
    q.finish(); // an open statement would keep SQLite from switching to WAL
    if (!exec(QStringLiteral("PRAGMA journal_mode=WAL")) ||
        !exec(QStringLiteral("PRAGMA synchronous=NORMAL")) ||
        !exec(QStringLiteral("PRAGMA foreign_keys=ON")) ||
        // A merge of two large persons reads and writes every face row of
        // both, twice (the journal's before and after): with SQLite's
        // default 2 MiB cache each pass reads those pages again from the file.
        !exec(QStringLiteral("PRAGMA cache_size=-32768")))
        return false;
    const int target = m_targetVersion > 0 ? m_targetVersion : kSchemaVersion;
    return version >= target || migrate(version, target);
}

bool Catalog::createAtVersion(const QString &path, int version, QString *error)
{
    Catalog c(path);
    c.m_targetVersion = std::clamp(version, 1, int(kSchemaVersion));
    const bool ok = c.open();
    if (!ok && error)
        *error = c.errorString();
    return ok;
}

bool Catalog::migrate(int from, int to)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return fail(QStringLiteral("catalog %1 is in use or read-only: %2")
                        .arg(m_path, db.lastError().text()));
    for (int v = from; v < to; ++v) {
        for (const QString &stmt : QString::fromUtf8(kMigrations[v]).split(QLatin1Char(';'))) {
            if (stmt.trimmed().isEmpty())
                continue;
            if (!exec(stmt)) {
                db.rollback();
                return false;
            }
        }
    }
    QSqlQuery q(db);
    q.prepare(
        QStringLiteral("INSERT OR REPLACE INTO meta(key, value) VALUES ('schema_version', ?)"));
    q.addBindValue(QString::number(to));
    if (!q.exec() || !db.commit()) {
        m_error = QStringLiteral("cannot upgrade catalog %1: %2").arg(m_path, q.lastError().text());
        db.rollback();
        return false;
    }
    return true;
}

int Catalog::schemaVersion()
{
    QSqlQuery q(QSqlDatabase::database(m_connection));
    if (q.exec(QStringLiteral("SELECT value FROM meta WHERE key='schema_version'")) && q.next())
        return q.value(0).toInt();
    return 0;
}

} // namespace facefolio
