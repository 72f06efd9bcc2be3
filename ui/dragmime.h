#pragma once

#include <QByteArray>
#include <QDataStream>
#include <QIODevice>
#include <QList>
#include <QMimeData>
#include <QString>

namespace facefolio::dragmime {

/// Faces dragged out of a face grid: their ids.
inline const QString kFaces = QStringLiteral("application/x-facefolio-faces");
/// A person dragged out of the people list: its id.
inline const QString kPerson = QStringLiteral("application/x-facefolio-person");

inline QByteArray encodeIds(const QList<qint64> &ids)
{
    QByteArray bytes;
    QDataStream s(&bytes, QIODevice::WriteOnly);
    s << ids;
    return bytes;
}

inline QList<qint64> decodeIds(const QMimeData *data, const QString &type)
{
    QList<qint64> ids;
    if (!data || !data->hasFormat(type))
        return ids;
    QDataStream s(data->data(type));
    s >> ids;
    return s.status() == QDataStream::Ok ? ids : QList<qint64>{};
}

} // namespace facefolio::dragmime
