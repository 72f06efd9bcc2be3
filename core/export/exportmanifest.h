#pragma once

#include <QByteArray>
#include <QDate>
#include <QList>
#include <QMap>
#include <QRect>
#include <QString>

namespace facefolio {

/// What Facefolio wrote into an export folder, one entry per exported file:
/// `facefolio-export.json` (read back by the next export) and a CSV copy for
/// people and spreadsheets. Only files listed here are ever moved or removed
/// by a later export.
class ExportManifest final
{
public:
    struct Entry
    {
        QString person;
        qint64 personId = 0; ///< 0 for unknown faces, -1 for a folder of people together
        QString source;
        QString target; ///< relative to the export folder
        QString mode;   ///< copy, hardlink, symlink
        qint64 size = 0;
        qint64 mtimeMs = 0;
        qint64 sourceSize = 0;
        qint64 sourceMtimeMs = 0;
        QList<QRect> boxes;
        QString xmp;          ///< relative path of the sidecar, empty when none
        QByteArray xmpSha256; ///< hex digest of the sidecar as written
    };

    /// Reads `dir`/facefolio-export.json; a missing file is an empty manifest.
    /// False (and `error`) when the file exists but cannot be understood:
    /// then the caller must not touch anything, since it cannot tell its own
    /// files from the user's.
    bool read(const QString &dir, QString &error);
    /// Writes both files atomically; files whose content would not change
    /// are not rewritten.
    bool write(const QString &dir, QString &error) const;

    /// A person with files in the export, as the catalog had them then.
    struct Person
    {
        QString name;
        QDate birthDate; ///< invalid: not known
    };

    QMap<QString, Entry> entries; ///< by target
    QMap<qint64, Person> persons; ///< by id
};

} // namespace facefolio
