#pragma once

#include <vector>

namespace facefolio {

/// Union-find root of x in parent, halving the path on the way.
inline int findRoot(std::vector<int> &parent, int x)
{
    while (parent[size_t(x)] != x) {
        parent[size_t(x)] = parent[size_t(parent[size_t(x)])];
        x = parent[size_t(x)];
    }
    return x;
}

} // namespace facefolio
