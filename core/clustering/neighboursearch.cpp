#include "clustering/neighboursearch.h"

#include "clustering/blasthreads.h"
#include "clustering/partitionedknn.h"

#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>
#include <algorithm>
#include <atomic>
#include <cblas.h>
#include <numeric>

namespace facefolio {

namespace {

struct Candidate
{
    double d2;
    int index;
    bool operator<(const Candidate &o) const
    {
        return d2 < o.d2 || (d2 == o.d2 && index < o.index);
    }
};

} // namespace

NeighbourSearch::NeighbourSearch(std::span<const Embedding> points)
    : NeighbourSearch(points, Options{})
{}

NeighbourSearch::NeighbourSearch(std::span<const Embedding> points, Options options)
    : m_points(points)
    , m_options(options)
{
    if (m_options.threads <= 0)
        m_options.threads = QThread::idealThreadCount();
    m_options.blockRows = std::max(1, m_options.blockRows);
    m_options.blockColumns = std::max(1, m_options.blockColumns);
    m_norms2.resize(points.size());
    m_norms2f.resize(points.size());
    // The products need only the floats the model fills.
    m_dim = usedDims(points);
    for (size_t i = 0; i < points.size(); ++i) {
        double s = 0;
        for (float v : points[i])
            s += double(v) * double(v);
        m_norms2[i] = s;
        m_norms2f[i] = float(s);
        m_maxNorm2 = std::max(m_maxNorm2, s);
    }
}

namespace {

// The squared distance over the first `dims` floats (a multiple of 8), in
// double precision. The difference of two floats of like size and its square
// are exact in a double, so only the sum rounds; it runs in eight lanes, which
// the compiler turns into vector instructions (one running sum would be a
// chain of 512 dependent additions), and the lanes are added in one fixed
// order. Zeros past a model's floats add nothing to any lane, so every dims
// from the model's own up to the whole array gives the same result.
double squaredDistance(const float *a, const float *b, int dims)
{
    constexpr int lanes = 8;
    double sum[lanes] = {};
    for (int k = 0; k < dims; k += lanes)
        for (int l = 0; l < lanes; ++l) {
            const double d = double(a[k + l]) - double(b[k + l]);
            sum[l] += d * d;
        }
    return ((sum[0] + sum[1]) + (sum[2] + sum[3])) + ((sum[4] + sum[5]) + (sum[6] + sum[7]));
}

} // namespace

double NeighbourSearch::exactSquaredDistance(const Embedding &a, const Embedding &b)
{
    static_assert(std::tuple_size_v<Embedding> % 8 == 0);
    return squaredDistance(a.data(), b.data(), int(a.size()));
}

double NeighbourSearch::exactSquaredDistance(const Embedding &a, const Embedding &b, int dims)
{
    return squaredDistance(a.data(), b.data(), dims);
}

int NeighbourSearch::usedDims(std::span<const Embedding> points)
{
    int used = 0;
    for (const Embedding &e : points)
        for (int k = int(e.size()); k > used; --k)
            if (e[size_t(k) - 1] != 0.0f) {
                used = k;
                break;
            }
    return std::min(int(std::tuple_size_v<Embedding>), std::max(16, (used + 15) / 16 * 16));
}

// A float sgemm dot product of n terms is off by at most about
// n · 2⁻²⁴ · |a||b|; four times that bound (over |a|² + |b|² ≥ 2|a||b|) keeps
// every true candidate in the exact re-check.
double NeighbourSearch::margin(int i) const
{
    return 4.0 * m_dim * 0x1p-24 * (m_norms2[size_t(i)] + m_maxNorm2) + 1e-6;
}

bool NeighbourSearch::runBlocks(
    const ClusterControl &control,
    const std::function<void(int rowBegin, int rowEnd, std::vector<float> &tile)> &block) const
{
    useOneBlasThread();
    const int n = size();
    std::vector<int> starts;
    for (int r = 0; r < n; r += m_options.blockRows)
        starts.push_back(r);
    std::atomic<bool> stop{false};
    std::atomic<qint64> done{0};
    QThreadPool pool;
    pool.setMaxThreadCount(m_options.threads);
    QtConcurrent::blockingMap(&pool, starts, [&](int rowBegin) {
        if (stop.load() || control.isCancelled()) {
            stop.store(true);
            return;
        }
        const int rowEnd = std::min(n, rowBegin + m_options.blockRows);
        thread_local std::vector<float> tile;
        block(rowBegin, rowEnd, tile);
        const qint64 finished = done.fetch_add(rowEnd - rowBegin) + (rowEnd - rowBegin);
        if (control.progress)
            control.progress(finished, n);
    });
    return !stop.load() && !control.isCancelled();
}

void NeighbourSearch::tiles(int rowBegin, int rowEnd, int firstColumn, int columns,
                            std::vector<float> &tile, const TileVisitor &visit) const
{
    const int n = size();
    const int rows = rowEnd - rowBegin;
    constexpr int stride = int(std::tuple_size_v<Embedding>);
    tile.resize(size_t(rows) * size_t(columns));
    for (int c0 = firstColumn; c0 < n; c0 += columns) {
        const int c1 = std::min(n, c0 + columns);
        const int cols = c1 - c0;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, cols, m_dim, 1.0f,
                    m_points[size_t(rowBegin)].data(), stride, m_points[size_t(c0)].data(), stride,
                    0.0f, tile.data(), cols);
        for (int r = 0; r < rows; ++r)
            visit(rowBegin + r, c0, c1, tile.data() + size_t(r) * size_t(cols));
    }
}

