#include "sharedthumbnails.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUrl>

namespace facefolio::SharedThumbnails {

namespace {

QString uriOf(const QString &file)
{
    return QUrl::fromLocalFile(QFileInfo(file).absoluteFilePath()).toString(QUrl::FullyEncoded);
}

QString cacheRoot()
{
    // $XDG_CACHE_HOME, else ~/.cache; not the application's own cache folder.
    const QByteArray xdg = qgetenv("XDG_CACHE_HOME");
    const QString base = !xdg.isEmpty() && QDir::isAbsolutePath(QString::fromLocal8Bit(xdg))
                             ? QString::fromLocal8Bit(xdg)
                             : QDir::homePath() + QStringLiteral("/.cache");
    return base + QStringLiteral("/thumbnails");
}

QString mtimeOf(const QFileInfo &info)
{
    return QString::number(info.lastModified().toSecsSinceEpoch());
}

} // namespace

QString pathFor(const QString &file)
{
    const QByteArray md5 =
        QCryptographicHash::hash(uriOf(file).toUtf8(), QCryptographicHash::Md5).toHex();
    return cacheRoot() + QStringLiteral("/x-large/") + QString::fromLatin1(md5) +
           QStringLiteral(".png");
}

QImage read(const QString &file)
{
    const QFileInfo original(file);
    if (!original.exists())
        return {};
    QImage thumb;
    if (!thumb.load(pathFor(file), "PNG"))
        return {};
    // Another program's thumbnail of another file (a hash collision), or of
    // an earlier version of this one, is not this file's. MTime counts whole
    // seconds, so a photo rewritten within the second is told by its size,
    // which the standard lets a thumbnail carry.
    const QString size = thumb.text(QStringLiteral("Thumb::Size"));
    if (thumb.text(QStringLiteral("Thumb::URI")) != uriOf(file) ||
        thumb.text(QStringLiteral("Thumb::MTime")) != mtimeOf(original) ||
        (!size.isEmpty() && size != QString::number(original.size())))
        return {};
    return thumb;
}

bool write(const QString &file, const QImage &thumbnail)
{
    const QFileInfo original(file);
    if (thumbnail.isNull() || !original.exists())
        return false;
    const QString path = pathFor(file);
    const QString dir = QFileInfo(path).absolutePath();
    if (!QDir().mkpath(dir))
        return false;
    // The standard asks for folders and files only the user can read.
    QFile::setPermissions(cacheRoot(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QFile::setPermissions(dir, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    QImage out = thumbnail.width() > kSide || thumbnail.height() > kSide
                     ? thumbnail.scaled(kSide, kSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
                     : thumbnail;
    out.setText(QStringLiteral("Thumb::URI"), uriOf(file));
    out.setText(QStringLiteral("Thumb::MTime"), mtimeOf(original));
    out.setText(QStringLiteral("Thumb::Size"), QString::number(original.size()));
    out.setText(QStringLiteral("Software"), QStringLiteral("Facefolio"));
    // Written under a temporary name and renamed, so a reader never sees
    // half a file.
    QSaveFile f(path);
    if (!f.open(QIODevice::WriteOnly))
        return false;
    f.setPermissions(QFile::ReadOwner | QFile::WriteOwner);
    // Fast deflate (Qt's PNG quality 80: zlib level 1): the default level
    // made writing cost more than decoding the photo, and the grid's next
    // photos waited for it.
    if (!out.save(&f, "PNG", 80))
        return false;
    return f.commit();
}

} // namespace facefolio::SharedThumbnails
