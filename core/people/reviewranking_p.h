#pragma once

// Private to core: the pieces of the review ranking that ReviewQuestions
// shares between its questions and its "likeliest persons".

#include "people/reviewquestions.h"

#include <array>
#include <unordered_map>
#include <utility>
#include <vector>

namespace facefolio::detail {

/// The estimated chance that a question whose evidence value (evidence())
/// is `evidence` gets a yes, for a model whose clustering cut is `cut`.
double yesLikelihood(double evidence, double cut);

/// The evidence value of a question from how close the two sides are and
/// the target person's own spread (lower: more likely one person).
double evidence(double closeness, double spread, double cut, bool pair);

/// What a yes joining groups of a and b faces is worth, for the ranking.
double benefit(int a, int b);

/// For every face, the persons among its graph neighbours closer than the
/// radius with the distances to (at most) their three nearest faces.
class NearPersons final
{
public:
    NearPersons(const ReviewQuestions::State &s, const KnnGraph &graph, double radius);
    /// The mean distance from face i to the m nearest faces of the person, a
    /// face that is not among i's neighbours counting as the radius.
    double distance(int i, qint64 person, int m) const;
    /// The persons near face i (not its own, not those that rejected it),
    /// with distance(i, p, m) for m the person's faces, at most three,
    /// closest first.
    std::vector<std::pair<qint64, double>> ranked(int i) const;

private:
    struct Near
    {
        qint64 person;
        std::array<float, 3> d;
        int count;
    };
    double m_radius;
    std::vector<size_t> m_offsets;
    std::vector<Near> m_near;
    std::vector<qint64> m_own, m_face;
    std::unordered_map<qint64, int> m_size; ///< usable faces of each person
    const QSet<QPair<qint64, qint64>> *m_rejections = nullptr;
};

} // namespace facefolio::detail
