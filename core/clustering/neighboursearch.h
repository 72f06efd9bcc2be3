#pragma once

#include "catalog/embedding.h"

#include <QtGlobal>
#include <functional>
#include <optional>
#include <span>
#include <vector>

namespace facefolio {

/// How a long clustering step is watched from outside. Both callbacks may be
/// called from worker threads, concurrently; both may be empty.
struct ClusterControl
{
    /// Polled between blocks of work; returning true abandons the step.
    std::function<bool()> cancelled;
    /// Told how many query rows are finished, out of how many (monotonic).
    std::function<void(qint64 done, qint64 total)> progress;

    bool isCancelled() const { return cancelled && cancelled(); }
};

/// For every point, the indices of all points within a radius, itself included.
/// Compressed rows: the neighbours of point i are indices[offsets[i] .. offsets[i+1]),
/// in ascending index order.
struct RadiusNeighbours
{
    std::vector<qint64> offsets{0};
    std::vector<int> indices;

    int size() const { return int(offsets.size()) - 1; }
    std::span<const int> of(int i) const
    {
        return {indices.data() + offsets[size_t(i)],
                size_t(offsets[size_t(i) + 1] - offsets[size_t(i)])};
    }
};

/// The k nearest other points of every point (the point itself is never its own
/// neighbour; an exact duplicate is, at distance 0). Row i holds k entries,
/// nearest first, equal distances in ascending index order.
struct KnnGraph
{
    int points = 0;               ///< number of points searched
    int k = 0;                    ///< neighbours per point: min(requested k, points - 1)
    std::vector<int> indices;     ///< points × k
    std::vector<float> distances; ///< euclidean, computed in double precision

    std::span<const int> neighbours(int i) const
    {
        return {indices.data() + size_t(i) * size_t(k), size_t(k)};
    }
    std::span<const float> distancesOf(int i) const
    {
        return {distances.data() + size_t(i) * size_t(k), size_t(k)};
    }
};

/// Exact neighbour search by blocked brute force: squared distances of a block
/// of rows against a block of columns come from one BLAS sgemm
/// (|a-b|² = |a|² + |b|² - 2a·b), so memory stays O(block² + result), never O(n²).
/// Every candidate the float product lets through is re-measured in double
/// precision, and only that exact distance decides, so results equal a naive
/// double-precision search. Row blocks run on a private thread pool; OpenBLAS is
/// switched to one thread per caller (as the encoder pipeline already does).
class NeighbourSearch final
{
public:
    struct Options
    {
        int threads = 0;         ///< worker threads; 0: QThread::idealThreadCount()
        int blockRows = 1024;    ///< query rows per task
        int blockColumns = 4096; ///< columns per sgemm tile (radius() uses at most 512)
        /// knn() on more points than this builds the graph with PartitionedKnn
        /// instead of exactly; radius() is always exact. Measured with
        /// bench_cluster synthetic N --method knn [--exact-up-to 0] on 2 busy
        /// cores: exact 0.7 s at 10,000 points and 3 s at 20,000 (it grows as
        /// n²), partitioned 0.2 s and 0.4 s with 96–97% of the exact
        /// neighbours. Up to here the graph stays exact, so a library the size
        /// of LFW (13,233 faces) keeps the exact graph.
        int exactUpTo = 20000;
    };

    /// The points must stay alive and unchanged while this object is used.
    explicit NeighbourSearch(std::span<const Embedding> points);
    NeighbourSearch(std::span<const Embedding> points, Options options);

    int size() const { return int(m_points.size()); }

    /// All points j with distance(i, j) <= eps (inclusive, like scikit-learn's
    /// radius_neighbors), for every i. std::nullopt when cancelled.
    std::optional<RadiusNeighbours> radius(double eps, const ClusterControl &control = {}) const;

    /// The k nearest neighbours of every point (see KnnGraph): exact up to
    /// Options::exactUpTo points, from PartitionedKnn above. std::nullopt when cancelled.
    std::optional<KnnGraph> knn(int k, const ClusterControl &control = {}) const;

    /// The exact k nearest neighbours whatever the size (O(n²) time).
    std::optional<KnnGraph> exactKnn(int k, const ClusterControl &control = {}) const;

    /// Euclidean distance accumulated in double precision: the reference every
    /// search result is decided by.
    static double exactSquaredDistance(const Embedding &a, const Embedding &b);
    /// The same over the first `dims` floats (usedDims()): equal to it when
    /// the rest are zeros.
    static double exactSquaredDistance(const Embedding &a, const Embedding &b, int dims);
    /// How many leading floats the points use (a model fills only its own:
    /// dlib 128 of 512), rounded up to whole SIMD blocks of 16, at least 16.
    static int usedDims(std::span<const Embedding> points);

private:
    using TileVisitor =
        std::function<void(int row, int columnBegin, int columnEnd, const float *dots)>;
    bool runBlocks(
        const ClusterControl &control,
        const std::function<void(int rowBegin, int rowEnd, std::vector<float> &tile)> &block) const;
    /// Products of rows [rowBegin, rowEnd) with the columns from firstColumn
    /// on, in tiles of `columns` columns.
    void tiles(int rowBegin, int rowEnd, int firstColumn, int columns, std::vector<float> &tile,
               const TileVisitor &visit) const;
    /// exactSquaredDistance() of two points, over the floats the model uses.
    double exactSquaredDistance(int i, int j) const;
    double margin(int i) const;

    std::span<const Embedding> m_points;
    int m_dim = 0; ///< how many leading floats the points use
    std::vector<double> m_norms2;
    std::vector<float> m_norms2f; ///< the same in float, for the radius pre-filter
    double m_maxNorm2 = 0;
    Options m_options;
};

} // namespace facefolio
