#pragma once

#include <QSet>
#include <QString>

namespace facefolio {

/// Turns person names into folder names that are valid on the file systems
/// photos get exported to (ext4, but also FAT, exFAT and NTFS on USB drives)
/// and always stay inside the export folder.
class SafeName final
{
public:
    /// Longest name in UTF-8 bytes: file systems allow 255, and room is left
    /// for a " (12)" that tells apart names that clean to the same thing.
    static constexpr int kMaxBytes = 240;

    /// `name` with path separators, control characters and characters that
    /// Windows file systems refuse replaced by "_", surrounding spaces and
    /// leading dots removed (so never "." or ".." or hidden), trailing dots
    /// and spaces removed, Windows device names (CON, NUL, COM1…) suffixed,
    /// and cut to kMaxBytes at a character boundary. Empty when nothing is
    /// left: the caller then picks a fallback.
    static QString clean(const QString &name);
    /// `wanted`, or `wanted (2)`, `wanted (3)`… (the number before the
    /// extension for file names, when `extension` is true): the first not in
    /// `taken`, which holds case-folded names because several file systems
    /// do not tell "Anna" from "anna". The result is added to `taken`.
    static QString unique(const QString &wanted, QSet<QString> &taken, bool extension = false);
    /// The key `unique` uses for `taken`.
    static QString key(const QString &name) { return name.toCaseFolded(); }
};

} // namespace facefolio
