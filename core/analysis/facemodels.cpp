#include "analysis/facemodels.h"

#include "analysis/facemodels_p.h"
#include "analysis/modelerror.h"
#include "analysis/modellocator.h"
#include "analysis/tfjsweights.h"
#include "modelpins.h"

#include <QFile>
#include <dlib/serialize.h>

namespace facefolio {

FaceModels::FaceModels()
    : m_data(std::make_unique<Data>())
{}

FaceModels::~FaceModels() = default;

std::shared_ptr<const FaceModels> FaceModels::load()
{
    return load(ModelLocator::encoderManifestPath(), ModelLocator::encoderWeightsPath(),
                ModelLocator::landmarksPath(), true, ModelLocator::ssdManifestPath(),
                ModelLocator::ssdWeightsPath());
}

bool FaceModels::hasSsd() const
{
    return m_data->ssd != nullptr;
}

std::shared_ptr<const FaceModels> FaceModels::load(const QString &manifestPath,
                                                   const QString &weightsPath,
                                                   const QString &landmarksPath, bool checkDigests,
                                                   const QString &ssdManifestPath,
                                                   const QString &ssdWeightsPath)
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

    if (ssdManifestPath.isEmpty() || ssdWeightsPath.isEmpty()) {
        models->m_ssdError = QStringLiteral("the SSD face detector was not loaded");
        return models;
    }
    try {
        const auto ssdTensors =
            TfjsWeights::load(ssdManifestPath, ssdWeightsPath,
                              checkDigests ? QByteArray(pins::kSsdManifestSha256) : QByteArray(),
                              checkDigests ? QByteArray(pins::kSsdWeightsSha256) : QByteArray());
        models->m_data->ssd = std::make_unique<SsdDetector>(ssdTensors);
    } catch (const ModelError &e) {
        // HOG-only analysis needs none of it: keep the reason for whoever asks
        // for the SSD detector.
        models->m_ssdError = QString::fromUtf8(e.what());
    } catch (const std::exception &e) {
        models->m_ssdError =
            QStringLiteral("the SSD face detector could not be built (%1); run `%2`")
                .arg(QString::fromUtf8(e.what()).simplified().left(160),
                     ModelLocator::setupCommand());
    }
    return models;
}

} // namespace facefolio
