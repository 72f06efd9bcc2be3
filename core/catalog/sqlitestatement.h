#pragma once

#include <QByteArray>
#include <QSqlDatabase>
#include <QString>
#include <functional>

struct sqlite3;
struct sqlite3_stmt;

namespace facefolio {

/// One statement run on the SQLite connection under a QSqlDatabase, through
/// SQLite's own API: for reads of thousands of rows (a person's faces, the
/// journal's snapshot of a merge), where QSqlQuery's per-value QVariants cost
/// more than the query. It shares the connection, and so its transaction.
class SqliteStatement final
{
public:
    SqliteStatement(const QSqlDatabase &db, const QString &sql);
    ~SqliteStatement();
    SqliteStatement(const SqliteStatement &) = delete;
    SqliteStatement &operator=(const SqliteStatement &) = delete;

    /// Binds the 1-based parameter `i`.
    void bind(int i, qint64 value);

    /// The next row; false at the end or on an error (see failed()).
    bool next();
    /// Starts over, keeping the bound values.
    void reset();

    bool isNull(int column) const;
    qint64 integer(int column) const;
    double real(int column) const;
    QString text(int column) const;
    QByteArray blob(int column) const;

    bool failed() const { return !m_error.isEmpty(); }
    QString errorString() const { return m_error; }

private:
    void fail();

    sqlite3 *m_db = nullptr;
    sqlite3_stmt *m_stmt = nullptr;
    QString m_error;
};

/// Fills the temporary table `table` with `count` rows of `columns` integers
/// (`bind` binds row r's values, 1-based; unbound ones stay NULL), first
/// making it with `definition` (its columns, the first an INTEGER PRIMARY
/// KEY) and emptying it. An edit of thousands of faces joins such a table
/// instead of naming the ids in its SQL, or running once per face, which
/// costs more to parse and sort than the rows cost to read. The rows are
/// written in one savepoint, nested in the caller's transaction when there
/// is one. The error, or an empty string.
QString stageRows(const QSqlDatabase &db, const QString &table, const QString &definition,
                  int columns, qsizetype count,
                  const std::function<void(SqliteStatement &, qsizetype)> &bind);

} // namespace facefolio
