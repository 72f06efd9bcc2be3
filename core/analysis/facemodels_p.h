#pragma once

// Private to core: speaks dlib and OpenCV types. Never include from ui/ or app/.

#include "analysis/arcfaceencoder_p.h"
#include "analysis/faceencoder_p.h"
#include "analysis/facemodels.h"
#include "analysis/ssddetector.h"

#include <dlib/image_processing/frontal_face_detector.h>
#include <dlib/image_processing/shape_predictor.h>

namespace facefolio {

struct FaceModels::Data
{
    std::unique_ptr<detail::FaceEncoder> encoder;
    dlib::shape_predictor landmarks;
    dlib::frontal_face_detector detector;
    std::unique_ptr<SsdDetector> ssd; ///< null when its weights are missing or damaged
    std::unique_ptr<detail::ArcFaceEncoder>
        arcFace; ///< null when fr_feature.onnx is missing or damaged
};

} // namespace facefolio
