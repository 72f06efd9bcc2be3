#include "clustering/partitionedknn.h"

#include "clustering/blasthreads.h"
#include "clustering/neighboursearch.h"

#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <atomic>
#include <cblas.h>
#include <cmath>
#include <limits>
#include <numeric>

namespace facefolio {

namespace {

/// Floats from one Embedding to the next in the caller's points.
constexpr int kStride = int(std::tuple_size_v<Embedding>);
constexpr int tileRows = 512;
constexpr int tileColumns = 2048;

float squaredNorm(const float *v, int dims)
{
    float s = 0;
    for (int d = 0; d < dims; ++d)
        s += v[d] * v[d];
    return s;
}

struct Approx
{
    float d2;
    int index;
    bool operator<(const Approx &o) const { return d2 < o.d2 || (d2 == o.d2 && index < o.index); }
};

struct Exact
{
    double d2;
    int index;
    bool operator<(const Exact &o) const { return d2 < o.d2 || (d2 == o.d2 && index < o.index); }
};

// Visits rows × columns tiles of dot products over the first `dims` floats:
// rows and columns are row-major embeddings, `rowStride` floats from one row
// to the next and `dims` from one column to the next; visit(row,
// columnBegin, columnEnd, dots of that row).
template <typename Visit>
void dotTiles(const float *rows, int rowStride, int rowCount, const float *columns, int columnCount,
              int dims, std::vector<float> &tile, Visit visit)
{
    tile.resize(size_t(tileRows) * size_t(tileColumns));
    for (int r0 = 0; r0 < rowCount; r0 += tileRows) {
        const int r1 = std::min(rowCount, r0 + tileRows);
        for (int c0 = 0; c0 < columnCount; c0 += tileColumns) {
            const int c1 = std::min(columnCount, c0 + tileColumns);
            cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, r1 - r0, c1 - c0, dims, 1.0f,
                        rows + size_t(r0) * size_t(rowStride), rowStride,
                        columns + size_t(c0) * size_t(dims), dims, 0.0f, tile.data(), c1 - c0);
            for (int r = r0; r < r1; ++r)
                visit(r, c0, c1, tile.data() + size_t(r - r0) * size_t(c1 - c0));
        }
    }
}

// The nearest centroid of each of `count` points (ties: the lower centroid).
void nearestCentroids(const float *rows, int rowStride, int count, int dims,
                      const std::vector<float> &centroids, const std::vector<float> &centroidNorms,
                      std::vector<float> &tile, int *out)
{
    const int cells = int(centroidNorms.size());
    std::vector<float> best(size_t(count), std::numeric_limits<float>::infinity());
    dotTiles(rows, rowStride, count, centroids.data(), cells, dims, tile,
             [&](int r, int c0, int c1, const float *dots) {
                 for (int c = c0; c < c1; ++c) {
                     // |x|² is the same for every centroid: left out.
                     const float d = centroidNorms[size_t(c)] - 2.0f * dots[c - c0];
                     if (d < best[size_t(r)]) {
                         best[size_t(r)] = d;
                         out[r] = c;
                     }
                 }
             });
}

} // namespace

