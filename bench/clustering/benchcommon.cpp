#include "benchcommon.h"

#include "clustering/clustermetrics.h"

#include <cstdio>
#include <sys/resource.h>

namespace facefolio::bench {

double peakRssMiB()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return double(u.ru_maxrss) / 1024.0;
}

void printRow(const char *method, const Dataset &d, const std::vector<int> &labels, double seconds)
{
    const ClusterScores s = ClusterMetrics::evaluate(labels, d.truth);
    std::printf("%-34s %6zu  %.3f %.3f %.3f   %.3f %.3f %.3f   %.3f  %6d %5d  %7.3f\n", method,
                d.points.size(), s.pairwisePrecision, s.pairwiseRecall, s.pairwiseF,
                s.bcubedPrecision, s.bcubedRecall, s.bcubedF, s.nmi, s.clusters, s.noise, seconds);
    std::fflush(stdout);
}

LinkMerge::Options bridgeOptions(const QStringList &args)
{
    LinkMerge::Options o;
    for (int i = 2; i + 1 < args.size(); ++i) {
        if (args[i] == QStringLiteral("--bridge-margin"))
            o.margin = args[i + 1].toDouble();
        else if (args[i] == QStringLiteral("--bridge-pairs"))
            o.minPairs = args[i + 1].toInt();
        else if (args[i] == QStringLiteral("--bridge-ends"))
            o.minEnds = args[i + 1].toInt();
    }
    return o;
}

} // namespace facefolio::bench
