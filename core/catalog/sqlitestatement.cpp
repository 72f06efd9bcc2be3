#include "catalog/sqlitestatement.h"

#include <QSqlDriver>
#include <QStringList>
#include <QVariant>
#include <sqlite3.h>

namespace facefolio {

SqliteStatement::SqliteStatement(const QSqlDatabase &db, const QString &sql)
{
    // Qt's SQLite driver hands out its connection as a "sqlite3*".
    const QVariant handle = db.driver() ? db.driver()->handle() : QVariant();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0 ||
        !*static_cast<sqlite3 *const *>(handle.constData())) {
        m_error = QStringLiteral("the catalog is not an open SQLite database");
        return;
    }
    m_db = *static_cast<sqlite3 *const *>(handle.constData());
    const QByteArray utf8 = sql.toUtf8();
    if (sqlite3_prepare_v2(m_db, utf8.constData(), int(utf8.size()), &m_stmt, nullptr) != SQLITE_OK)
        fail();
}

SqliteStatement::~SqliteStatement()
{
    sqlite3_finalize(m_stmt);
}

void SqliteStatement::fail()
{
    m_error = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QStringLiteral("no database");
    if (m_error.isEmpty())
        m_error = QStringLiteral("SQLite error");
}

void SqliteStatement::bind(int i, qint64 value)
{
    if (m_stmt && sqlite3_bind_int64(m_stmt, i, value) != SQLITE_OK)
        fail();
}

bool SqliteStatement::next()
{
    if (!m_stmt || failed())
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc != SQLITE_DONE)
        fail();
    return false;
}

void SqliteStatement::reset()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
}

bool SqliteStatement::isNull(int column) const
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

qint64 SqliteStatement::integer(int column) const
{
    return sqlite3_column_int64(m_stmt, column);
}

double SqliteStatement::real(int column) const
{
    return sqlite3_column_double(m_stmt, column);
}

QString SqliteStatement::text(int column) const
{
    const auto *chars = reinterpret_cast<const char *>(sqlite3_column_text(m_stmt, column));
    return chars ? QString::fromUtf8(chars, sqlite3_column_bytes(m_stmt, column)) : QString();
}

QByteArray SqliteStatement::blob(int column) const
{
    const void *bytes = sqlite3_column_blob(m_stmt, column);
    return bytes
               ? QByteArray(static_cast<const char *>(bytes), sqlite3_column_bytes(m_stmt, column))
               : QByteArray();
}

QString stageRows(const QSqlDatabase &db, const QString &table, const QString &definition,
                  int columns, qsizetype count,
                  const std::function<void(SqliteStatement &, qsizetype)> &bind)
{
    SqliteStatement create(
        db, QStringLiteral("CREATE TEMP TABLE IF NOT EXISTS %1(%2)").arg(table, definition));
    create.next();
    SqliteStatement begin(db, QStringLiteral("SAVEPOINT stage_rows"));
    begin.next();
    SqliteStatement clear(db, QStringLiteral("DELETE FROM temp.%1").arg(table));
    clear.next();
    QStringList marks;
    for (int c = 0; c < columns; ++c)
        marks << QStringLiteral("?");
    SqliteStatement add(db, QStringLiteral("INSERT OR REPLACE INTO temp.%1 VALUES (%2)")
                                .arg(table, marks.join(QLatin1String(", "))));
    for (qsizetype r = 0; r < count && !add.failed(); ++r) {
        bind(add, r);
        add.next();
        add.reset();
    }
    SqliteStatement release(db, QStringLiteral("RELEASE stage_rows"));
    release.next();
    for (const SqliteStatement *q : {&create, &begin, &clear, &add, &release})
        if (q->failed())
            return q->errorString();
    return {};
}

} // namespace facefolio
