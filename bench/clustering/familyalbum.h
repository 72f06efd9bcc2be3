#pragma once

// Synthetic family albums for bench_cluster album: a few people photographed
// together over 45 years, whose embeddings drift with age. A model, not data:
// it stands in for real albums, which this project does not have.

#include "catalog/embedding.h"
#include "clustering/clusterconstraints.h"

#include <vector>

namespace facefolio::bench {

struct FamilyAlbumOptions
{
    int people = 5;             ///< two parents born 1950/1953, the rest born 1976-1989
    int photos = 300;           ///< taken uniformly over 1975-2020
    double childDrift = 0.22;   ///< distance scale of one year's change up to age 18
    double adultDrift = 0.09;   ///< the same from 18 on
    double childLikeness = 0.5; ///< what all small children share, fading by age 12
    double relatedness = 0.6;   ///< share of a family look in each person's face
    double noise = 0.40;        ///< distance between two photos of one person on one day
    double strangers = 0.1;     ///< chance of a passer-by in a photo (an identity of its own)
};

struct FamilyAlbum
{
    std::vector<Embedding> points;
    std::vector<int> truth;         ///< person 0..people-1; strangers from 1000
    ClusterConstraints constraints; ///< the faces of one photo are cannot-linked
    double sameMean = 0;            ///< mean distance between two faces of one person
    double childAdultMean = 0;      ///< the same between age < 10 and age >= 30
};

FamilyAlbum makeFamilyAlbum(const FamilyAlbumOptions &options, unsigned seed);

} // namespace facefolio::bench
