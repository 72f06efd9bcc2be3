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
    // A model fills only the first floats of an Embedding (dlib 128 of 512):
    // the products need only those, rounded up to whole SIMD blocks.
    int used = 0;
    for (const Embedding &e : points)
        for (int k = int(e.size()); k > used; --k)
            if (e[size_t(k) - 1] != 0.0f) {
                used = k;
                break;
            }
    m_dim = std::min(int(std::tuple_size_v<Embedding>), std::max(16, (used + 15) / 16 * 16));
    for (size_t i = 0; i < points.size(); ++i) {
        double s = 0;
        for (float v : points[i])
            s += double(v) * double(v);
        m_norms2[i] = s;
        m_norms2f[i] = float(s);
        m_maxNorm2 = std::max(m_maxNorm2, s);
    }
}

double NeighbourSearch::exactSquaredDistance(const Embedding &a, const Embedding &b)
{
    double s = 0;
    for (size_t i = 0; i < a.size(); ++i) {
        const double d = double(a[i]) - double(b[i]);
        s += d * d;
    }
    return s;
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

void NeighbourSearch::tiles(int rowBegin, int rowEnd, std::vector<float> &tile,
                            const TileVisitor &visit) const
{
    const int n = size();
    const int rows = rowEnd - rowBegin;
    constexpr int stride = int(std::tuple_size_v<Embedding>);
    tile.resize(size_t(rows) * size_t(m_options.blockColumns));
    for (int c0 = 0; c0 < n; c0 += m_options.blockColumns) {
        const int c1 = std::min(n, c0 + m_options.blockColumns);
        const int cols = c1 - c0;
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasTrans, rows, cols, m_dim, 1.0f,
                    m_points[size_t(rowBegin)].data(), stride, m_points[size_t(c0)].data(), stride,
                    0.0f, tile.data(), cols);
        for (int r = 0; r < rows; ++r)
            visit(rowBegin + r, c0, c1, tile.data() + size_t(r) * size_t(cols));
    }
}

std::optional<RadiusNeighbours> NeighbourSearch::radius(double eps,
                                                        const ClusterControl &control) const
{
    const int n = size();
    const double eps2 = eps * eps;
    std::vector<std::vector<int>> rows(static_cast<size_t>(n));
    const bool ok = runBlocks(control, [&](int rowBegin, int rowEnd, std::vector<float> &tile) {
        tiles(rowBegin, rowEnd, tile, [&](int i, int c0, int c1, const float *dots) {
            const double ni = m_norms2[size_t(i)];
            // |b|² - 2a·b <= eps² + margin - |a|², compared in float: the
            // extra slack covers float rounding of the two sides, so the
            // filter only ever lets more candidates through to the exact check.
            const float limit = float(eps2 + margin(i) - ni + 1e-5 * (ni + m_maxNorm2) + 1e-6);
            const float *normsj = m_norms2f.data();
            std::vector<int> &out = rows[size_t(i)];
            for (int j = c0; j < c1; ++j) {
                if (normsj[j] - 2.0f * dots[j - c0] <= limit &&
                    exactSquaredDistance(m_points[size_t(i)], m_points[size_t(j)]) <= eps2)
                    out.push_back(j);
            }
        });
    });
    if (!ok)
        return std::nullopt;
    RadiusNeighbours result;
    result.offsets.resize(size_t(n) + 1);
    result.offsets[0] = 0;
    for (int i = 0; i < n; ++i)
        result.offsets[size_t(i) + 1] = result.offsets[size_t(i)] + qint64(rows[size_t(i)].size());
    result.indices.reserve(size_t(result.offsets.back()));
    for (std::vector<int> &r : rows) {
        result.indices.insert(result.indices.end(), r.begin(), r.end());
        std::vector<int>().swap(r);
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
        tiles(rowBegin, rowEnd, tile, [&](int i, int c0, int c1, const float *dots) {
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
                exact.push_back(
                    {exactSquaredDistance(m_points[size_t(i)], m_points[size_t(a.index)]),
                     a.index});
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
                        exact.push_back(
                            {exactSquaredDistance(m_points[size_t(i)], m_points[size_t(j)]), j});
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
