#include "buildinfo.h"

#include "modelpins.h"

#include <dlib/revision.h>
#include <exiv2/exiv2.hpp>
#include <opencv2/core/version.hpp>

namespace facefolio {

QString BuildInfo::qtVersion()
{
    return QString::fromLatin1(qVersion());
}

QString BuildInfo::dlibVersion()
{
    return QStringLiteral("%1.%2.%3")
        .arg(DLIB_MAJOR_VERSION)
        .arg(DLIB_MINOR_VERSION)
        .arg(DLIB_PATCH_VERSION);
}

QString BuildInfo::openCvVersion()
{
    return QStringLiteral(CV_VERSION);
}

QString BuildInfo::exiv2Version()
{
    return QString::fromStdString(Exiv2::versionString());
}

QString BuildInfo::modelVersion()
{
    return QStringLiteral("dlib ResNet face encoder and SSD face detector, @vladmandic/face-api %1")
        .arg(QLatin1String(pins::kFaceApiVersion));
}

QString BuildInfo::arcFaceModelVersion()
{
    return QStringLiteral("ArcFace face encoder fr_feature.onnx, %1 %2")
        .arg(QLatin1String(pins::kArcFacePackage), QLatin1String(pins::kArcFaceVersion));
}

} // namespace facefolio
