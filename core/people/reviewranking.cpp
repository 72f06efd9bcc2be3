// How the review questions are found and ranked (ReviewQuestions::rank), on
// the neighbour graph and the plain state of the catalog.
#include "clustering/neighboursearch.h"
#include "people/reviewquestions.h"
#include "people/reviewranking_p.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <unordered_set>

namespace facefolio {

namespace {

/// Persons of fewer faces take the typical spread instead of their own.
constexpr int kMinSpreadFaces = 4;

using PersonPair = std::pair<qint64, qint64>; ///< smaller id first

PersonPair pairOf(qint64 a, qint64 b)
{
    return a < b ? PersonPair{a, b} : PersonPair{b, a};
}

struct PairHash
{
    size_t operator()(const PersonPair &p) const
    {
        return std::hash<qint64>()(p.first * 1000003 + p.second);
    }
};

struct Edge
{
    PersonPair persons;
    float d;
    int i, j; ///< i < j
};

// Faces the ranking may use: active, and (for pairs) in a person.
bool usable(const ReviewQuestions::State &s, int i)
{
    return s.active[size_t(i)];
}

} // namespace

namespace detail {

double yesLikelihood(double evidence, double cut)
{
    // Fitted on the questions of the three dev sets after the default
    // clustering, each set weighing the same (bench_cluster review --list):
    // an even chance at 1.03 × the cut.
    const double mid = 1.03 * cut;
    const double width = 0.08 * cut;
    return 1.0 / (1.0 + std::exp((evidence - mid) / width));
}

double evidence(double closeness, double spread, double cut, bool pair)
{
    // Closeness beyond the target's own spread counts half again: a tight
    // person photographed alike (a politician at a podium) has strangers
    // near it as it has its own faces; a loose one (a person across
    // decades) has its own faces farther apart. A pair of groups needs a
    // little more than a lone face.
    return closeness + 0.5 * std::max(0.0, closeness - spread) + (pair ? 0.05 * cut : 0.0);
}

NearPersons::NearPersons(const ReviewQuestions::State &s, const KnnGraph &graph, double radius)
    : m_radius(radius)
    , m_offsets(size_t(s.faceIds.size()) + 1, 0)
{
    // The graph rows are nearest first, so the first three faces of a person
    // met in a row are its three nearest.
    for (size_t i = 0; i < s.faceIds.size(); ++i) {
        const auto nb = graph.neighbours(int(i));
        const auto dist = graph.distancesOf(int(i));
        const size_t begin = m_near.size();
        for (size_t k = 0; k < nb.size() && dist[k] < radius; ++k) {
            const int j = nb[k];
            const qint64 p = s.person[size_t(j)];
            if (!usable(s, j) || !p)
                continue;
            auto it = std::find_if(m_near.begin() + ptrdiff_t(begin), m_near.end(),
                                   [p](const Near &x) { return x.person == p; });
            if (it == m_near.end())
                m_near.push_back({p, {dist[k], 0, 0}, 1});
            else if (it->count < 3)
                it->d[size_t(it->count++)] = dist[k];
        }
        m_offsets[i + 1] = m_near.size();
        if (usable(s, int(i)) && s.person[i])
            ++m_size[s.person[i]];
        m_own.push_back(s.person[i]);
        m_face.push_back(s.faceIds[i]);
    }
    m_rejections = &s.rejections;
}

double NearPersons::distance(int i, qint64 person, int m) const
{
    if (m <= 0)
        return m_radius;
    for (size_t k = m_offsets[size_t(i)]; k < m_offsets[size_t(i) + 1]; ++k)
        if (m_near[k].person == person) {
            double sum = 0;
            const int used = std::min(m, m_near[k].count);
            for (int x = 0; x < used; ++x)
                sum += m_near[k].d[size_t(x)];
            return (sum + m_radius * (m - used)) / m;
        }
    return m_radius;
}

std::vector<std::pair<qint64, double>> NearPersons::ranked(int i) const
{
    std::vector<std::pair<qint64, double>> out;
    for (size_t k = m_offsets[size_t(i)]; k < m_offsets[size_t(i) + 1]; ++k) {
        const qint64 p = m_near[k].person;
        if (p == m_own[size_t(i)] || m_rejections->contains({m_face[size_t(i)], p}))
            continue;
        // A person of one or two faces is as near as those faces are: its
        // missing third face is not evidence against it.
        const auto size = m_size.find(p);
        out.emplace_back(p, distance(i, p, std::min(3, size == m_size.end() ? 3 : size->second)));
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second < b.second : a.first < b.first;
    });
    return out;
}

} // namespace detail

