#pragma once

#include <cstddef>
#include <utility>
#include <vector>

namespace facefolio {

/// The user's decisions and the facts of the photos, as constraints on point
/// indices for AverageLinkage and ChineseWhispers. Indices outside the point
/// range are ignored.
struct ClusterConstraints
{
    /// Pairs that must never end in one cluster: two faces of one photo, a face
    /// the user took out of a person and a face of that person. A cannot-link
    /// to any member of a must-link group keeps the point away from the whole
    /// group.
    std::vector<std::pair<int, int>> cannotLink;
    /// Groups that start as one cluster and stay together (faces the user
    /// confirmed for one person; persons the user merged). Overlapping groups
    /// are joined. Inside a group the group wins over a cannot-link pair: the
    /// user may put two faces of one photo into one person by hand.
    std::vector<std::vector<int>> mustLink;
    /// Points that never start a cluster among themselves (faces taken from a
    /// whole image that no detector confirmed): average linkage leaves each
    /// alone, and FragmentJoin lets it join only a cluster that holds a point
    /// that is not loose. A loose point in a must-link group is not loose.
    std::vector<bool> loose;
};

/// ClusterConstraints::loose for `points` points, less the must-link members.
inline std::vector<bool> loosePoints(const ClusterConstraints &c, int points)
{
    std::vector<bool> out = c.loose;
    out.resize(std::size_t(points), false);
    for (const auto &group : c.mustLink)
        for (int p : group)
            if (p >= 0 && p < points)
                out[std::size_t(p)] = false;
    return out;
}

} // namespace facefolio