double NeighbourSearch::exactSquaredDistance(int i, int j) const
{
    return squaredDistance(m_points[size_t(i)].data(), m_points[size_t(j)].data(), m_dim);
}

std::optional<RadiusNeighbours> NeighbourSearch::radius(double eps,
                                                        const ClusterControl &control) const
{
    const int n = size();
    const double eps2 = eps * eps;
    // Distance is symmetric, so a row block measures only the columns from its
    // own first row on: half the products. A pair (i, j) with j past the block
    // is also a pair (j, i) of a later row; the block keeps those mirrored
    // pairs in a list of its own, no two threads ever write one row, and
    // they are put in their rows once every block is done.
    struct Mirrored
    {
        int row;
        int neighbour;
    };
    const int blockRows = m_options.blockRows;
    // The filter reads each row of a tile right after sgemm wrote it: a tile
    // that stays in the core's cache (1,024 × 512 floats, 2 MiB) made the
    // search at 40,000 points 1.37 s against 1.9 s with 4,096 columns
    // (bench_cluster synthetic 40000 --method dbscan). knn() keeps the wider
    // tiles, which suit its heaps (1.0 s against 1.9 s at 20,000 points).
    const int columns = std::min(m_options.blockColumns, 512);
    std::vector<std::vector<Mirrored>> mirrored(size_t((n + blockRows - 1) / blockRows));
    std::vector<std::vector<int>> rows(static_cast<size_t>(n));
    const bool ok = runBlocks(control, [&](int rowBegin, int rowEnd, std::vector<float> &tile) {
        std::vector<Mirrored> &mirror = mirrored[size_t(rowBegin / blockRows)];
        tiles(rowBegin, rowEnd, rowBegin, columns, tile,
              [&](int i, int c0, int c1, const float *dots) {
                  const double ni = m_norms2[size_t(i)];
                  // |b|² - 2a·b <= eps² + margin - |a|², compared in float: the
                  // extra slack covers float rounding of the two sides, so the
                  // filter only ever lets more candidates through to the exact check.
                  const float limit =
                      float(eps2 + margin(i) - ni + 1e-5 * (ni + m_maxNorm2) + 1e-6);
                  const float *normsj = m_norms2f.data() + c0;
                  std::vector<int> &out = rows[size_t(i)];
                  // Almost every column fails the filter: test a run of them without
                  // branches (the compiler vectorises it) and look closer only at a
                  // run with a candidate in it.
                  constexpr int run = 32;
                  for (int j0 = 0; j0 < c1 - c0; j0 += run) {
                      const int j1 = std::min(c1 - c0, j0 + run);
                      int candidates = 0;
                      for (int j = j0; j < j1; ++j)
                          candidates += normsj[j] - 2.0f * dots[j] <= limit;
                      if (candidates == 0)
                          continue;
                      for (int j = j0; j < j1; ++j) {
                          if (normsj[j] - 2.0f * dots[j] > limit)
                              continue;
                          const int column = c0 + j;
                          if (exactSquaredDistance(i, column) > eps2)
                              continue;
                          out.push_back(column);
                          if (column >= rowEnd)
                              mirror.push_back({column, i});
                      }
                  }
              });
    });
    if (!ok)
        return std::nullopt;
    // Row j holds its mirrored neighbours (rows of earlier blocks, so smaller
    // indices) and then its own (from its block's first row on). A block
    // mirrors its rows in ascending order, and the blocks are taken in order,
    // so every row stays in ascending index order.
    RadiusNeighbours result;
    result.offsets.assign(size_t(n) + 1, 0);
    for (const std::vector<Mirrored> &block : mirrored)
        for (const Mirrored &m : block)
            ++result.offsets[size_t(m.row) + 1];
    for (int i = 0; i < n; ++i)
        result.offsets[size_t(i) + 1] += result.offsets[size_t(i)] + qint64(rows[size_t(i)].size());
    result.indices.resize(size_t(result.offsets.back()));
    std::vector<qint64> next(result.offsets.begin(), result.offsets.end() - 1);
    for (std::vector<Mirrored> &block : mirrored) {
        for (const Mirrored &m : block)
            result.indices[size_t(next[size_t(m.row)]++)] = m.neighbour;
        std::vector<Mirrored>().swap(block);
    }
    for (int i = 0; i < n; ++i) {
        std::vector<int> &own = rows[size_t(i)];
        std::copy(own.begin(), own.end(), result.indices.begin() + next[size_t(i)]);
        std::vector<int>().swap(own);
    }
    return result;
}

