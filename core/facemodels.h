#pragma once

#include <QString>

#include <memory>

namespace facefolio {

/// The loaded models, shared read-only by every analyzer: the encoder network
/// as a prototype that each worker copies, the landmark predictor and the HOG
/// detector.
class FaceModels final
{
public:
    /// Loads from ModelLocator's paths and checks the pinned digests. Throws
    /// ModelError with a one-line message naming the set-up command.
    static std::shared_ptr<const FaceModels> load();
    /// Loads from explicit paths; digests are checked only when given.
    static std::shared_ptr<const FaceModels> load(const QString &manifestPath,
                                                  const QString &weightsPath,
                                                  const QString &landmarksPath,
                                                  bool checkDigests);
    ~FaceModels();

    struct Data;
    const Data &data() const { return *m_data; }

private:
    FaceModels();
    std::unique_ptr<Data> m_data;
};

} // namespace facefolio
