#pragma once

#include <QString>

namespace facefolio {

/// Finds the model files. The encoders' and SSD detector's weights live in
/// `$FACEFOLIO_MODELS` when that is set, otherwise in the first XDG data dir holding
/// `facefolio/models/` (user dir first, then the system dirs). The landmark
/// model comes from Debian's libdlib-data unless the models dir holds a copy.
class ModelLocator final
{
public:
    /// The directory searched for the encoder files (may not exist yet).
    static QString modelsDir();
    static QString encoderManifestPath();
    static QString encoderWeightsPath();
    /// The SSD face detector's files, beside the encoder's.
    static QString ssdManifestPath();
    static QString ssdWeightsPath();
    /// The ArcFace-class encoder `fr_feature.onnx`, beside the others.
    static QString arcFacePath();
    static QString landmarksPath();
    /// The installed fetch script (facefolio-fetch-models beside the running
    /// program), or empty when the program runs from a build tree.
    static QString installedFetchScript();
    /// The command a user runs to install what is missing.
    static QString setupCommand();
};

} // namespace facefolio
