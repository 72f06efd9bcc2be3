#pragma once

#include "clustering/neighboursearch.h"

#include <optional>
#include <span>

namespace facefolio {

/// The k-nearest-neighbour graph of many points by an exact search inside a
/// partition of the points (an inverted file): k-means splits the points into
/// cells of about cellSize points; the points of each cell are compared, by
/// BLAS sgemm tiles like NeighbourSearch's exact search, with every point of
/// the `probes` cells whose centres lie nearest that cell's centre (its own
/// included). Candidates are re-measured in double precision and each row is
/// ordered by that exact distance (ties by index), as in the exact search.
/// What may differ from the exact graph is a true neighbour that lies in a cell
/// nobody probed; tight groups of faces (one person) fall in one cell or in
/// neighbouring ones, so the neighbours that matter for clustering are found.
/// Measured with bench_cluster synthetic N [--probes P] [--recall-rows R] on
/// 2 cores shared with other builds (load 4-6): at 100,000 faces at least 97%
/// of the exact neighbours, and average linkage on it scores as on the exact
/// graph (pairwise F 0.998, BCubed F 0.998 either way); at 1,000,000 faces
/// probes 4 / 6 / 8 took 74 / 61 / 117 s of wall time for the graph (73 / 84 /
/// 95 s of CPU for the whole run) and gave BCubed F 0.961 / 0.976 / 0.982:
/// more probes find more of the small identities that straddle cells.
///
/// Deterministic: the same input gives the same graph on any thread count.
/// Time O(n · probes · cellSize + n · n / cellSize), memory
/// O(n·k + threads · probes · cellSize).
class PartitionedKnn final
{
public:
    struct Options
    {
        int threads = 1;    ///< worker threads, >= 1
        int cellSize = 0;   ///< points per cell, on average; 0: sqrt(n / probes)
        int probes = 6;     ///< cells searched for the points of a cell
        int iterations = 5; ///< k-means rounds (on a sample of 32 points per cell)
    };

    /// std::nullopt when cancelled. Progress counts the points whose rows are done.
    static std::optional<KnnGraph> search(std::span<const Embedding> points, int k,
                                          const Options &options,
                                          const ClusterControl &control = {});
};

} // namespace facefolio
