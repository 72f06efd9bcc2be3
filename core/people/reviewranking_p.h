#pragma once

// Private to core: the pieces of the review ranking that ReviewQuestions
// shares between its questions and its "likeliest persons".

#include "people/reviewquestions.h"

#include <utility>
#include <vector>

namespace facefolio::detail {

/// The estimated chance that two groups (or a face and a group) whose
/// closest faces are `distance` apart are one person, for a model whose
/// clustering cut is `cut`.
double yesLikelihood(double distance, double cut);

/// What a yes joining groups of a and b faces is worth, for the ranking.
double benefit(int a, int b);

/// For face i: every person among its graph neighbours (other than its own
/// and those that rejected it), with the mean distance to that person's
/// three nearest faces (a missing one counts as `radius`), closest first.
std::vector<std::pair<qint64, double>> personDistances(const ReviewQuestions::State &s,
                                                       const KnnGraph &graph, int i, double radius);

} // namespace facefolio::detail
