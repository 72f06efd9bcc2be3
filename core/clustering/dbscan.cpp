#include "clustering/dbscan.h"

namespace facefolio {

std::vector<int> Dbscan::labels(const RadiusNeighbours &neighbours, int minSamples)
{
    const int n = neighbours.size();
    std::vector<char> core(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        core[size_t(i)] = qint64(neighbours.of(i).size()) >= qint64(minSamples);

    // A transcription of sklearn/cluster/_dbscan_inner.pyx: a depth-first walk
    // that labels every point it reaches and expands only core points.
    std::vector<int> label(size_t(n), -1);
    std::vector<int> stack;
    int next = 0;
    for (int start = 0; start < n; ++start) {
        if (label[size_t(start)] != -1 || !core[size_t(start)])
            continue;
        int i = start;
        while (true) {
            if (label[size_t(i)] == -1) {
                label[size_t(i)] = next;
                if (core[size_t(i)]) {
                    for (int v : neighbours.of(i))
                        if (label[size_t(v)] == -1)
                            stack.push_back(v);
                }
            }
            if (stack.empty())
                break;
            i = stack.back();
            stack.pop_back();
        }
        ++next;
    }
    return label;
}

std::optional<std::vector<int>> Dbscan::run(std::span<const Embedding> points, double eps,
                                            int minSamples, const ClusterControl &control,
                                            NeighbourSearch::Options options)
{
    const NeighbourSearch search(points, options);
    std::optional<RadiusNeighbours> neighbours = search.radius(eps, control);
    if (!neighbours)
        return std::nullopt;
    return labels(*neighbours, minSamples);
}

} // namespace facefolio