std::optional<KnnGraph> NeighbourSearch::knn(int k, const ClusterControl &control) const
{
    if (size() <= m_options.exactUpTo)
        return exactKnn(k, control);
    PartitionedKnn::Options partitioned;
    partitioned.threads = m_options.threads;
    return PartitionedKnn::search(m_points, k, partitioned, control);
}

std::optional<KnnGraph> NeighbourSearch::exactKnn(int k, const ClusterControl &control) const
{
    const int n = size();
    KnnGraph g;
    g.points = n;
    g.k = std::clamp(k, 0, std::max(0, n - 1));
    if (g.k == 0)
        return g;
    g.indices.resize(size_t(n) * size_t(g.k));
    g.distances.resize(g.indices.size());
    // Keep a few more candidates than asked so that float noise and ties rarely
    // force the exact fallback below.
    const int keep = std::min(n - 1, g.k + std::max(8, g.k / 2));

    struct Approx
    {
        float d2;
        int index;
        bool operator<(const Approx &o) const
        {
            return d2 < o.d2 || (d2 == o.d2 && index < o.index);
        }
    };
    const bool ok = runBlocks(control, [&](int rowBegin, int rowEnd, std::vector<float> &tile) {
        std::vector<std::vector<Approx>> heaps(static_cast<size_t>(rowEnd - rowBegin));
        for (auto &h : heaps)
            h.reserve(size_t(keep));
        tiles(rowBegin, rowEnd, 0, m_options.blockColumns, tile,
              [&](int i, int c0, int c1, const float *dots) {
                  std::vector<Approx> &heap = heaps[size_t(i - rowBegin)];
                  const float ni = float(m_norms2[size_t(i)]);
                  for (int j = c0; j < c1; ++j) {
                      if (j == i)
                          continue;
                      const Approx a{ni + float(m_norms2[size_t(j)]) - 2.0f * dots[j - c0], j};
                      if (int(heap.size()) < keep) {
                          heap.push_back(a);
                          std::push_heap(heap.begin(), heap.end());
                      } else if (a.d2 < heap.front().d2) {
                          std::pop_heap(heap.begin(), heap.end());
                          heap.back() = a;
                          std::push_heap(heap.begin(), heap.end());
                      }
                  }
              });
        std::vector<Candidate> exact;
        for (int i = rowBegin; i < rowEnd; ++i) {
            const std::vector<Approx> &heap = heaps[size_t(i - rowBegin)];
            exact.clear();
            for (const Approx &a : heap)
                exact.push_back({exactSquaredDistance(i, a.index), a.index});
            std::sort(exact.begin(), exact.end());
            // Every point left out had an approximate distance >= the heap's
            // largest; if even that, less the error bound, does not clear the
            // k-th exact distance, an outsider might belong: measure the row exactly.
            const bool complete = int(heap.size()) == n - 1;
            const double worstKept = double(heap.front().d2);
            // The float-valued approximation adds its own rounding of |a|²+|b|².
            const double slack = margin(i) + 1e-6 * (m_norms2[size_t(i)] + m_maxNorm2);
            if (!complete && worstKept - slack <= exact[size_t(g.k) - 1].d2) {
                exact.clear();
                for (int j = 0; j < n; ++j)
                    if (j != i)
                        exact.push_back({exactSquaredDistance(i, j), j});
                std::partial_sort(exact.begin(), exact.begin() + g.k, exact.end());
            }
            for (int t = 0; t < g.k; ++t) {
                g.indices[size_t(i) * size_t(g.k) + size_t(t)] = exact[size_t(t)].index;
                g.distances[size_t(i) * size_t(g.k) + size_t(t)] =
                    float(std::sqrt(exact[size_t(t)].d2));
            }
        }
    });
    if (!ok)
        return std::nullopt;
    return g;
}

} // namespace facefolio
