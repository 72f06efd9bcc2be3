#pragma once

// Private to core/people: the one-statement helper PeopleService's files share.

#include <QSqlQuery>
#include <QString>
#include <QVariantList>

namespace facefolio::detail {

/// Runs one statement with its bound values; false on error.
inline bool runSql(QSqlQuery &q, const QString &sql, const QVariantList &values = {})
{
    q.prepare(sql);
    for (const QVariant &v : values)
        q.addBindValue(v);
    return q.exec();
}

} // namespace facefolio::detail
