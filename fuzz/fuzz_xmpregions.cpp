// libFuzzer target: the XMP face-region reader (sidecars and packets other
// tools wrote) and the file-name cleaner the exporter applies to person and
// photo names. Regions must come back normalised and finite; a cleaned name
// must be safe on every file system the exporter supports.

#include "export/safename.h"
#include "metadata/xmpregions.h"

#include <cmath>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QSize dimensions;
    for (const facefolio::XmpFaceRegion &r : facefolio::XmpRegions::read(bytes, &dimensions)) {
        const QRectF a = r.area;
        if (!std::isfinite(a.x()) || !std::isfinite(a.y()) || !std::isfinite(a.width()) ||
            !std::isfinite(a.height()))
            __builtin_trap();
    }

    const QString name = QString::fromUtf8(bytes);
    const QString clean = facefolio::SafeName::clean(name);
    if (clean.toUtf8().size() > facefolio::SafeName::kMaxBytes || clean.contains(u'/') ||
        clean.contains(QChar(0)) || clean.startsWith(u'.') || clean == QLatin1String(".."))
        __builtin_trap();
    QSet<QString> taken{facefolio::SafeName::key(clean)};
    const QString again =
        facefolio::SafeName::unique(clean.isEmpty() ? QStringLiteral("x") : clean, taken, true);
    if (again.toUtf8().size() > facefolio::SafeName::kMaxBytes + 16)
        __builtin_trap();
    return 0;
}
