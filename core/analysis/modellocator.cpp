#include "analysis/modellocator.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace facefolio {

namespace {
const char kManifest[] = "face_recognition_model-weights_manifest.json";
const char kWeights[] = "face_recognition_model.bin";
const char kSsdManifest[] = "ssd_mobilenetv1_model-weights_manifest.json";
const char kSsdWeights[] = "ssd_mobilenetv1_model.bin";
const char kArcFace[] = "fr_feature.onnx";
const char kLandmarks[] = "shape_predictor_68_face_landmarks.dat";
} // namespace

QString ModelLocator::modelsDir()
{
    const QString env = qEnvironmentVariable("FACEFOLIO_MODELS");
    if (!env.isEmpty())
        return QDir::cleanPath(env);
    const QStringList dirs = QStandardPaths::standardLocations(QStandardPaths::GenericDataLocation);
    for (const QString &base : dirs) {
        const QString candidate = base + QStringLiteral("/facefolio/models");
        if (QFileInfo::exists(candidate + QLatin1Char('/') + QLatin1String(kManifest)))
            return candidate;
    }
    // Nothing installed yet: report where set-up puts the files.
    return QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
           QStringLiteral("/facefolio/models");
}

QString ModelLocator::encoderManifestPath()
{
    return modelsDir() + QLatin1Char('/') + QLatin1String(kManifest);
}

QString ModelLocator::encoderWeightsPath()
{
    return modelsDir() + QLatin1Char('/') + QLatin1String(kWeights);
}

QString ModelLocator::ssdManifestPath()
{
    return modelsDir() + QLatin1Char('/') + QLatin1String(kSsdManifest);
}

QString ModelLocator::ssdWeightsPath()
{
    return modelsDir() + QLatin1Char('/') + QLatin1String(kSsdWeights);
}

QString ModelLocator::arcFacePath()
{
    return modelsDir() + QLatin1Char('/') + QLatin1String(kArcFace);
}

QString ModelLocator::landmarksPath()
{
    const QString local = modelsDir() + QLatin1Char('/') + QLatin1String(kLandmarks);
    if (QFileInfo::exists(local))
        return local;
    return QStringLiteral("/usr/share/dlib/") + QLatin1String(kLandmarks);
}

QString ModelLocator::installedFetchScript()
{
    const QString dir = QCoreApplication::applicationDirPath();
    const QString script = dir + QStringLiteral("/facefolio-fetch-models");
    return !dir.isEmpty() && QFileInfo(script).isExecutable() ? script : QString();
}

QString ModelLocator::setupCommand()
{
    // An installed Facefolio has its fetch script beside it; a build tree
    // is set up from its source.
    return installedFetchScript().isEmpty() ? QStringLiteral("bash packaging/setup.sh")
                                            : QStringLiteral("facefolio-fetch-models");
}

} // namespace facefolio
