#include "analysis/facemodels.h"

#include "analysis/facemodels_p.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"
#include "analysis/tfjsweights.h"
#include "modelpins.h"

#include <QCryptographicHash>
#include <QFile>
#include <QFileInfo>
#include <dlib/serialize.h>

namespace facefolio {

namespace {

// The ArcFace model's bytes, digest checked when one is given; throws
// ModelError naming the set-up command.
QByteArray readArcFace(const QString &path, const QByteArray &expectedSha256)
{
    const auto fail = [](const QString &what) {
        throw ModelError(QStringLiteral("%1 (the ArcFace face encoder); run `%2` to (re)install "
                                        "the models")
                             .arg(what, ModelLocator::setupCommand())
                             .toStdString());
    };
    if (!QFileInfo::exists(path))
        fail(QStringLiteral("model file %1 is missing").arg(path));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        fail(QStringLiteral("model file %1 cannot be read: %2").arg(path, f.errorString()));
    const QByteArray bytes = f.readAll();
    if (!expectedSha256.isEmpty()) {
        const QByteArray got = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        if (got != expectedSha256.toLower())
            fail(QStringLiteral("model file %1 is damaged or not the pinned version (SHA-256 %2)")
                     .arg(path, QString::fromLatin1(got)));
    }
    return bytes;
}

} // namespace

FaceModels::FaceModels()
    : m_data(std::make_unique<Data>())
{}

FaceModels::~FaceModels() = default;

std::shared_ptr<const FaceModels> FaceModels::load()
{
    return load(ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(),
                ModelLocator::landmarksPath(), true, ModelLocator::ssdManifestPath(),
                ModelLocator::ssdWeightsPath(), ModelLocator::arcFacePath());
}

bool FaceModels::hasSsd() const
{
    return m_data->ssd != nullptr;
}

bool FaceModels::hasArcFace() const
{
    return m_data->arcFace != nullptr;
}

std::shared_ptr<const FaceModels>
FaceModels::load(const QString &manifestPath, const QString &weightsPath,
                 const QString &landmarksPath, bool checkDigests, const QString &ssdManifestPath,
                 const QString &ssdWeightsPath, const QString &arcFacePath)
{
    std::shared_ptr<FaceModels> models(new FaceModels());
    const auto tensors = TfjsWeights::load(
        manifestPath, weightsPath, checkDigests ? QByteArray(pins::kManifestSha256) : QByteArray(),
        checkDigests ? QByteArray(pins::kWeightsSha256) : QByteArray());
    models->m_data->encoder = std::make_unique<detail::FaceEncoder>(tensors);

    if (!QFile::exists(landmarksPath))
        throw ModelError(QStringLiteral("landmark model %1 is missing (Debian package "
                                        "libdlib-data); run `%2`")
                             .arg(landmarksPath, ModelLocator::setupCommand())
                             .toStdString());
    try {
        dlib::deserialize(QFile::encodeName(landmarksPath).toStdString()) >>
            models->m_data->landmarks;
    } catch (const std::exception &e) {
        throw ModelError(QStringLiteral("landmark model %1 is damaged (%2); run `%3`")
                             .arg(landmarksPath, QString::fromUtf8(e.what()).simplified().left(160),
                                  ModelLocator::setupCommand())
                             .toStdString());
    }
    if (models->m_data->landmarks.num_parts() != 68)
        throw ModelError(QStringLiteral("landmark model %1 is not the 68-point model; run `%2`")
                             .arg(landmarksPath, ModelLocator::setupCommand())
                             .toStdString());
    models->m_data->detector = dlib::get_frontal_face_detector();
    models->loadArcFace(arcFacePath, checkDigests);
    models->loadSsd(ssdManifestPath, ssdWeightsPath, checkDigests);
    return models;
}

void FaceModels::loadArcFace(const QString &path, bool checkDigest)
{
    if (path.isEmpty()) {
        m_arcFaceError = QStringLiteral("the ArcFace face encoder was not loaded; run `%1`")
                             .arg(ModelLocator::setupCommand());
        return;
    }
    try {
        m_data->arcFace = std::make_unique<detail::ArcFaceEncoder>(
            readArcFace(path, checkDigest ? QByteArray(pins::kArcFaceSha256) : QByteArray()));
    } catch (const ModelError &e) {
        // dlib-only analysis needs none of it: keep the reason for whoever
        // asks for the ArcFace encoder.
        m_arcFaceError = QString::fromUtf8(e.what());
    } catch (const std::exception &e) {
        m_arcFaceError =
            QStringLiteral("the ArcFace face encoder could not be built (%1); run `%2`")
                .arg(QString::fromUtf8(e.what()).simplified().left(160),
                     ModelLocator::setupCommand());
    }
}

void FaceModels::loadSsd(const QString &manifestPath, const QString &weightsPath, bool checkDigests)
{
    if (manifestPath.isEmpty() || weightsPath.isEmpty()) {
        m_ssdError = QStringLiteral("the SSD face detector was not loaded");
        return;
    }
    try {
        const auto ssdTensors =
            TfjsWeights::load(manifestPath, weightsPath,
                              checkDigests ? QByteArray(pins::kSsdManifestSha256) : QByteArray(),
                              checkDigests ? QByteArray(pins::kSsdWeightsSha256) : QByteArray());
        m_data->ssd = std::make_unique<SsdDetector>(ssdTensors);
    } catch (const ModelError &e) {
        // HOG-only analysis needs none of it: keep the reason for whoever asks
        // for the SSD detector.
        m_ssdError = QString::fromUtf8(e.what());
    } catch (const std::exception &e) {
        m_ssdError = QStringLiteral("the SSD face detector could not be built (%1); run `%2`")
                         .arg(QString::fromUtf8(e.what()).simplified().left(160),
                              ModelLocator::setupCommand());
    }
}

} // namespace facefolio