std::optional<KnnGraph> PartitionedKnn::search(std::span<const Embedding> points, int k,
                                               const Options &options,
                                               const ClusterControl &control)
{
    useOneBlasThread();
    const int n = int(points.size());
    KnnGraph g;
    g.points = n;
    g.k = std::clamp(k, 0, std::max(0, n - 1));
    if (g.k == 0)
        return control.isCancelled() ? std::nullopt : std::optional<KnnGraph>(g);
    const float *data = points[0].data();
    // A model fills only its own floats (dlib 128 of 512): the products, the
    // copies and the exact distances need only those.
    const int dim = NeighbourSearch::usedDims(points);
    const int probes = std::max(1, options.probes);
    // Assigning the points costs n·cells, searching them n·probes·n/cells:
    // both are equal at sqrt(n/probes) points a cell.
    const int cellSize = options.cellSize > 0
                             ? options.cellSize
                             : std::max(32, int(std::lround(std::sqrt(double(n) / probes))));
    const int cells = std::clamp(n / cellSize, 1, n);

    QThreadPool pool;
    pool.setMaxThreadCount(std::max(1, options.threads));
    std::atomic<bool> stop{false};
    auto parallel = [&](const std::vector<int> &items, const auto &work) {
        QtConcurrent::blockingMap(&pool, items, [&](int item) {
            if (stop.load() || control.isCancelled()) {
                stop.store(true);
                return;
            }
            work(item);
        });
        return !stop.load() && !control.isCancelled();
    };
    std::vector<int> blocks;
    for (int b = 0; b < n; b += tileRows)
        blocks.push_back(b);

    // k-means on an evenly spaced sample, from evenly spaced points.
    std::vector<float> centroids(size_t(cells) * dim);
    for (int c = 0; c < cells; ++c)
        std::copy_n(points[size_t(qint64(c) * n / cells)].data(), dim,
                    centroids.data() + size_t(c) * dim);
    std::vector<float> centroidNorms(static_cast<size_t>(cells));
    auto updateNorms = [&] {
        for (int c = 0; c < cells; ++c)
            centroidNorms[size_t(c)] = squaredNorm(centroids.data() + size_t(c) * dim, dim);
    };
    updateNorms();
    const int sampleSize = int(std::min<qint64>(n, qint64(cells) * 32));
    std::vector<float> sample(size_t(sampleSize) * dim);
    for (int s = 0; s < sampleSize; ++s)
        std::copy_n(points[size_t(qint64(s) * n / sampleSize)].data(), dim,
                    sample.data() + size_t(s) * dim);
    std::vector<int> sampleCell(static_cast<size_t>(sampleSize));
    std::vector<int> sampleBlocks;
    for (int b = 0; b < sampleSize; b += tileRows)
        sampleBlocks.push_back(b);
    for (int round = 0; round < options.iterations; ++round) {
        if (!parallel(sampleBlocks, [&](int b) {
                thread_local std::vector<float> tile;
                nearestCentroids(sample.data() + size_t(b) * dim, dim,
                                 std::min(tileRows, sampleSize - b), dim, centroids, centroidNorms,
                                 tile, sampleCell.data() + b);
            }))
            return std::nullopt;
        // Summed in sample order, so the centres do not depend on the threads.
        std::vector<double> sums(size_t(cells) * dim, 0.0);
        std::vector<int> counts(static_cast<size_t>(cells), 0);
        for (int s = 0; s < sampleSize; ++s) {
            const int c = sampleCell[size_t(s)];
            ++counts[size_t(c)];
            for (int d = 0; d < dim; ++d)
                sums[size_t(c) * dim + size_t(d)] += double(sample[size_t(s) * dim + size_t(d)]);
        }
        for (int c = 0; c < cells; ++c)
            if (counts[size_t(c)] > 0) // an empty cell keeps its centre
                for (int d = 0; d < dim; ++d)
                    centroids[size_t(c) * dim + size_t(d)] =
                        float(sums[size_t(c) * dim + size_t(d)] / counts[size_t(c)]);
        updateNorms();
    }
    std::vector<float>().swap(sample);

    // Every point into its cell; cells as compressed rows, points ascending.
    std::vector<int> cellOf(static_cast<size_t>(n));
    if (!parallel(blocks, [&](int b) {
            thread_local std::vector<float> tile;
            nearestCentroids(data + size_t(b) * kStride, kStride, std::min(tileRows, n - b), dim,
                             centroids, centroidNorms, tile, cellOf.data() + b);
        }))
        return std::nullopt;
    std::vector<int> cellStart(size_t(cells) + 1, 0);
    for (int c : cellOf)
        ++cellStart[size_t(c) + 1];
    std::partial_sum(cellStart.begin(), cellStart.end(), cellStart.begin());
    std::vector<int> cellPoints(static_cast<size_t>(n));
    {
        std::vector<int> cursor(cellStart.begin(), cellStart.end() - 1);
        for (int i = 0; i < n; ++i)
            cellPoints[size_t(cursor[size_t(cellOf[size_t(i)])]++)] = i;
    }
    std::vector<int>().swap(cellOf);

    std::vector<float> norms(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        norms[size_t(i)] = squaredNorm(points[size_t(i)].data(), dim);

    g.indices.resize(size_t(n) * size_t(g.k));
    g.distances.resize(g.indices.size());
    // Keep a few more candidates than asked, so that float rounding rarely
    // decides which of two nearly equal distances is kept.
    const int keep = g.k + 8;
    const int probed = std::min(probes, cells);
    std::atomic<qint64> done{0};
    std::vector<int> order;
    for (int c = 0; c < cells; ++c)
        if (cellStart[size_t(c) + 1] > cellStart[size_t(c)])
            order.push_back(c);
    // Biggest cells first, so that the threads finish together.
    std::stable_sort(order.begin(), order.end(), [&](int x, int y) {
        return cellStart[size_t(x) + 1] - cellStart[size_t(x)] >
               cellStart[size_t(y) + 1] - cellStart[size_t(y)];
    });
    const bool ok = parallel(order, [&](int cell) {
        // The cells to search: the `probes` centres nearest this one.
        std::vector<Approx> near;
        const float *centre = centroids.data() + size_t(cell) * dim;
        for (int c = 0; c < cells; ++c) {
            float d = 0;
            for (int t = 0; t < dim; ++t) {
                const float x = centre[t] - centroids[size_t(c) * dim + size_t(t)];
                d += x * x;
            }
            near.push_back({c == cell ? -1.0f : d, c});
        }
        std::partial_sort(near.begin(), near.begin() + probed, near.end());
        std::vector<int> candidates;
        for (int p = 0; p < probed; ++p)
            for (int i = cellStart[size_t(near[size_t(p)].index)];
                 i < cellStart[size_t(near[size_t(p)].index) + 1]; ++i)
                candidates.push_back(cellPoints[size_t(i)]);
        if (int(candidates.size()) <= g.k) { // too few: every point is a candidate
            candidates.resize(size_t(n));
            std::iota(candidates.begin(), candidates.end(), 0);
        }
        const std::span<const int> queries(
            cellPoints.data() + cellStart[size_t(cell)],
            size_t(cellStart[size_t(cell) + 1] - cellStart[size_t(cell)]));
        thread_local std::vector<float> rows, columns, columnNorms, tile;
        rows.resize(queries.size() * dim);
        for (size_t q = 0; q < queries.size(); ++q)
            std::copy_n(points[size_t(queries[q])].data(), dim, rows.data() + q * dim);
        columns.resize(candidates.size() * dim);
        columnNorms.resize(candidates.size());
        for (size_t c = 0; c < candidates.size(); ++c) {
            std::copy_n(points[size_t(candidates[c])].data(), dim, columns.data() + c * dim);
            columnNorms[c] = norms[size_t(candidates[c])];
        }

        std::vector<std::vector<Approx>> heaps(queries.size());
        dotTiles(rows.data(), dim, int(queries.size()), columns.data(), int(candidates.size()), dim,
                 tile, [&](int r, int c0, int c1, const float *dots) {
                     std::vector<Approx> &heap = heaps[size_t(r)];
                     const int self = queries[size_t(r)];
                     const float ni = norms[size_t(self)];
                     // |b|² - 2a·b against the worst kept less |a|²: most
                     // candidates fail this one comparison.
                     float limit = int(heap.size()) < keep ? std::numeric_limits<float>::infinity()
                                                           : heap.front().d2 - ni;
                     const float *cn = columnNorms.data();
                     for (int c = c0; c < c1; ++c) {
                         if (cn[c] - 2.0f * dots[c - c0] > limit)
                             continue;
                         const int j = candidates[size_t(c)];
                         if (j == self)
                             continue;
                         const Approx a{ni + cn[c] - 2.0f * dots[c - c0], j};
                         if (int(heap.size()) < keep) {
                             heap.push_back(a);
                             std::push_heap(heap.begin(), heap.end());
                         } else if (a < heap.front()) {
                             std::pop_heap(heap.begin(), heap.end());
                             heap.back() = a;
                             std::push_heap(heap.begin(), heap.end());
                         } else {
                             continue;
                         }
                         if (int(heap.size()) == keep)
                             limit = heap.front().d2 - ni;
                     }
                 });
        std::vector<Exact> exact;
        for (size_t q = 0; q < queries.size(); ++q) {
            const int i = queries[q];
            exact.clear();
            for (const Approx &a : heaps[q])
                exact.push_back({NeighbourSearch::exactSquaredDistance(
                                     points[size_t(i)], points[size_t(a.index)], dim),
                                 a.index});
            std::sort(exact.begin(), exact.end());
            for (int t = 0; t < g.k; ++t) {
                g.indices[size_t(i) * size_t(g.k) + size_t(t)] = exact[size_t(t)].index;
                g.distances[size_t(i) * size_t(g.k) + size_t(t)] =
                    float(std::sqrt(exact[size_t(t)].d2));
            }
        }
        const qint64 finished = done.fetch_add(qint64(queries.size())) + qint64(queries.size());
        if (control.progress)
            control.progress(finished, n);
    });
    if (!ok)
        return std::nullopt;
    return g;
}

} // namespace facefolio