std::vector<ReviewQuestion> ReviewQuestions::rank(const State &s, const KnnGraph &graph,
                                                  double radius, double cut, double minLikelihood)
{
    const int n = int(s.faceIds.size());
    std::unordered_map<qint64, int> size;
    for (int i = 0; i < n; ++i)
        if (usable(s, i) && s.person[size_t(i)])
            ++size[s.person[size_t(i)]];
    const detail::NearPersons near(s, graph, radius);

    // Persons sharing a photo are different people; so are persons the user
    // said are (a pair of their faces in face_distinct).
    std::unordered_set<PersonPair, PairHash> blocked;
    std::unordered_map<qint64, std::vector<qint64>> personsInPhoto;
    for (int i = 0; i < n; ++i)
        if (usable(s, i) && s.person[size_t(i)]) {
            auto &list = personsInPhoto[s.photo[size_t(i)]];
            if (std::find(list.begin(), list.end(), s.person[size_t(i)]) == list.end())
                list.push_back(s.person[size_t(i)]);
        }
    for (const auto &[photo, list] : personsInPhoto)
        for (size_t a = 0; a < list.size(); ++a)
            for (size_t b = a + 1; b < list.size(); ++b)
                blocked.insert(pairOf(list[a], list[b]));
    // Face questions: the face's own photo, and faces the user set apart from it.
    std::unordered_set<PersonPair, PairHash> faceBlocked; // (face index, person)
    for (const auto &[x, y] : s.distinct) {
        const qint64 px = s.person[size_t(x)], py = s.person[size_t(y)];
        if (px && py && px != py)
            blocked.insert(pairOf(px, py));
        if (!px && py)
            faceBlocked.insert({x, py});
        if (!py && px)
            faceBlocked.insert({y, px});
    }

    // Each person's own spread: the median over its faces of the mean
    // distance to their nearest faces of the same person.
    std::unordered_map<qint64, std::vector<double>> own;
    for (int i = 0; i < n; ++i)
        if (const qint64 p = s.person[size_t(i)]; usable(s, i) && p && size[p] > 1)
            own[p].push_back(near.distance(i, p, std::min(3, size[p] - 1)));
    // A person of a few faces has no spread to speak of: it takes the
    // median of the persons that have one.
    std::unordered_map<qint64, double> spread;
    std::vector<double> spreads;
    for (auto &[p, ds] : own) {
        std::nth_element(ds.begin(), ds.begin() + ptrdiff_t(ds.size() / 2), ds.end());
        if (size[p] >= kMinSpreadFaces) {
            spread[p] = ds[ds.size() / 2];
            spreads.push_back(spread[p]);
        }
    }
    double typicalSpread = 0.8 * cut;
    if (!spreads.empty()) {
        std::nth_element(spreads.begin(), spreads.begin() + ptrdiff_t(spreads.size() / 2),
                         spreads.end());
        typicalSpread = spreads[spreads.size() / 2];
    }
    const auto spreadOf = [&](qint64 p) {
        const auto it = spread.find(p);
        return it == spread.end() ? typicalSpread : it->second;
    };

    std::vector<ReviewQuestion> out;
    // Same person? Every pair of persons joined by a graph edge shorter than
    // the radius.
    std::vector<Edge> edges;
    for (int i = 0; i < n; ++i) {
        const qint64 pi = s.person[size_t(i)];
        if (!usable(s, i) || !pi)
            continue;
        const auto nb = graph.neighbours(i);
        const auto dist = graph.distancesOf(i);
        for (size_t k = 0; k < nb.size() && dist[k] < radius; ++k) {
            const int j = nb[k];
            const qint64 pj = s.person[size_t(j)];
            if (!usable(s, j) || !pj || pj == pi)
                continue;
            const PersonPair key = pairOf(pi, pj);
            if (!blocked.count(key))
                edges.push_back({key, dist[k], std::min(i, j), std::max(i, j)});
        }
    }
    std::sort(edges.begin(), edges.end(), [](const Edge &a, const Edge &b) {
        return std::tie(a.persons, a.d, a.i, a.j) < std::tie(b.persons, b.d, b.i, b.j);
    });
    for (size_t e = 0; e < edges.size();) {
        size_t end = e;
        while (end < edges.size() && edges[end].persons == edges[e].persons)
            ++end;
        const auto [a, b] = edges[e].persons;
        // Closeness: the closest face pairs. (How near the smaller group lies
        // to the larger on average would miss a person across decades, whose
        // two groups meet only where the years meet.)
        const int m = std::min(3, std::min(size[a], size[b]));
        double sum = 0;
        int used = 0;
        QList<qint64> evA, evB; // evA: faces of a
        for (size_t k = e; k < end; ++k) {
            if (k > e && edges[k].i == edges[k - 1].i && edges[k].j == edges[k - 1].j)
                continue; // the same pair seen from both faces
            if (used < m) {
                sum += edges[k].d;
                ++used;
            }
            for (int f : {edges[k].i, edges[k].j}) {
                QList<qint64> &side = s.person[size_t(f)] == a ? evA : evB;
                if (side.size() < 3 && !side.contains(s.faceIds[size_t(f)]))
                    side.append(s.faceIds[size_t(f)]);
            }
        }
        const double closest = (sum + radius * (m - used)) / m;
        const bool aSmaller = size[a] < size[b] || (size[a] == size[b] && a < b);
        const qint64 small = aSmaller ? a : b, large = aSmaller ? b : a;
        const double closeness = closest;
        double like =
            detail::yesLikelihood(detail::evidence(closeness, spreadOf(large), cut, true), cut);
        // Two names the user gave differently are most likely two people.
        const QString na = s.names.value(a), nb = s.names.value(b);
        if (!na.isEmpty() && !nb.isEmpty() && na.compare(nb, Qt::CaseInsensitive) != 0)
            like *= 0.3;
        if (like >= minLikelihood) {
            ReviewQuestion q;
            q.kind = ReviewQuestion::Kind::SamePerson;
            q.personA = large;
            q.personB = small;
            q.evidenceA = aSmaller ? evB : evA;
            q.evidenceB = aSmaller ? evA : evB;
            q.distance = closeness;
            q.likelihood = like;
            q.score = like * detail::benefit(size[a], size[b]);
            out.push_back(std::move(q));
        }
        e = end;
    }

    // Is this X? Faces without a person near a person.
    for (int i = 0; i < n; ++i) {
        if (!usable(s, i) || s.person[size_t(i)])
            continue;
        std::vector<std::pair<qint64, double>> cand = near.ranked(i);
        const auto inPhoto = personsInPhoto.find(s.photo[size_t(i)]);
        cand.erase(std::remove_if(cand.begin(), cand.end(),
                                  [&](const auto &c) {
                                      return faceBlocked.count({i, c.first}) ||
                                             (inPhoto != personsInPhoto.end() &&
                                              std::find(inPhoto->second.begin(),
                                                        inPhoto->second.end(),
                                                        c.first) != inPhoto->second.end());
                                  }),
                   cand.end());
        if (cand.empty())
            continue;
        double closeness = cand[0].second;
        // A face whose nearest company is other faces without a person is
        // more likely someone new than one of the persons around it.
        const auto nb = graph.neighbours(i);
        const auto dist = graph.distancesOf(i);
        for (size_t k = 0; k < nb.size() && dist[k] < cand[0].second; ++k)
            if (usable(s, nb[k]) && !s.person[size_t(nb[k])]) {
                closeness += 0.2 * cut;
                break;
            }
        const double like = detail::yesLikelihood(
            detail::evidence(closeness, spreadOf(cand[0].first), cut, false), cut);
        if (like < minLikelihood)
            continue;
        ReviewQuestion q;
        q.kind = ReviewQuestion::Kind::Face;
        q.face = s.faceIds[size_t(i)];
        q.personA = cand[0].first;
        q.distance = cand[0].second;
        q.likelihood = like;
        q.score = like * detail::benefit(1, size[cand[0].first]);
        out.push_back(std::move(q));
    }
    std::sort(out.begin(), out.end(), [](const ReviewQuestion &a, const ReviewQuestion &b) {
        if (a.score != b.score)
            return a.score > b.score;
        return std::tie(a.personA, a.personB, a.face) < std::tie(b.personA, b.personB, b.face);
    });
    return out;
}

namespace detail {

double benefit(int a, int b)
{
    // The chance of a yes decides the order; among questions about as
    // likely, the one that puts more faces in place comes first (measured:
    // weighing by the faces a yes joins, a·b, put large persons' strangers
    // first on lfw-dev and halved the yes answers).
    return 1.0 + 0.1 * std::log2(1.0 + double(std::min(a, b)));
}

} // namespace detail

} // namespace facefolio
