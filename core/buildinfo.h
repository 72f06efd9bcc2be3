#pragma once

#include <QString>

namespace facefolio {

/// Versions of what Facefolio was built with, for About dialogs and --version.
class BuildInfo final
{
public:
    static QString qtVersion(); ///< the Qt the program runs with
    static QString dlibVersion();
    static QString openCvVersion();
    static QString exiv2Version();
    /// The dlib face encoder's and SSD detector's weights: package and
    /// version they come from.
    static QString modelVersion();
    /// The ArcFace face encoder: file, package and version it comes from.
    static QString arcFaceModelVersion();
};

} // namespace facefolio
