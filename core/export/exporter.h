#pragma once

#include <QList>
#include <QRect>
#include <QSize>
#include <QString>
#include <QStringList>
#include <functional>
#include <vector>

namespace facefolio {

enum class ExportMode
{
    Copy,
    Hardlink,
    Symlink
};

struct ExportOptions
{
    QString outDir;
    QString catalogPath;
    ExportMode mode = ExportMode::Copy;
    /// Person ids or names to export; empty: every named person. With a
    /// list, files an earlier export wrote for other persons stay as they are.
    QStringList persons;
    bool includeUnnamed = false; ///< unnamed persons as "Unnamed 12"
    bool includeUnknown = false; ///< photos with unassigned faces in "_Unknown"
    bool dryRun = false;         ///< plan only; nothing is written
    bool writeXmp = true;        ///< an XMP sidecar with face regions per exported photo
    /// Person ids or names whose photos together go into one folder
    /// ("Mom + Minji"): the photos where all of them appear. When set,
    /// `persons` is not used and only that folder is touched.
    QStringList together;
    bool togetherOnly = false; ///< with `together`: no other named person appears
};

/// One step of an export, in the order it runs.
struct ExportAction
{
    /// The person id of a folder of photos of several people together.
    static constexpr qint64 kTogether = -1;

    enum Kind
    {
        Create, ///< a photo not exported before
        Keep,   ///< exported before and still right: nothing written
        Move,   ///< exported before under another folder or name: renamed
        Remove, ///< exported before, no longer wanted: deleted
        Leave,  ///< exported before but changed since by someone else: left alone
        Skip,   ///< could not be exported (source gone, …); see `note`
    };
    Kind kind = Create;
    QString person;      ///< folder label: the cleaned name, "Unnamed 12" or "_Unknown"
    qint64 personId = 0; ///< 0 for "_Unknown", kTogether for a folder of people together
    QString source;      ///< the original photo (absolute path)
    QString target;      ///< relative to the export folder
    QString from;        ///< for Move and Remove: the earlier relative path
    QString note;
    QList<QRect> boxes; ///< the person's faces in the photo, display pixels
};

struct ExportResult
{
    bool ok = false;
    QString error; ///< why the export stopped, when !ok
    bool cancelled = false;
    std::vector<ExportAction> actions;
    int created = 0, kept = 0, moved = 0, removed = 0, left = 0, skipped = 0;
    QStringList notes; ///< things the user should know (copies made instead of links, …)
};

/// Exports one folder per person: `OUT/<Person>/<photo file name>`, with a
/// manifest (`facefolio-export.json` and `.csv`) of what Facefolio wrote.
/// A second run with the same catalog writes nothing; after renames and
/// merges it moves or removes only files its manifest lists and that are
/// unchanged since. Originals and the catalog are never modified. Every file
/// appears under its final name only once complete, and the manifest always
/// matches what is on disk, also when the export stops half-way.
class Exporter final
{
public:
    static ExportResult run(const ExportOptions &options,
                            const std::function<void(int done, int total)> &progress = {},
                            const std::function<bool()> &cancelled = {});
    /// Name of the manifest files inside the export folder (".json", ".csv").
    static QString manifestBaseName() { return QStringLiteral("facefolio-export"); }
    static QString modeName(ExportMode mode);
};

} // namespace facefolio
