#pragma once

#include <QString>
#include <memory>

namespace facefolio {

/// The loaded models, shared read-only by every analyzer: the encoder networks
/// (dlib's and the ArcFace-class one) and the SSD detector as prototypes that
/// each worker copies, the landmark predictor and the HOG detector.
class FaceModels final
{
public:
    /// Loads from ModelLocator's paths and checks the pinned digests. Throws
    /// ModelError with a one-line message naming the set-up command when the
    /// dlib encoder or landmark model is missing or damaged. A missing or
    /// damaged SSD detector or ArcFace encoder does not throw: HOG-only and
    /// dlib-only analysis still work, and ssdError() or arcFaceError() says
    /// what is wrong.
    static std::shared_ptr<const FaceModels> load();
    /// Loads from explicit paths; digests are checked only when asked. The
    /// SSD detector is loaded only when both of its paths are given, the
    /// ArcFace encoder only when its path is given.
    static std::shared_ptr<const FaceModels>
    load(const QString &manifestPath, const QString &weightsPath, const QString &landmarksPath,
         bool checkDigests, const QString &ssdManifestPath = {}, const QString &ssdWeightsPath = {},
         const QString &arcFacePath = {});
    ~FaceModels();

    /// Whether the SSD face detector is loaded.
    bool hasSsd() const;
    /// Why the SSD detector is not loaded: one line naming the set-up command.
    QString ssdError() const { return m_ssdError; }
    /// Whether the ArcFace-class encoder (fr_feature.onnx) is loaded.
    bool hasArcFace() const;
    /// Why the ArcFace encoder is not loaded: one line naming the set-up command.
    QString arcFaceError() const { return m_arcFaceError; }

    struct Data;
    const Data &data() const { return *m_data; }

private:
    FaceModels();
    void loadArcFace(const QString &path, bool checkDigest);
    void loadSsd(const QString &manifestPath, const QString &weightsPath, bool checkDigests);
    std::unique_ptr<Data> m_data;
    QString m_ssdError;
    QString m_arcFaceError;
};

} // namespace facefolio
