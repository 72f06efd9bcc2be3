#pragma once

#include <QImage>
#include <QString>
#include <QStringList>

namespace facefolio {

/// Facefolio's own copies of the photo grid's tiles, in a folder beside the
/// catalog: one small JPEG per photo, which decodes in about a millisecond
/// where the shared 512-pixel PNG (SharedThumbnails) takes over ten. The
/// shared thumbnail stays the one other programs read and the one Facefolio
/// reads when its copy is missing; a copy is only a faster way to the same
/// picture. So a copy is used only while both the photo (its modification
/// time and size) and its shared thumbnail are as they were when the copy
/// was made: an edited photo, or a shared thumbnail another program
/// replaced or the user cleared, makes it stale. Safe to call from any thread.
namespace TileThumbnails {

/// The photo's modification time and size, taken before its pixels are read,
/// so that a copy never claims a version of the photo it was not made from.
struct PhotoStamp
{
    qint64 modifiedMs = -1;
    qint64 size = -1;
};

/// The folder of the copies for the catalog at `catalogPath`; empty for an
/// empty path (no copies are kept then).
QString folderFor(const QString &catalogPath);
/// Where the copy of `file` (an absolute path) lives in `folder`.
QString pathFor(const QString &folder, const QString &file);
/// The photo as it is now; modifiedMs -1 when it does not exist.
PhotoStamp stampOf(const QString &file);
/// The copy of `file` when `folder` holds one that is up to date, else null.
QImage read(const QString &folder, const QString &file);
/// Stores `tile` as the copy of `file` made from the photo as `stamp` saw it,
/// and from its shared thumbnail as it is now (write that first), atomically
/// and readable only by the user. False when it cannot be written.
bool write(const QString &folder, const QString &file, const QImage &tile, const PhotoStamp &stamp);

/// Removes from `folder` the copies of photos that are not among `files`
/// (the catalog's photos, missing ones included: a photo on a drive that is
/// unplugged keeps its copy). A photo moved or renamed leaves its copy
/// under the old path's name; this is what takes it away. Only files named
/// as copies are touched. Returns how many were removed.
int prune(const QString &folder, const QStringList &files);

} // namespace TileThumbnails

} // namespace facefolio
