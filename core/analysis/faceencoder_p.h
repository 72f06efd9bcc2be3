#pragma once

// Private to core: speaks dlib types. Never include from ui/ or app/.

#include "analysis/tfjsweights.h"
#include "catalog/embedding.h"

#include <dlib/matrix.h>
#include <dlib/pixel.h>
#include <memory>
#include <vector>

namespace facefolio::detail {

using Chip = dlib::matrix<dlib::rgb_pixel>;

/// The dlib ResNet face-recognition network (150×150 RGB in, 128 floats out)
/// with weights taken from a TensorFlow.js manifest. Not thread-safe: copy it
/// once per worker thread; copies share nothing.
class FaceEncoder final
{
public:
    /// Builds the network and loads the tensors; throws ModelError when the
    /// tensors do not fit the network exactly.
    explicit FaceEncoder(const std::vector<TfjsTensor> &tensors);
    FaceEncoder(const FaceEncoder &other);
    ~FaceEncoder();
    FaceEncoder &operator=(const FaceEncoder &) = delete;

    std::vector<Embedding> encode(const std::vector<Chip> &chips);

private:
    struct Net;
    std::unique_ptr<Net> m_net;
};

} // namespace facefolio::detail
