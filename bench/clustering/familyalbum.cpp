#include "familyalbum.h"

#include "benchcommon.h"
#include "clustering/averagelinkage.h"
#include "clustering/clustermetrics.h"

#include <QString>
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <random>

namespace facefolio::bench {

namespace {

constexpr int kDims = 128;

double distance(const Embedding &a, const Embedding &b)
{
    double s = 0;
    for (int i = 0; i < kDims; ++i)
        s += double(a[size_t(i)] - b[size_t(i)]) * double(a[size_t(i)] - b[size_t(i)]);
    return std::sqrt(s);
}

} // namespace

FamilyAlbum makeFamilyAlbum(const FamilyAlbumOptions &o, unsigned seed)
{
    std::mt19937 rng(seed);
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform;
    // A random vector such that two independent draws lie about `d` apart.
    auto draw = [&](double d) {
        std::vector<double> v(kDims);
        for (double &x : v)
            x = normal(rng) * d / std::sqrt(2.0 * kDims);
        return v;
    };
    const std::vector<double> child = draw(o.childLikeness);
    const std::vector<double> family = draw(0.9);
    std::vector<std::vector<double>> base;
    std::vector<int> born;
    std::vector<std::vector<std::vector<double>>> looks; // person, age 0..79
    for (int p = 0; p < o.people; ++p) {
        const std::vector<double> own = draw(0.9);
        std::vector<double> b(kDims);
        for (int i = 0; i < kDims; ++i)
            b[size_t(i)] = o.relatedness * family[size_t(i)] +
                           std::sqrt(1 - o.relatedness * o.relatedness) * own[size_t(i)];
        base.push_back(b);
        born.push_back(p == 0 ? 1950 : p == 1 ? 1953 : 1976 + int(uniform(rng) * 14));
        // A random walk over the years, faster in childhood, centred at age 30.
        std::vector<std::vector<double>> walk(80, std::vector<double>(kDims, 0.0));
        std::vector<double> pos(kDims, 0.0);
        for (int age = 0; age < 80; ++age) {
            const std::vector<double> step = draw(age < 18 ? o.childDrift : o.adultDrift);
            for (int i = 0; i < kDims; ++i)
                pos[size_t(i)] += step[size_t(i)];
            walk[size_t(age)] = pos;
        }
        const std::vector<double> at30 = walk[30];
        for (auto &w : walk)
            for (int i = 0; i < kDims; ++i)
                w[size_t(i)] -= at30[size_t(i)];
        looks.push_back(std::move(walk));
    }

    FamilyAlbum album;
    std::vector<int> ages;
    auto add = [&](const std::vector<double> &v, int truth, int age) {
        Embedding e{};
        for (int i = 0; i < kDims; ++i)
            e[size_t(i)] = float(v[size_t(i)]);
        album.points.push_back(e);
        album.truth.push_back(truth);
        ages.push_back(age);
    };
    for (int photo = 0; photo < o.photos; ++photo) {
        const int year = 1975 + int(uniform(rng) * 46);
        const int first = int(album.points.size());
        std::vector<int> present;
        for (int p = 0; p < o.people; ++p)
            if (born[size_t(p)] <= year && uniform(rng) < 0.45)
                present.push_back(p);
        if (present.empty())
            present.push_back(0);
        for (int p : present) {
            const int age = year - born[size_t(p)];
            const std::vector<double> noise = draw(o.noise);
            std::vector<double> v(kDims);
            const double young = std::max(0.0, 1.0 - age / 12.0);
            for (int i = 0; i < kDims; ++i)
                v[size_t(i)] = base[size_t(p)][size_t(i)] +
                               looks[size_t(p)][size_t(age)][size_t(i)] + young * child[size_t(i)] +
                               noise[size_t(i)];
            add(v, p, age);
        }
        if (uniform(rng) < o.strangers) {
            const std::vector<double> face = draw(0.9), noise = draw(o.noise);
            std::vector<double> v(kDims);
            for (int i = 0; i < kDims; ++i)
                v[size_t(i)] = face[size_t(i)] + noise[size_t(i)];
            add(v, 1000 + photo, -1);
        }
        for (int a = first; a < int(album.points.size()); ++a)
            for (int b = a + 1; b < int(album.points.size()); ++b)
                album.constraints.cannotLink.emplace_back(a, b);
    }

    double same = 0, childAdult = 0;
    long sameCount = 0, childAdultCount = 0;
    for (size_t a = 0; a < album.points.size(); ++a)
        for (size_t b = a + 1; b < album.points.size(); ++b) {
            if (album.truth[a] != album.truth[b] || album.truth[a] >= 1000)
                continue;
            const double d = distance(album.points[a], album.points[b]);
            same += d;
            ++sameCount;
            const int young = std::min(ages[a], ages[b]), old = std::max(ages[a], ages[b]);
            if (young < 10 && old >= 30) {
                childAdult += d;
                ++childAdultCount;
            }
        }
    album.sameMean = sameCount ? same / double(sameCount) : 0;
    album.childAdultMean = childAdultCount ? childAdult / double(childAdultCount) : 0;
    return album;
}

int albumBenchmark(const QStringList &args)
{
    int seeds = 8;
    FamilyAlbumOptions base;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--seeds"))
            seeds = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--people"))
            base.people = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--photos"))
            base.photos = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--relatedness"))
            base.relatedness = args[i + 1].toDouble();
        else if (args[i] == QStringLiteral("--child-likeness"))
            base.childLikeness = args[i + 1].toDouble();
    }
    struct Drift
    {
        const char *name;
        double child, adult;
    };
    for (const Drift drift :
         {Drift{"mild", 0.15, 0.06}, Drift{"moderate", 0.22, 0.09}, Drift{"strong", 0.30, 0.12}}) {
        FamilyAlbumOptions o = base;
        o.childDrift = drift.child;
        o.adultDrift = drift.adult;
        struct Method
        {
            QString name;
            double cut;
            bool fragments;
            bool bridges;
        };
        const std::vector<Method> methods{
            {QStringLiteral("avg-linkage cut 0.52"), 0.52, false, false},
            {QStringLiteral("avg-linkage cut 0.6"), 0.60, false, false},
            {QStringLiteral("avg-linkage cut 0.7"), 0.70, false, false},
            {QStringLiteral("cut 0.52 + bridges (until issue 16)"), 0.52, false, true},
            {QStringLiteral("default (cut 0.52 + fragments)"), 0.52, true, false}};
        std::vector<std::array<double, 5>> sums(methods.size(), {0, 0, 0, 0, 0});
        std::vector<double> worstPurity(methods.size(), -1);
        double faces = 0, same = 0, childAdult = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            const FamilyAlbum a = makeFamilyAlbum(o, unsigned(seed));
            faces += double(a.points.size());
            same += a.sameMean;
            childAdult += a.childAdultMean;
            for (size_t m = 0; m < methods.size(); ++m) {
                AverageLinkage::Options options;
                options.cut = methods[m].cut;
                options.fragments.reset();
                if (methods[m].fragments)
                    options.fragments = FragmentJoin::Options::forCut(methods[m].cut);
                if (methods[m].bridges)
                    options.bridges = bridgeOptions(args);
                const auto labels = *AverageLinkage::run(a.points, options, a.constraints);
                const ClusterScores s = ClusterMetrics::evaluate(labels, a.truth);
                sums[m][0] += s.bcubedPrecision;
                sums[m][1] += s.bcubedRecall;
                sums[m][2] += s.bcubedF;
                sums[m][3] += s.pairwiseF;
                sums[m][4] += s.strangersMerged;
                if (s.worstPurity >= 0)
                    worstPurity[m] = worstPurity[m] < 0 ? s.worstPurity
                                                        : std::min(worstPurity[m], s.worstPurity);
            }
        }
        std::printf("-- %s drift (%d albums of %d people, %.0f faces on average): one person's "
                    "faces %.2f apart on average, as a child (< 10) and an adult (>= 30) %.2f\n",
                    drift.name, seeds, o.people, faces / seeds, same / seeds, childAdult / seeds);
        std::printf("%-34s  %-17s  %s  %s  %s\n", "method", "BCubed P R F", "pairwise F",
                    "strangers (mean)", "worst purity (of all albums)");
        for (size_t m = 0; m < methods.size(); ++m)
            std::printf("%-34s  %.3f %.3f %.3f  %10.3f  %16.2f  %s\n", qPrintable(methods[m].name),
                        sums[m][0] / seeds, sums[m][1] / seeds, sums[m][2] / seeds,
                        sums[m][3] / seeds, sums[m][4] / seeds,
                        purityText(worstPurity[m]).constData());
        std::fflush(stdout);
    }
    return 0;
}

} // namespace facefolio::bench
