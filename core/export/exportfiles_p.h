#pragma once

#include "export/exporter.h"
#include "export/exportmanifest.h"
#include "metadata/xmpregions.h"

#include <QSize>
#include <functional>
#include <utility>

namespace facefolio::detail {

enum class FileState
{
    Gone,    ///< no longer there
    Ours,    ///< as Facefolio wrote it
    Changed, ///< replaced or edited since
};

/// The file-system half of an export: carries out a plan, one complete file
/// at a time, and keeps the manifest in step with the disk.
class ExportFiles final
{
public:
    using RegionsFor = std::function<std::pair<QSize, QList<XmpFaceRegion>>(const QString &source)>;

    ExportFiles(QString outDir, ExportMode mode);

    FileState state(const ExportManifest::Entry &entry) const;
    bool sourceUnchanged(const ExportManifest::Entry &entry) const;

    /// `old` is what this export reconciles; `untouched` is carried over to
    /// the new manifest as it is.
    ExportResult execute(std::vector<ExportAction> plan, const ExportManifest &old,
                         const ExportManifest &untouched, bool writeXmp, bool dryRun,
                         const RegionsFor &regionsFor,
                         const std::function<void(int, int)> &progress,
                         const std::function<bool()> &cancelled);

private:
    QString abs(const QString &rel) const;
    bool ensureFolder(const QString &label, QString &why);
    /// Writes `source` to `target` under a temporary name first. False with
    /// `why` set; `fatal` tells a target-side failure (disk full, no
    /// permission) from a source-side one.
    bool place(const QString &source, const QString &target, QString &why, bool &fatal,
               QStringList &notes);
    bool copyFile(const QString &source, const QString &temp, QString &why, bool &fatal);
    ExportManifest::Entry entryFor(const ExportAction &a) const;
    /// Writes or refreshes the sidecar of `entry`; false only on a target-side failure.
    bool syncSidecar(ExportManifest::Entry &entry, const ExportManifest::Entry *before,
                     const RegionsFor &regionsFor, QString &why, QStringList &notes);
    bool removeOurs(const ExportManifest::Entry &entry, QString &why);

    QString m_out;
    ExportMode m_mode;
    bool m_linkFallbackNoted = false;
};

} // namespace facefolio::detail
