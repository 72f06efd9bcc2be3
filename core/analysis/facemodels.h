#pragma once

#include <QString>
#include <memory>

namespace facefolio {

/// The loaded models, shared read-only by every analyzer: the encoder network
/// and the SSD detector as prototypes that each worker copies, the landmark
/// predictor and the HOG detector.
class FaceModels final
{
public:
    /// Loads from ModelLocator's paths and checks the pinned digests. Throws
    /// ModelError with a one-line message naming the set-up command when the
    /// encoder or landmark model is missing or damaged. A missing or damaged
    /// SSD detector does not throw: HOG-only analysis still works, and
    /// ssdError() says what is wrong.
    static std::shared_ptr<const FaceModels> load();
    /// Loads from explicit paths; digests are checked only when given. The
    /// SSD detector is loaded only when both of its paths are given.
    static std::shared_ptr<const FaceModels> load(const QString &manifestPath,
                                                  const QString &weightsPath,
                                                  const QString &landmarksPath, bool checkDigests,
                                                  const QString &ssdManifestPath = {},
                                                  const QString &ssdWeightsPath = {});
    ~FaceModels();

    /// Whether the SSD face detector is loaded.
    bool hasSsd() const;
    /// Why the SSD detector is not loaded: one line naming the set-up command.
    QString ssdError() const { return m_ssdError; }

    struct Data;
    const Data &data() const { return *m_data; }

private:
    FaceModels();
    std::unique_ptr<Data> m_data;
    QString m_ssdError;
};

} // namespace facefolio
