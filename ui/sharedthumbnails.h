#pragma once

#include <QImage>
#include <QString>

namespace facefolio {

/// The thumbnail cache desktop programs on Linux share (the freedesktop.org
/// Thumbnail Managing Standard, read and written by file managers, Gwenview
/// and digiKam): `$XDG_CACHE_HOME/thumbnails/x-large/<md5 of the file URI>.png`,
/// a PNG of at most 512 pixels a side that names its original in
/// `Thumb::URI` and the original's modification time in `Thumb::MTime`. A
/// thumbnail whose time is not the file's is stale and is not used.
/// Safe to call from any thread.
namespace SharedThumbnails {

/// Longest side of the x-large flavour.
constexpr int kSide = 512;

/// Where the thumbnail of `file` (an absolute path) lives.
QString pathFor(const QString &file);
/// The thumbnail of `file` when the cache holds an up-to-date one, else null.
QImage read(const QString &file);
/// Stores `thumbnail` (at most kSide a side) as the thumbnail of `file`,
/// atomically, readable only by the user as the standard asks. False when
/// the cache cannot be written (nothing else depends on it).
bool write(const QString &file, const QImage &thumbnail);

} // namespace SharedThumbnails

} // namespace facefolio
