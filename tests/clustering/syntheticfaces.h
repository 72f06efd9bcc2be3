#pragma once

// Test data the clustering tests make themselves: identities with centres far
// apart (about 0.9 between people) and faces scattered around them (about
// 0.4 within a person), like dlib embeddings of a photo library.

#include "catalog/embedding.h"

#include <cmath>
#include <random>
#include <vector>

namespace facefolio::test {

struct SyntheticFaces
{
    std::vector<Embedding> points;
    std::vector<int> identity;
};

// Box–Muller on raw engine output, so the data are the same on every platform.
inline double gaussian(std::mt19937 &rng)
{
    const double u1 = (double(rng()) + 1.0) / 4294967297.0;
    const double u2 = double(rng()) / 4294967296.0;
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
}

inline SyntheticFaces makeFaces(const std::vector<int> &sizes, unsigned seed, double within = 0.025,
                                double between = 0.05)
{
    std::mt19937 rng(seed);
    SyntheticFaces out;
    for (size_t id = 0; id < sizes.size(); ++id) {
        // dlib's 128 dimensions, which `within` and `between` are scaled to; the rest stay 0.
        constexpr size_t dims = size_t(embeddingDims(EncoderModel::Dlib));
        Embedding centre{};
        for (size_t d = 0; d < dims; ++d)
            centre[d] = float(between * gaussian(rng));
        for (int f = 0; f < sizes[id]; ++f) {
            Embedding e{};
            for (size_t d = 0; d < dims; ++d)
                e[d] = centre[d] + float(within * gaussian(rng));
            out.points.push_back(e);
            out.identity.push_back(int(id));
        }
    }
    // Interleave the identities so that index order says nothing about them.
    std::vector<size_t> order(out.points.size());
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    for (size_t i = order.size(); i > 1; --i)
        std::swap(order[i - 1], order[rng() % i]);
    SyntheticFaces shuffled;
    for (size_t i : order) {
        shuffled.points.push_back(out.points[i]);
        shuffled.identity.push_back(out.identity[i]);
    }
    return shuffled;
}

inline Embedding onLine(double x, double y = 0)
{
    Embedding e{};
    e[0] = float(x);
    e[1] = float(y);
    return e;
}

} // namespace facefolio::test
