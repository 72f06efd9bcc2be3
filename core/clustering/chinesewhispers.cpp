#include "clustering/chinesewhispers.h"

#include "clustering/seedgraph.h"

#include <algorithm>
#include <numeric>
#include <random>

namespace facefolio {

std::vector<int> ChineseWhispers::cluster(const KnnGraph &knn, const Options &options,
                                          const ClusterConstraints &constraints)
{
    const SeedGraph graph(knn, constraints, options.threshold);
    const int nodes = graph.seedCount();
    std::vector<int> label(static_cast<size_t>(nodes));
    std::iota(label.begin(), label.end(), 0);
    std::vector<int> order(label);
    std::mt19937 rng(options.seed);

    struct Score
    {
        int label;
        double weight;
    };
    std::vector<Score> scores;
    std::vector<int> forbidden;
    for (int iteration = 0; iteration < options.iterations; ++iteration) {
        // Fisher–Yates with raw engine output: std::shuffle's use of the engine
        // is implementation-defined, this is the same everywhere.
        for (int i = nodes - 1; i > 0; --i)
            std::swap(order[size_t(i)], order[size_t(rng() % quint32(i + 1))]);
        bool changed = false;
        for (int node : order) {
            const auto links = graph.links(node);
            if (links.empty())
                continue;
            forbidden.clear();
            for (int other : graph.cannotLink(node))
                forbidden.push_back(label[size_t(other)]);
            scores.clear();
            for (const SeedGraph::Link &l : links)
                scores.push_back({label[size_t(l.to)], double(l.count)});
            std::sort(scores.begin(), scores.end(),
                      [](const Score &a, const Score &b) { return a.label < b.label; });
            int best = label[size_t(node)];
            double bestWeight = 0;
            for (size_t s = 0; s < scores.size();) {
                size_t t = s;
                double w = 0;
                for (; t < scores.size() && scores[t].label == scores[s].label; ++t)
                    w += scores[t].weight;
                const int candidate = scores[s].label;
                const bool allowed =
                    std::find(forbidden.begin(), forbidden.end(), candidate) == forbidden.end();
                if (allowed && w > bestWeight) {
                    best = candidate;
                    bestWeight = w;
                }
                s = t;
            }
            if (best != label[size_t(node)]) {
                label[size_t(node)] = best;
                changed = true;
            }
        }
        if (!changed)
            break;
    }
    return graph.pointLabels(label);
}

std::optional<std::vector<int>> ChineseWhispers::run(std::span<const Embedding> points,
                                                     const Options &options,
                                                     const ClusterConstraints &constraints,
                                                     const ClusterControl &control,
                                                     NeighbourSearch::Options search)
{
    const NeighbourSearch index(points, search);
    std::optional<KnnGraph> knn = index.knn(options.k, control);
    if (!knn)
        return std::nullopt;
    return cluster(*knn, options, constraints);
}

} // namespace facefolio
