#pragma once

#include <array>
#include <cmath>

namespace facefolio {

/// A face signature from the dlib ResNet: two faces of one person are usually
/// closer than 0.6 in euclidean distance.
using Embedding = std::array<float, 128>;

inline float embeddingDistance(const Embedding &a, const Embedding &b)
{
    float sum = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const float d = a[i] - b[i];
        sum += d * d;
    }
    return std::sqrt(sum);
}

inline float embeddingNorm(const Embedding &a)
{
    float sum = 0;
    for (float v : a)
        sum += v * v;
    return std::sqrt(sum);
}

} // namespace facefolio
