#include "tilethumbnails.h"

#include "sharedthumbnails.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>
#include <QSet>

namespace facefolio::TileThumbnails {

namespace {

// A copy is a few tens of KiB; anything much larger is not one of ours.
constexpr qint64 kMaxFileBytes = 1 << 20;

// What a copy must match, written in its JPEG comment: the photo's and its
// shared thumbnail's times and sizes, and the photo's path (the file name is
// only a hash of it).
QByteArray describe(const QString &file, const PhotoStamp &photo)
{
    const QFileInfo shared(SharedThumbnails::pathFor(file));
    const QByteArray sharedPart =
        shared.exists() ? QByteArray::number(shared.lastModified().toMSecsSinceEpoch()) + ' ' +
                              QByteArray::number(shared.size())
                        : QByteArrayLiteral("none");
    return QByteArrayLiteral("Facefolio tile 1\nphoto ") + QByteArray::number(photo.modifiedMs) +
           ' ' + QByteArray::number(photo.size) + QByteArrayLiteral("\nshared ") + sharedPart +
           '\n' + QFileInfo(file).absoluteFilePath().toUtf8();
}

// Where the comment segment goes, and is looked for: after the JFIF segment
// Qt writes first (JFIF wants to follow the start of the image directly).
qsizetype commentPosition(const QByteArray &jpeg)
{
    const auto *d = reinterpret_cast<const uchar *>(jpeg.constData());
    if (jpeg.size() < 4 || d[0] != 0xFF || d[1] != 0xD8)
        return -1;
    if (jpeg.size() >= 6 && d[2] == 0xFF && d[3] == 0xE0) {
        const qsizetype at = 4 + ((qsizetype(d[4]) << 8) | d[5]);
        return at <= jpeg.size() ? at : -1;
    }
    return 2;
}

// The file name of a photo's copy: the MD5 of its absolute path.
QString nameFor(const QString &file)
{
    const QByteArray md5 = QCryptographicHash::hash(QFileInfo(file).absoluteFilePath().toUtf8(),
                                                    QCryptographicHash::Md5)
                               .toHex();
    return QString::fromLatin1(md5) + QStringLiteral(".jpg");
}

} // namespace

QString folderFor(const QString &catalogPath)
{
    if (catalogPath.isEmpty())
        return {};
    return QFileInfo(catalogPath).absoluteFilePath() + QStringLiteral("-thumbnails");
}

QString pathFor(const QString &folder, const QString &file)
{
    return folder + u'/' + nameFor(file);
}

PhotoStamp stampOf(const QString &file)
{
    const QFileInfo info(file);
    if (!info.exists())
        return {};
    return {info.lastModified().toMSecsSinceEpoch(), info.size()};
}

QImage read(const QString &folder, const QString &file)
{
    if (folder.isEmpty())
        return {};
    const PhotoStamp photo = stampOf(file);
    if (photo.modifiedMs < 0)
        return {};
    QFile f(pathFor(folder, file));
    if (!f.open(QIODevice::ReadOnly) || f.size() > kMaxFileBytes)
        return {};
    const QByteArray bytes = f.readAll();
    const qsizetype at = commentPosition(bytes);
    if (at < 0 || bytes.size() < at + 4 || uchar(bytes[at]) != 0xFF || uchar(bytes[at + 1]) != 0xFE)
        return {};
    const qsizetype length = (qsizetype(uchar(bytes[at + 2])) << 8) | uchar(bytes[at + 3]);
    if (length < 2 || bytes.size() < at + 2 + length)
        return {};
    // The photo or its shared thumbnail changed since: not this version's.
    if (bytes.mid(at + 4, length - 2) != describe(file, photo))
        return {};
    QImage tile;
    if (!tile.loadFromData(bytes, "JPEG"))
        return {};
    return tile;
}

bool write(const QString &folder, const QString &file, const QImage &tile, const PhotoStamp &stamp)
{
    if (folder.isEmpty() || tile.isNull() || stamp.modifiedMs < 0)
        return false;
    if (!QDir().mkpath(folder))
        return false;
    // Thumbnails of private photos: only the user may read them, as the
    // shared cache's standard asks of its own.
    QFile::setPermissions(folder, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QBuffer encoded;
    encoded.open(QIODevice::WriteOnly);
    if (!tile.save(&encoded, "JPEG", 85))
        return false;
    QByteArray bytes = encoded.buffer();
    const qsizetype at = commentPosition(bytes);
    const QByteArray text = describe(file, stamp);
    if (at < 0 || text.size() > 0xFFFF - 2)
        return false;
    QByteArray segment("\xFF\xFE", 2);
    const int length = int(text.size()) + 2;
    segment.append(char(length >> 8)).append(char(length & 0xFF)).append(text);
    bytes.insert(at, segment);
    QSaveFile f(pathFor(folder, file));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    if (f.write(bytes) != bytes.size())
        return false;
    return f.commit();
}

int prune(const QString &folder, const QStringList &files)
{
    if (folder.isEmpty())
        return 0;
    QSet<QString> keep;
    keep.reserve(files.size());
    for (const QString &file : files)
        keep.insert(nameFor(file));
    static const QRegularExpression copyName(QStringLiteral("^[0-9a-f]{32}\\.jpg$"));
    int removed = 0;
    const QStringList names = QDir(folder).entryList({QStringLiteral("*.jpg")}, QDir::Files);
    for (const QString &name : names)
        if (copyName.match(name).hasMatch() && !keep.contains(name) &&
            QFile::remove(folder + u'/' + name))
            ++removed;
    return removed;
}

} // namespace facefolio::TileThumbnails
