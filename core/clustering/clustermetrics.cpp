#include "clustering/clustermetrics.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <unordered_map>
#include <vector>

namespace facefolio {

namespace {

// Dense ids 0..m-1; negative labels each get a fresh id.
std::vector<int> dense(std::span<const int> labels, int &count)
{
    std::unordered_map<int, int> ids;
    std::vector<int> out(labels.size());
    count = 0;
    for (size_t i = 0; i < labels.size(); ++i) {
        if (labels[i] < 0) {
            out[i] = count++;
            continue;
        }
        auto [it, inserted] = ids.emplace(labels[i], count);
        if (inserted)
            ++count;
        out[i] = it->second;
    }
    return out;
}

double pairs(double n)
{
    return n * (n - 1) / 2;
}

double f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0;
}

double entropy(const std::vector<double> &sizes, double n)
{
    double h = 0;
    for (double s : sizes)
        if (s > 0)
            h -= s / n * std::log(s / n);
    return h;
}

} // namespace

ClusterScores ClusterMetrics::evaluate(std::span<const int> predicted, std::span<const int> truth)
{
    ClusterScores s;
    const size_t n = std::min(predicted.size(), truth.size());
    predicted = predicted.first(n);
    truth = truth.first(n);
    for (int l : predicted)
        s.noise += l < 0;
    if (n == 0)
        return s;
    int pc = 0, tc = 0;
    const std::vector<int> p = dense(predicted, pc);
    const std::vector<int> t = dense(truth, tc);
    s.clusters = pc - s.noise;

    std::vector<double> pSize(static_cast<size_t>(pc)), tSize(static_cast<size_t>(tc));
    std::unordered_map<std::int64_t, double> cell;
    for (size_t i = 0; i < n; ++i) {
        ++pSize[size_t(p[i])];
        ++tSize[size_t(t[i])];
        ++cell[std::int64_t(p[i]) * tc + t[i]];
    }

    double together = 0, predictedPairs = 0, truePairs = 0, mi = 0;
    // Per predicted cluster: classes with kStrangerPoints points in it, its main class's points.
    std::vector<int> bigClasses(static_cast<size_t>(pc));
    std::vector<double> mainClass(static_cast<size_t>(pc));
    for (const auto &[key, c] : cell) {
        together += pairs(c);
        const size_t cluster = size_t(key / tc);
        const double a = pSize[cluster], b = tSize[size_t(key % tc)];
        mi += c / double(n) * std::log(c * double(n) / (a * b));
        bigClasses[cluster] += c >= kStrangerPoints;
        mainClass[cluster] = std::max(mainClass[cluster], c);
    }
    for (size_t c = 0; c < pSize.size(); ++c) {
        s.strangersMerged += bigClasses[c] >= 2;
        if (pSize[c] >= kPurityPoints) {
            const double purity = mainClass[c] / pSize[c];
            s.worstPurity = s.worstPurity < 0 ? purity : std::min(s.worstPurity, purity);
        }
    }
    for (double a : pSize)
        predictedPairs += pairs(a);
    for (double b : tSize)
        truePairs += pairs(b);
    s.pairwisePrecision = predictedPairs > 0 ? together / predictedPairs : 1;
    s.pairwiseRecall = truePairs > 0 ? together / truePairs : 1;
    s.pairwiseF = f1(s.pairwisePrecision, s.pairwiseRecall);

    double bp = 0, br = 0;
    for (size_t i = 0; i < n; ++i) {
        const double c = cell[std::int64_t(p[i]) * tc + t[i]];
        bp += c / pSize[size_t(p[i])];
        br += c / tSize[size_t(t[i])];
    }
    s.bcubedPrecision = bp / double(n);
    s.bcubedRecall = br / double(n);
    s.bcubedF = f1(s.bcubedPrecision, s.bcubedRecall);

    const double hp = entropy(pSize, double(n)), ht = entropy(tSize, double(n));
    // Both labellings a single cluster (or both all-distinct with n = 1): identical, NMI 1.
    s.nmi = hp + ht > 0 ? std::max(0.0, mi) / ((hp + ht) / 2) : 1;
    return s;
}

} // namespace facefolio
