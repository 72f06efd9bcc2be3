#pragma once

// Private to core: the steps of Clusterer that work on plain arrays.

#include "catalog/embedding.h"
#include "people/clusterer.h"

#include <QHash>
#include <QPair>
#include <QSet>
#include <functional>
#include <vector>

namespace facefolio::detail {

struct LabelInput
{
    std::vector<Embedding> embeddings;
    /// Per face: the confirmed group it belongs to (one per person the user
    /// confirmed faces for), or -1. A group ends in exactly one cluster and
    /// two groups never share one.
    std::vector<int> group;
    /// Pairs that must not share a cluster: faces of one photo, and a face
    /// the user took out of a person against that person's confirmed faces.
    std::vector<std::pair<int, int>> cannotLink;
    /// Per face (or empty): taken from a whole image no detector confirmed;
    /// such faces never make a person among themselves (ClusterConstraints::loose).
    std::vector<bool> loose;
};

/// Every pair of faces of one photo (photo: per face), the pairs of a photo
/// in face order, photos in ascending id.
std::vector<std::pair<int, int>> samePhotoPairs(const std::vector<qint64> &photo);

/// Runs the chosen method; one label per face, -1 for noise.
std::vector<int> computeLabels(const LabelInput &in, const ClusterOptions &options,
                               const std::function<bool()> &cancelled);

/// Makes any labelling obey the input's groups and cannot-links, whatever
/// method produced it: each group takes the cluster most of its faces are in
/// (a new one if that is taken); other faces of a cluster that held several
/// groups go to the nearest group; of two faces that must not share a
/// cluster, the unconfirmed one farther from the cluster's centre becomes
/// noise.
void enforceConstraints(const LabelInput &in, std::vector<int> &labels);

struct JoinInput
{
    std::vector<Embedding> embeddings;
    std::vector<qint64> person; ///< 0: none
    std::vector<qint64> photo;
    std::vector<qint64> faceIds;
    std::vector<bool> isNew;                ///< faces no clustering has placed yet
    QSet<QPair<qint64, qint64>> rejections; ///< (face id, person id)
};

struct JoinResult
{
    std::vector<qint64> person; ///< per face: the person it joins, or 0
};

/// The incremental rule: a new face joins person P when the mean distance to
/// P's closest faces (at most 5) is at most `joinDistance`, P beats every
/// other person by at least 6% of `joinDistance`, the user never took the face out of P, and
/// P has no other face in the same photo.
JoinResult joinExisting(const JoinInput &in, double joinDistance);

} // namespace facefolio::detail
